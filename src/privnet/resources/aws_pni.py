"""Private Network Interface access points: interfaces in the gateway's zones, shared with
Confluent's account through INSTANCE-ATTACH permissions. DNS stays public: no zone for PNI."""

from __future__ import annotations

from privnet.resources import aws_addresses as aws
from privnet.resources import confluent_addresses as confluent
from privnet.resources.kinds.aws_network import ENI_PERMISSION, PNI_ENIS
from privnet.resources.model import Ref, ResourceGraph
from privnet.topology.view import TopologyView


def compile_pni(view: TopologyView, graph: ResourceGraph) -> None:
    for gateway in view.topology.confluent.connectivity.pni_gateways:
        for point in gateway.access_points:
            placed = view.vpc_by_name.get(point.vpc)
            if placed is None:
                raise ValueError(f"PNI access point {point.name}: unknown VPC {point.vpc!r}")
            vpc = placed.vpc
            subnets = [s for s in vpc.subnets if s.az_id in gateway.zones]
            if not subnets:
                raise ValueError(f"PNI access point {point.name}: VPC {vpc.name} has no subnet "
                                 f"in the gateway zones {', '.join(gateway.zones)}")
            enis = aws.pni_enis(point.name)
            graph.add(PNI_ENIS.resource(enis, {
                "subnet_ids": [Ref(aws.subnet(vpc.name, s.az_id), "id") for s in subnets],
                "count_per_subnet": point.enis_per_subnet,
                "security_group_ids": [Ref(aws.security_group(vpc.name), "id")],
                "existing_ids": list(point.network_interfaces),
            }))
            graph.add(ENI_PERMISSION.resource(aws.eni_permission(point.name), {
                "network_interface_ids": Ref(enis, "ids"),
                "account": Ref(confluent.pni_gateway(gateway.name), "account"),
                "permission": "INSTANCE-ATTACH",
            }))


def pni_vpcs(view: TopologyView) -> set[str]:
    """Names of VPCs hosting a PNI access point."""
    return {point.vpc for gateway in view.topology.confluent.connectivity.pni_gateways
            for point in gateway.access_points}
