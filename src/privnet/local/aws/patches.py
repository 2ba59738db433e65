"""Every change privnet makes to moto, in one place, one function per gap.

moto models AWS closely enough for most of privnet, but a few behaviours privnet depends on
are missing or wrong (see docs/local-cloud.md). The patches replace moto methods on their
classes, so they act the same under ``moto.mock_aws()`` in this process and in a
``ThreadedMotoServer`` started by this process. ``apply_patches`` may be called any number
of times: each method is replaced once, and a later call only changes the behaviour.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from privnet.local.aws.behaviour import AwsBehaviour, use_behaviour

_MARK = "__privnet_patched__"
_LOCK = threading.Lock()


def _replace(owner: Any, name: str, build: Callable[[Any], Any]) -> None:
    """Swap ``owner.name`` for ``build(original)`` unless ``build`` did so already; two
    builders may wrap the same method, each once."""
    current = owner.__dict__.get(name) or getattr(owner, name, None)
    done: frozenset[str] = getattr(current, _MARK, frozenset()) if current is not None \
        else frozenset()
    builder = f"{getattr(build, '__module__', '')}.{getattr(build, '__qualname__', build)}"
    if builder in done:
        return
    replacement = build(current)
    setattr(replacement, _MARK, done | {builder})
    setattr(owner, name, replacement)


def _keep(method: Callable[..., Any]) -> Callable[[Any], Callable[..., Any]]:
    """A builder that ignores moto's version (absent or wrong) and installs ``method``."""
    return lambda _original: method


def patch_vpc_endpoints() -> None:
    """Interface endpoints: regional + zonal DNS entries, in-subnet ENIs with the endpoint SGs
    (kept in step on modify), pending -> available latency, addresses released on delete."""
    from moto.ec2.models import EC2Backend

    from privnet.local.aws import vpc_endpoints as vpce

    _replace(EC2Backend, "create_vpc_endpoint", vpce.make_create_vpc_endpoint)
    _replace(EC2Backend, "describe_vpc_endpoints", vpce.make_describe_vpc_endpoints)
    _replace(EC2Backend, "delete_vpc_endpoints", vpce.make_delete_vpc_endpoints)
    _replace(EC2Backend, "modify_vpc_endpoint", vpce.make_modify_vpc_endpoint)


def patch_transit_gateway_routing() -> None:
    """TGW attachments honour the default association/propagation options, refuse a second
    association, and propagated routes show in SearchTransitGatewayRoutes."""
    from moto.ec2.models import EC2Backend

    from privnet.local.aws import transit_gateway as tgw

    _replace(EC2Backend, "create_transit_gateway_vpc_attachment", tgw.make_create_vpc_attachment)
    _replace(EC2Backend, "delete_transit_gateway_vpc_attachment", tgw.make_delete_vpc_attachment)
    _replace(EC2Backend, "associate_transit_gateway_route_table", tgw.make_associate)
    _replace(EC2Backend, "disassociate_transit_gateway_route_table", tgw.make_disassociate)
    _replace(EC2Backend, "search_transit_gateway_routes", _keep(tgw.search_transit_gateway_routes))


def patch_transit_gateway_attachment_tags() -> None:
    """TagSpecifications on CreateTransitGatewayVpcAttachment tag the attachment."""
    from moto.ec2.responses.transit_gateway_attachments import TransitGatewayAttachment

    from privnet.local.aws import transit_gateway as tgw

    _replace(TransitGatewayAttachment, "create_transit_gateway_vpc_attachment",
             _keep(tgw.create_vpc_attachment_response))


def patch_route53_conflicting_domain() -> None:
    """A VPC may see only one private zone of a given name (ConflictingDomainExists), and
    must exist in its region (InvalidVPCId)."""
    from moto.route53.models import Route53Backend

    from privnet.local.aws import route53_zones as zones

    _replace(Route53Backend, "create_hosted_zone", zones.make_create_hosted_zone)
    _replace(Route53Backend, "associate_vpc_with_hosted_zone", zones.make_associate_vpc)


def patch_route53_private_zone_by_vpc() -> None:
    """A zone created with a VPC is private, with or without ``HostedZoneConfig``."""
    from moto.route53.responses import Route53

    from privnet.local.aws import route53_zones as zones

    _replace(Route53, "_get_bool_param", zones.make_private_with_vpc)


def patch_resolver_unnamed_objects() -> None:
    """Resolver lists work when endpoints, rules or associations have no ``Name``."""
    from moto.route53resolver.models import Route53ResolverBackend

    from privnet.local.aws.resolver_optional import make_lists

    for name, method in make_lists().items():
        _replace(Route53ResolverBackend, name, _keep(method))


def patch_resolver_target_port() -> None:
    """A FORWARD rule's target given by ``Ip`` alone forwards to port 53."""
    from moto.route53resolver.models import Route53ResolverBackend

    from privnet.local.aws.resolver_optional import make_create_resolver_rule

    _replace(Route53ResolverBackend, "create_resolver_rule", make_create_resolver_rule)


def patch_route53_change_latency() -> None:
    """Changes get their own ids and stay PENDING for the configured latency."""
    from moto.route53.responses import Route53

    from privnet.local.aws import route53_changes as changes

    for action in changes.CHANGING_ACTIONS:
        _replace(Route53, action, changes.with_tracked_change)
    _replace(Route53, "get_change", _keep(changes.get_change))


def patch_eni_permissions() -> None:
    """Create/Describe/DeleteNetworkInterfacePermission(s) on the EC2 API."""
    from moto.ec2.responses import EC2Response

    from privnet.local.aws.eni_permissions import RESPONSE_METHODS

    for name, method in RESPONSE_METHODS.items():
        _replace(EC2Response, name, _keep(method))


def patch_client_vpn() -> None:
    """The Client VPN endpoint, association, authorization rule and route calls."""
    from moto.ec2.responses import EC2Response

    from privnet.local.aws.client_vpn import RESPONSE_METHODS

    for name, method in RESPONSE_METHODS.items():
        _replace(EC2Response, name, _keep(method))


def patch_tag_filters() -> None:
    """Several ``tag:`` filters must all match; untagged objects match none (no 500)."""
    import importlib

    from privnet.local.aws import tag_filters

    for module_name in tag_filters.MODULES_USING_IT:
        module = importlib.import_module(module_name)
        _replace(module, "describe_tag_filter", _keep(tag_filters.describe_tag_filter))
    from moto.ec2.models import EC2Backend

    for lister in tag_filters.IGNORING_TAG_FILTERS:
        _replace(EC2Backend, lister, tag_filters.make_tag_filtered)


def patch_error_shapes_and_faults() -> None:
    """Unimplemented calls answer with an AWS-shaped 501 error, an unknown region with a 403;
    seeded faults are injected."""
    from moto.core.responses import BaseResponse

    from privnet.local.aws.error_shapes import guarded_call_action
    from privnet.local.aws.network_version import register_version_route

    _replace(BaseResponse, "call_action", guarded_call_action)
    register_version_route()


def patch_secrets_manager() -> None:
    """One Secrets Manager call at a time (threads list while others delete); CreateSecret
    checks names and keeps the name of a secret scheduled for deletion."""
    from moto.secretsmanager.models import SecretsManagerBackend

    from privnet.local.aws import secrets_manager as sm

    for name in sm.public_methods(SecretsManagerBackend):
        _replace(SecretsManagerBackend, name, sm.make_backend_method(name))


def patch_tag_lookup() -> None:
    """An EC2 object's own tags read by its id, not by scanning every tag of the region."""
    from moto.ec2.models.core import TaggedEC2Resource

    from privnet.local.aws.tag_lookup import own_tags

    _replace(TaggedEC2Resource, "get_tags", _keep(own_tags))


def patch_serial_requests() -> None:
    """One request at a time through moto (see :mod:`privnet.local.aws.serial_requests`)."""
    from moto.core.botocore_stubber import BotocoreStubber

    from privnet.local.aws.serial_requests import serialised_dispatch

    _replace(BotocoreStubber, "__call__", serialised_dispatch)


def patch_unknown_ids() -> None:
    """Transit Gateway describe calls refuse an unknown id (see ``unknown_ids``)."""
    from moto.ec2.models import EC2Backend

    from privnet.local.aws import unknown_ids

    _replace(EC2Backend, "describe_transit_gateways", unknown_ids.make_describe_transit_gateways)
    _replace(EC2Backend, "describe_transit_gateway_vpc_attachments",
             unknown_ids.make_describe_attachments)
    _replace(EC2Backend, "describe_transit_gateway_attachments",
             unknown_ids.make_describe_attachments)


def patch_route_limit() -> None:
    """CreateRoute refuses past the routes-per-table quota (see ``route_limit``)."""
    from moto.ec2.models import EC2Backend

    from privnet.local.aws.route_limit import make_create_route

    _replace(EC2Backend, "create_route", make_create_route)


PATCHES: tuple[Callable[[], None], ...] = (
    patch_vpc_endpoints,
    patch_transit_gateway_routing,
    patch_transit_gateway_attachment_tags,
    patch_route53_conflicting_domain,
    patch_route53_private_zone_by_vpc,
    patch_resolver_unnamed_objects,
    patch_resolver_target_port,
    patch_route53_change_latency,
    patch_eni_permissions,
    patch_client_vpn,
    patch_tag_filters,
    patch_error_shapes_and_faults,
    patch_secrets_manager,
    patch_serial_requests,
    patch_tag_lookup,
    patch_unknown_ids,
    patch_route_limit,
)


def apply_patches(behaviour: AwsBehaviour | None = None) -> None:
    """Close moto's gaps (idempotent) and set the fault/latency behaviour (default: off)."""
    with _LOCK:
        for patch in PATCHES:
            patch()
        use_behaviour(behaviour or AwsBehaviour())
