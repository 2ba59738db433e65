"""KEYS-004: the Secrets Manager names privnet writes are unique and acceptable to AWS."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from privnet.keys.layout import SCHEMA_REGISTRY, client_secret_names
from privnet.rules.base import Severity
from privnet.rules.keys.secret_names import RULE
from tests.rules.helpers_confluent import run, topology

API_KEYS = ("confluent", "service_accounts")


def _accounts(*accounts: tuple[str, list[str]], clusters: tuple[str, ...] = ("events",),
              root: str | None = None) -> Any:
    aws = {"secrets": {"root_path": root}} if root is not None else None
    return topology({
        "clusters": [{"name": c, "access": "public"} for c in clusters],
        "service_accounts": [{"name": n, "api_keys": keys} for n, keys in accounts],
    }, aws)


def _issue_layout(root: str, resource: str, account: str) -> dict[str, str]:
    """The layout issue 13 reported: one Schema Registry secret for every account."""
    if resource == SCHEMA_REGISTRY:
        return {"schema_registry_client": f"{root}/schema_registry_cluster"}
    return client_secret_names(root, resource, account)


def _account_first_layout(root: str, resource: str, account: str) -> dict[str, str]:
    """A plausible alternative layout, ``<root>/<account>[/<cluster>/java_client]``."""
    if resource == SCHEMA_REGISTRY:
        return {"schema_registry_client": f"{root}/{account}"}
    return {"java_client": f"{root}/{account}/{resource}/java_client"}


def test_two_accounts_with_schema_registry_keys_get_separate_secrets() -> None:
    topo = _accounts(("app", ["events", SCHEMA_REGISTRY]),
                     ("reporting", ["events", SCHEMA_REGISTRY]))
    assert run(RULE, topo) == []
    root = "/confluent_cloud_resource/unit"
    names = {*client_secret_names(root, SCHEMA_REGISTRY, "app").values(),
             *client_secret_names(root, SCHEMA_REGISTRY, "reporting").values()}
    assert names == {f"{root}/schema_registry_cluster/app",
                     f"{root}/schema_registry_cluster/reporting"}


def test_the_layout_of_the_issue_is_caught_naming_both_entries_and_the_fix() -> None:
    topo = _accounts(("app", ["events", SCHEMA_REGISTRY]),
                     ("reporting", [SCHEMA_REGISTRY]))
    found = run(replace(RULE, layout=_issue_layout), topo)
    assert len(found) == 1
    clash = found[0]
    assert clash.path == (*API_KEYS, 1, "api_keys", 0)
    assert "/confluent_cloud_resource/unit/schema_registry_cluster" in clash.message
    assert "confluent.service_accounts[0].api_keys[1]" in clash.message
    assert "confluent.service_accounts[1].api_keys[0]" in clash.message
    assert clash.fix is not None and "app, reporting" in clash.fix


def test_a_cluster_named_like_a_path_segment_lands_in_another_keys_per_key_secrets() -> None:
    # With <root>/<account> for Schema Registry, a cluster named "keys" puts the cluster's
    # secret under <root>/app/keys/, where the Schema Registry key's per-key secrets live
    # (and get pruned).
    topo = _accounts(("app", [SCHEMA_REGISTRY, "keys"]), clusters=("keys",))
    found = run(replace(RULE, layout=_account_first_layout), topo)
    assert len(found) == 1
    assert found[0].path == (*API_KEYS, 0, "api_keys", 1)
    assert "/confluent_cloud_resource/unit/app/keys/java_client" in found[0].message
    assert "under /confluent_cloud_resource/unit/app/keys/" in found[0].message
    assert found[0].fix is not None and "keys" in found[0].fix


def test_the_real_layout_keeps_a_cluster_named_like_the_registry_segment_apart() -> None:
    # The Schema Registry secret is two segments below the root and a cluster's three, so a
    # cluster named schema_registry_cluster (or keys, or vpcs) cannot reach another's names.
    for cluster in ("schema_registry_cluster", "keys", "vpcs"):
        topo = _accounts(("app", [SCHEMA_REGISTRY, cluster]), ("keys", [cluster]),
                         clusters=(cluster,))
        assert run(RULE, topo) == [], cluster


def test_two_accounts_with_one_name_write_the_same_secrets() -> None:
    topo = _accounts(("app", ["events"]), ("app", ["events"]))
    found = run(RULE, topo)
    assert {v.path for v in found} == {(*API_KEYS, 1, "api_keys", 0)}
    assert len(found) == 2  # java_client and librdkafka
    assert all(v.severity is None for v in found)


def test_a_root_path_with_a_space_or_hash_is_reported_once_at_the_root() -> None:
    topo = _accounts(("app", ["events", SCHEMA_REGISTRY]), root="/confluent cloud/#{stack}")
    found = run(RULE, topo)
    assert [v.path for v in found] == [("aws", "secrets", "root_path")]
    assert "' '" in found[0].message and "'#'" in found[0].message


def test_non_ascii_in_the_root_is_refused() -> None:
    found = run(RULE, _accounts(("app", ["events"]), root="/café/{stack}"))
    assert [v.path for v in found] == [("aws", "secrets", "root_path")]


def test_a_name_over_512_characters_is_refused() -> None:
    root = "/" + "a" * 490
    found = run(RULE, _accounts(("app", ["events"]), root=root))
    too_long = [v for v in found if "at most 512" in v.message]
    assert [v.path for v in too_long] == [(*API_KEYS, 0, "api_keys", 0)] * 2
    assert run(RULE, _accounts(("app", ["events"]), root="/" + "a" * 470)) == []


def test_an_account_ending_like_the_arn_suffix_is_a_warning() -> None:
    found = run(RULE, _accounts(("etl-reader", [SCHEMA_REGISTRY])))
    assert len(found) == 1
    assert found[0].severity is Severity.WARNING
    assert "schema_registry_cluster/etl-reader" in found[0].message
    assert run(RULE, _accounts(("etl_reader", [SCHEMA_REGISTRY]))) == []
