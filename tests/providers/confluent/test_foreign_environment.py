"""An environment privnet did not create is used but never deleted, nor adopted into by name."""

from __future__ import annotations

from typing import Any

import pytest

from privnet.providers.confluent.environment import EnvironmentHandler
from privnet.providers.confluent.errors import NotFoundError
from privnet.providers.confluent.schema_registry import SchemaRegistryHandler
from privnet.targets.context import CloudContext
from tests.providers.confluent.conftest import apply, handler

ENV = "confluent.environment.main"
ENV_KIND = "confluent.environment"
CLUSTER_KIND = "confluent.cluster"
ENVIRONMENTS = "/org/v2/environments"


def env_props(name: str = "non-prod", existing_id: str | None = None) -> dict[str, Any]:
    return {"display_name": name, "stream_governance": "ESSENTIALS", "existing_id": existing_id}


def cluster_props(env_id: str, name: str, owned: bool | None) -> dict[str, Any]:
    props: dict[str, Any] = {
        "display_name": name, "availability": "SINGLE_ZONE", "cloud": "AWS",
        "region": "us-east-1", "config": {"kind": "Enterprise"}, "environment_id": env_id,
        "endpoint_type": "PUBLIC"}
    if owned is not None:
        props["environment_owned"] = owned
    return props


def someone_elses_environment(ctx: CloudContext, name: str = "non-prod") -> dict[str, Any]:
    """An environment created outside privnet, with a cluster of its own in it."""
    env = ctx.confluent().post(ENVIRONMENTS, {
        "display_name": name, "stream_governance_config": {"package": "ESSENTIALS"}})
    cluster = apply(ctx, CLUSTER_KIND, "outside", cluster_props(env["id"], "payments", None))
    return {"env": env, "cluster": cluster}


def still_there(ctx: CloudContext, path: str, params: dict[str, str] | None = None) -> bool:
    try:
        ctx.confluent().get(path, params)
    except NotFoundError:
        return False
    return True


def test_created_environment_is_recorded_as_privnets_and_deleted(ctx: CloudContext) -> None:
    envs = handler(ENV_KIND)
    created = envs.create(ctx, ENV, env_props())
    assert created["created_by_privnet"] is True
    assert envs.read(ctx, ENV, created)["created_by_privnet"] is True  # type: ignore[index]
    assert EnvironmentHandler().left_in_place(created, None) is None
    envs.delete(ctx, ENV, created)
    assert envs.read(ctx, ENV, created) is None


def test_same_named_environment_holding_a_cluster_is_foreign_and_kept(
        ctx: CloudContext) -> None:
    theirs = someone_elses_environment(ctx)
    envs = handler(ENV_KIND)
    found = envs.find(ctx, ENV, env_props())
    assert found is not None and found["id"] == theirs["env"]["id"]
    assert found["created_by_privnet"] is False
    refreshed = envs.read(ctx, ENV, found)
    assert refreshed is not None and refreshed["created_by_privnet"] is False
    note = EnvironmentHandler().left_in_place(found, None)
    assert note == (f"environment non-prod ({theirs['env']['id']}) left in place: "
                    "not created by this stack")
    envs.delete(ctx, ENV, found)
    assert still_there(ctx, f"{ENVIRONMENTS}/{theirs['env']['id']}")
    assert still_there(ctx, f"/cmk/v2/clusters/{theirs['cluster']['id']}",
                       {"environment": theirs["env"]["id"]})


def test_empty_same_named_environment_heals_an_interrupted_create(ctx: CloudContext) -> None:
    leftover = ctx.confluent().post(ENVIRONMENTS, {
        "display_name": "non-prod", "stream_governance_config": {"package": "ESSENTIALS"}})
    envs = handler(ENV_KIND)
    found = envs.find(ctx, ENV, env_props())
    assert found is not None and found["id"] == leftover["id"]
    assert found["created_by_privnet"] is True
    envs.delete(ctx, ENV, found)
    assert not still_there(ctx, f"{ENVIRONMENTS}/{leftover['id']}")


def test_role_binding_alone_makes_an_environment_foreign(ctx: CloudContext) -> None:
    env = ctx.confluent().post(ENVIRONMENTS, {
        "display_name": "non-prod", "stream_governance_config": {"package": "ESSENTIALS"}})
    crn = env["metadata"]["resource_name"]
    ctx.confluent().post("/iam/v2/role-bindings", {
        "principal": "User:u-someone", "role_name": "EnvironmentAdmin", "crn_pattern": crn})
    found = handler(ENV_KIND).find(ctx, ENV, env_props())
    assert found is not None and found["created_by_privnet"] is False


def test_environment_given_by_id_is_foreign_even_when_empty(ctx: CloudContext) -> None:
    env = ctx.confluent().post(ENVIRONMENTS, {
        "display_name": "shared", "stream_governance_config": {"package": "ESSENTIALS"}})
    envs = handler(ENV_KIND)
    for adopted in (envs.find(ctx, ENV, env_props("shared", env["id"])),
                    envs.create(ctx, ENV, env_props("shared", env["id"]))):
        assert adopted is not None and adopted["created_by_privnet"] is False
        envs.delete(ctx, ENV, adopted)
        assert still_there(ctx, f"{ENVIRONMENTS}/{env['id']}")


def test_records_older_than_the_flag_keep_their_former_meaning() -> None:
    handler_ = EnvironmentHandler()
    assert handler_.left_in_place({"id": "env-1"}, None) is None
    assert handler_.left_in_place({"id": "env-1", "adopted": True}, None) is not None


def test_same_named_cluster_in_a_foreign_environment_is_not_adopted(ctx: CloudContext) -> None:
    theirs = someone_elses_environment(ctx)
    env_id = theirs["env"]["id"]
    clusters = handler(CLUSTER_KIND)
    assert clusters.find(ctx, "c", cluster_props(env_id, "payments", False)) is None
    owned = clusters.find(ctx, "c", cluster_props(env_id, "payments", True))
    assert owned is not None and owned["id"] == theirs["cluster"]["id"]


def test_name_clash_in_a_foreign_environment_is_a_clear_error(
        ctx: CloudContext, monkeypatch: pytest.MonkeyPatch) -> None:
    from privnet.providers.confluent import control_plane
    from privnet.providers.confluent.errors import AlreadyExistsError, ForeignObjectError

    theirs = someone_elses_environment(ctx)
    env_id = theirs["env"]["id"]

    def conflict(self: Any, path: str, body: Any, params: Any = None) -> Any:
        raise AlreadyExistsError(409, "POST", path, "resource_already_exists", "name taken")

    client = control_plane.cloud(ctx)
    monkeypatch.setattr(type(client), "post", conflict)
    with pytest.raises(ForeignObjectError, match="privnet did not create"):
        handler(CLUSTER_KIND).create(ctx, "confluent.cluster.payments",
                                     cluster_props(env_id, "payments", False))


def test_schema_registry_is_never_deleted(ctx: CloudContext) -> None:
    env = handler(ENV_KIND).create(ctx, ENV, env_props())
    registries = handler("confluent.schema_registry")
    found = registries.find(ctx, "confluent.schema_registry.main", {"environment_id": env["id"]})
    assert found is not None and found["id"]
    registries.delete(ctx, "confluent.schema_registry.main", found)
    assert registries.read(ctx, "confluent.schema_registry.main", found) == found
    assert SchemaRegistryHandler().left_in_place(found, None) == (
        f"Schema Registry {found['id']} left in place: it goes with its environment")
