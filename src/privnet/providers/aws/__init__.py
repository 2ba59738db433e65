"""AWS handlers, one per resource kind; every boto3 client comes from ``ctx.aws(service)``."""

from __future__ import annotations

from privnet.providers.aws.eni_permission import EniPermissionHandler
from privnet.providers.aws.hosted_zone import HostedZoneHandler
from privnet.providers.aws.pni_enis import PniEnisHandler
from privnet.providers.aws.record import RecordHandler
from privnet.providers.aws.resolver_rule import ResolverRuleHandler
from privnet.providers.aws.resolver_rule_association import ResolverRuleAssociationHandler
from privnet.providers.aws.route import RouteHandler
from privnet.providers.aws.route_table import RouteTableHandler
from privnet.providers.aws.security_group import SecurityGroupHandler
from privnet.providers.aws.subnet import SubnetHandler
from privnet.providers.aws.tgw_association import TgwAssociationHandler
from privnet.providers.aws.tgw_attachment import TgwAttachmentHandler
from privnet.providers.aws.tgw_propagation import TgwPropagationHandler
from privnet.providers.aws.tgw_route import TgwRouteHandler
from privnet.providers.aws.tgw_route_table import TgwRouteTableHandler
from privnet.providers.aws.transit_gateway import TransitGatewayHandler
from privnet.providers.aws.vpc import VpcHandler
from privnet.providers.aws.vpc_endpoint import VpcEndpointHandler
from privnet.providers.aws.zone_association import ZoneAssociationHandler
from privnet.providers.base import AnyHandler, kind_name

_ALL: tuple[AnyHandler, ...] = (
    TransitGatewayHandler(),
    TgwRouteTableHandler(),
    VpcHandler(),
    SubnetHandler(),
    RouteTableHandler(),
    RouteHandler(),
    SecurityGroupHandler(),
    TgwAttachmentHandler(),
    TgwAssociationHandler(),
    TgwPropagationHandler(),
    TgwRouteHandler(),
    VpcEndpointHandler(),
    HostedZoneHandler(),
    ZoneAssociationHandler(),
    RecordHandler(),
    ResolverRuleHandler(),
    ResolverRuleAssociationHandler(),
    PniEnisHandler(),
    EniPermissionHandler(),
)

HANDLERS: dict[str, AnyHandler] = {kind_name(handler): handler for handler in _ALL}
"""Resource kind (``aws.vpc``) -> its handler."""

__all__ = ["HANDLERS"]
