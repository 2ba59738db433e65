"""Client VPN endpoints read from a live account (paginated; required fields only).

Each endpoint's target networks are its associations; the source-NAT address of an
association is the private address of the endpoint's interface in that subnet, found among
the subnet's interfaces by their description. When it cannot be found the association keeps
no address, and verify judges the whole subnet as the source (a note says so).
"""

from __future__ import annotations

from typing import Any

from privnet.facts.aws_pages import pages
from privnet.reach.snapshot import (
    ClientVpnAssociation,
    ClientVpnAuthorization,
    ClientVpnEndpoint,
    ClientVpnRoute,
)

Client = Any
Item = dict[str, Any]

ENI_DESCRIPTION_PREFIX = "ClientVPN Endpoint"
"""How the interfaces a target network association creates describe themselves."""

_GONE = ("deleted", "deleting")
_LEFT = ("disassociating", "disassociated", "failed")


def client_vpn_endpoints(ec2: Client, notes: list[str]) -> tuple[ClientVpnEndpoint, ...]:
    found = []
    for e in pages(ec2, "describe_client_vpn_endpoints", "ClientVpnEndpoints"):
        if (e.get("Status") or {}).get("Code") in _GONE:
            continue
        endpoint_id = e["ClientVpnEndpointId"]
        targets = [t for t in pages(ec2, "describe_client_vpn_target_networks",
                                    "ClientVpnTargetNetworks", ClientVpnEndpointId=endpoint_id)
                   if (t.get("Status") or {}).get("Code") not in _LEFT]
        associations = tuple(_association(ec2, endpoint_id, t, notes) for t in targets)
        routes = tuple(
            ClientVpnRoute(r["DestinationCidr"], r.get("TargetSubnet", ""))
            for r in pages(ec2, "describe_client_vpn_routes", "Routes",
                           ClientVpnEndpointId=endpoint_id)
            if r.get("DestinationCidr") and (r.get("Status") or {}).get("Code") != "deleting")
        rules = tuple(
            ClientVpnAuthorization(r["DestinationCidr"], bool(r.get("AccessAll")),
                                   r.get("GroupId") or "")
            for r in pages(ec2, "describe_client_vpn_authorization_rules", "AuthorizationRules",
                           ClientVpnEndpointId=endpoint_id)
            if r.get("DestinationCidr") and (r.get("Status") or {}).get("Code") in (
                None, "active", "authorizing"))
        vpc_id = e.get("VpcId") or next((t.get("VpcId", "") for t in targets), "")
        found.append(ClientVpnEndpoint(
            endpoint_id, e.get("ClientCidrBlock", ""), vpc_id, associations, routes, rules,
            tuple(e.get("SecurityGroupIds") or ()), tuple(e.get("DnsServers") or ()),
            e.get("Description") or ""))
    return tuple(found)


def _association(ec2: Client, endpoint_id: str, target: Item,
                 notes: list[str]) -> ClientVpnAssociation:
    subnet_id = target.get("TargetNetworkId", "")
    enis = [i for i in pages(ec2, "describe_network_interfaces", "NetworkInterfaces",
                             Filters=[{"Name": "subnet-id", "Values": [subnet_id]}])
            if str(i.get("Description", "")).startswith(ENI_DESCRIPTION_PREFIX)]
    if len(enis) != 1:
        notes.append(f"{endpoint_id}: {len(enis)} Client VPN interfaces in {subnet_id}; "
                     "its clients are judged as sending from the whole subnet")
        return ClientVpnAssociation(target.get("AssociationId", ""), subnet_id, "")
    eni = enis[0]
    return ClientVpnAssociation(target.get("AssociationId", ""), subnet_id,
                                eni.get("PrivateIpAddress", ""), eni.get("NetworkInterfaceId", ""))
