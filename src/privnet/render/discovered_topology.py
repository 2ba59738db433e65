"""The topology file ``privnet discover`` writes: a description of a live network for verify.

Every VPC is given by ``id`` (privnet adopts it, never creates it) with its live CIDR and
subnets; the Transit Gateway and its table by id; the zone's VPCs, the SYSTEM rule and the
FORWARD rules as found. Keys come in a fixed order so that two runs on one account write the
same file.
"""

from __future__ import annotations

from typing import Any

import yaml

from privnet.reach.discover import DiscoveredNetwork, FoundVpc

HEADER = ("# Discovered by privnet discover from the live account: VPCs are given by id and\n"
          "# are never created or changed. Check with: privnet verify {file} --source aws\n")


def _vpc(vpc: FoundVpc) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": vpc.name, "id": vpc.id, "cidr": vpc.cidr}
    if vpc.subnets:
        entry["subnets"] = [{"az_id": s.az_id, "cidr": s.cidr, "id": s.id} for s in vpc.subnets]
    if vpc.client_vpn_cidr:
        entry["client_cidr"] = vpc.client_vpn_cidr
        entry["client_vpn"] = {"id": vpc.client_vpn_id}
    if vpc.endpoint:
        entry["endpoint"] = {"connectivity": vpc.endpoint}
    return entry


def _connectivity(network: DiscoveredNetwork) -> dict[str, Any]:
    found: dict[str, Any] = {"privatelink_attachments": [
        {"name": a.name} for a in network.attachments if a.kind == "platt"]}
    gateways = [{"name": a.name, "access_points": [{"name": p, "vpc": v}
                                                   for p, v, _ in a.access_points]}
                for a in network.attachments if a.kind == "ingress"]
    if gateways:
        found["ingress_gateways"] = gateways
    pni = [{"name": a.name, "zones": list(a.zones), "access_points": [
        {"name": p, "vpc": v, "enis_per_subnet": 0, "network_interfaces": list(enis)}
        for (p, v, _), enis in zip(a.access_points, a.interfaces, strict=True)]}
        for a in network.attachments if a.kind == "pni"]
    if pni:
        found["pni_gateways"] = pni
    return found


def topology_document(network: DiscoveredNetwork, stack: str, target: str) -> dict[str, Any]:
    """The topology as plain data (dicts in the order the file shows them)."""
    vpn = next((v for v in network.vpcs if v.client_vpn_cidr), None)
    workloads = [v for v in network.vpcs if v is not vpn]
    runner = next((v.name for v in workloads if not v.endpoint),
                  workloads[0].name if workloads else "internet")
    environment: dict[str, Any] = {"name": network.environment}
    if network.environment_id:
        environment["id"] = network.environment_id
    clusters = []
    for c in network.clusters:
        cluster: dict[str, Any] = {"name": c.name, "connectivity": c.connectivity}
        if c.id:
            cluster["id"] = c.id  # verify asks the real cluster's names
        if not c.high_availability:
            cluster["availability"] = "LOW"
        clusters.append(cluster)
    hub: dict[str, Any] = {}
    if network.transit_gateway:
        gateway = {"id": network.transit_gateway}
        if network.tgw_route_table:
            gateway["route_table_id"] = network.tgw_route_table
        hub["transit_gateway"] = gateway
    if vpn is not None:
        hub["vpn_vpc"] = _vpc(vpn)
    # ingress access points have unique domains, one zone per VPC: per_vpc says so
    per_vpc = any(a.kind == "ingress" for a in network.attachments)
    dns: dict[str, Any] = {"strategy": "per_vpc" if per_vpc else "centralized"}
    if network.hub_endpoint and not per_vpc:
        dns["hub_endpoint"] = network.hub_endpoint
    aws: dict[str, Any] = {}
    if hub:
        aws["hub"] = hub
    aws["vpcs"] = [_vpc(v) for v in workloads]
    aws["dns"] = dns
    return {
        "version": 1, "stack": stack, "region": network.region, "target": target,
        "runner": {"location": runner},
        "confluent": {
            "environment": environment,
            "connectivity": _connectivity(network),
            "clusters": clusters,
            **({"flink": {"private_networking": True, "compute_pools": [
                {"name": name, "max_cfu": cfu} for name, cfu in network.compute_pools]}}
               if network.compute_pools else {}),
        },
        "aws": aws,
    }


def found_dns(network: DiscoveredNetwork) -> str:
    """Zones, Resolver rules and Transit Gateway tables as comments: verify reads them live.
    Declared, they would describe what privnet should build (a missing association would be
    an error of the file, DNS-002, rather than a finding of verify)."""
    lines = [f"#   zone {z.id} {z.name}: associated with {', '.join(z.vpcs) or 'no VPC'}\n"
             for z in network.zones]
    lines += [f"#   resolver rule {r.id} {r.type} {r.domain}"
              + (f" -> {', '.join(r.target_ips)}" if r.target_ips else "")
              + f": associated with {', '.join(r.vpcs) or 'no VPC'}\n" for r in network.rules]
    lines += [f"#   transit gateway {network.transit_gateway} table {table}: associated with "
              f"{', '.join(associated) or 'no VPC'}; propagating from "
              f"{', '.join(propagating) or 'no VPC'}\n"
              for table, associated, propagating in network.tgw_tables]
    lines += [f"#   cluster {c.name}: {c.id}" + (f", bootstrap {c.bootstrap}" if c.bootstrap
                                                  else "") + "\n"
              for c in network.clusters if c.id]
    if not lines:
        return "# found no Confluent private zone and no Resolver rule for a Confluent domain\n"
    return "# found (read live by verify, not restated below):\n" + "".join(lines)


def topology_yaml(network: DiscoveredNetwork, stack: str, target: str, file: str) -> str:
    notes = "".join(f"# note: {n}\n" for n in network.notes)
    body = yaml.safe_dump(topology_document(network, stack, target), sort_keys=False,
                          default_flow_style=False, width=100)
    return HEADER.format(file=file) + notes + found_dns(network) + body
