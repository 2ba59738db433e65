"""A Route 53 Resolver SYSTEM rule for the Confluent domain.

A SYSTEM rule makes the VPC's own view (its private zones) answer for the domain, so the
centralized zone wins over a FORWARD rule for a parent domain such as confluent.cloud.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.facts.aws_pages import pages
from privnet.facts.dns_names import absolute_name
from privnet.providers.aws.errors import aws_errors
from privnet.providers.aws.generations import create_with_free_token, token_prefix
from privnet.providers.aws.gone import fetched_unless_gone, gone_ok
from privnet.providers.aws.identity_change import replace_if_renamed
from privnet.providers.aws.tags import has_tags, tags
from privnet.providers.base import Attributes, HandlerBase, ProviderContext, Readiness
from privnet.resources.kinds.aws_names import RESOLVER_RULE, ResolverRuleProperties

RESOLVER_GONE = frozenset({"ResourceNotFoundException"})
"""How Route 53 Resolver refuses a get or delete of an object that no longer exists."""


def resolver_readiness(current: Attributes | None, what: str) -> Readiness:
    """Resolver objects are ready when COMPLETE and broken for good when FAILED."""
    status = str(current["status"]) if current else "missing"
    return Readiness(status == "COMPLETE", f"{what} {status}", failed=status == "FAILED")


def _attributes(rule: Mapping[str, Any]) -> Attributes:
    return {"id": str(rule["Id"]), "arn": str(rule.get("Arn", "")),
            "domain": absolute_name(str(rule.get("DomainName", ""))),
            "rule_type": str(rule.get("RuleType", "")), "status": str(rule.get("Status", ""))}


def _rules_for(ctx: ProviderContext, domain: str) -> list[dict[str, Any]]:
    client = ctx.aws("route53resolver")
    found: list[dict[str, Any]] = []
    # Filtered here, not by the API: emulators disagree on the trailing dot of DomainName.
    with aws_errors():
        found.extend(pages(client, "list_resolver_rules", "ResolverRules"))
    wanted = absolute_name(domain)
    return [r for r in found if absolute_name(str(r.get("DomainName", ""))) == wanted]


def _rule_tags(ctx: ProviderContext, arn: str) -> list[dict[str, str]]:
    with aws_errors():
        answer = ctx.aws("route53resolver").list_tags_for_resource(ResourceArn=arn)
    return list(answer.get("Tags", []))


class ResolverRuleHandler(HandlerBase[ResolverRuleProperties]):
    """``aws.resolver_rule.<name>``: ``domain``, ``name``, ``rule_type`` (SYSTEM)."""

    kind = RESOLVER_RULE

    def find(self, ctx: ProviderContext, address: str,
             properties: ResolverRuleProperties) -> Attributes | None:
        prefix = token_prefix(ctx, address)
        for rule in _rules_for(ctx, properties["domain"]):
            if str(rule.get("Status", "")) == "DELETING":
                continue
            if str(rule.get("CreatorRequestId", "")).startswith(prefix) or \
                    has_tags(ctx, address, _rule_tags(ctx, str(rule.get("Arn", "")))):
                return _attributes(rule)
        return None

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        rule = fetched_unless_gone(
            lambda: ctx.aws("route53resolver").get_resolver_rule(
                ResolverRuleId=attributes["id"])["ResolverRule"], RESOLVER_GONE)
        return None if rule is None or rule.get("Status") == "DELETING" else _attributes(rule)

    def create(self, ctx: ProviderContext, address: str,
               properties: ResolverRuleProperties) -> Attributes:
        found = self.find(ctx, address, properties)
        if found is not None:
            return found

        def create_rule(request_id: str) -> dict[str, Any]:
            rule: dict[str, Any] = ctx.aws("route53resolver").create_resolver_rule(
                CreatorRequestId=request_id,
                Name=properties["name"][:64],
                RuleType=properties["rule_type"],
                DomainName=absolute_name(properties["domain"]).rstrip("."),
                Tags=tags(ctx, address),
            )["ResolverRule"]
            return rule

        return _attributes(create_with_free_token(ctx, address, "CreatorRequestId",
                                                  "ResourceExistsException", create_rule))

    def update(self, ctx: ProviderContext, address: str, properties: ResolverRuleProperties,
               attributes: Attributes) -> Attributes:
        """Domain and type are a rule's identity: a change means a new rule."""
        return replace_if_renamed(self, ctx, address, properties, attributes, "domain",
                                  properties["domain"])

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        # Associations being removed keep the rule in use for a moment.
        with gone_ok(RESOLVER_GONE, also_transient=frozenset({"ResourceInUseException"})):
            ctx.aws("route53resolver").delete_resolver_rule(ResolverRuleId=attributes["id"])

    def check_ready(self, ctx: ProviderContext, address: str,
                    attributes: Attributes) -> Readiness:
        current = self.read(ctx, address, attributes)
        return resolver_readiness(current, f"resolver rule {attributes['id']}")
