"""Cluster links, mirrors and what deleting a cluster or an environment takes with it."""

from __future__ import annotations

from privnet.local.ccloud.store import EmulatorState
from tests.local.ccloud import scenario as s
from tests.local.ccloud.client import ContractClient

DUPLICATE = "A cluster link already exists with the provided link name"


def _state(client: ContractClient) -> EmulatorState:
    state: EmulatorState = client.http.app.state.emulator  # type: ignore[attr-defined]
    return state


def _pair(client: ContractClient) -> tuple[str, str, str, tuple[str, str], tuple[str, str]]:
    env = s.environment(client)
    s.platt(client, env)
    sandbox, shared = s.cluster(client, env, "sandbox"), s.cluster(client, env, "shared")
    return (
        env,
        sandbox,
        shared,
        s.cluster_admin_key(client, sandbox, "sandbox-admin"),
        s.cluster_admin_key(client, shared, "shared-admin"),
    )


def _bidirectional(remote: str, key: tuple[str, str]) -> dict[str, object]:
    return {
        "remote_cluster_id": remote,
        "configs": s.configs(
            link_mode="BIDIRECTIONAL",
            bootstrap_servers=f"{remote}:9092",
            sasl_jaas_config=s.jaas(key),
        ),
    }


def test_duplicate_link_name_is_the_real_400(client: ContractClient) -> None:
    _, sandbox, shared, sandbox_key, shared_key = _pair(client)
    body = _bidirectional(shared, shared_key)
    assert s.link(client, sandbox, sandbox_key, "bidi", body).status_code == 204
    again = s.link(client, sandbox, sandbox_key, "bidi", body)
    assert again.status_code == 400
    assert again.json()["message"] == DUPLICATE


def test_both_sides_of_a_bidirectional_link_share_one_id(client: ContractClient) -> None:
    _, sandbox, shared, sandbox_key, shared_key = _pair(client)
    s.ok(s.link(client, sandbox, sandbox_key, "bidi", _bidirectional(shared, shared_key)), 204)
    s.ok(s.link(client, shared, shared_key, "bidi", _bidirectional(sandbox, sandbox_key)), 204)
    ids = {
        s.ok(client.call("GET", s.LINK, {"cluster_id": c, "link_name": "bidi"}, auth=k), 200)[
            "cluster_link_id"
        ]
        for c, k in ((sandbox, sandbox_key), (shared, shared_key))
    }
    assert len(ids) == 1


def test_a_wrong_remote_key_is_401(client: ContractClient) -> None:
    _, sandbox, shared, sandbox_key, shared_key = _pair(client)
    wrong = (shared_key[0], "not-the-secret")
    answer = s.link(client, sandbox, sandbox_key, "bidi", _bidirectional(shared, wrong))
    assert answer.status_code == 401
    assert "error_code" in answer.json()
    assert _state(client).count("links") == 0


def test_a_key_of_another_cluster_is_401(client: ContractClient) -> None:
    _, sandbox, shared, sandbox_key, _ = _pair(client)
    answer = s.link(client, sandbox, sandbox_key, "bidi", _bidirectional(shared, sandbox_key))
    assert answer.status_code == 401


def _private_source_public_destination(
    client: ContractClient,
) -> tuple[str, str, tuple[str, str], tuple[str, str]]:
    _, source, _, source_key, _ = _pair(client)
    destination = s.cluster(client, s.environment(client, "public"), "dr", kind="Dedicated")
    return source, destination, source_key, s.cluster_admin_key(client, destination, "dr-admin")


def test_destination_initiated_link_to_a_private_source_is_401(client: ContractClient) -> None:
    source, destination, source_key, destination_key = _private_source_public_destination(client)
    body = {
        "source_cluster_id": source,
        "configs": s.configs(
            bootstrap_servers=f"{source}:9092", sasl_jaas_config=s.jaas(source_key)
        ),
    }
    assert s.link(client, destination, destination_key, "dr", body).status_code == 401


def test_source_initiated_link_to_a_public_destination_works(client: ContractClient) -> None:
    source, destination, source_key, destination_key = _private_source_public_destination(client)
    inbound = {
        "source_cluster_id": source,
        "configs": s.configs(link_mode="DESTINATION", connection_mode="INBOUND"),
    }
    outbound = {
        "destination_cluster_id": destination,
        "configs": s.configs(
            link_mode="SOURCE",
            connection_mode="OUTBOUND",
            bootstrap_servers=f"{destination}:9092",
            sasl_jaas_config=s.jaas(destination_key),
            local_sasl_jaas_config=s.jaas(source_key),
        ),
    }
    early = s.link(client, source, source_key, "dr", outbound)
    assert early.status_code == 400, "the SOURCE side needs the INBOUND side first"
    s.ok(s.link(client, destination, destination_key, "dr", inbound), 204)
    s.ok(s.link(client, source, source_key, "dr", outbound), 204)
    s.ok(s.topic(client, source, source_key, "orders"), 201)
    mirror = {"cluster_id": destination, "link_name": "dr"}
    s.ok(
        client.call(
            "POST",
            s.LINK + "/mirrors",
            mirror,
            auth=destination_key,
            json={"source_topic_name": "orders"},
        ),
        204,
    )
    configs = s.ok(
        client.call(
            "GET", s.LINK + "/configs", {"cluster_id": source, "link_name": "dr"}, auth=source_key
        ),
        200,
    )
    assert source_key[1] not in str(configs) and destination_key[1] not in str(configs)


def _linked_with_mirror(client: ContractClient) -> tuple[str, str, str, tuple[str, str]]:
    env, sandbox, shared, sandbox_key, shared_key = _pair(client)
    s.ok(s.topic(client, sandbox, sandbox_key, "trades"), 201)
    s.ok(s.link(client, shared, shared_key, "bidi", _bidirectional(sandbox, sandbox_key)), 204)
    link = {"cluster_id": shared, "link_name": "bidi"}
    s.ok(
        client.call(
            "POST", s.LINK + "/mirrors", link, auth=shared_key, json={"source_topic_name": "trades"}
        ),
        204,
    )
    acl = {
        "resource_type": "TOPIC",
        "resource_name": "trades",
        "pattern_type": "LITERAL",
        "principal": "User:sa-x",
        "host": "*",
        "operation": "READ",
        "permission": "ALLOW",
    }
    s.ok(
        client.call("POST", s.KAFKA + "/acls", {"cluster_id": shared}, auth=shared_key, json=acl),
        201,
    )
    return env, sandbox, shared, shared_key


def test_deleting_a_cluster_deletes_its_topics_acls_links_and_mirrors(
    client: ContractClient,
) -> None:
    env, sandbox, shared, _ = _linked_with_mirror(client)
    state = _state(client)
    assert [state.count(t) for t in ("topics", "acls", "links")] == [2, 1, 1]
    s.ok(
        client.call("DELETE", "/cmk/v2/clusters/{id}", {"id": shared}, params={"environment": env}),
        204,
    )
    remaining = state.all("topics")
    assert [t.fields["cluster_id"] for t in remaining] == [sandbox]
    assert state.count("acls") == 0 and state.count("links") == 0
    assert all(k.fields["resource"] != shared for k in state.all("api_keys"))


def test_deleting_a_mirror_topic_deletes_the_mirror(client: ContractClient) -> None:
    _, _, shared, shared_key = _linked_with_mirror(client)
    link = {"cluster_id": shared, "link_name": "bidi"}
    refused = client.call("DELETE", s.LINK, link, auth=shared_key)
    assert refused.status_code == 400, "a link with active mirrors is not deleted without force"
    s.ok(
        client.call(
            "DELETE",
            s.KAFKA + "/topics/{topic_name}",
            {"cluster_id": shared, "topic_name": "trades"},
            auth=shared_key,
        ),
        204,
    )
    assert s.ok(client.call("GET", s.LINK + "/mirrors", link, auth=shared_key), 200)["data"] == []
    s.ok(client.call("DELETE", s.LINK, link, auth=shared_key), 200)


def test_mirror_actions_follow_the_state_machine(client: ContractClient) -> None:
    _, _, shared, key = _linked_with_mirror(client)
    link = {"cluster_id": shared, "link_name": "bidi"}
    names = {"mirror_topic_names": ["trades"]}
    mirror = {**link, "mirror_topic_name": "trades"}

    def status() -> str:
        return str(
            s.ok(
                client.call("GET", s.LINK + "/mirrors/{mirror_topic_name}", mirror, auth=key), 200
            )["mirror_status"]
        )

    assert status() == "ACTIVE"
    s.ok(client.call("POST", s.LINK + "/mirrors:pause", link, auth=key, json=names), 200)
    assert status() == "PAUSED"
    resumed = s.ok(client.call("POST", s.LINK + "/mirrors:resume", link, auth=key, json=names), 200)
    assert resumed["data"][0]["error_code"] is None and status() == "ACTIVE"
    s.ok(client.call("POST", s.LINK + "/mirrors:promote", link, auth=key, json=names), 200)
    assert status() == "STOPPED"
    again = s.ok(client.call("POST", s.LINK + "/mirrors:resume", link, auth=key, json=names), 200)
    assert again["data"][0]["error_code"] == 400


def test_deleting_an_environment_cascades(client: ContractClient) -> None:
    env, *_ = _linked_with_mirror(client)
    state = _state(client)
    assert state.count("schema_registries") == 1
    s.ok(client.call("DELETE", "/org/v2/environments/{id}", {"id": env}), 204)
    for table in ("clusters", "topics", "acls", "links", "platts", "schema_registries"):
        assert state.count(table) == 0, table
