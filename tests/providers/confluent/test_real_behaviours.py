"""The Confluent handlers against the emulator's real behaviours: 403 for deleted objects,
failure phases, optional fields absent, and endpoint maps in no set order."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from privnet.errors import PrivnetError
from privnet.local.ccloud import EmulatorSettings
from privnet.local.ccloud.phase_control import force_phase
from privnet.local.ccloud.store import EmulatorState
from privnet.providers.base import Attributes
from privnet.providers.confluent.cluster_endpoints import cluster_endpoint
from privnet.providers.confluent.errors import ForbiddenError
from privnet.targets.context import CloudContext
from privnet.targets.inprocess import InProcessCloud
from tests.providers.confluent.conftest import STACK, apply, handler

REGION = "us-east-1"
Edit = Callable[[httpx.Request, dict[str, Any]], dict[str, Any]]


def store(cloud: InProcessCloud) -> EmulatorState:
    state: EmulatorState = cloud.app.state.emulator
    return state


def environment(ctx: CloudContext) -> Attributes:
    return apply(ctx, "confluent.environment", "e", {
        "display_name": "env", "stream_governance": "ESSENTIALS", "existing_id": None})


def cluster(ctx: CloudContext, env: Attributes, **extra: Any) -> Attributes:
    return apply(ctx, "confluent.cluster", "confluent.cluster.c", {
        "display_name": "c", "availability": "HIGH", "cloud": "AWS", "region": REGION,
        "config": {"kind": "Enterprise"}, "environment_id": env["id"],
        "endpoint_type": "PUBLIC", **extra})


def account(ctx: CloudContext, name: str = "app") -> Attributes:
    return apply(ctx, "confluent.service_account", f"confluent.service_account.{name}", {
        "display_name": name, "description": "(privnet stack t)",
        "owner_marker": "(privnet stack t)"})


class Rewriting(httpx.BaseTransport):
    """Passes calls to the emulator, letting a test change one kind of answer."""

    def __init__(self, inner: httpx.BaseTransport, edit: Edit) -> None:
        self.inner, self.edit = inner, edit

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.read()
        if not response.content or response.status_code >= 300:
            return response
        body = self.edit(request, json.loads(response.content))
        return httpx.Response(response.status_code, json=body, request=request)


@pytest.fixture
def rewritten(cloud: InProcessCloud) -> Iterator[Callable[[Edit], CloudContext]]:
    made: list[CloudContext] = []

    def make(edit: Edit) -> CloudContext:
        context = cloud.context(STACK, REGION)
        inner = context.transport_factory
        assert inner is not None
        wrapped = Rewriting(inner(), edit)
        context.transport_factory = lambda: wrapped
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


# -- 403 means gone only where the real API means it -----------------------------------------

def test_a_deleted_cluster_reads_as_gone_and_deletes_again_quietly(ctx: CloudContext) -> None:
    clusters = handler("confluent.cluster")
    made = cluster(ctx, environment(ctx))
    clusters.delete(ctx, "c", made)

    assert clusters.read(ctx, "c", made) is None  # the emulator answered 403
    clusters.delete(ctx, "c", made)  # 403 again, still success


def test_a_deleted_role_binding_reads_as_gone(ctx: CloudContext) -> None:
    env = environment(ctx)
    sa = account(ctx)
    bindings = handler("confluent.role_binding")
    made = apply(ctx, "confluent.role_binding", "rb", {
        "principal_id": sa["id"], "role_name": "EnvironmentAdmin", "environment_id": env["id"],
        "cluster_id": None, "schema_registry_id": None, "subject": None})
    bindings.delete(ctx, "rb", made)

    assert bindings.read(ctx, "rb", made) is None
    bindings.delete(ctx, "rb", made)


def test_an_api_key_deleted_outside_privnet_is_deleted_again_quietly(
        ctx: CloudContext, cloud: InProcessCloud) -> None:
    env = environment(ctx)
    made = cluster(ctx, env)
    sa = account(ctx)
    keys = handler("confluent.api_key")
    key = apply(ctx, "confluent.api_key", "confluent.api_key.app.c", {
        "display_name": "t/app/c", "owner_id": sa["id"], "environment_id": env["id"],
        "resource": "c", "resource_id": made["id"], "client_endpoint": made["bootstrap_endpoint"],
        "client_endpoints": None, "rest_endpoint": made["rest_endpoint"],
        "secret_name": "/t/c/app/java_client", "keep": 2, "day_count": 30,
        "client_secret_names": {"java_client": "/t/c/app/java_client"}})
    ctx.confluent().delete(f"/iam/v2/api-keys/{key['id']}")

    keys.delete(ctx, "confluent.api_key.app.c", key)  # the emulator answers 403

    assert store(cloud).was_deleted("api_keys", str(key["id"]))


def _forbidden_everywhere(listed: list[dict[str, Any]], detail: str) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/cmk/v2/clusters":
            return httpx.Response(200, json={"data": listed, "metadata": {}})
        return httpx.Response(403, json={"errors": [{"status": "403", "code": "user_unauthorized",
                                                     "detail": detail}]})
    return httpx.MockTransport(answer)


@pytest.mark.parametrize(("listed", "detail"), [
    ([{"id": "lkc-1"}], "The user is not allowed to access the resource"),  # a missing role
    ([], "invalid API key"),  # the caller's key itself is refused
])
def test_a_genuine_403_is_an_error_not_gone(listed: list[dict[str, Any]], detail: str) -> None:
    transport = _forbidden_everywhere(listed, detail)
    context = CloudContext(stack=STACK, region=REGION, confluent_url="https://api.confluent.cloud",
                           confluent_key="k", confluent_secret="s",
                           transport_factory=lambda: transport)
    recorded = {"id": "lkc-1", "environment_id": "env-1", "endpoint_type": "PUBLIC"}

    with pytest.raises(ForbiddenError):
        handler("confluent.cluster").read(context, "c", recorded)
    with pytest.raises(ForbiddenError):
        handler("confluent.cluster").delete(context, "c", recorded)


def test_a_403_on_a_kind_that_answers_404_when_gone_stays_an_error() -> None:
    transport = _forbidden_everywhere([], "The user is not allowed to access the resource")
    context = CloudContext(stack=STACK, region=REGION, confluent_url="https://api.confluent.cloud",
                           confluent_key="k", confluent_secret="s",
                           transport_factory=lambda: transport)

    with pytest.raises(ForbiddenError):
        handler("confluent.platt").read(context, "p", {"id": "platt-1", "environment_id": "e"})


def test_objects_of_a_hand_deleted_environment_read_as_gone_and_delete_quietly(
        ctx: CloudContext) -> None:
    env = environment(ctx)
    made = {
        "confluent.cluster": cluster(ctx, env),
        "confluent.platt": apply(ctx, "confluent.platt", "p", {
            "display_name": "p", "cloud": "AWS", "region": REGION, "environment_id": env["id"]}),
        "confluent.ingress_gateway": apply(ctx, "confluent.ingress_gateway", "g", {
            "display_name": "ingress", "region": REGION, "environment_id": env["id"]}),
    }
    registry = handler("confluent.schema_registry").create(ctx, "sr", {"environment_id": env["id"]})
    ctx.confluent().delete(f"/org/v2/environments/{env['id']}")  # by hand: 403 for all inside

    for kind, attributes in made.items():
        assert handler(kind).read(ctx, kind, attributes) is None, kind
        handler(kind).delete(ctx, kind, attributes)
    assert handler("confluent.schema_registry").read(ctx, "sr", registry) is None


def _refused_listing(environment: httpx.Response) -> httpx.MockTransport:
    """The object and its list answer 403 (not about the key); the environment as given."""
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/org/v2/environments"):
            return environment
        return httpx.Response(403, json={"errors": [{"status": "403", "code": "forbidden_access",
                                                     "detail": "Forbidden Access"}]})
    return httpx.MockTransport(answer)


def _context(transport: httpx.MockTransport) -> CloudContext:
    return CloudContext(stack=STACK, region=REGION, confluent_url="https://api.confluent.cloud",
                        confluent_key="k", confluent_secret="s",
                        transport_factory=lambda: transport)


@pytest.mark.parametrize("kind", ["confluent.cluster", "confluent.platt",
                                  "confluent.ingress_gateway", "confluent.compute_pool"])
def test_a_refused_listing_is_gone_when_the_environment_is_gone(kind: str) -> None:
    gone = _context(_refused_listing(httpx.Response(404, json={"errors": [
        {"status": "404", "code": "not_found", "detail": "Environment not found"}]})))
    live = _context(_refused_listing(httpx.Response(200, json={
        "id": "env-1", "display_name": "e"})))
    recorded = {"id": "x-1", "environment_id": "env-1", "endpoint_type": "PUBLIC"}

    assert handler(kind).read(gone, "o", recorded) is None
    handler(kind).delete(gone, "o", recorded)
    with pytest.raises(ForbiddenError):  # a genuine 403 in a live environment
        handler(kind).read(live, "o", recorded)
    with pytest.raises(ForbiddenError):
        handler(kind).delete(live, "o", recorded)


class Refusing(httpx.BaseTransport):
    """The emulator, except that calls on ``refused`` answer a 403 about a missing role."""

    def __init__(self, inner: httpx.BaseTransport, refused: str) -> None:
        self.inner, self.refused = inner, refused

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith(f"/{self.refused}"):
            return httpx.Response(403, json={"errors": [{
                "status": "403", "code": "user_unauthorized", "detail": "not allowed"}]})
        return self.inner.handle_request(request)


def test_a_403_on_an_object_still_listed_in_a_live_environment_stays_an_error(
        ctx: CloudContext, cloud: InProcessCloud) -> None:
    env = environment(ctx)
    platt = apply(ctx, "confluent.platt", "p", {
        "display_name": "p", "cloud": "AWS", "region": REGION, "environment_id": env["id"]})
    context = cloud.context(STACK, REGION)
    inner = context.transport_factory
    assert inner is not None
    refusing = Refusing(inner(), str(platt["id"]))
    context.transport_factory = lambda: refusing
    try:
        with pytest.raises(ForbiddenError):
            handler("confluent.platt").read(context, "p", platt)
        with pytest.raises(ForbiddenError):
            handler("confluent.platt").delete(context, "p", platt)
    finally:
        context.close()


# -- failure phases fail fast with the service's message -------------------------------------

def _ingress(ctx: CloudContext, env: Attributes, vpce: str) -> Attributes:
    gateway = apply(ctx, "confluent.ingress_gateway", "g", {
        "display_name": "ingress", "region": REGION, "environment_id": env["id"]})
    return handler("confluent.ingress_access_point").create(ctx, f"ap.{vpce}", {
        "display_name": f"ap-{vpce}", "environment_id": env["id"], "gateway_id": gateway["id"],
        "vpc_endpoint_id": vpce})


@pytest.mark.parametrize("phase", ["ERROR", "DISCONNECTED", "FAILED", "EXPIRED"])
def test_a_failed_access_point_is_failed_with_the_services_message(
        ctx: CloudContext, cloud: InProcessCloud, phase: str) -> None:
    point = _ingress(ctx, environment(ctx), "vpce-0a1")
    if phase == "EXPIRED":  # not an access point phase: the emulator refuses it
        with pytest.raises(Exception, match="do not have phase"):
            force_phase(store(cloud), point["id"], phase)
        return
    force_phase(store(cloud), point["id"], phase, "vpce-0a1 was rejected by its owner")

    readiness = handler("confluent.ingress_access_point").check_ready(ctx, "ap", point)

    assert readiness.failed and not readiness.ready
    assert phase in readiness.detail and "vpce-0a1 was rejected by its owner" in readiness.detail


def test_a_schema_registry_waits_while_provisioning_and_fails_when_failed(
        ctx: CloudContext, cloud: InProcessCloud) -> None:
    env = environment(ctx)
    registries = handler("confluent.schema_registry")
    found = registries.create(ctx, "sr", {"environment_id": env["id"]})
    force_phase(store(cloud), found["id"], "PROVISIONING")
    waiting = registries.check_ready(ctx, "sr", found)
    force_phase(store(cloud), found["id"], "FAILED")  # srcm-v3 status has no error message
    failed = registries.check_ready(ctx, "sr", found)

    assert not waiting.ready and not waiting.failed and "PROVISIONING" in waiting.detail
    assert failed.failed and "FAILED" in failed.detail


# -- optional fields: a clear error naming the object, never a crash -------------------------

def _drop(path: str, *keys: str) -> Edit:
    def edit(request: httpx.Request, body: dict[str, Any]) -> dict[str, Any]:
        data = body.get("data")
        items: list[dict[str, Any]] = data if isinstance(data, list) else [body]
        if request.url.path.startswith(path):
            for item in items:
                node = item
                for key in keys[:-1]:
                    node = node.get(key) or {}
                node.pop(keys[-1], None)
        return body
    return edit


@pytest.mark.parametrize(("kind", "path", "keys", "field"), [
    ("confluent.platt", "/networking/v1/private-link-attachments", ("status", "dns_domain"),
     "status.dns_domain"),
    ("confluent.platt", "/networking/v1/private-link-attachments",
     ("status", "cloud", "vpc_endpoint_service"), "vpc_endpoint_service_name"),
    ("confluent.ingress_gateway", "/networking/v1/gateways", ("status", "cloud_gateway"),
     "status.cloud_gateway.vpc_endpoint_service_name"),
])
def test_a_ready_object_without_its_optional_field_fails_clearly(
        rewritten: Callable[[Edit], CloudContext], kind: str, path: str,
        keys: tuple[str, ...], field: str) -> None:
    ctx = rewritten(_drop(path, *keys))
    env = environment(ctx)
    made = handler(kind).create(ctx, kind, {
        "display_name": "x", "cloud": "AWS", "region": REGION, "environment_id": env["id"]})

    readiness = handler(kind).check_ready(ctx, kind, made)

    assert readiness.failed and field in readiness.detail


def test_an_access_point_ready_without_dns_domain_fails_clearly(
        rewritten: Callable[[Edit], CloudContext]) -> None:
    ctx = rewritten(_drop("/networking/v1/access-points", "status", "config", "dns_domain"))
    point = _ingress(ctx, environment(ctx), "vpce-0b2")

    readiness = handler("confluent.ingress_access_point").check_ready(ctx, "ap", point)

    assert readiness.failed and "status.config.dns_domain" in readiness.detail


def test_an_environment_without_resource_name_is_a_clear_error_naming_the_binding(
        rewritten: Callable[[Edit], CloudContext]) -> None:
    ctx = rewritten(_drop("/org/v2/environments", "metadata", "resource_name"))
    env = environment(ctx)
    sa = account(ctx)

    with pytest.raises(PrivnetError, match=r"confluent\.role_binding\.app\.0.*resource_name"):
        handler("confluent.role_binding").create(ctx, "confluent.role_binding.app.0", {
            "principal_id": sa["id"], "role_name": "EnvironmentAdmin",
            "environment_id": env["id"], "cluster_id": None, "schema_registry_id": None,
            "subject": None})


def test_an_environment_without_resource_name_is_never_taken_for_empty(
        rewritten: Callable[[Edit], CloudContext]) -> None:
    ctx = rewritten(_drop("/org/v2/environments", "metadata", "resource_name"))
    ctx.confluent().post("/org/v2/environments", {"display_name": "env"})

    found = handler("confluent.environment").find(ctx, "e", {
        "display_name": "env", "stream_governance": "ESSENTIALS", "existing_id": None})

    assert found is not None and found["created_by_privnet"] is False


def test_a_key_created_without_its_secret_is_deleted_and_reported(
        rewritten: Callable[[Edit], CloudContext], cloud: InProcessCloud) -> None:
    def no_secret(request: httpx.Request, body: dict[str, Any]) -> dict[str, Any]:
        if request.method == "POST" and request.url.path == "/iam/v2/api-keys":
            body.get("spec", {}).pop("secret", None)
        return body

    ctx = rewritten(no_secret)
    env = environment(ctx)
    made = cluster(ctx, env)
    sa = account(ctx)
    with pytest.raises(PrivnetError, match=r"confluent\.api_key\.app\.c: .*spec\.secret"):
        handler("confluent.api_key").create(ctx, "confluent.api_key.app.c", {
            "display_name": "t/app/c", "owner_id": sa["id"], "environment_id": env["id"],
            "resource": "c", "resource_id": made["id"],
            "client_endpoint": made["bootstrap_endpoint"], "client_endpoints": None,
            "rest_endpoint": made["rest_endpoint"], "secret_name": "/t/c/app/java_client",
            "keep": 2, "day_count": 30,
            "client_secret_names": {"java_client": "/t/c/app/java_client"}})

    assert store(cloud).count("api_keys") == 0
    names = [s["Name"] for s in ctx.aws("secretsmanager").list_secrets()["SecretList"]]
    assert names == []


# -- endpoints chosen by key ----------------------------------------------------------------

def test_the_endpoint_is_chosen_by_access_point_whatever_the_order() -> None:
    entries = {f"ap{n}": {"connection_type": "PRIVATE_LINK",
                          "kafka_bootstrap_endpoint": f"lkc-1.ap{n}.dom:9092",
                          "http_endpoint": f"https://lkc-1.ap{n}.dom:443"} for n in range(3)}
    platt = {"connection_type": "PRIVATE_LINK",
             "kafka_bootstrap_endpoint": "lkc-1.us-east-1.aws.private.confluent.cloud:9092",
             "http_endpoint": "https://lkc-1.us-east-1.aws.private.confluent.cloud:443"}
    untyped = set()
    for order in (["ap0", "ap1", "ap2"], ["ap2", "ap0", "ap1"], ["ap1", "ap2", "ap0"]):
        obj = {"spec": {"endpoints": {**{k: entries[k] for k in order}, "PRIVATE_LINK": platt}}}
        chosen = cluster_endpoint(obj, "PRIVATE_LINK", "us-east-1.aws.private.confluent.cloud")
        assert chosen.bootstrap == "lkc-1.us-east-1.aws.private.confluent.cloud:9092"
        untyped.add(cluster_endpoint(obj, "PRIVATE_LINK").bootstrap)
    assert len(untyped) == 1  # without a key to go by, still never the answer's order


@pytest.fixture
def ordered_ctx(request: pytest.FixtureRequest) -> Iterator[tuple[CloudContext, InProcessCloud]]:
    with InProcessCloud(EmulatorSettings.instant(order_seed=request.param)) as cloud:
        context = cloud.context(STACK, REGION)
        yield context, cloud
        context.close()


@pytest.mark.parametrize("ordered_ctx", [0, 1, 2, 3, 4], indirect=True)
def test_each_vpc_gets_its_own_access_points_endpoint(
        ordered_ctx: tuple[CloudContext, InProcessCloud]) -> None:
    ctx, _ = ordered_ctx
    env = environment(ctx)
    points = {vpc: _ingress(ctx, env, f"vpce-{vpc}")["id"] for vpc in ("alpha", "beta", "gamma")}

    made = cluster(ctx, env, endpoint_type="PRIVATE_LINK", access_points=points,
                   runner_vpc="beta")

    for vpc, point in points.items():
        assert f".{point}." in made["endpoints_by_vpc"][vpc]["bootstrap_endpoint"]
    assert f".{points['beta']}." in made["bootstrap_endpoint"]
    assert f".{points['beta']}." in made["rest_endpoint"]


@pytest.mark.parametrize("ordered_ctx", [2], indirect=True)
def test_an_update_reads_the_endpoints_by_the_new_access_points(
        ordered_ctx: tuple[CloudContext, InProcessCloud]) -> None:
    """A state written before access points were carried (or naming a replaced one) is
    updated from the topology's access points, not from what the state remembered."""
    ctx, _ = ordered_ctx
    env = environment(ctx)
    points = {vpc: _ingress(ctx, env, f"vpce-{vpc}")["id"] for vpc in ("alpha", "beta")}
    made = cluster(ctx, env, endpoint_type="PRIVATE_LINK", access_points=points,
                   runner_vpc="beta")
    old_state = {k: v for k, v in made.items()
                 if k not in ("access_points", "runner_vpc", "endpoints_by_vpc")}
    properties = {"display_name": "c", "availability": "HIGH", "cloud": "AWS",
                  "region": REGION, "config": {"kind": "Enterprise"},
                  "environment_id": env["id"], "endpoint_type": "PRIVATE_LINK",
                  "access_points": points, "runner_vpc": "alpha"}

    updated = handler("confluent.cluster").update(ctx, "confluent.cluster.c", properties,
                                                  old_state)

    for vpc, point in points.items():
        assert f".{point}." in updated["endpoints_by_vpc"][vpc]["bootstrap_endpoint"]
    assert f".{points['alpha']}." in updated["bootstrap_endpoint"]
