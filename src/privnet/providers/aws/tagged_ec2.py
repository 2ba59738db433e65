"""The lifecycle of EC2 objects privnet tags as its own, or adopts when given by id.

VPCs, subnets, the Transit Gateway and its route table are all found by tags (or by the
``existing_id`` the topology names), read and polled by id, never changed in place, and left
alone on delete when adopted. Only their describe/create/delete calls and fields differ.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from privnet.providers.aws.adoption import Adoptable, existing_id, is_adopted, missing
from privnet.providers.aws.batch_reads import described_by_id
from privnet.providers.aws.ec2_lookup import absent_ok, describe, find_tagged, live, state_of
from privnet.providers.aws.errors import aws_errors
from privnet.providers.base import Attributes, HandlerBase, ProviderContext, Readiness
from privnet.resources.kinds import Kind

P = TypeVar("P", bound=Adoptable)


class TaggedEc2Handler(HandlerBase[P]):
    """Handler of one tagged EC2 kind; subclasses name its calls and build its attributes."""

    kind: Kind[P]
    noun: str
    """How errors name the object (``Transit Gateway route table``)."""
    ready_noun: str | None = None
    """How readiness messages name it, when shorter than ``noun``."""
    describe_operation: str
    describe_key: str
    ids_parameter: str
    """The describe call's id list parameter (``SubnetIds``)."""
    delete_operation: str
    id_parameter: str
    """The delete call's id parameter (``SubnetId``)."""
    busy_codes: frozenset[str] = frozenset({"DependencyViolation"})
    """Refusals of a delete that clear by themselves (dependents still going away)."""
    delete_only_if_present: bool = False
    """Read before deleting, so that a gone object is not asked to go again."""

    def attributes_of(self, item: dict[str, Any], adopted: bool) -> Attributes:
        raise NotImplementedError

    def create_new(self, ctx: ProviderContext, address: str,
                   properties: P) -> dict[str, Any]:
        """Create and tag the object; its describe-shaped description."""
        raise NotImplementedError

    def _by_id(self, ctx: ProviderContext, object_id: str) -> list[dict[str, Any]]:
        return describe(ctx, self.describe_operation, self.describe_key,
                        **{self.ids_parameter: [object_id]})

    def find(self, ctx: ProviderContext, address: str,
             properties: P) -> Attributes | None:
        given = existing_id(properties)
        if given:
            found = live(self._by_id(ctx, given))
            return self.attributes_of(found[0], True) if found else None
        item = find_tagged(ctx, self.describe_operation, self.describe_key, address)
        return self.attributes_of(item, False) if item else None

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        found = live(self._by_id(ctx, attributes["id"]))
        return self.attributes_of(found[0], is_adopted(attributes)) if found else None

    reads_in_batches = True

    def read_many(self, ctx: ProviderContext,
                  recorded: Mapping[str, Attributes]) -> dict[str, Attributes | None]:
        """All by id, a hundred per describe call."""
        found = described_by_id(ctx, self.describe_operation, self.describe_key,
                                self.ids_parameter, (str(a["id"]) for a in recorded.values()),
                                lambda item: str(self.attributes_of(item, False)["id"]))
        answers: dict[str, Attributes | None] = {}
        for address, attributes in recorded.items():
            items = live(found[str(attributes["id"])])
            answers[address] = (self.attributes_of(items[0], is_adopted(attributes))
                                if items else None)
        return answers

    def create(self, ctx: ProviderContext, address: str,
               properties: P) -> Attributes:
        given = existing_id(properties)
        if given:
            adopted = self.find(ctx, address, properties)
            if adopted is None:
                raise missing(self.noun, given)
            return adopted
        return self.attributes_of(self.create_new(ctx, address, properties), False)

    def update(self, ctx: ProviderContext, address: str, properties: P,
               attributes: Attributes) -> Attributes:
        """Nothing privnet sets on these objects can change in place."""
        current = self.read(ctx, address, attributes)
        if current is None:
            return self.create(ctx, address, properties)
        return current

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        if is_adopted(attributes):
            return  # adopted objects stay
        if self.delete_only_if_present and self.read(ctx, address, attributes) is None:
            return
        with absent_ok(), aws_errors(also_transient=self.busy_codes):
            getattr(ctx.aws("ec2"), self.delete_operation)(
                **{self.id_parameter: attributes["id"]})

    def left_in_place(self, attributes: Attributes,
                      ctx: ProviderContext | None) -> str | None:
        if is_adopted(attributes):
            return (f"{self.noun} {attributes.get('id', '')} is given by id in the topology: "
                    "privnet did not create it and leaves it alone")
        return None

    def check_ready(self, ctx: ProviderContext, address: str,
                    attributes: Attributes) -> Readiness:
        found = self._by_id(ctx, attributes["id"])
        state = state_of(found[0]) if found else "missing"
        return Readiness(state == "available",
                         f"{self.ready_noun or self.noun} {attributes['id']} {state}")
