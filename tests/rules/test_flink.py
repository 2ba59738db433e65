"""Focused checks of the Flink rules: when Flink counts as private and what it may touch."""

from __future__ import annotations

from typing import Any

from privnet.rules.flink.dedicated_needs_platt import RULE as DEDICATED_NEEDS_PLATT
from privnet.rules.flink.pool_without_platt import RULE as POOL_WITHOUT_PLATT
from privnet.rules.flink.private_irreversible import RULE as IRREVERSIBLE
from privnet.rules.flink.private_writes_public import RULE as WRITES_PUBLIC
from privnet.rules.keys.rotation_keep import RULE as KEEP
from privnet.topology.connectivity import flink_is_private
from tests.rules.helpers_confluent import run, topology


def _flink(platts: list[dict[str, Any]], private: bool = False,
           writes: tuple[str, ...] = (), reads: tuple[str, ...] = ()) -> Any:
    return topology({
        "connectivity": {"privatelink_attachments": platts},
        "clusters": [{"name": "pub", "access": "public"},
                     {"name": "ded", "access": "public", "type": "dedicated", "cku": 2,
                      "region": "us-east-2"}],
        "flink": {"private_networking": private, "compute_pools": [{"name": "p"}],
                  "statements": [{"name": "s", "compute_pool": "p", "reads": list(reads),
                                  "writes": list(writes)}]},
    })


def test_a_platt_makes_flink_private_even_without_the_flag() -> None:
    assert flink_is_private(_flink([{"name": "platt"}]))
    assert not flink_is_private(_flink([]))
    assert len(run(WRITES_PUBLIC, _flink([{"name": "platt"}], writes=("pub",)))) == 1
    assert run(WRITES_PUBLIC, _flink([], writes=("pub",))) == []


def test_private_flag_without_any_platt_is_an_error_at_the_pool() -> None:
    found = run(POOL_WITHOUT_PLATT, _flink([], private=True))
    assert [v.path for v in found] == [("confluent", "flink", "compute_pools", 0, "name")]


def test_public_dedicated_cluster_needs_a_platt_only_for_private_flink() -> None:
    assert run(DEDICATED_NEEDS_PLATT, _flink([], reads=("ded",))) == []
    found = run(DEDICATED_NEEDS_PLATT, _flink([{"name": "platt"}], reads=("ded",)))
    assert len(found) == 1 and "us-east-2" in found[0].message
    in_region = [{"name": "platt"}, {"name": "platt2", "region": "us-east-2"}]
    assert run(DEDICATED_NEEDS_PLATT, _flink(in_region, reads=("ded",))) == []


def test_irreversibility_warning_fires_once() -> None:
    assert len(run(IRREVERSIBLE, _flink([{"name": "platt"}], private=True))) == 1
    assert len(run(IRREVERSIBLE, _flink([{"name": "platt"}]))) == 1
    assert run(IRREVERSIBLE, _flink([])) == []


def test_keep_two_is_the_minimum() -> None:
    topo = topology({"key_rotation": {"keep": 2, "day_count": 1}})
    assert run(KEEP, topo) == []
