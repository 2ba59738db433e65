"""Derived routes and the hub endpoint's sources merged: the same addresses, fewer entries."""

from __future__ import annotations

import ipaddress
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pytest
import yaml

from privnet.resources import aws_security, compile_aws
from privnet.resources.aws_addresses import cidr_label
from privnet.resources.compile import compile_resources
from privnet.resources.model import ResourceGraph
from privnet.topology import load_spec, load_spec_text
from privnet.topology.model import Topology
from tests.conftest import EXAMPLES
from tests.scripts.generated import generator

Network = ipaddress.IPv4Network
ROUTES_PER_TABLE = 50
"""AWS's default quota of non-propagated routes per route table."""
RULES_PER_GROUP = 60
"""AWS's default quota of inbound rules per security group."""


def _unmerged(topology: Topology, monkeypatch: pytest.MonkeyPatch) -> ResourceGraph:
    """The graph as privnet compiled it before merging: one route and rule per location."""
    with monkeypatch.context() as patch:
        patch.setattr(compile_aws, "_merged", lambda found, own: found)
        patch.setattr(aws_security, "merge_networks", lambda networks: sorted(networks))
        return compile_resources(topology)


def _routes(graph: ResourceGraph) -> dict[str, str]:
    return {a: str(r.properties["destination_cidr"]) for a, r in graph.resources.items()
            if r.kind == "aws.route"}


def _groups(graph: ResourceGraph) -> dict[str, list[dict[str, Any]]]:
    return {a: r.properties["ingress"] for a, r in graph.resources.items()
            if r.kind == "aws.security_group"}


def _addresses(cidrs: Iterable[str]) -> list[Network]:
    """The addresses of ``cidrs`` in canonical form, so two covers compare equal."""
    return list(ipaddress.collapse_addresses(Network(c) for c in cidrs))


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_examples_compile_to_the_same_routes_and_rules_as_before_merging(
        example: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """No churn: a hand-written design's routes keep their addresses and CIDRs."""
    topology = load_spec(example).topology
    merged = compile_resources(topology)
    before = _unmerged(topology, monkeypatch)
    assert _routes(merged) == _routes(before)
    assert _groups(merged) == _groups(before)


@pytest.fixture(scope="module")
def big() -> Topology:
    design = generator().generate(200, 2)
    return load_spec_text(yaml.safe_dump(design, sort_keys=False)).topology


def test_each_vpc_routes_exactly_the_same_addresses_with_fewer_routes(
        big: Topology, monkeypatch: pytest.MonkeyPatch) -> None:
    merged, before = _routes(compile_resources(big)), _routes(_unmerged(big, monkeypatch))
    by_table: dict[str, dict[str, str]] = defaultdict(dict)
    unmerged_by_table: dict[str, list[str]] = defaultdict(list)
    for address, cidr in merged.items():
        by_table[address.split(".")[2]][address] = cidr
    for address, cidr in before.items():
        unmerged_by_table[address.split(".")[2]].append(cidr)
    assert set(by_table) == set(unmerged_by_table)
    own = {v.name: Network(v.cidr) for v in big.aws.vpcs}
    for vpc, routes in by_table.items():
        assert len(routes) <= ROUTES_PER_TABLE
        assert len(routes) < len(unmerged_by_table[vpc])
        assert _addresses(routes.values()) == _addresses(unmerged_by_table[vpc])
        if vpc in own:
            assert not any(Network(c).overlaps(own[vpc]) for c in routes.values())
        for address, cidr in routes.items():
            label = address.split(".", 3)[3]
            assert label == cidr_label(cidr) or before.get(address) == cidr


def test_lone_destinations_keep_their_names(big: Topology) -> None:
    routes = _routes(compile_resources(big))
    # The VPN client range borders nothing: still its own route under its own name.
    assert routes["aws.route.vpc-0007.vpn_clients"] == "172.20.0.0/22"
    # vpc-0007's lower neighbour vpc-0006 cannot merge with 10.0.0.0/18 without vpc-0007.
    assert routes["aws.route.vpc-0007.vpc-0006"] == "10.0.96.0/20"
    assert routes["aws.route.vpc-0007.10-0-0-0_18"] == "10.0.0.0/18"


def test_the_hub_endpoint_group_admits_the_same_sources_within_the_quota(
        big: Topology, monkeypatch: pytest.MonkeyPatch) -> None:
    merged = _groups(compile_resources(big))["aws.security_group.vpc-0000"]
    before = _groups(_unmerged(big, monkeypatch))["aws.security_group.vpc-0000"]
    assert len(merged) <= RULES_PER_GROUP < len(before)
    flows = {(r["protocol"], r["from_port"]) for r in before}
    assert {(r["protocol"], r["from_port"]) for r in merged} == flows
    for protocol, port in flows:
        def sources(rules: list[dict[str, Any]], p: str = protocol,
                    n: int = port) -> list[Network]:
            return _addresses(r["cidr"] for r in rules
                              if (r["protocol"], r["from_port"]) == (p, n))
        assert sources(merged) == sources(before)


def test_explicit_routes_are_kept_as_written() -> None:
    design = generator().generate(4, 1)
    design["aws"]["vpcs"][1]["routes"] = [{"destination": "vpc-0002"},
                                          {"destination": "vpc-0003"}]
    topology = load_spec_text(yaml.safe_dump(design, sort_keys=False)).topology
    routes = {a: c for a, c in _routes(compile_resources(topology)).items()
              if a.startswith("aws.route.vpc-0001.")}
    # Adjacent /20s that would merge into one /19 stay two routes, named as the user wrote.
    assert routes == {"aws.route.vpc-0001.vpc-0002": "10.0.32.0/20",
                      "aws.route.vpc-0001.vpc-0003": "10.0.48.0/20"}
