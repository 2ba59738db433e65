"""Private Network Interface: a cluster's public names resolve to interfaces in our subnets.

Confluent publishes PNI cluster names in public DNS (no private zone): they answer with the
addresses of the access point's network interfaces, which sit in the customer's subnets behind
the customer's security groups. So a client's reach is the route to those subnets, the network
ACLs on the way and the interfaces' security groups admitting Kafka (9092) and REST (443).

Verify sees an access point as an interface endpoint whose DNS names are the served clusters'
names: the resolver's public step, the endpoint checks and the flow walk then apply unchanged.
One interface per (subnet, security groups) stands for the others: they share the route
table, the network ACL and the filters.
"""

from __future__ import annotations

import hashlib
import ipaddress
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from privnet.facts.aws_pages import pages
from privnet.facts.dns_names import relative_name
from privnet.facts.tags import ADDRESS_TAG
from privnet.reach.snapshot import (
    EndpointDnsEntry,
    EndpointEni,
    InterfaceEndpoint,
    NetworkSnapshot,
    PniAccessPoint,
    Subnet,
)
from privnet.resources.kinds.aws_network import PNI_ENIS
from privnet.resources.model import Resource
from privnet.topology.model import Topology

PNI_PARENT = "accesspoint.glb.confluent.cloud"
ENDPOINT_PREFIX = "pni-access-point/"
"""Id prefix of the endpoint an access point is seen as, so traces name it for what it is."""
PNI_SERVICE = "private network interface"
"""The service name of that endpoint: its names are public (Confluent publishes them)."""


def pni_domain(region: str) -> str:
    """The public regional parent of PNI cluster names."""
    return f"{region}.aws.{PNI_PARENT}"


def pni_host(cluster_id: str, access_point_id: str, region: str) -> str:
    """``<cluster id>-<access point id>.<region>.aws.accesspoint.glb.confluent.cloud``."""
    return f"{cluster_id}-{access_point_id}.{pni_domain(region)}"


def planned_access_points(resources: Iterable[Resource], resolve: Callable[[Any], Any],
                          subnets: Iterable[Subnet],
                          make_id: Callable[[str, str], str]) -> tuple[PniAccessPoint, ...]:
    """The interfaces apply creates: ``count_per_subnet`` in each subnet, at stand-in
    addresses from the tenth of the subnet on (AWS picks the real ones)."""
    by_id = {s.id: s for s in subnets}
    found = []
    for resource in resources:
        groups = tuple(str(g) for g in resolve(resource.properties.get("security_group_ids",
                                                                       [])))
        count = int(resource.properties.get("count_per_subnet", 0))
        enis: list[EndpointEni] = []
        vpc_id = ""
        for subnet_id in resolve(resource.properties.get("subnet_ids", [])):
            subnet = by_id.get(str(subnet_id))
            if subnet is None:
                continue
            vpc_id = subnet.vpc_id
            first = ipaddress.ip_network(subnet.cidr, strict=False).network_address + 10
            enis += [EndpointEni(make_id(resource.address, f"{subnet.id}/{n}"), subnet.id,
                                 str(first + n)) for n in range(count)]
        found.append(PniAccessPoint(resource.address.removeprefix(PNI_ENIS.address("")),
                                    vpc_id, tuple(enis), groups))
    return tuple(found)


def live_access_points(ec2: Any) -> tuple[PniAccessPoint, ...]:
    """Interfaces privnet made for an access point (its address tag names the access point),
    grouped by access point; their groups are the union of the interfaces' groups."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for item in pages(ec2, "describe_network_interfaces", "NetworkInterfaces",
                      Filters=[{"Name": "tag-key", "Values": [ADDRESS_TAG]}]):
        tags = {t.get("Key", ""): t.get("Value", "") for t in item.get("TagSet") or []}
        address = tags.get(ADDRESS_TAG, "")
        if PNI_ENIS.has(address):
            grouped.setdefault(address.removeprefix(PNI_ENIS.address("")), []).append(item)
    found = []
    for name, items in sorted(grouped.items()):
        groups = tuple(dict.fromkeys(g["GroupId"] for i in items for g in i.get("Groups", [])))
        enis = tuple(EndpointEni(i["NetworkInterfaceId"], i.get("SubnetId", ""),
                                 i.get("PrivateIpAddress", "")) for i in items)
        found.append(PniAccessPoint(name, items[0].get("VpcId", ""), enis, groups))
    return tuple(found)


def with_pni_names(snapshot: NetworkSnapshot) -> NetworkSnapshot:
    """Each access point as an interface endpoint answering the names of the clusters it
    serves; an access point serving no cluster adds nothing. A cluster's access point is found
    by name, else by its VPC (names differ when the file was written by ``discover``)."""
    names = {p.name for p in snapshot.pni_access_points}
    served: dict[str, list[str]] = {}
    for cluster in snapshot.clusters:
        hosts = [relative_name(n) for n in dict.fromkeys((cluster.bootstrap, cluster.rest))]
        for name, vpc_id in cluster.access_points:
            for point in snapshot.pni_access_points:
                if point.name == name or (name not in names and point.vpc_id == vpc_id):
                    served.setdefault(point.name, []).extend(hosts)
    added = []
    for point in snapshot.pni_access_points:
        answered = served.get(point.name)
        if not answered:
            continue
        added.append(InterfaceEndpoint(
            f"{ENDPOINT_PREFIX}{point.name}", point.vpc_id, PNI_SERVICE,
            tuple(EndpointDnsEntry(n) for n in dict.fromkeys(answered)),
            _representatives(point), point.security_group_ids))
    if not added:
        return snapshot
    return replace(snapshot, endpoints=(*snapshot.endpoints, *added))


def _representatives(point: PniAccessPoint) -> tuple[EndpointEni, ...]:
    """The first interface of each subnet (same route table, ACL and groups as the rest)."""
    first: dict[str, EndpointEni] = {}
    for eni in sorted(point.enis, key=lambda e: (e.subnet_id, e.id)):
        if eni.ip and eni.subnet_id:
            first.setdefault(eni.subnet_id, eni)
    return tuple(first.values())


def pni_access_points(topology: Topology, gateway_name: str,
                      vpc_id_of: Callable[[str], str]) -> tuple[tuple[str, str], ...]:
    """(name, VPC id) of the access points of the PNI gateway ``gateway_name``."""
    return tuple((point.name, vpc_id_of(point.vpc))
                 for gateway in topology.confluent.connectivity.pni_gateways
                 if gateway.name == gateway_name for point in gateway.access_points)


def pni_access_point_id(stack: str, points: Sequence[tuple[str, str]]) -> str:
    """A stand-in for the id Confluent gives the first access point (``ap-<hex>``)."""
    first = [name for name, _ in points[:1]]
    token = hashlib.sha256("\n".join((stack, "pni", *first)).encode()).hexdigest()[:6]
    return f"ap-{token}"
