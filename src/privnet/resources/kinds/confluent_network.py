"""Confluent networking kinds: PrivateLink attachments, ingress and PNI gateways and their
access points (no future import: see ``confluent_control``)."""

from privnet.resources.kinds.base import Kind, Traits
from privnet.resources.kinds.confluent_control import InEnvironment


class PlattProperties(InEnvironment):
    cloud: str
    region: str


class PlattConnectionProperties(InEnvironment):
    platt_id: str
    vpc_endpoint_id: str


class GatewayProperties(InEnvironment):
    """What every gateway kind has."""

    region: str


class IngressGatewayProperties(GatewayProperties):
    """An ingress PrivateLink gateway: nothing beyond its region."""


class PniGatewayProperties(GatewayProperties):
    zones: list[str]


class AccessPointProperties(InEnvironment):
    """What every access point kind has: its gateway."""

    gateway_id: str


class IngressAccessPointProperties(AccessPointProperties):
    vpc_endpoint_id: str


class PniAccessPointProperties(AccessPointProperties):
    account: str
    """The AWS account of the gateway, which the ENIs are shared with."""
    network_interfaces: list[str]
    """The ENIs privnet made for this access point."""
    extra_network_interfaces: list[str]
    """ENIs the topology names, made elsewhere."""


PLATT = Kind("confluent.platt", PlattProperties, Traits(network=True))
PLATT_CONNECTION = Kind("confluent.platt_connection", PlattConnectionProperties, Traits(
    runner_path=True, network=True))
INGRESS_GATEWAY = Kind("confluent.ingress_gateway", IngressGatewayProperties,
                       Traits(network=True))
INGRESS_ACCESS_POINT = Kind("confluent.ingress_access_point", IngressAccessPointProperties,
                            Traits(runner_path=True, network=True))
PNI_GATEWAY = Kind("confluent.pni_gateway", PniGatewayProperties, Traits(network=True))
PNI_ACCESS_POINT = Kind("confluent.pni_access_point", PniAccessPointProperties,
                        Traits(network=True))

KINDS = (PLATT, PLATT_CONNECTION, INGRESS_GATEWAY, INGRESS_ACCESS_POINT, PNI_GATEWAY,
         PNI_ACCESS_POINT)
