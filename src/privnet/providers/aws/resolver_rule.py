"""A Route 53 Resolver SYSTEM rule for the Confluent domain.

A SYSTEM rule makes the VPC's own view (its private zones) answer for the domain, so the
centralized zone wins over a FORWARD rule for a parent domain such as confluent.cloud.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.errors import PrivnetError
from privnet.providers.aws.errors import AwsRequestError, aws_errors
from privnet.providers.aws.hosted_zone import fqdn
from privnet.providers.aws.tags import has_tags, idempotency_key, tags
from privnet.providers.base import Attributes, ProviderContext, Readiness

_GENERATIONS = 20
_GONE = frozenset({"ResourceNotFoundException"})


def _key_prefix(ctx: ProviderContext, address: str) -> str:
    return f"privnet-{idempotency_key(ctx, address)[:40]}-"


def _attributes(rule: Mapping[str, Any]) -> Attributes:
    return {"id": str(rule["Id"]), "arn": str(rule.get("Arn", "")),
            "domain": fqdn(str(rule.get("DomainName", ""))),
            "rule_type": str(rule.get("RuleType", "")), "status": str(rule.get("Status", ""))}


def _rules_for(ctx: ProviderContext, domain: str) -> list[dict[str, Any]]:
    client = ctx.aws("route53resolver")
    found: list[dict[str, Any]] = []
    # Filtered here, not by the API: emulators disagree on the trailing dot of DomainName.
    with aws_errors():
        for page in client.get_paginator("list_resolver_rules").paginate():
            found.extend(page.get("ResolverRules", []))
    return [r for r in found if fqdn(str(r.get("DomainName", ""))) == fqdn(domain)]


def _rule_tags(ctx: ProviderContext, arn: str) -> list[dict[str, str]]:
    with aws_errors():
        answer = ctx.aws("route53resolver").list_tags_for_resource(ResourceArn=arn)
    return list(answer.get("Tags", []))


class ResolverRuleHandler:
    """``aws.resolver_rule.<name>``: ``domain``, ``name``, ``rule_type`` (SYSTEM)."""

    kind = "aws.resolver_rule"
    replace_on: frozenset[str] = frozenset({"domain", "rule_type"})
    """Properties AWS cannot change in place: a change replaces the object."""

    def find(self, ctx: ProviderContext, address: str,
             properties: Mapping[str, Any]) -> Attributes | None:
        prefix = _key_prefix(ctx, address)
        for rule in _rules_for(ctx, str(properties["domain"])):
            if str(rule.get("Status", "")) == "DELETING":
                continue
            if str(rule.get("CreatorRequestId", "")).startswith(prefix) or \
                    has_tags(ctx, address, _rule_tags(ctx, str(rule.get("Arn", "")))):
                return _attributes(rule)
        return None

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        try:
            with aws_errors():
                rule = ctx.aws("route53resolver").get_resolver_rule(
                    ResolverRuleId=attributes["id"])["ResolverRule"]
        except AwsRequestError as exc:
            if exc.code in _GONE:
                return None
            raise
        return None if rule.get("Status") == "DELETING" else _attributes(rule)

    def create(self, ctx: ProviderContext, address: str,
               properties: Mapping[str, Any]) -> Attributes:
        found = self.find(ctx, address, properties)
        if found is not None:
            return found
        prefix = _key_prefix(ctx, address)
        for generation in range(_GENERATIONS):
            try:
                with aws_errors():
                    rule = ctx.aws("route53resolver").create_resolver_rule(
                        CreatorRequestId=f"{prefix}{generation}",
                        Name=str(properties.get("name") or address.replace(".", "-"))[:64],
                        RuleType=str(properties.get("rule_type", "SYSTEM")),
                        DomainName=fqdn(str(properties["domain"])).rstrip("."),
                        Tags=tags(ctx, address),
                    )["ResolverRule"]
            except AwsRequestError as exc:
                if exc.code == "ResourceExistsException":
                    continue
                raise
            return _attributes(rule)
        raise PrivnetError(f"{address}: no free CreatorRequestId after {_GENERATIONS} attempts")

    def update(self, ctx: ProviderContext, address: str, properties: Mapping[str, Any],
               attributes: Attributes) -> Attributes:
        """Domain and type are a rule's identity: a change means a new rule."""
        current = self.read(ctx, address, attributes)
        if current is None or current["domain"] != fqdn(str(properties["domain"])):
            if current is not None:
                self.delete(ctx, address, attributes)
            return self.create(ctx, address, properties)
        return current

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        # Associations being removed keep the rule in use for a moment.
        try:
            with aws_errors(also_transient=frozenset({"ResourceInUseException"})):
                ctx.aws("route53resolver").delete_resolver_rule(ResolverRuleId=attributes["id"])
        except AwsRequestError as exc:
            if exc.code not in _GONE:
                raise

    def check_ready(self, ctx: ProviderContext, address: str,
                    attributes: Attributes) -> Readiness:
        current = self.read(ctx, address, attributes)
        status = str(current["status"]) if current else "missing"
        return Readiness(status == "COMPLETE", f"resolver rule {attributes['id']} {status}",
                         failed=status == "FAILED")
