"""Topics, ACLs, connectors, cluster links and mirrors: what lives inside the clusters."""

from __future__ import annotations

from typing import Any

from privnet.resources import confluent_addresses as at
from privnet.resources.acl_profiles import expand
from privnet.resources.confluent_access import (
    account_roles,
    cluster_admin,
    data_plane_auth,
    link_key,
)
from privnet.resources.kinds.confluent_control import CONNECTOR
from privnet.resources.kinds.confluent_data import ACL, LINK, MIRROR, TOPIC
from privnet.resources.model import Ref, ResourceGraph
from privnet.topology.confluent import ClusterLink, Confluent, LinkMode


def compile_topics(conf: Confluent, graph: ResourceGraph) -> None:
    for cluster in conf.clusters:
        if not cluster.topics:
            continue
        admin = cluster_admin(conf, cluster.name)
        for topic in cluster.topics:
            graph.add(TOPIC.resource(at.topic(cluster.name, topic.name), {
                **data_plane_auth(conf, cluster.name, admin),
                "topic_name": topic.name,
                "partitions_count": topic.partitions,
                "configs": dict(sorted(topic.config.items())),
            }, depends_on=account_roles(conf, admin)))


def compile_acls(conf: Confluent, graph: ResourceGraph) -> None:
    counters: dict[tuple[str, str], int] = {}
    for acl_set in conf.acls:
        admin = cluster_admin(conf, acl_set.cluster)
        for entry in expand(acl_set):
            slot = (acl_set.principal, acl_set.cluster)
            index = counters.get(slot, 0)
            counters[slot] = index + 1
            graph.add(ACL.resource(at.acl(acl_set.principal, acl_set.cluster, index), {
                **data_plane_auth(conf, acl_set.cluster, admin),
                "principal_id": Ref(at.service_account(acl_set.principal), "id"),
                "resource_type": entry.resource_type.value,
                "resource_name": entry.resource_name,
                "pattern_type": entry.pattern_type,
                "operation": entry.operation.value,
                "permission": entry.permission,
                "host": entry.host,
            }, depends_on=account_roles(conf, admin)))


def compile_connectors(conf: Confluent, graph: ResourceGraph) -> None:
    for connector in conf.connectors:
        config: dict[str, Any] = dict(sorted(connector.config.items()))
        config["name"] = connector.name
        if config.get("kafka.auth.mode", "SERVICE_ACCOUNT") == "SERVICE_ACCOUNT":
            config["kafka.service.account.id"] = Ref(
                at.service_account(connector.service_account), "id")
        waits = [a for a in graph.resources
                 if a.startswith(TOPIC.address(connector.cluster, "")) or a.startswith(
                     ACL.address(connector.service_account, connector.cluster, ""))]
        graph.add(CONNECTOR.resource(at.connector(connector.name), {
            "display_name": connector.name,
            "environment_id": Ref(at.ENVIRONMENT, "id"),
            "cluster_id": Ref(at.cluster(connector.cluster), "id"),
            "config": config,
        }, depends_on=tuple(sorted(waits))))


def _manager(conf: Confluent, link: ClusterLink, side: str) -> str:
    given = link.source_manager if side == "source" else link.destination_manager
    return given or cluster_admin(conf, link.source if side == "source" else link.destination)


def _side(conf: Confluent, link: ClusterLink, side: str, link_mode: str | None,
          connection_mode: str | None, remote_field: str, with_remote_key: bool,
          local_link_key: bool = False) -> dict[str, Any]:
    local_cluster = link.source if side == "source" else link.destination
    remote_side = "destination" if side == "source" else "source"
    remote_cluster = link.destination if side == "source" else link.source
    remote_manager = _manager(conf, link, remote_side)
    return {
        **data_plane_auth(conf, local_cluster, _manager(conf, link, side)),
        "link_name": link.name,
        "side": side,
        "link_mode": link_mode,
        "connection_mode": connection_mode,
        "remote_field": remote_field,
        "remote_cluster_id": Ref(at.cluster(remote_cluster), "id"),
        "remote_bootstrap": Ref(at.cluster(remote_cluster), "bootstrap_endpoint"),
        "remote_key": link_key(remote_manager, remote_cluster) if with_remote_key else None,
        "local_link_key": (link_key(_manager(conf, link, side), local_cluster)
                           if local_link_key else None),
        "cluster_link_id": None,
    }


def _link_sides(conf: Confluent, link: ClusterLink) -> list[tuple[str, dict[str, Any]]]:
    """The link objects in creation order (the later one depends on the earlier)."""
    if link.mode is LinkMode.BIDIRECTIONAL:
        return [
            ("source", _side(conf, link, "source", "BIDIRECTIONAL", None,
                             "remote_cluster_id", True)),
            ("destination", _side(conf, link, "destination", "BIDIRECTIONAL", None,
                                  "remote_cluster_id", True)),
        ]
    if link.mode is LinkMode.SOURCE_INITIATED:
        return [
            ("destination", _side(conf, link, "destination", "DESTINATION", "INBOUND",
                                  "source_cluster_id", False)),
            ("source", _side(conf, link, "source", "SOURCE", "OUTBOUND",
                             "destination_cluster_id", True, local_link_key=True)),
        ]
    return [("destination", _side(conf, link, "destination", None, None,
                                  "source_cluster_id", True))]


def compile_links(conf: Confluent, graph: ResourceGraph) -> None:
    for link in conf.cluster_links:
        earlier: str | None = None
        for side, properties in _link_sides(conf, link):
            if side not in link.sides:
                continue
            address = at.link(link.name, side)
            managers = {_manager(conf, link, "source"), _manager(conf, link, "destination")}
            waits = tuple(sorted(r for m in managers for r in account_roles(conf, m)))
            if earlier is not None:
                if link.mode is LinkMode.BIDIRECTIONAL:
                    properties["cluster_link_id"] = Ref(earlier, "cluster_link_id")
                waits = (*waits, earlier)
            graph.add(LINK.resource(address, properties, depends_on=waits))
            earlier = address
        _compile_mirrors(conf, graph, link)


def _compile_mirrors(conf: Confluent, graph: ResourceGraph, link: ClusterLink) -> None:
    links = tuple(at.link(link.name, s) for s in link.sides)
    for mirror in link.mirrors:
        side = "source" if mirror.reverse else "destination"
        home = link.source if mirror.reverse else link.destination
        origin = link.destination if mirror.reverse else link.source
        name = mirror.name or mirror.source_topic
        source_topic = at.topic(origin, mirror.source_topic)
        waits = links + ((source_topic,) if source_topic in graph.resources else ())
        graph.add(MIRROR.resource(at.mirror(link.name, name), {
            **data_plane_auth(conf, home, _manager(conf, link, side)),
            "link_name": link.name,
            "mirror_topic_name": name,
            "source_topic_name": mirror.source_topic,
        }, depends_on=waits))
