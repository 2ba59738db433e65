"""The Confluent half of a diagram: environment, connectivity, clusters, topics, links, Flink."""

from __future__ import annotations

from privnet.facts.confluent_dns import flink_endpoint
from privnet.render.diagram_model import PUBLIC, Arrow, Diagram, Shape
from privnet.resources import confluent_addresses as cc
from privnet.topology.confluent import Access, Cluster, ClusterLink, LinkMode
from privnet.topology.connectivity import (
    INGRESS,
    PLATT,
    PNI,
    cluster_connectivity,
    cluster_region,
    connectivities,
    flink_is_private,
)
from privnet.topology.model import Topology

ENVIRONMENT_GROUP = "confluent"

LINK_MODES = {
    LinkMode.BIDIRECTIONAL: "bidirectional",
    LinkMode.SOURCE_INITIATED: "source-initiated, the source connects OUTBOUND",
    LinkMode.DESTINATION_INITIATED: "destination-initiated",
}


def connectivity_address(topology: Topology, name: str) -> str | None:
    """Address of the PLATT, ingress gateway or PNI gateway called ``name``, if declared."""
    for placed in connectivities(topology):
        if placed.name == name:
            return {PLATT: cc.platt, INGRESS: cc.ingress_gateway, PNI: cc.pni_gateway}[
                placed.kind](name)
    return None


def add_confluent(diagram: Diagram, topology: Topology) -> None:
    """Draw the environment and everything in it."""
    env = topology.confluent.environment
    label = [f"Confluent environment {env.name}"]
    if env.id:
        label.append(f"{env.id} (existing)")
    diagram.group(ENVIRONMENT_GROUP, *label, address=cc.ENVIRONMENT)
    diagram.node(cc.SCHEMA_REGISTRY, "Schema Registry",
                 f"Stream Governance {env.stream_governance.value}", group=ENVIRONMENT_GROUP,
                 shape=Shape.ROUND)
    _connectivity(diagram, topology)
    for cluster in topology.confluent.clusters:
        _cluster(diagram, topology, cluster)
    for link in topology.confluent.cluster_links:
        _link(diagram, link)
    _connectors(diagram, topology)
    _flink(diagram, topology)


def _connectivity(diagram: Diagram, topology: Topology) -> None:
    conn = topology.confluent.connectivity
    for platt in conn.privatelink_attachments:
        diagram.node(cc.platt(platt.name), f"PrivateLink attachment {platt.name}",
                     platt.region or topology.region, "shared dns_domain",
                     group=ENVIRONMENT_GROUP, shape=Shape.HEXAGON)
    for gateway in conn.ingress_gateways:
        address = diagram.node(cc.ingress_gateway(gateway.name),
                               f"Ingress PrivateLink gateway {gateway.name}",
                               gateway.region or topology.region,
                               group=ENVIRONMENT_GROUP, shape=Shape.HEXAGON)
        for point in gateway.access_points:
            ap = diagram.node(cc.ingress_access_point(point.name), f"access point {point.name}",
                              f"for VPC {point.vpc}", "own dns_domain",
                              group=ENVIRONMENT_GROUP, shape=Shape.ROUND)
            diagram.edge(ap, address)
    for pni in conn.pni_gateways:
        address = diagram.node(cc.pni_gateway(pni.name), f"PNI gateway {pni.name}",
                               pni.region or topology.region, "zones " + ", ".join(pni.zones),
                               group=ENVIRONMENT_GROUP, shape=Shape.HEXAGON)
        for pni_point in pni.access_points:
            ap = diagram.node(cc.pni_access_point(pni_point.name),
                              f"PNI access point {pni_point.name}",
                              f"ENIs in VPC {pni_point.vpc}", "public DNS",
                              group=ENVIRONMENT_GROUP, shape=Shape.ROUND)
            diagram.edge(ap, address)


def _cluster(diagram: Diagram, topology: Topology, cluster: Cluster) -> None:
    group = diagram.group(cc.cluster(cluster.name), f"Kafka cluster {cluster.name}",
                          parent=ENVIRONMENT_GROUP)
    kind = [cluster.type.value, cluster.availability.value, cluster.access.value]
    if cluster.cku is not None:
        kind.append(f"{cluster.cku} CKU")
    public = cluster.access is Access.PUBLIC
    address = diagram.node(cc.cluster(cluster.name), f"cluster {cluster.name}", ", ".join(kind),
                           cluster_region(topology, cluster), group=group,
                           classes=frozenset({PUBLIC}) if public else frozenset())
    for topic in cluster.topics:
        diagram.node(cc.topic(cluster.name, topic.name), f"topic {topic.name}",
                     f"{topic.partitions} partitions", group=group, shape=Shape.CYLINDER)
    connectivity = cluster_connectivity(topology, cluster)
    target = connectivity_address(topology, connectivity) if connectivity else None
    if target is not None:
        diagram.edge(address, target, "private via")


def _ensure_cluster(diagram: Diagram, name: str) -> str:
    """A link may name a cluster outside the stack: draw it, plainly marked as such."""
    address = cc.cluster(name)
    if address not in diagram.nodes:
        diagram.node(address, f"cluster {name}", "outside this stack")
    return address


def _link(diagram: Diagram, link: ClusterLink) -> None:
    source = _ensure_cluster(diagram, link.source)
    destination = _ensure_cluster(diagram, link.destination)
    arrow = Arrow.BOTH if link.mode is LinkMode.BIDIRECTIONAL else Arrow.FORWARD
    sides = tuple(cc.link(link.name, side) for side in link.sides)
    diagram.edge(source, destination, f"link {link.name}: {LINK_MODES[link.mode]}",
                 arrow=arrow, addresses=sides)
    for mirror in link.mirrors:
        name = mirror.name or mirror.source_topic
        origin, home = (link.destination, link.source) if mirror.reverse else (
            link.source, link.destination)
        mirror_address = diagram.node(
            cc.mirror(link.name, name), f"mirror topic {name}", f"read-only, via {link.name}",
            group=cc.cluster(home) if cc.cluster(home) in diagram.groups else "",
            shape=Shape.CYLINDER)
        topic = cc.topic(origin, mirror.source_topic)
        diagram.edge(topic if topic in diagram.nodes else cc.cluster(origin), mirror_address,
                     "mirror")


def _connectors(diagram: Diagram, topology: Topology) -> None:
    for connector in topology.confluent.connectors:
        connector_class = connector.config.get("connector.class", "connector")
        group = cc.cluster(connector.cluster)
        address = diagram.node(cc.connector(connector.name), f"connector {connector.name}",
                               connector_class, group=group if group in diagram.groups else "",
                               shape=Shape.ROUND)
        topic = cc.topic(connector.cluster, connector.config.get("kafka.topic", ""))
        target = topic if topic in diagram.nodes else cc.cluster(connector.cluster)
        if "source" in connector_class.lower():
            diagram.edge(address, target, "produces")
        else:
            diagram.edge(target, address, "consumes")


def _flink(diagram: Diagram, topology: Topology) -> None:
    flink = topology.confluent.flink
    private = flink_is_private(topology)
    platts = {p.region: cc.platt(p.name) for p in reversed(connectivities(topology))
              if p.kind == PLATT}
    for pool in flink.compute_pools:
        region = pool.region or topology.region
        address = diagram.node(cc.compute_pool(pool.name), f"Flink compute pool {pool.name}",
                               "private networking" if private else "public networking",
                               f"{region}, max {pool.max_cfu} CFU", group=ENVIRONMENT_GROUP,
                               shape=Shape.ROUND)
        if private and region in platts:
            diagram.edge(address, platts[region], flink_endpoint(region))
    for statement in flink.statements:
        pool_address = cc.compute_pool(statement.compute_pool)
        for name in statement.reads:
            diagram.edge(cc.cluster(name), pool_address, f"statement {statement.name} reads")
        for name in statement.writes:
            diagram.edge(pool_address, cc.cluster(name), f"statement {statement.name} writes")
