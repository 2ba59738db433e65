"""Associating the SYSTEM resolver rule with a VPC. Found by rule and VPC id."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.facts.aws_pages import pages
from privnet.providers.aws.errors import aws_errors
from privnet.providers.aws.gone import fetched_unless_gone, gone_ok
from privnet.providers.aws.resolver_rule import RESOLVER_GONE, resolver_readiness
from privnet.providers.base import Attributes, HandlerBase, ProviderContext, Readiness
from privnet.resources.kinds.aws_names import (
    RESOLVER_RULE_ASSOCIATION,
    ResolverRuleAssociationProperties,
)


def _attributes(association: Mapping[str, Any]) -> Attributes:
    return {"id": str(association["Id"]), "rule_id": str(association.get("ResolverRuleId", "")),
            "vpc_id": str(association.get("VPCId", "")),
            "status": str(association.get("Status", ""))}


def _association(ctx: ProviderContext, rule_id: str, vpc_id: str) -> dict[str, Any] | None:
    client = ctx.aws("route53resolver")
    filters = [{"Name": "ResolverRuleId", "Values": [rule_id]},
               {"Name": "VPCId", "Values": [vpc_id]}]
    with aws_errors():
        for item in pages(client, "list_resolver_rule_associations",
                          "ResolverRuleAssociations", Filters=filters):
            if item.get("ResolverRuleId") == rule_id and item.get("VPCId") == vpc_id and \
                    item.get("Status") not in ("DELETING", "FAILED"):
                return dict(item)
    return None


class ResolverRuleAssociationHandler(HandlerBase[ResolverRuleAssociationProperties]):
    """``aws.resolver_rule_association.<vpc>``: ``rule_id``, ``vpc_id``."""

    kind = RESOLVER_RULE_ASSOCIATION

    def find(self, ctx: ProviderContext, address: str,
             properties: ResolverRuleAssociationProperties) -> Attributes | None:
        item = _association(ctx, properties["rule_id"], properties["vpc_id"])
        return _attributes(item) if item else None

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        item = fetched_unless_gone(
            lambda: ctx.aws("route53resolver").get_resolver_rule_association(
                ResolverRuleAssociationId=attributes["id"])["ResolverRuleAssociation"],
            RESOLVER_GONE)
        return None if item is None or item.get("Status") == "DELETING" else _attributes(item)

    reads_in_batches = True

    def read_many(self, ctx: ProviderContext,
                  recorded: Mapping[str, Attributes]) -> dict[str, Attributes | None]:
        """Each rule's associations listed once (every page), matched by id."""
        client = ctx.aws("route53resolver")
        by_id: dict[str, dict[str, Any]] = {}
        for rule_id in sorted({str(a["rule_id"]) for a in recorded.values()}):
            with aws_errors():
                for item in pages(client, "list_resolver_rule_associations",
                                  "ResolverRuleAssociations",
                                  Filters=[{"Name": "ResolverRuleId", "Values": [rule_id]}]):
                    by_id[str(item["Id"])] = dict(item)
        answers: dict[str, Attributes | None] = {}
        for address, attributes in recorded.items():
            match = by_id.get(str(attributes["id"]))
            answers[address] = (None if match is None or match.get("Status") == "DELETING"
                                else _attributes(match))
        return answers

    def create(self, ctx: ProviderContext, address: str,
               properties: ResolverRuleAssociationProperties) -> Attributes:
        found = self.find(ctx, address, properties)
        if found is not None:
            return found
        with aws_errors():
            item = ctx.aws("route53resolver").associate_resolver_rule(
                ResolverRuleId=properties["rule_id"], VPCId=properties["vpc_id"],
                Name=address.replace(".", "-")[:64],
            )["ResolverRuleAssociation"]
        return _attributes(item)

    def update(self, ctx: ProviderContext, address: str,
               properties: ResolverRuleAssociationProperties,
               attributes: Attributes) -> Attributes:
        if (properties["rule_id"], properties["vpc_id"]) != (attributes["rule_id"],
                                                             attributes["vpc_id"]):
            self.delete(ctx, address, attributes)
        return self.create(ctx, address, properties)

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        with gone_ok(RESOLVER_GONE):
            ctx.aws("route53resolver").disassociate_resolver_rule(
                ResolverRuleId=attributes["rule_id"], VPCId=attributes["vpc_id"])

    def check_ready(self, ctx: ProviderContext, address: str,
                    attributes: Attributes) -> Readiness:
        return resolver_readiness(self.read(ctx, address, attributes),
                                  "resolver rule association")
