"""Compile the Confluent side of a topology into resources (see ``confluent_addresses``).

Control-plane objects (environment, connectivity, clusters, accounts, keys) come from here
and ``confluent_access``; objects inside the clusters from ``confluent_data``. References to
AWS objects (VPC endpoints, PNI ENIs) are :class:`Ref`\\ s the AWS compiler satisfies.
"""

from __future__ import annotations

from privnet.resources import confluent_addresses as at
from privnet.resources.confluent_access import compile_accounts
from privnet.resources.confluent_data import (
    compile_acls,
    compile_connectors,
    compile_links,
    compile_topics,
)
from privnet.resources.kinds.confluent_control import (
    CLUSTER,
    COMPUTE_POOL,
    ENVIRONMENT,
    SCHEMA_REGISTRY,
)
from privnet.resources.kinds.confluent_network import (
    INGRESS_ACCESS_POINT,
    INGRESS_GATEWAY,
    PLATT,
    PLATT_CONNECTION,
    PNI_ACCESS_POINT,
    PNI_GATEWAY,
)
from privnet.resources.model import Ref, ResourceGraph
from privnet.topology.aws import Vpc
from privnet.topology.confluent import (
    Access,
    Cluster,
    ClusterType,
    IngressGateway,
    PniGateway,
    PrivateLinkAttachment,
)
from privnet.topology.connectivity import cluster_connectivity
from privnet.topology.model import Topology

ENV = Ref(at.ENVIRONMENT, "id")
ENV_OWNED = Ref(at.ENVIRONMENT, "created_by_privnet")
"""Lets environment-scoped handlers adopt by name only inside an environment privnet created."""


def compile_confluent(topology: Topology, graph: ResourceGraph) -> None:
    """Add every Confluent resource of ``topology`` to ``graph``."""
    _compile_environment(topology, graph)
    _compile_connectivity(topology, graph)
    for cluster in topology.confluent.clusters:
        _compile_cluster(topology, graph, cluster)
    compile_accounts(topology, graph)
    conf = topology.confluent
    compile_topics(conf, graph)
    compile_acls(conf, graph)
    compile_connectors(conf, graph)
    compile_links(conf, graph)
    _compile_compute_pools(topology, graph)


def _compile_environment(topology: Topology, graph: ResourceGraph) -> None:
    env = topology.confluent.environment
    graph.add(ENVIRONMENT.resource(at.ENVIRONMENT, {
        "display_name": env.name,
        "stream_governance": env.stream_governance.value,
        "existing_id": env.id,
    }))
    graph.add(SCHEMA_REGISTRY.resource(at.SCHEMA_REGISTRY, {
        "environment_id": ENV,
    }))


def _all_vpcs(topology: Topology) -> list[Vpc]:
    hub = topology.aws.hub
    return [v for v in (hub.dns_vpc, hub.vpn_vpc, hub.runner_vpc) if v] + list(topology.aws.vpcs)


def _compile_connectivity(topology: Topology, graph: ResourceGraph) -> None:
    connectivity = topology.confluent.connectivity
    vpcs = _all_vpcs(topology)
    for platt in connectivity.privatelink_attachments:
        graph.add(PLATT.resource(at.platt(platt.name), {
            "display_name": at.scoped_name(topology.stack, platt.name),
            "cloud": "AWS",
            "region": platt.region or topology.region,
            "environment_id": ENV,
            "environment_owned": ENV_OWNED,
        }))
        for vpc in vpcs:
            if vpc.endpoint is None or vpc.endpoint.connectivity != platt.name:
                continue
            graph.add(PLATT_CONNECTION.resource(at.platt_connection(vpc.name), {
                "display_name": at.scoped_name(topology.stack, vpc.name),
                "environment_id": ENV,
                "environment_owned": ENV_OWNED,
                "platt_id": Ref(at.platt(platt.name), "id"),
                "vpc_endpoint_id": Ref(at.aws_vpc_endpoint(vpc.name), "id"),
            }))
    for gateway in connectivity.ingress_gateways:
        graph.add(INGRESS_GATEWAY.resource(at.ingress_gateway(gateway.name), {
            "display_name": at.scoped_name(topology.stack, gateway.name),
            "region": gateway.region or topology.region,
            "environment_id": ENV,
            "environment_owned": ENV_OWNED,
        }))
        for point in gateway.access_points:
            graph.add(INGRESS_ACCESS_POINT.resource(at.ingress_access_point(point.name), {
                "display_name": at.scoped_name(topology.stack, point.name),
                "environment_id": ENV,
                "environment_owned": ENV_OWNED,
                "gateway_id": Ref(at.ingress_gateway(gateway.name), "id"),
                "vpc_endpoint_id": Ref(at.aws_vpc_endpoint(point.vpc), "id"),
            }))
    for pni in connectivity.pni_gateways:
        graph.add(PNI_GATEWAY.resource(at.pni_gateway(pni.name), {
            "display_name": at.scoped_name(topology.stack, pni.name),
            "region": pni.region or topology.region,
            "zones": list(pni.zones),
            "environment_id": ENV,
            "environment_owned": ENV_OWNED,
        }))
        for pni_point in pni.access_points:
            graph.add(PNI_ACCESS_POINT.resource(at.pni_access_point(pni_point.name), {
                "display_name": at.scoped_name(topology.stack, pni_point.name),
                "environment_id": ENV,
                "environment_owned": ENV_OWNED,
                "gateway_id": Ref(at.pni_gateway(pni.name), "id"),
                "account": Ref(at.pni_gateway(pni.name), "account"),
                "network_interfaces": Ref(at.aws_pni_enis(pni_point.name), "ids"),
                "extra_network_interfaces": sorted(pni_point.network_interfaces),
            }))


ClusterConnectivity = PrivateLinkAttachment | IngressGateway | PniGateway


def _cluster_connectivity(topology: Topology, cluster: Cluster) -> ClusterConnectivity | None:
    """The declared connectivity a private cluster uses; None for a public cluster."""
    if cluster.access is Access.PUBLIC:
        return None
    name = cluster_connectivity(topology, cluster)
    if name is None:
        raise ValueError(f"cluster {cluster.name} is private: name its connectivity")
    connectivity = topology.confluent.connectivity
    declared: list[ClusterConnectivity] = [*connectivity.privatelink_attachments,
                                           *connectivity.ingress_gateways,
                                           *connectivity.pni_gateways]
    for item in declared:
        if item.name == name:
            return item
    raise ValueError(f"cluster {cluster.name} names unknown connectivity {name}")


def _endpoint_properties(topology: Topology, cluster: Cluster
                         ) -> tuple[dict[str, object], tuple[str, ...]]:
    """How the cluster handler picks its endpoints, and what must exist before the cluster's
    private endpoints are known. ``endpoint_type``: public, PrivateLink or PNI. The endpoints
    map is keyed by access point id, in no set order, so each VPC's own access point (ingress
    PrivateLink or PNI) is named with the VPC privnet calls from, or, for an attachment, its
    DNS domain."""
    chosen = _cluster_connectivity(topology, cluster)
    if chosen is None:
        return {"endpoint_type": "PUBLIC"}, ()
    if isinstance(chosen, PrivateLinkAttachment):
        return {"endpoint_type": "PRIVATE_LINK",
                "endpoint_domain": Ref(at.platt(chosen.name), "dns_domain")}, (
                    at.platt(chosen.name),)
    if isinstance(chosen, IngressGateway):
        endpoint_type = "PRIVATE_LINK"
        addresses = {p.vpc: at.ingress_access_point(p.name) for p in chosen.access_points}
    else:
        endpoint_type = "PRIVATE_NETWORK_INTERFACE"
        addresses = {p.vpc: at.pni_access_point(p.name) for p in chosen.access_points}
    properties: dict[str, object] = {"endpoint_type": endpoint_type}
    if addresses:
        runner = topology.runner.location
        properties["access_points"] = {vpc: Ref(a, "id") for vpc, a in addresses.items()}
        properties["runner_vpc"] = runner if runner in addresses else next(iter(addresses))
    return properties, tuple(addresses.values())


def _compile_cluster(topology: Topology, graph: ResourceGraph, cluster: Cluster) -> None:
    endpoints, waits = _endpoint_properties(topology, cluster)
    config: dict[str, object] = {"kind": "Enterprise"}
    if cluster.type is ClusterType.DEDICATED:
        config = {"kind": "Dedicated", "cku": cluster.cku or 1}
    graph.add(CLUSTER.resource(at.cluster(cluster.name), {
        "display_name": at.scoped_name(topology.stack, cluster.name),
        "availability": cluster.availability.value,
        "cloud": "AWS",
        "region": cluster.region or topology.region,
        "config": config,
        "environment_id": ENV,
        "environment_owned": ENV_OWNED,
        **endpoints,
    }, depends_on=waits))


def _compile_compute_pools(topology: Topology, graph: ResourceGraph) -> None:
    flink = topology.confluent.flink
    platts = tuple(at.platt(p.name) for p in topology.confluent.connectivity
                   .privatelink_attachments) if flink.private_networking else ()
    for pool in flink.compute_pools:
        graph.add(COMPUTE_POOL.resource(at.compute_pool(pool.name), {
            "display_name": at.scoped_name(topology.stack, pool.name),
            "cloud": "AWS",
            "region": pool.region or topology.region,
            "max_cfu": pool.max_cfu,
            "environment_id": ENV,
            "environment_owned": ENV_OWNED,
        }, depends_on=platts))
