"""Executor with fake handlers: parallelism, failures, retries, readiness, destroy order."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from privnet.engine.plan import Action
from privnet.engine.walk import Status
from privnet.providers.base import Attributes
from privnet.resources.model import ResourceGraph
from tests.engine.conftest import EngineFactory, sample_graph
from tests.engine.fakes import FakeCloud, FakeHandler, graph_of, ref, res


def wide_graph(width: int) -> ResourceGraph:
    return graph_of(*[res(f"fake.network.n{i}", {"i": i}) for i in range(width)])


def test_independent_resources_run_in_parallel_within_the_limit(
        make_engine: EngineFactory, handlers: dict[str, FakeHandler], cloud: FakeCloud) -> None:
    handlers["fake.network"].call_seconds = 0.02
    started = time.monotonic()
    _, result = make_engine(lambda: wide_graph(12), parallelism=4).apply()
    elapsed = time.monotonic() - started
    assert result.ok
    assert cloud.max_active == 4
    assert elapsed < 12 * 3 * 0.02  # serial would take 12 nodes x 3 calls x 20 ms


def test_dependencies_complete_before_dependents_start(make_engine: EngineFactory,
                                                       cloud: FakeCloud) -> None:
    make_engine().apply()
    creates = cloud.ops("create")
    assert creates.index("fake.network.main") < creates.index("fake.subnet.a")
    assert creates.index("fake.subnet.a") < creates.index("confluent.topic.main.t")
    assert creates.index("confluent.cluster.main") < creates.index("confluent.topic.main.t")


def test_failure_skips_descendants_and_the_rest_continues(
        make_engine: EngineFactory, handlers: dict[str, FakeHandler], cloud: FakeCloud) -> None:
    handlers["fake.subnet"].fail_create = {"fake.subnet.a"}
    engine = make_engine()
    _, result = engine.apply()
    assert not result.ok
    assert result.outcomes["fake.subnet.a"].status is Status.FAILED
    assert "refused to create fake.subnet.a" in result.outcomes["fake.subnet.a"].detail
    topic = result.outcomes["confluent.topic.main.t"]
    assert topic.status is Status.SKIPPED and topic.detail == "upstream failed: fake.subnet.a"
    assert result.outcomes["fake.subnet.b"].status is Status.DONE
    assert result.outcomes["confluent.cluster.main"].status is Status.DONE
    assert "confluent.topic.main.t" not in cloud.ops("create")
    recorded = engine.store.load().resources
    assert "fake.subnet.b" in recorded and "fake.subnet.a" not in recorded
    assert "1 failed, 1 skipped" in result.summary("Apply")


def test_transient_errors_are_retried_honouring_retry_after(
        make_engine: EngineFactory, handlers: dict[str, FakeHandler], cloud: FakeCloud) -> None:
    handler = handlers["confluent.cluster"]
    handler.transient_failures = {"create:confluent.cluster.main": 2}
    handler.retry_after = 0.05
    started = time.monotonic()
    _, result = make_engine().apply()
    assert result.ok
    assert cloud.ops("create").count("confluent.cluster.main") == 3
    assert time.monotonic() - started >= 0.1  # two waits of Retry-After 0.05 s


def test_persistent_throttling_gives_up_after_bounded_attempts(
        make_engine: EngineFactory, handlers: dict[str, FakeHandler], cloud: FakeCloud) -> None:
    handlers["confluent.cluster"].transient_failures = {"create:confluent.cluster.main": 99}
    _, result = make_engine().apply()
    outcome = result.outcomes["confluent.cluster.main"]
    assert outcome.status is Status.FAILED and "after 6 attempts" in outcome.detail
    assert cloud.ops("create").count("confluent.cluster.main") == 6


def test_readiness_is_polled_until_ready_and_attributes_kept(
        make_engine: EngineFactory, handlers: dict[str, FakeHandler]) -> None:
    handlers["confluent.cluster"].polls_until_ready = 3
    engine = make_engine()
    _, result = engine.apply()
    assert result.ok
    assert handlers["confluent.cluster"].polls["confluent.cluster.main"] == 4
    recorded = engine.store.load().resources["confluent.cluster.main"]
    assert recorded.attributes["endpoint"] == recorded.attributes["id"] + ".example"
    assert not recorded.pending


def test_failed_readiness_fails_the_node(make_engine: EngineFactory,
                                         handlers: dict[str, FakeHandler]) -> None:
    handlers["confluent.cluster"].fail_ready = {"confluent.cluster.main"}
    engine = make_engine()
    _, result = engine.apply()
    assert result.outcomes["confluent.cluster.main"].status is Status.FAILED
    assert "phase FAILED" in result.outcomes["confluent.cluster.main"].detail
    assert engine.store.load().resources["confluent.cluster.main"].pending


def test_interrupted_create_is_adopted_not_duplicated(
        make_engine: EngineFactory, handlers: dict[str, FakeHandler], cloud: FakeCloud) -> None:
    handlers["confluent.cluster"].fail_ready = {"confluent.cluster.main"}
    make_engine().apply()
    handlers["confluent.cluster"].fail_ready = set()
    engine = make_engine()
    _, result = engine.apply()
    assert result.ok
    clusters = [o for o in cloud.objects.values() if o["address"] == "confluent.cluster.main"]
    assert len(clusters) == 1
    assert cloud.ops("create").count("confluent.cluster.main") == 1


def test_lost_state_write_is_healed_by_find(make_engine: EngineFactory, cloud: FakeCloud) -> None:
    engine = make_engine()
    engine.apply()
    engine.store.path.unlink()  # as if the process died before recording anything
    _, result = make_engine().apply()
    assert result.ok
    assert len(cloud.objects) == 5
    assert len(cloud.ops("create")) == 5


def test_destroy_deletes_dependents_first_and_empties_state(
        make_engine: EngineFactory, cloud: FakeCloud) -> None:
    engine = make_engine()
    engine.apply()
    _, result = engine.destroy()
    assert result.ok
    deletes = cloud.ops("delete")
    assert deletes.index("confluent.topic.main.t") < deletes.index("confluent.cluster.main")
    assert deletes.index("confluent.topic.main.t") < deletes.index("fake.subnet.a")
    assert deletes.index("fake.subnet.a") < deletes.index("fake.network.main")
    assert cloud.objects == {}
    assert engine.store.load().resources == {}


def test_unreachable_data_plane_is_removed_with_its_cluster(
        make_engine: EngineFactory, handlers: dict[str, FakeHandler], cloud: FakeCloud) -> None:
    engine = make_engine()
    engine.apply()
    handlers["confluent.topic"].unreachable_delete = True
    _, result = engine.destroy()
    assert result.ok
    assert "removed with its cluster confluent.cluster.main" in (
        result.outcomes["confluent.topic.main.t"].detail)
    assert engine.store.load().resources == {}


def test_a_link_whose_owner_is_gone_is_removed_with_its_cluster(
        make_engine: EngineFactory, handlers: dict[str, FakeHandler]) -> None:
    """The link handler turns a 401 on deletion into OwnerGoneError (tested with the real
    handler in test_keys_and_links); the executor only reads the kind's ``owner`` trait."""
    def with_link() -> ResourceGraph:
        return graph_of(res("confluent.cluster.main", {"name": "main"}),
                        res("confluent.link.l.destination", {"c": ref("confluent.cluster.main")}))

    engine = make_engine(with_link)
    engine.apply()
    handlers["confluent.link"].owner_gone_delete = True
    _, result = engine.destroy()
    assert result.ok
    assert "removed with its cluster confluent.cluster.main" in (
        result.outcomes["confluent.link.l.destination"].detail)
    assert engine.store.load().resources == {}


def test_unreachable_data_plane_without_its_cluster_going_is_a_failure(
        make_engine: EngineFactory, handlers: dict[str, FakeHandler]) -> None:
    make_engine().apply()
    handlers["confluent.topic"].unreachable_delete = True
    only_cluster = make_engine(lambda: graph_of(res("confluent.cluster.main", {"name": "main"}),
                                                res("fake.network.main", {"cidr": "10.0.0.0/16"}),
                                                res("fake.subnet.a", {
                                                    "network": ref("fake.network.main"),
                                                    "az": "a"}),
                                                res("fake.subnet.b", {
                                                    "network": ref("fake.network.main"),
                                                    "az": "b"})))
    _, result = only_cluster.apply()
    outcome = result.outcomes["confluent.topic.main.t"]
    assert outcome.status is Status.FAILED and "no such host" in outcome.detail
    assert "confluent.topic.main.t" in only_cluster.store.load().resources


def test_raw_aws_throttling_from_a_handler_is_retried_too() -> None:
    from botocore.exceptions import ClientError

    from privnet.engine.backoff import FAST_POLICY, Waiter
    from privnet.engine.retry import is_transient, retry_transient

    throttled = ClientError({"Error": {"Code": "ThrottlingException", "Message": "slow down"}},
                            "GetSecretValue")
    denied = ClientError({"Error": {"Code": "AccessDenied", "Message": "no"}}, "GetSecretValue")
    assert is_transient(throttled) and not is_transient(denied)
    answers: list[object] = [throttled, throttled, "value"]

    def flaky() -> str:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return str(answer)

    assert retry_transient(flaky, FAST_POLICY, Waiter(), "secret") == "value"
    assert answers == []


def cascade(make_engine: EngineFactory, handlers: dict[str, FakeHandler]) -> None:
    make_engine().apply()
    handlers["fake.network"].replace_on = frozenset({"cidr"})
    handlers["fake.subnet"].replace_on = frozenset({"network"})


def test_replacements_delete_old_dependents_first_then_recreate(
        make_engine: EngineFactory, handlers: dict[str, FakeHandler], cloud: FakeCloud) -> None:
    cascade(make_engine, handlers)
    old_network = next(i for i, o in cloud.objects.items() if o["address"] == "fake.network.main")
    cloud.calls.clear()
    engine = make_engine(lambda: sample_graph("10.9.0.0/16"))
    _, result = engine.apply()
    assert result.ok
    deletes, creates = cloud.ops("delete"), cloud.ops("create")
    assert deletes.index("fake.subnet.a") < deletes.index("fake.network.main")
    assert creates.index("fake.network.main") < creates.index("fake.subnet.a")
    assert cloud.ops("update") == ["confluent.topic.main.t"]
    networks = {i: o for i, o in cloud.objects.items() if o["address"] == "fake.network.main"}
    assert list(networks) != [old_network] and len(networks) == 1
    new_network = next(iter(networks))
    assert networks[new_network]["properties"]["cidr"] == "10.9.0.0/16"
    subnets = [o for o in cloud.objects.values() if o["address"].startswith("fake.subnet.")]
    assert len(subnets) == 2 and all(s["properties"]["network"] == new_network for s in subnets)
    assert not engine.plan().has_changes


def test_replacement_whose_old_object_cannot_go_stops_its_branch(
        make_engine: EngineFactory, handlers: dict[str, FakeHandler], cloud: FakeCloud) -> None:
    cascade(make_engine, handlers)
    handlers["fake.subnet"].fail_delete = {"fake.subnet.a"}
    _, result = make_engine(lambda: sample_graph("10.9.0.0/16")).apply()
    assert result.outcomes["fake.subnet.a"].status is Status.FAILED
    assert "was not deleted" in result.outcomes["fake.subnet.a"].detail
    assert result.outcomes["fake.network.main"].status is Status.FAILED
    assert result.outcomes["confluent.cluster.main"].status is Status.DONE
    assert sum(o["address"] == "fake.network.main" for o in cloud.objects.values()) == 1


def test_cancelling_a_run_stops_waiting_at_once(
        make_engine: EngineFactory, handlers: dict[str, FakeHandler]) -> None:
    import threading

    from privnet.engine.backoff import RetryPolicy
    from privnet.engine.executor import Executor

    handlers["confluent.cluster"].polls_until_ready = 10**9
    engine = make_engine()
    plan = engine.plan()
    slow = RetryPolicy(base_delay=30.0, max_delay=30.0)  # long waits: only a cancel ends them
    executor = Executor(engine.ctx, engine.handlers, engine.store, engine.store.load(), slow)
    polled = threading.Event()
    original = handlers["confluent.cluster"].check_ready

    def check_ready(*args: object) -> object:
        polled.set()
        return original(*args)  # type: ignore[arg-type]

    handlers["confluent.cluster"].check_ready = check_ready  # type: ignore[method-assign,assignment]
    results: list[object] = []
    runner = threading.Thread(target=lambda: results.append(executor.apply(plan, engine.graph())))
    started = time.monotonic()
    runner.start()
    assert polled.wait(10)
    executor.waiter.cancel()
    runner.join(10)
    assert not runner.is_alive() and time.monotonic() - started < 10
    outcome = results[0].outcomes["confluent.cluster.main"]  # type: ignore[attr-defined]
    assert outcome.status is Status.FAILED and "interrupted" in outcome.detail
    assert engine.store.load().resources["confluent.cluster.main"].pending


class RevisionHandler(FakeHandler):
    """Reports the ``revision`` it was last given as an attribute: a value its dependents
    read, which changes only once the object itself is updated."""

    def create(self, ctx: Any, address: str, properties: Mapping[str, Any]) -> Attributes:
        return {**super().create(ctx, address, properties), "revision": properties["revision"]}

    def update(self, ctx: Any, address: str, properties: Mapping[str, Any],
               attributes: Attributes) -> Attributes:
        return {**super().update(ctx, address, properties, attributes),
                "revision": properties["revision"]}


def revision_graph(revision: int) -> ResourceGraph:
    """network (revision) <- subnet.a reads it; subnet.b only needs the network's id."""
    return graph_of(
        res("fake.network.main", {"revision": revision}),
        res("fake.subnet.a", {"network": ref("fake.network.main", "revision")}),
        res("fake.subnet.b", {"network": ref("fake.network.main")}),
    )


def test_a_dependent_reading_what_an_update_changed_follows_in_the_same_apply(
        make_engine: EngineFactory, handlers: dict[str, FakeHandler], cloud: FakeCloud) -> None:
    handlers["fake.network"] = RevisionHandler("fake.network", cloud)
    assert make_engine(lambda: revision_graph(1)).apply()[1].ok
    cloud.calls.clear()
    engine = make_engine(lambda: revision_graph(2))
    planned = {c.address: c.action for c in engine.plan().changes}
    assert planned["fake.network.main"] is Action.UPDATE
    assert planned.get("fake.subnet.a", Action.NOOP) is Action.NOOP  # known only after it

    _, result = engine.apply()

    assert result.ok
    assert sorted(cloud.ops("update")) == ["fake.network.main", "fake.subnet.a"]
    subnet = next(o for o in cloud.objects.values() if o["address"] == "fake.subnet.a")
    assert subnet["properties"]["network"] == 2
    assert not engine.plan().has_changes
