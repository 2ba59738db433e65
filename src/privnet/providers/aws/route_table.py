"""One route table per VPC, associated with every subnet privnet manages in it.

The seed used one table per subnet with identical routes; one shared table carries the same
routes with a third of the objects and API calls.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.providers.aws.batch_reads import described_by_id
from privnet.providers.aws.ec2_lookup import absent_ok, describe, find_tagged
from privnet.providers.aws.errors import aws_errors
from privnet.providers.aws.tags import idempotency_key, tag_specifications
from privnet.providers.base import Attributes, HandlerBase, ProviderContext, Readiness
from privnet.resources.kinds.aws_network import ROUTE_TABLE, RouteTableProperties

_METHOD = "describe_route_tables"
_KEY = "RouteTables"


def _attributes(table: dict[str, Any]) -> Attributes:
    associations = {
        a["SubnetId"]: a["RouteTableAssociationId"]
        for a in table.get("Associations", [])
        if a.get("SubnetId") and not a.get("Main")
    }
    return {"id": table["RouteTableId"], "vpc_id": table.get("VpcId", ""),
            "associations": dict(sorted(associations.items()))}


class RouteTableHandler(HandlerBase[RouteTableProperties]):
    """``aws.route_table.<vpc>``: properties ``vpc_id``, ``subnet_ids``."""

    kind = ROUTE_TABLE

    def find(self, ctx: ProviderContext, address: str,
             properties: RouteTableProperties) -> Attributes | None:
        """The table, when it can be adopted as it is. A table whose subnets differ is one an
        interrupted create left half-made (created, not associated everywhere): it is not
        offered for adoption, so the executor calls ``create``, which finds it again and
        completes its associations instead of making a second table."""
        table = find_tagged(ctx, _METHOD, _KEY, address)
        if table is None:
            return None
        found = _attributes(table)
        wanted = set(properties["subnet_ids"])
        return found if set(found["associations"]) == wanted else None

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        found = describe(ctx, _METHOD, _KEY, RouteTableIds=[attributes["id"]])
        return _attributes(found[0]) if found else None

    reads_in_batches = True

    def read_many(self, ctx: ProviderContext,
                  recorded: Mapping[str, Attributes]) -> dict[str, Attributes | None]:
        """All by id, a hundred per describe call."""
        found = described_by_id(ctx, _METHOD, _KEY, "RouteTableIds",
                                (str(a["id"]) for a in recorded.values()),
                                lambda table: str(table["RouteTableId"]))
        return {address: _attributes(found[str(a["id"])][0]) if found[str(a["id"])] else None
                for address, a in recorded.items()}

    def create(self, ctx: ProviderContext, address: str,
               properties: RouteTableProperties) -> Attributes:
        table = find_tagged(ctx, _METHOD, _KEY, address)
        existing = _attributes(table) if table else None
        if existing is None:
            token = idempotency_key(ctx, address, properties["vpc_id"])
            with aws_errors():
                table = ctx.aws("ec2").create_route_table(
                    VpcId=properties["vpc_id"], ClientToken=token,
                    TagSpecifications=tag_specifications(ctx, address, "route-table"),
                )["RouteTable"]
            existing = _attributes(table)
        return self._associate(ctx, existing, list(properties["subnet_ids"]))

    def update(self, ctx: ProviderContext, address: str, properties: RouteTableProperties,
               attributes: Attributes) -> Attributes:
        """Associate new subnets and release subnets no longer listed."""
        current = self.read(ctx, address, attributes)
        if current is None:
            return self.create(ctx, address, properties)
        return self._associate(ctx, current, list(properties["subnet_ids"]))

    def _associate(self, ctx: ProviderContext, table: Attributes,
                   subnet_ids: list[str]) -> Attributes:
        ec2 = ctx.aws("ec2")
        associations: dict[str, str] = dict(table["associations"])
        for subnet_id, association_id in list(associations.items()):
            if subnet_id not in subnet_ids:
                with absent_ok():
                    ec2.disassociate_route_table(AssociationId=association_id)
                del associations[subnet_id]
        for subnet_id in subnet_ids:
            if subnet_id not in associations:
                with aws_errors():
                    answer = ec2.associate_route_table(RouteTableId=table["id"],
                                                       SubnetId=subnet_id)
                associations[subnet_id] = answer["AssociationId"]
        return {**table, "associations": dict(sorted(associations.items()))}

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        current = self.read(ctx, address, attributes)
        if current is None:
            return
        ec2 = ctx.aws("ec2")
        for association_id in current["associations"].values():
            with absent_ok():
                ec2.disassociate_route_table(AssociationId=association_id)
        with absent_ok(), aws_errors(also_transient=frozenset({"DependencyViolation"})):
            ec2.delete_route_table(RouteTableId=attributes["id"])

    def check_ready(self, ctx: ProviderContext, address: str,
                    attributes: Attributes) -> Readiness:
        """Route tables and their associations are usable as soon as the call returns."""
        return Readiness(True, f"route table {attributes['id']}")
