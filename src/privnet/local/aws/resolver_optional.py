"""Route 53 Resolver objects made without their optional fields.

``Name`` is optional on resolver endpoints, rules and rule associations (privnet always sets
one; Terraform and the console often do not). moto sorts these lists by name, and comparing a
missing name fails, so with two objects one of which is unnamed the list call dies: an HTML 500
from the server, a ``TypeError`` in process. Here the lists keep moto's order, with unnamed
objects sorted as the empty name and ties broken by id (a stable order for pagination).

A rule's target ``Port`` is optional too (AWS forwards to 53); moto's validation reads it
unconditionally and crashes on a target given by ``Ip`` alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Lister = Callable[..., Any]

DNS_PORT = 53


def _order(item: Any) -> tuple[str, str]:
    return (item.name or "", str(item.id))


def _listed(backend: Any, items: Any, filters: Any, filter_names: list[str]) -> list[Any]:
    filters = filters or []
    backend._add_field_name_to_filter(filters)
    backend._validate_filters(filters, filter_names)
    return [i for i in sorted(items, key=_order) if backend._matches_all_filters(i, filters)]


def make_lists() -> dict[str, Lister]:
    """Backend method name -> replacement, paginated with moto's own model for the call."""
    from moto.route53resolver.models import (
        ResolverEndpoint,
        ResolverRule,
        ResolverRuleAssociation,
    )
    from moto.route53resolver.utils import PAGINATION_MODEL
    from moto.utilities.paginator import paginate

    @paginate(pagination_model=PAGINATION_MODEL)
    def list_resolver_endpoints(self: Any, filters: Any) -> list[Any]:
        return _listed(self, self.resolver_endpoints.values(), filters,
                       ResolverEndpoint.FILTER_NAMES)

    @paginate(pagination_model=PAGINATION_MODEL)
    def list_resolver_rules(self: Any, filters: Any) -> list[Any]:
        return _listed(self, self.resolver_rules.values(), filters, ResolverRule.FILTER_NAMES)

    @paginate(pagination_model=PAGINATION_MODEL)
    def list_resolver_rule_associations(self: Any, filters: Any) -> list[Any]:
        return _listed(self, self.resolver_rule_associations.values(), filters,
                       ResolverRuleAssociation.FILTER_NAMES)

    return {f.__name__: f for f in (list_resolver_endpoints, list_resolver_rules,
                                    list_resolver_rule_associations)}


def make_create_resolver_rule(original: Lister) -> Lister:
    """Targets without ``Port`` get 53, as AWS stores and lists them."""

    def create_resolver_rule(self: Any, *args: Any, **kwargs: Any) -> Any:
        targets = kwargs.get("target_ips")
        if targets:
            kwargs["target_ips"] = [{**t, "Port": t.get("Port") or DNS_PORT}
                                    if isinstance(t, dict) else t for t in targets]
        return original(self, *args, **kwargs)

    return create_resolver_rule
