"""Data-plane objects wait for the runner's whole path: name, routes both ways, the TGW table,
and the static route back to VPN clients (which no attachment propagates)."""

from __future__ import annotations

from privnet.resources.compile import compile_topology
from privnet.resources.kinds import DATA_PLANE_KINDS
from privnet.topology import load_spec
from tests.conftest import EXAMPLES


def test_every_data_plane_object_waits_for_the_runner_path() -> None:
    topology = load_spec(EXAMPLES / "privatelink-cluster-linking.yaml").topology
    graph = compile_topology(topology)
    runner_path = {
        "aws.zone_association.runner", "aws.resolver_rule_association.runner",
        "aws.route.runner.sandbox", "aws.route.sandbox.runner",
        "aws.tgw_association.runner", "aws.tgw_propagation.runner",
        "aws.tgw_association.sandbox", "aws.tgw_propagation.sandbox",
        "aws.record.wildcard", "confluent.platt_connection.sandbox",
    }
    assert runner_path <= set(graph.resources)
    data_plane = [r for r in graph.resources.values() if r.kind in DATA_PLANE_KINDS]
    assert data_plane
    for resource in data_plane:
        assert runner_path <= set(resource.depends_on), resource.address


def test_vpn_clients_get_a_static_route_home() -> None:
    topology = load_spec(EXAMPLES / "privatelink-cluster-linking.yaml").topology
    graph = compile_topology(topology)
    route = graph.resources["aws.tgw_route.vpn_clients"]
    vpn = topology.aws.hub.vpn_vpc
    assert vpn is not None
    assert route.properties["destination_cidr"] == vpn.client_cidr
    assert {r.address for r in route.refs()} == {"aws.tgw_route_table.hub",
                                                 "aws.tgw_attachment.vpn"}


def test_data_plane_waits_for_the_path_not_for_every_vpc() -> None:
    """Workload VPCs the runner's traffic does not cross are no gate: the waits of a
    data-plane object do not grow with the number of VPCs (they grew with VPCs x clusters)."""
    from privnet.resources.runner_gates import path_vpcs
    from tests.scripts.generated import generator

    waits = {}
    for vpcs in (10, 60):
        topology = generator().generated_topology(vpcs, 2)
        graph = compile_topology(topology)
        assert path_vpcs(topology) == {"runner", "dns", "vpc-0000"}
        topic = graph.resources["confluent.topic.cluster-000.orders-000"]
        waits[vpcs] = set(topic.depends_on)
        assert "aws.zone_association.runner" in waits[vpcs]
        assert "aws.tgw_association.vpc-0000" in waits[vpcs]  # the endpoint VPC
        assert not any(a.endswith(".vpc-0005") for a in waits[vpcs])  # a workload VPC
    def non_routes(found: set[str]) -> set[str]:
        return {a for a in found if not a.startswith("aws.route.")}

    assert non_routes(waits[10]) == non_routes(waits[60])
    # routes: only the path VPCs' own, merged (their blocks differ with the VPC count)
    assert all(a.split(".")[2] in {"runner", "dns", "vpc-0000"}
               for a in waits[60] - non_routes(waits[60]))
    assert len(waits[60]) < 50
