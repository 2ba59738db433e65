"""The lifecycle an attachment's link to a Transit Gateway route table goes through.

Associations and propagations differ only in their API operations and state names: both are
untaggable, identified by (route table, attachment), replaced rather than changed, and found
in the table's list of links by attachment id.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.providers.aws.ec2_lookup import absent_ok, describe
from privnet.providers.aws.errors import aws_errors
from privnet.providers.base import Attributes, HandlerBase, ProviderContext, Readiness
from privnet.resources.kinds import Kind
from privnet.resources.kinds.aws_transit import TgwLinkProperties


def _attributes(table_id: str, attachment_id: str, item: dict[str, Any]) -> Attributes:
    return {"route_table_id": table_id, "attachment_id": attachment_id,
            "state": str(item.get("State", ""))}


class TgwTableLinkHandler(HandlerBase[TgwLinkProperties]):
    """Handler of one link kind; subclasses name its operations and states."""

    kind: Kind[TgwLinkProperties]
    noun: str
    """How readiness messages call the link (``association``)."""
    list_operation: str
    list_key: str
    leaving_states: frozenset[str]
    """States of a link on its way out: it no longer counts as present."""
    link_operation: str
    link_answer_key: str
    unlink_operation: str
    ready_state: str

    def _link(self, ctx: ProviderContext, table_id: str,
              attachment_id: str) -> dict[str, Any] | None:
        found = describe(
            ctx, self.list_operation, self.list_key, TransitGatewayRouteTableId=table_id,
            Filters=[{"Name": "transit-gateway-attachment-id", "Values": [attachment_id]}],
        )
        for item in found:
            if item.get("TransitGatewayAttachmentId") == attachment_id and \
                    str(item.get("State", "")) not in self.leaving_states:
                return dict(item)
        return None

    def _found(self, ctx: ProviderContext, table_id: str, attachment_id: str) -> Attributes | None:
        item = self._link(ctx, table_id, attachment_id)
        return _attributes(table_id, attachment_id, item) if item else None

    def find(self, ctx: ProviderContext, address: str,
             properties: TgwLinkProperties) -> Attributes | None:
        return self._found(ctx, properties["route_table_id"], properties["attachment_id"])

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        return self._found(ctx, str(attributes["route_table_id"]),
                           str(attributes["attachment_id"]))

    reads_in_batches = True

    def read_many(self, ctx: ProviderContext,
                  recorded: Mapping[str, Attributes]) -> dict[str, Attributes | None]:
        """Each route table's links listed once (every page)."""
        links: dict[str, list[dict[str, Any]]] = {}
        for table_id in sorted({str(a["route_table_id"]) for a in recorded.values()}):
            links[table_id] = describe(ctx, self.list_operation, self.list_key,
                                       TransitGatewayRouteTableId=table_id)
        answers: dict[str, Attributes | None] = {}
        for address, attributes in recorded.items():
            table_id, attachment_id = (str(attributes["route_table_id"]),
                                       str(attributes["attachment_id"]))
            item = next((i for i in links[table_id]
                         if i.get("TransitGatewayAttachmentId") == attachment_id
                         and str(i.get("State", "")) not in self.leaving_states), None)
            answers[address] = _attributes(table_id, attachment_id, item) if item else None
        return answers

    def create(self, ctx: ProviderContext, address: str,
               properties: TgwLinkProperties) -> Attributes:
        found = self.find(ctx, address, properties)
        if found is not None:
            return found
        table_id, attachment_id = properties["route_table_id"], properties["attachment_id"]
        with aws_errors():
            answer = getattr(ctx.aws("ec2"), self.link_operation)(
                TransitGatewayRouteTableId=table_id, TransitGatewayAttachmentId=attachment_id)
        return _attributes(table_id, attachment_id, answer.get(self.link_answer_key, {}))

    def update(self, ctx: ProviderContext, address: str, properties: TgwLinkProperties,
               attributes: Attributes) -> Attributes:
        if (properties["route_table_id"], properties["attachment_id"]) != (
                attributes["route_table_id"], attributes["attachment_id"]):
            self.delete(ctx, address, attributes)
        return self.create(ctx, address, properties)

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        if self.read(ctx, address, attributes) is None:
            return
        with absent_ok():
            getattr(ctx.aws("ec2"), self.unlink_operation)(
                TransitGatewayRouteTableId=attributes["route_table_id"],
                TransitGatewayAttachmentId=attributes["attachment_id"])

    def check_ready(self, ctx: ProviderContext, address: str,
                    attributes: Attributes) -> Readiness:
        current = self.read(ctx, address, attributes)
        state = str(current["state"]) if current else "missing"
        return Readiness(state == self.ready_state, f"TGW {self.noun} {state}")
