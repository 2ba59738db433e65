"""compile_aws on the seed example and on variants: addresses, properties and edges."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any

import pytest

from privnet.resources.compile_aws import compile_aws
from privnet.resources.model import Ref, ResourceGraph
from privnet.topology import load_spec, load_spec_text
from privnet.topology.model import Topology

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "privatelink-cluster-linking.yaml"
VPCS = ("dns", "vpn", "runner", "sandbox", "shared")
WORKLOADS = ("sandbox", "shared")


def _compile(topology: Topology) -> ResourceGraph:
    graph = ResourceGraph()
    compile_aws(topology, graph)
    return graph


@pytest.fixture(scope="module")
def seed() -> Topology:
    return load_spec(EXAMPLE).topology


@pytest.fixture(scope="module")
def graph(seed: Topology) -> ResourceGraph:
    return _compile(seed)


def _by_kind(graph: ResourceGraph, kind: str) -> set[str]:
    return {a for a, r in graph.resources.items() if r.kind == kind}


def test_every_address_uses_its_kind_as_prefix(graph: ResourceGraph) -> None:
    for address, resource in graph.resources.items():
        assert address.startswith(resource.kind + "."), address


def test_hub_vpcs_and_subnets(seed: Topology, graph: ResourceGraph) -> None:
    assert {"aws.transit_gateway.hub", "aws.tgw_route_table.hub"} <= set(graph.resources)
    assert _by_kind(graph, "aws.vpc") == {f"aws.vpc.{n}" for n in VPCS}
    subnets = {f"aws.subnet.{v.name}.{s.az_id}" for v in
               [seed.aws.hub.dns_vpc, seed.aws.hub.vpn_vpc, seed.aws.hub.runner_vpc,
                *seed.aws.vpcs] if v is not None for s in v.subnets}
    assert _by_kind(graph, "aws.subnet") == subnets
    assert len(subnets) == 2 + 1 + 1 + 3 + 3
    subnet = graph.resources["aws.subnet.sandbox.use1-az2"]
    assert subnet.properties["az_id"] == "use1-az2"
    assert subnet.properties["vpc_id"] == Ref("aws.vpc.sandbox", "id")


def test_one_route_table_per_vpc_with_all_its_subnets(graph: ResourceGraph) -> None:
    assert _by_kind(graph, "aws.route_table") == {f"aws.route_table.{n}" for n in VPCS}
    table = graph.resources["aws.route_table.sandbox"]
    assert table.properties["subnet_ids"] == [
        Ref(f"aws.subnet.sandbox.use1-az{i}", "id") for i in (1, 2, 3)]


def test_routes_reach_every_other_location_through_the_gateway(graph: ResourceGraph) -> None:
    sandbox = {a.removeprefix("aws.route.sandbox.") for a in _by_kind(graph, "aws.route")
               if a.startswith("aws.route.sandbox.")}
    assert sandbox == {"dns", "vpn", "vpn_clients", "runner", "shared"}
    assert graph.resources["aws.route.sandbox.vpn"].properties["destination_cidr"] == \
        "10.254.0.0/24"  # the VPN VPC itself
    vpn_route = graph.resources["aws.route.sandbox.vpn_clients"]
    assert vpn_route.properties["destination_cidr"] == "10.100.0.0/22"  # the VPN client range
    assert vpn_route.properties["transit_gateway_id"] == Ref("aws.transit_gateway.hub", "id")
    assert "aws.tgw_attachment.sandbox" in graph.dependencies("aws.route.sandbox.vpn_clients")
    # The VPN VPC does not route its own client range through the gateway.
    assert "aws.route.vpn.vpn_clients" not in graph.resources


def test_attachments_associate_and_propagate(graph: ResourceGraph) -> None:
    for name in VPCS:
        attachment = graph.resources[f"aws.tgw_attachment.{name}"]
        assert attachment.properties["dns_support"] is True
        for kind in ("aws.tgw_association", "aws.tgw_propagation"):
            link = graph.resources[f"{kind}.{name}"]
            assert link.properties == {"route_table_id": Ref("aws.tgw_route_table.hub", "id"),
                                       "attachment_id": Ref(f"aws.tgw_attachment.{name}", "id")}


def test_derived_security_group(seed: Topology, graph: ResourceGraph) -> None:
    assert _by_kind(graph, "aws.security_group") == {f"aws.security_group.{n}"
                                                      for n in WORKLOADS}
    rules = graph.resources["aws.security_group.sandbox"].properties["ingress"]
    flows = {(r["protocol"], r["from_port"], r["cidr"]) for r in rules}
    cidrs = {v.cidr for v in [seed.aws.hub.dns_vpc, seed.aws.hub.vpn_vpc,
                              seed.aws.hub.runner_vpc, *seed.aws.vpcs] if v is not None}
    cidrs.add("10.100.0.0/22")
    for cidr in cidrs:
        for flow in (("tcp", 443), ("tcp", 9092), ("tcp", 53), ("udp", 53)):
            assert (*flow, cidr) in flows
    assert len(flows) == 4 * len(cidrs)


def test_endpoints_point_at_the_attachment_service_without_private_dns(
        graph: ResourceGraph) -> None:
    for name in WORKLOADS:
        endpoint = graph.resources[f"aws.vpc_endpoint.{name}"].properties
        assert endpoint["service_name"] == Ref("confluent.platt.platt",
                                               "vpc_endpoint_service_name")
        assert endpoint["private_dns_enabled"] is False
        assert len(endpoint["subnet_ids"]) == 3
        assert endpoint["security_group_ids"] == [Ref(f"aws.security_group.{name}", "id")]


def test_centralized_zone_records_and_resolver_rule(graph: ResourceGraph) -> None:
    zone = graph.resources["aws.zone.confluent"].properties
    assert zone["name"] == Ref("confluent.platt.platt", "dns_domain")
    assert "sandbox" in zone["comment"]  # the hub endpoint choice is visible
    assert _by_kind(graph, "aws.zone") == {"aws.zone.confluent"}
    assert _by_kind(graph, "aws.zone_association") == {f"aws.zone_association.{n}"
                                                        for n in VPCS}
    assert _by_kind(graph, "aws.resolver_rule_association") == {
        f"aws.resolver_rule_association.{n}" for n in VPCS}
    assert graph.resources["aws.resolver_rule.confluent"].properties["rule_type"] == "SYSTEM"
    assert _by_kind(graph, "aws.record") == {"aws.record.wildcard"} | {
        f"aws.record.zonal.use1-az{i}" for i in (1, 2, 3)}
    wildcard = graph.resources["aws.record.wildcard"].properties
    assert (wildcard["labels"], wildcard["ttl"]) == ("*", 60)
    assert wildcard["target"] == Ref("aws.vpc_endpoint.sandbox", "dns_name")
    zonal = graph.resources["aws.record.zonal.use1-az2"].properties
    assert zonal["labels"] == "*.use1-az2"
    assert zonal["target"] == Ref("aws.vpc_endpoint.sandbox", "zonal_dns_names")
    assert zonal["target_key"] == "use1-az2"


def test_graph_is_acyclic_and_refs_leave_only_to_confluent(graph: ResourceGraph) -> None:
    order = graph.topological_order()
    position = {a: i for i, a in enumerate(order)}
    for address, resource in graph.resources.items():
        for dependency in resource.dependencies:
            if dependency.startswith("confluent."):
                continue
            assert dependency in graph.resources, f"{address} -> {dependency}"
            assert position[dependency] < position[address]


def test_compile_is_deterministic(seed: Topology) -> None:
    first, second = _compile(seed), _compile(seed)
    assert first.resources == second.resources


def _variant(seed: Topology, **aws_changes: Any) -> Topology:
    data = seed.model_dump(mode="json", exclude_none=True)
    for path, value in aws_changes.items():
        node = data["aws"]
        keys = path.split("__")
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value
    return Topology.model_validate(data)


def test_existing_hub_is_adopted_not_rewired(seed: Topology) -> None:
    tgw = {"id": "tgw-0123", "route_table_id": "tgw-rtb-9"}
    topology = _variant(seed, hub__transit_gateway=tgw, hub__runner_vpc__id="vpc-0runner")
    graph = _compile(topology)
    assert graph.resources["aws.transit_gateway.hub"].properties["existing_id"] == "tgw-0123"
    assert graph.resources["aws.tgw_route_table.hub"].properties["existing_id"] == "tgw-rtb-9"
    assert graph.resources["aws.vpc.runner"].properties["existing_id"] == "vpc-0runner"
    assert "aws.tgw_attachment.runner" not in graph.resources
    assert "aws.route_table.runner" not in graph.resources
    # The runner still needs the Confluent names: zone and resolver rule associations stay.
    assert "aws.zone_association.runner" in graph.resources
    assert "aws.resolver_rule_association.runner" in graph.resources


def test_explicit_routes(seed: Topology) -> None:
    vpcs = seed.model_dump(mode="json", exclude_none=True)["aws"]["vpcs"]
    vpcs[0]["routes"] = [{"destination": "runner"}, {"destination": "192.168.0.0/16"}]
    graph = _compile(_variant(seed, vpcs=vpcs))
    routes = {a for a in _by_kind(graph, "aws.route") if a.startswith("aws.route.sandbox.")}
    assert routes == {"aws.route.sandbox.runner", "aws.route.sandbox.192-168-0-0_16"}


def test_unknown_route_destination_is_a_compile_error(seed: Topology) -> None:
    vpcs = seed.model_dump(mode="json", exclude_none=True)["aws"]["vpcs"]
    vpcs[0]["routes"] = [{"destination": "nowhere"}]
    with pytest.raises(ValueError, match="nowhere"):
        _compile(_variant(seed, vpcs=vpcs))


def test_hub_endpoint_must_have_an_endpoint(seed: Topology) -> None:
    with pytest.raises(ValueError, match="hub_endpoint"):
        _compile(_variant(seed, dns__hub_endpoint="runner"))


PNI = """
version: 1
stack: pni-stack
region: us-east-1
confluent:
  environment: {name: pni}
  connectivity:
    pni_gateways:
      - name: gw
        zones: [use1-az1, use1-az2]
        access_points: [{name: ap, vpc: apps, enis_per_subnet: 17}]
  clusters: [{name: orders, connectivity: gw}]
aws:
  vpcs:
    - name: apps
      cidr: 10.40.0.0/20
      transit_gateway: {attach: false}
      subnets:
        - {az_id: use1-az1, cidr: 10.40.0.0/24}
        - {az_id: use1-az2, cidr: 10.40.1.0/24}
        - {az_id: use1-az3, cidr: 10.40.2.0/24}
"""


def test_pni_access_point_interfaces_and_permissions() -> None:
    graph = _compile(load_spec_text(PNI).topology)
    enis = graph.resources["aws.pni_enis.ap"].properties
    assert enis["count_per_subnet"] == 17
    assert enis["subnet_ids"] == [Ref("aws.subnet.apps.use1-az1", "id"),
                                  Ref("aws.subnet.apps.use1-az2", "id")]
    permission = graph.resources["aws.eni_permission.ap"].properties
    assert permission["account"] == Ref("confluent.pni_gateway.gw", "account")
    assert permission["network_interface_ids"] == Ref("aws.pni_enis.ap", "ids")
    group = graph.resources["aws.security_group.apps"].properties
    assert group["egress"] == []
    assert {(r["from_port"], r["cidr"]) for r in group["ingress"]} == {
        (443, "10.40.0.0/20"), (9092, "10.40.0.0/20")}
    assert not _by_kind(graph, "aws.zone"), "PNI uses public DNS"
    assert "aws.transit_gateway.hub" not in graph.resources


def test_route_cidrs_never_overlap_their_own_vpc(graph: ResourceGraph, seed: Topology) -> None:
    own = {v.name: ipaddress.ip_network(v.cidr) for v in seed.aws.vpcs}
    for address in _by_kind(graph, "aws.route"):
        vpc = address.split(".")[2]
        if vpc in own:
            cidr = ipaddress.ip_network(graph.resources[address].properties["destination_cidr"])
            assert not cidr.overlaps(own[vpc])


def test_ingress_access_points_get_their_own_zones() -> None:
    ingress = EXAMPLE.parent / "ingress-privatelink.yaml"
    topology = load_spec(ingress).topology
    graph = _compile(topology)
    points = {p.name: p.vpc for g in topology.confluent.connectivity.ingress_gateways
              for p in g.access_points}
    assert _by_kind(graph, "aws.zone") == {f"aws.zone.access_point.{p}" for p in points}
    for point, vpc in points.items():
        zone = graph.resources[f"aws.zone.access_point.{point}"].properties
        assert zone["name"] == Ref(f"confluent.ingress_access_point.{point}", "dns_domain")
        assert zone["vpc_id"] == Ref(f"aws.vpc.{vpc}", "id")
        record = graph.resources[f"aws.record.access_point.{point}.wildcard"].properties
        assert record["target"] == Ref(f"aws.vpc_endpoint.{vpc}", "dns_name")
        endpoint = graph.resources[f"aws.vpc_endpoint.{vpc}"].properties
        assert endpoint["service_name"] == Ref("confluent.ingress_gateway.ingress",
                                               "vpc_endpoint_service_name")
    assert "aws.resolver_rule.confluent" not in graph.resources
