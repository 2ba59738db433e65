"""AWS Client VPN endpoints, which moto lacks entirely.

``privnet verify`` models a VPN client as AWS does: its traffic is source-NATed to the
endpoint's network interface in each associated subnet, and it reaches only what the
endpoint's own routes and authorization rules cover. To test that against the local cloud,
the local AWS must serve the Client VPN calls, as strictly as AWS: required parameters,
the client range's size, one associated subnet per AZ, a route only through an associated
subnet. These are EC2 response methods added to moto's EC2 handler; endpoints live on the
region's EC2 backend. Behaviours and their sources: docs/local-cloud.md (Client VPN).
"""

from __future__ import annotations

import ipaddress
import threading
import uuid
from dataclasses import dataclass, field
from typing import Any

ENI_DESCRIPTION = "ClientVPN Endpoint resource"
"""The description of the interface each target network association creates."""

_STORE = "_privnet_client_vpn_endpoints"
_LOCK = threading.Lock()
_AUTH_TYPES = ("certificate-authentication", "directory-service-authentication",
               "federated-authentication")
_MIN_PREFIX, _MAX_PREFIX = 12, 22


@dataclass
class Association:
    id: str
    subnet_id: str
    vpc_id: str
    eni_id: str
    status: str = "associated"


@dataclass
class VpnRoute:
    destination: str
    subnet_id: str
    origin: str  # "associate" (added by AWS with an association) or "add-route"
    description: str = ""


@dataclass
class Authorization:
    destination: str
    group_id: str
    all_groups: bool
    description: str = ""


@dataclass
class Endpoint:
    id: str
    client_cidr: str
    server_certificate_arn: str
    authentication: list[dict[str, Any]]
    connection_log: dict[str, Any]
    vpc_id: str = ""
    security_group_ids: list[str] = field(default_factory=list)
    dns_servers: list[str] = field(default_factory=list)
    split_tunnel: bool = False
    description: str = ""
    associations: list[Association] = field(default_factory=list)
    routes: list[VpnRoute] = field(default_factory=list)
    authorizations: list[Authorization] = field(default_factory=list)

    def to_api(self, region: str) -> dict[str, Any]:
        shaped: dict[str, Any] = {
            "ClientVpnEndpointId": self.id,
            "Description": self.description,
            "Status": {"Code": "available" if self.associations else "pending-associate"},
            "DnsName": f"*.{self.id}.prod.clientvpn.{region}.amazonaws.com",
            "ClientCidrBlock": self.client_cidr,
            "DnsServers": list(self.dns_servers),
            "SplitTunnel": self.split_tunnel,
            "VpnProtocol": "openvpn",
            "TransportProtocol": "udp",
            "VpnPort": 443,
            "ServerCertificateArn": self.server_certificate_arn,
            "AuthenticationOptions": [_auth_to_api(o) for o in self.authentication],
            "ConnectionLogOptions": dict(self.connection_log),
            "SecurityGroupIds": list(self.security_group_ids),
        }
        if self.vpc_id:
            shaped["VpcId"] = self.vpc_id
        return shaped


def _auth_to_api(option: dict[str, Any]) -> dict[str, Any]:
    kind = option.get("Type", "")
    shaped: dict[str, Any] = {"Type": kind}
    mutual = option.get("MutualAuthentication") or {}
    if kind == "certificate-authentication":
        shaped["MutualAuthentication"] = {
            "ClientRootCertificateChain": mutual.get("ClientRootCertificateChainArn", "")}
    elif kind == "directory-service-authentication":
        shaped["ActiveDirectory"] = {
            "DirectoryId": (option.get("ActiveDirectory") or {}).get("DirectoryId", "")}
    else:
        shaped["FederatedAuthentication"] = {"SamlProviderArn": (
            option.get("FederatedAuthentication") or {}).get("SAMLProviderArn", "")}
    return shaped


def _error(code: str, message: str) -> Exception:
    from moto.ec2.exceptions import EC2ClientError

    return EC2ClientError(code, message)


def _store(backend: Any) -> dict[str, Endpoint]:
    with _LOCK:
        if not hasattr(backend, _STORE):
            setattr(backend, _STORE, {})
        store: dict[str, Endpoint] = getattr(backend, _STORE)
        return store


def endpoints_of(backend: Any) -> list[Endpoint]:
    """The region's endpoints (for tests and other patches)."""
    return list(_store(backend).values())


def _required(self: Any, *names: str) -> list[Any]:
    values = [self._get_param(name) for name in names]
    missing = [n for n, v in zip(names, values, strict=True) if v in (None, "", [], {})]
    if missing:
        raise _error("MissingParameter",
                     f"The request must contain the parameter {missing[0]}")
    return values


def _cidr(value: str, name: str) -> ipaddress.IPv4Network:
    try:
        return ipaddress.IPv4Network(value, strict=True)
    except ValueError:
        raise _error("InvalidParameterValue",
                     f"Value ({value}) for parameter {name} is invalid. "
                     "It must be an IPv4 CIDR block.") from None


def _endpoint(self: Any) -> Endpoint:
    (endpoint_id,) = _required(self, "ClientVpnEndpointId")
    found = _store(self.ec2_backend).get(endpoint_id)
    if found is None:
        raise _error("InvalidClientVpnEndpointId.NotFound",
                     f"Endpoint {endpoint_id} does not exist")
    return found


def _page(self: Any, items: list[dict[str, Any]], key: str) -> Any:
    """MaxResults (5..1000) and NextToken, as the describe calls take them."""
    from moto.core.responses import ActionResult

    size = int(self._get_param("MaxResults") or 1000)
    if not 5 <= size <= 1000:
        raise _error("InvalidParameterValue", "MaxResults must be between 5 and 1000")
    token = self._get_param("NextToken")
    start = int(token) if token and str(token).isdigit() else 0
    result: dict[str, Any] = {key: items[start:start + size]}
    if start + size < len(items):
        result["NextToken"] = str(start + size)
    return ActionResult(result)


def _filtered(self: Any, items: list[dict[str, Any]],
              fields: dict[str, str]) -> list[dict[str, Any]]:
    filters: dict[str, list[str]] = self._filters_from_querystring() or {}
    for name, values in filters.items():
        key = fields.get(name)
        if key is None:
            raise _error("InvalidParameterValue", f"The filter '{name}' is invalid")
        items = [i for i in items if str(i.get(key, "")) in values]
    return items


def _check_authentication(options: list[dict[str, Any]]) -> None:
    if not 1 <= len(options) <= 2:
        raise _error("InvalidParameterValue", "Specify one or two authentication options")
    for option in options:
        kind = option.get("Type")
        if kind not in _AUTH_TYPES:
            raise _error("InvalidParameterValue",
                         f"Invalid authentication type {kind!r}: one of {', '.join(_AUTH_TYPES)}")
        if kind == "certificate-authentication" and not (
                option.get("MutualAuthentication") or {}).get("ClientRootCertificateChainArn"):
            raise _error("MissingParameter", "certificate-authentication requires "
                         "MutualAuthentication.ClientRootCertificateChainArn")


def _check_connection_log(options: dict[str, Any]) -> None:
    enabled = options.get("Enabled")
    if enabled is None:
        raise _error("MissingParameter", "ConnectionLogOptions.Enabled is required")
    if str(enabled).lower() == "true" and not options.get("CloudwatchLogGroup"):
        raise _error("MissingParameter", "ConnectionLogOptions.CloudwatchLogGroup is required "
                     "when connection logging is enabled")


def _groups_in_vpc(backend: Any, vpc_id: str, group_ids: list[str]) -> None:
    for group_id in group_ids:
        group = backend.get_security_group_from_id(group_id)
        if group is None:
            raise _error("InvalidSecurityGroupID.NotFound",
                         f"The security group '{group_id}' does not exist")
        if group.vpc_id != vpc_id:
            raise _error("InvalidParameterValue",
                         f"Security group {group_id} does not belong to VPC {vpc_id}")


def create_client_vpn_endpoint(self: Any) -> Any:
    from moto.core.responses import ActionResult

    cidr, certificate, authentication, connection_log = _required(
        self, "ClientCidrBlock", "ServerCertificateArn", "AuthenticationOptions",
        "ConnectionLogOptions")
    network = _cidr(cidr, "ClientCidrBlock")
    if not _MIN_PREFIX <= network.prefixlen <= _MAX_PREFIX:
        raise _error("InvalidParameterValue", f"Client CIDR {cidr} must be between "
                     f"/{_MIN_PREFIX} and /{_MAX_PREFIX}")
    if not str(certificate).startswith("arn:"):
        raise _error("InvalidParameterValue", f"{certificate} is not a valid certificate ARN")
    _check_authentication(list(authentication))
    _check_connection_log(dict(connection_log))
    vpc_id = self._get_param("VpcId") or ""
    groups: list[str] = list(self._get_param("SecurityGroupIds") or [])
    if groups and not vpc_id:
        raise _error("MissingParameter", "VpcId is required when SecurityGroupIds are given")
    if vpc_id:
        self.ec2_backend.get_vpc(vpc_id)  # raises InvalidVpcID.NotFound
        _groups_in_vpc(self.ec2_backend, vpc_id, groups)
    dns: list[str] = list(self._get_param("DnsServers") or [])
    if len(dns) > 2:
        raise _error("InvalidParameterValue", "At most two DNS servers may be given")
    for address in dns:
        try:
            ipaddress.IPv4Address(address)
        except ValueError:
            raise _error("InvalidParameterValue",
                         f"DNS server {address} is not an IPv4 address") from None
    endpoint = Endpoint(
        id=f"cvpn-endpoint-{uuid.uuid4().hex[:17]}", client_cidr=str(network),
        server_certificate_arn=str(certificate), authentication=list(authentication),
        connection_log=dict(connection_log), vpc_id=vpc_id, security_group_ids=groups,
        dns_servers=dns, split_tunnel=str(self._get_param("SplitTunnel")).lower() == "true",
        description=self._get_param("Description") or "")
    _store(self.ec2_backend)[endpoint.id] = endpoint
    return ActionResult({"ClientVpnEndpointId": endpoint.id,
                         "Status": {"Code": "pending-associate"},
                         "DnsName": endpoint.to_api(self.region)["DnsName"]})


def describe_client_vpn_endpoints(self: Any) -> Any:
    wanted: list[str] = list(self._get_param("ClientVpnEndpointIds") or [])
    store = _store(self.ec2_backend)
    for endpoint_id in wanted:
        if endpoint_id not in store:
            raise _error("InvalidClientVpnEndpointId.NotFound",
                         f"Endpoint {endpoint_id} does not exist")
    chosen = [store[i] for i in wanted] if wanted else list(store.values())
    items = _filtered(self, [e.to_api(self.region) for e in chosen],
                      {"endpoint-id": "ClientVpnEndpointId"})
    return _page(self, items, "ClientVpnEndpoints")


def delete_client_vpn_endpoint(self: Any) -> Any:
    from moto.core.responses import ActionResult

    endpoint = _endpoint(self)
    if endpoint.associations:
        raise _error("IncorrectState", f"Endpoint {endpoint.id} still has target network "
                     "associations: disassociate them first")
    del _store(self.ec2_backend)[endpoint.id]
    return ActionResult({"Status": {"Code": "deleting"}})


def associate_client_vpn_target_network(self: Any) -> Any:
    from moto.core.responses import ActionResult

    endpoint = _endpoint(self)
    (subnet_id,) = _required(self, "SubnetId")
    backend = self.ec2_backend
    subnet = backend.get_subnet(subnet_id)  # raises InvalidSubnetID.NotFound
    if endpoint.vpc_id and subnet.vpc_id != endpoint.vpc_id:
        raise _error("InvalidParameterValue", f"Subnet {subnet_id} is not in VPC "
                     f"{endpoint.vpc_id}, the endpoint's VPC")
    for other in endpoint.associations:
        if other.subnet_id == subnet_id:
            raise _error("InvalidParameterValue",
                         f"Subnet {subnet_id} is already associated with {endpoint.id}")
        if backend.get_subnet(other.subnet_id).availability_zone == subnet.availability_zone:
            raise _error("InvalidClientVpnSubnetId.DuplicateAz",
                         f"{endpoint.id} already has a subnet associated in "
                         f"{subnet.availability_zone}")
    vpc = backend.get_vpc(subnet.vpc_id)
    client = ipaddress.IPv4Network(endpoint.client_cidr)
    if client.overlaps(ipaddress.IPv4Network(vpc.cidr_block)):
        raise _error("InvalidClientVpnSubnetId.OverlappingCidr",
                     f"Client CIDR {endpoint.client_cidr} overlaps VPC {vpc.id} "
                     f"({vpc.cidr_block})")
    if not endpoint.vpc_id:
        endpoint.vpc_id = subnet.vpc_id
    if not endpoint.security_group_ids:
        default_group = backend.get_default_security_group(subnet.vpc_id)
        endpoint.security_group_ids = [default_group.id] if default_group else []
    eni = _association_eni(backend, subnet, endpoint.security_group_ids)
    association = Association(f"cvpn-assoc-{uuid.uuid4().hex[:17]}", subnet_id,
                              subnet.vpc_id, eni.id)
    endpoint.associations.append(association)
    endpoint.routes.append(VpnRoute(vpc.cidr_block, subnet_id, "associate",
                                    "Default Route"))
    return ActionResult({"AssociationId": association.id, "Status": {"Code": "associating"}})


def _association_eni(backend: Any, subnet: Any, group_ids: list[str]) -> Any:
    """The interface that source-NATs client traffic: the next free address of the subnet."""
    address = subnet.get_available_subnet_ip(None)
    eni = backend.create_network_interface(subnet, address, group_ids=group_ids,
                                           description=ENI_DESCRIPTION)
    subnet._subnet_ips[address] = eni
    eni.requester_managed = True
    eni.status = "in-use"
    return eni


def describe_client_vpn_target_networks(self: Any) -> Any:
    endpoint = _endpoint(self)
    wanted: list[str] = list(self._get_param("AssociationIds") or [])
    items = [{
        "AssociationId": a.id, "VpcId": a.vpc_id, "TargetNetworkId": a.subnet_id,
        "ClientVpnEndpointId": endpoint.id, "Status": {"Code": a.status},
        "SecurityGroups": list(endpoint.security_group_ids),
    } for a in endpoint.associations if not wanted or a.id in wanted]
    items = _filtered(self, items, {"association-id": "AssociationId",
                                    "target-network-id": "TargetNetworkId",
                                    "vpc-id": "VpcId"})
    return _page(self, items, "ClientVpnTargetNetworks")


def disassociate_client_vpn_target_network(self: Any) -> Any:
    from moto.core.responses import ActionResult

    endpoint = _endpoint(self)
    (association_id,) = _required(self, "AssociationId")
    association = next((a for a in endpoint.associations if a.id == association_id), None)
    if association is None:
        raise _error("InvalidClientVpnAssociationId.NotFound",
                     f"Association {association_id} does not exist on {endpoint.id}")
    endpoint.associations.remove(association)
    endpoint.routes = [r for r in endpoint.routes if r.subnet_id != association.subnet_id]
    backend = self.ec2_backend
    eni = backend.get_network_interface(association.eni_id)
    subnet = backend.get_subnet(association.subnet_id)
    subnet._subnet_ips.pop(eni.private_ip_address, None)
    backend.delete_network_interface(eni.id)
    return ActionResult({"AssociationId": association.id,
                         "Status": {"Code": "disassociating"}})


def authorize_client_vpn_ingress(self: Any) -> Any:
    from moto.core.responses import ActionResult

    endpoint = _endpoint(self)
    (destination,) = _required(self, "TargetNetworkCidr")
    network = str(_cidr(destination, "TargetNetworkCidr"))
    group = self._get_param("AccessGroupId") or ""
    all_groups = str(self._get_param("AuthorizeAllGroups")).lower() == "true"
    if bool(group) == all_groups:
        raise _error("InvalidParameterCombination",
                     "Specify either AccessGroupId or AuthorizeAllGroups=true")
    if any(r.destination == network and r.group_id == group and r.all_groups == all_groups
           for r in endpoint.authorizations):
        raise _error("InvalidClientVpnDuplicateAuthorizationRule",
                     f"An authorization rule for {network} already exists")
    endpoint.authorizations.append(Authorization(network, group, all_groups,
                                                 self._get_param("Description") or ""))
    return ActionResult({"Status": {"Code": "authorizing"}})


def describe_client_vpn_authorization_rules(self: Any) -> Any:
    endpoint = _endpoint(self)
    items = [{
        "ClientVpnEndpointId": endpoint.id, "Description": r.description,
        "GroupId": r.group_id, "AccessAll": r.all_groups, "DestinationCidr": r.destination,
        "Status": {"Code": "active"},
    } for r in endpoint.authorizations]
    items = _filtered(self, items, {"destination-cidr": "DestinationCidr",
                                    "group-id": "GroupId", "description": "Description"})
    return _page(self, items, "AuthorizationRules")


def revoke_client_vpn_ingress(self: Any) -> Any:
    from moto.core.responses import ActionResult

    endpoint = _endpoint(self)
    (destination,) = _required(self, "TargetNetworkCidr")
    network = str(_cidr(destination, "TargetNetworkCidr"))
    group = self._get_param("AccessGroupId") or ""
    all_groups = str(self._get_param("RevokeAllGroups")).lower() == "true"
    if bool(group) == all_groups:
        raise _error("InvalidParameterCombination",
                     "Specify either AccessGroupId or RevokeAllGroups=true")
    rule = next((r for r in endpoint.authorizations if r.destination == network
                 and r.group_id == group and r.all_groups == all_groups), None)
    if rule is None:
        raise _error("InvalidClientVpnEndpointAuthorizationRuleNotFound",
                     f"No authorization rule for {network} on {endpoint.id}")
    endpoint.authorizations.remove(rule)
    return ActionResult({"Status": {"Code": "revoking"}})


def create_client_vpn_route(self: Any) -> Any:
    from moto.core.responses import ActionResult

    endpoint = _endpoint(self)
    destination, subnet_id = _required(self, "DestinationCidrBlock", "TargetVpcSubnetId")
    network = str(_cidr(destination, "DestinationCidrBlock"))
    if not any(a.subnet_id == subnet_id for a in endpoint.associations):
        raise _error("InvalidClientVpnActiveAssociationNotFound",
                     f"Subnet {subnet_id} is not associated with {endpoint.id}")
    if any(r.destination == network and r.subnet_id == subnet_id for r in endpoint.routes):
        raise _error("InvalidClientVpnDuplicateRoute",
                     f"A route to {network} through {subnet_id} already exists")
    endpoint.routes.append(VpnRoute(network, subnet_id, "add-route",
                                    self._get_param("Description") or ""))
    return ActionResult({"Status": {"Code": "creating"}})


def describe_client_vpn_routes(self: Any) -> Any:
    endpoint = _endpoint(self)
    items = [{
        "ClientVpnEndpointId": endpoint.id, "DestinationCidr": r.destination,
        "TargetSubnet": r.subnet_id, "Type": "Nat", "Origin": r.origin,
        "Status": {"Code": "active"}, "Description": r.description,
    } for r in endpoint.routes]
    items = _filtered(self, items, {"destination-cidr": "DestinationCidr",
                                    "origin": "Origin", "target-subnet": "TargetSubnet"})
    return _page(self, items, "Routes")


def delete_client_vpn_route(self: Any) -> Any:
    from moto.core.responses import ActionResult

    endpoint = _endpoint(self)
    (destination,) = _required(self, "DestinationCidrBlock")
    network = str(_cidr(destination, "DestinationCidrBlock"))
    subnet_id = self._get_param("TargetVpcSubnetId") or ""
    route = next((r for r in endpoint.routes if r.destination == network
                  and (not subnet_id or r.subnet_id == subnet_id)), None)
    if route is None:
        raise _error("InvalidClientVpnRouteNotFound",
                     f"No route to {network} on {endpoint.id}")
    if route.origin == "associate":
        raise _error("InvalidParameterValue", f"The route to {network} was added by the "
                     "target network association: disassociate the subnet to remove it")
    endpoint.routes.remove(route)
    return ActionResult({"Status": {"Code": "deleting"}})


RESPONSE_METHODS = {
    "create_client_vpn_endpoint": create_client_vpn_endpoint,
    "describe_client_vpn_endpoints": describe_client_vpn_endpoints,
    "delete_client_vpn_endpoint": delete_client_vpn_endpoint,
    "associate_client_vpn_target_network": associate_client_vpn_target_network,
    "describe_client_vpn_target_networks": describe_client_vpn_target_networks,
    "disassociate_client_vpn_target_network": disassociate_client_vpn_target_network,
    "authorize_client_vpn_ingress": authorize_client_vpn_ingress,
    "describe_client_vpn_authorization_rules": describe_client_vpn_authorization_rules,
    "revoke_client_vpn_ingress": revoke_client_vpn_ingress,
    "create_client_vpn_route": create_client_vpn_route,
    "describe_client_vpn_routes": describe_client_vpn_routes,
    "delete_client_vpn_route": delete_client_vpn_route,
}
