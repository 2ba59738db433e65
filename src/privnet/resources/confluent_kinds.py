"""Compile the Confluent side of a topology into resources (see ``confluent_addresses``).

Control-plane objects (environment, connectivity, clusters, accounts, keys) come from here
and ``confluent_access``; objects inside the clusters from ``confluent_data``. References to
AWS objects (VPC endpoints, PNI ENIs) are :class:`Ref`\\ s the AWS compiler satisfies.
"""

from __future__ import annotations

from datetime import date

from privnet.resources import confluent_addresses as at
from privnet.resources.confluent_access import compile_accounts
from privnet.resources.confluent_data import (
    compile_acls,
    compile_connectors,
    compile_links,
    compile_topics,
)
from privnet.resources.model import Ref, Resource, ResourceGraph
from privnet.spec.aws import Vpc
from privnet.spec.confluent import Access, Cluster, ClusterType
from privnet.spec.topology import Topology

ENV = Ref(at.ENVIRONMENT, "id")
ENV_OWNED = Ref(at.ENVIRONMENT, "created_by_privnet")
"""Lets environment-scoped handlers adopt by name only inside an environment privnet created."""


def compile_confluent(topology: Topology, graph: ResourceGraph,
                      today: date | None = None) -> None:
    """Add every Confluent resource of ``topology`` to ``graph``."""
    _compile_environment(topology, graph)
    _compile_connectivity(topology, graph)
    for cluster in topology.confluent.clusters:
        _compile_cluster(topology, graph, cluster)
    compile_accounts(topology, graph, today or date.today())
    conf = topology.confluent
    compile_topics(conf, graph)
    compile_acls(conf, graph)
    compile_connectors(conf, graph)
    compile_links(conf, graph)
    _compile_compute_pools(topology, graph)


def _compile_environment(topology: Topology, graph: ResourceGraph) -> None:
    env = topology.confluent.environment
    graph.add(Resource(at.ENVIRONMENT, "confluent.environment", {
        "display_name": env.name,
        "stream_governance": env.stream_governance.value,
        "existing_id": env.id,
    }))
    graph.add(Resource(at.SCHEMA_REGISTRY, "confluent.schema_registry", {
        "environment_id": ENV,
    }))


def _all_vpcs(topology: Topology) -> list[Vpc]:
    hub = topology.aws.hub
    return [v for v in (hub.dns_vpc, hub.vpn_vpc, hub.runner_vpc) if v] + list(topology.aws.vpcs)


def _compile_connectivity(topology: Topology, graph: ResourceGraph) -> None:
    connectivity = topology.confluent.connectivity
    vpcs = _all_vpcs(topology)
    for platt in connectivity.privatelink_attachments:
        graph.add(Resource(at.platt(platt.name), "confluent.platt", {
            "display_name": platt.name,
            "cloud": "AWS",
            "region": platt.region or topology.region,
            "environment_id": ENV,
            "environment_owned": ENV_OWNED,
        }))
        for vpc in vpcs:
            if vpc.endpoint is None or vpc.endpoint.connectivity != platt.name:
                continue
            graph.add(Resource(at.platt_connection(vpc.name), "confluent.platt_connection", {
                "display_name": vpc.name,
                "environment_id": ENV,
                "environment_owned": ENV_OWNED,
                "platt_id": Ref(at.platt(platt.name), "id"),
                "vpc_endpoint_id": Ref(at.aws_vpc_endpoint(vpc.name), "id"),
            }))
    for gateway in connectivity.ingress_gateways:
        graph.add(Resource(at.ingress_gateway(gateway.name), "confluent.ingress_gateway", {
            "display_name": gateway.name,
            "region": gateway.region or topology.region,
            "environment_id": ENV,
            "environment_owned": ENV_OWNED,
        }))
        for point in gateway.access_points:
            graph.add(Resource(at.ingress_access_point(point.name),
                               "confluent.ingress_access_point", {
                "display_name": point.name,
                "environment_id": ENV,
                "environment_owned": ENV_OWNED,
                "gateway_id": Ref(at.ingress_gateway(gateway.name), "id"),
                "vpc_endpoint_id": Ref(at.aws_vpc_endpoint(point.vpc), "id"),
            }))
    for pni in connectivity.pni_gateways:
        graph.add(Resource(at.pni_gateway(pni.name), "confluent.pni_gateway", {
            "display_name": pni.name,
            "region": pni.region or topology.region,
            "zones": list(pni.zones),
            "environment_id": ENV,
            "environment_owned": ENV_OWNED,
        }))
        for pni_point in pni.access_points:
            graph.add(Resource(at.pni_access_point(pni_point.name), "confluent.pni_access_point", {
                "display_name": pni_point.name,
                "environment_id": ENV,
                "environment_owned": ENV_OWNED,
                "gateway_id": Ref(at.pni_gateway(pni.name), "id"),
                "account": Ref(at.pni_gateway(pni.name), "account"),
                "network_interfaces": Ref(at.aws_pni_enis(pni_point.name), "ids"),
                "extra_network_interfaces": sorted(pni_point.network_interfaces),
            }))


def _connectivity(topology: Topology, cluster: Cluster) -> tuple[str, tuple[str, ...]]:
    """Which of the cluster's endpoints privnet talks to (public, PrivateLink or PNI), and
    the resources that must exist before the cluster's private endpoints are known."""
    if cluster.access is Access.PUBLIC:
        return "PUBLIC", ()
    connectivity = topology.confluent.connectivity
    name = cluster.connectivity
    if name is None:
        names = [p.name for p in connectivity.privatelink_attachments]
        names += [g.name for g in connectivity.ingress_gateways]
        names += [g.name for g in connectivity.pni_gateways]
        if len(names) != 1:
            raise ValueError(f"cluster {cluster.name} is private: name its connectivity")
        name = names[0]
    for platt in connectivity.privatelink_attachments:
        if platt.name == name:
            return "PRIVATE_LINK", (at.platt(name),)
    for ingress in connectivity.ingress_gateways:
        if ingress.name == name:
            return "PRIVATE_LINK", tuple(at.ingress_access_point(p.name)
                                         for p in ingress.access_points)
    for pni in connectivity.pni_gateways:
        if pni.name == name:
            return "PRIVATE_NETWORK_INTERFACE", tuple(at.pni_access_point(p.name)
                                                      for p in pni.access_points)
    raise ValueError(f"cluster {cluster.name} names unknown connectivity {name}")


def _endpoint_choice(topology: Topology, cluster: Cluster) -> dict[str, object]:
    """Properties telling the cluster handler whose endpoint is whose: each VPC's own access
    point (ingress PrivateLink or PNI) and the VPC privnet calls from, or the attachment's
    DNS domain. The cluster's endpoints map is keyed by access point id, in no set order."""
    if cluster.access is Access.PUBLIC:
        return {}
    connectivity = topology.confluent.connectivity
    for platt in connectivity.privatelink_attachments:
        if cluster.connectivity in (None, platt.name):
            return {"endpoint_domain": Ref(at.platt(platt.name), "dns_domain")}
    points: dict[str, Ref] = {}
    for ingress in connectivity.ingress_gateways:
        if cluster.connectivity in (None, ingress.name):
            points = {p.vpc: Ref(at.ingress_access_point(p.name), "id")
                      for p in ingress.access_points}
    for pni in connectivity.pni_gateways:
        if cluster.connectivity in (None, pni.name):
            points = {p.vpc: Ref(at.pni_access_point(p.name), "id") for p in pni.access_points}
    if not points:
        return {}
    runner = topology.runner.location
    return {"access_points": points,
            "runner_vpc": runner if runner in points else next(iter(points))}


def _compile_cluster(topology: Topology, graph: ResourceGraph, cluster: Cluster) -> None:
    endpoint_type, waits = _connectivity(topology, cluster)
    config: dict[str, object] = {"kind": "Enterprise"}
    if cluster.type is ClusterType.DEDICATED:
        config = {"kind": "Dedicated", "cku": cluster.cku or 1}
    graph.add(Resource(at.cluster(cluster.name), "confluent.cluster", {
        "display_name": cluster.name,
        "availability": cluster.availability.value,
        "cloud": "AWS",
        "region": cluster.region or topology.region,
        "config": config,
        "environment_id": ENV,
        "environment_owned": ENV_OWNED,
        "endpoint_type": endpoint_type,
        **_endpoint_choice(topology, cluster),
    }, depends_on=waits))


def _compile_compute_pools(topology: Topology, graph: ResourceGraph) -> None:
    flink = topology.confluent.flink
    platts = tuple(at.platt(p.name) for p in topology.confluent.connectivity
                   .privatelink_attachments) if flink.private_networking else ()
    for pool in flink.compute_pools:
        graph.add(Resource(at.compute_pool(pool.name), "confluent.compute_pool", {
            "display_name": pool.name,
            "cloud": "AWS",
            "region": pool.region or topology.region,
            "max_cfu": pool.max_cfu,
            "environment_id": ENV,
            "environment_owned": ENV_OWNED,
        }, depends_on=platts))
