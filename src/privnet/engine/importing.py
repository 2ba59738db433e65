"""``privnet import``: adopt an object made outside privnet into the state at an address.

The address must be one the topology compiles to and not recorded yet; what it depends on
must be recorded (its properties are resolved from their attributes, and a Confluent object
is read inside its environment). The kind's handler reads the object by id, the way every
refresh reads a recorded object: an id the cloud does not know, or one that names an object
of another kind, is refused. So is one whose properties that cannot change in place (a
VPC's CIDR) differ from the topology's: it is not the object the address describes.

The record is written under the stack's lock, marked ``imported``, with the topology's
properties (so the next plan shows only what the cloud reports differently). An imported
object is managed like one privnet created: ``destroy`` deletes it, as Terraform does; to let
go of it without deleting it, ``privnet state rm`` it first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from privnet.engine.errors import EngineError
from privnet.engine.identity import a_kind, described, has_own_id
from privnet.engine.plan import EXISTING_ID
from privnet.engine.state import ResourceState
from privnet.engine.state_edit import object_id as recorded_name
from privnet.engine.targeting import UnknownAddressError, did_you_mean
from privnet.engine.values import UnresolvedRef, properties_hash, redact, resolve
from privnet.errors import PrivnetError, TransientError
from privnet.providers.base import Attributes, observed_of, without_observed

if TYPE_CHECKING:
    from privnet.engine.operations import Engine
    from privnet.resources.model import Resource


class ImportRefusedError(EngineError):
    """The object cannot be imported at that address; the message says why and what to do."""


@dataclass(frozen=True)
class Imported:
    address: str
    kind: str
    object_id: str
    serial: int


def import_object(engine: Engine, address: str, object_id: str) -> Imported:
    """Read ``object_id`` as the object at ``address`` and record it (see the module doc)."""
    graph = engine.graph()
    resource = graph.resources.get(address)
    if resource is None:
        raise UnknownAddressError(
            f"{address} is not an address the topology compiles to"
            f"{did_you_mean(address, graph.resources)}; import needs the object described "
            "in the topology first (`privnet plan FILE` lists the addresses)")
    handler = engine.handlers.get(resource.kind)
    if handler is None:
        raise ImportRefusedError(f"{address}: privnet has no handler for {resource.kind}")
    with engine.store.lock("import"):
        state = engine.store.load()
        taken = state.resources.get(address)
        if taken is not None:
            raise ImportRefusedError(
                f"{address} is already recorded ({recorded_name(taken)}); to import "
                f"another object there, `privnet state rm FILE {address}` first")
        for other, record in state.resources.items():
            if record.kind == resource.kind and record.attributes.get("id") == object_id:
                raise ImportRefusedError(f"{object_id} is already recorded as {other}")
        properties = _resolved(resource, state.attributes())
        given = properties.get(EXISTING_ID)
        if given:
            raise ImportRefusedError(
                f"the topology gives {address} by id ({given}): apply reads that object and "
                "never deletes it, so there is nothing to import; to have privnet manage "
                "(and destroy) it instead, remove the id from the topology, then import it")
        attributes = _read(engine, resource, properties, object_id)
        _check_identity(resource, properties, attributes, object_id,
                        engine.traits(resource.kind).replace_on)
        state.resources[address] = ResourceState(
            kind=resource.kind, attributes=redact(without_observed(attributes)),
            properties_hash=properties_hash(properties), properties=redact(properties),
            dependencies=sorted(graph.dependencies(address)), imported=True)
        engine.store.write(state)
    return Imported(address, resource.kind, object_id, state.serial)


def _resolved(resource: Resource, known: dict[str, dict[str, Any]]) -> dict[str, Any]:
    try:
        return dict(resolve(resource.properties, known))
    except UnresolvedRef as exc:
        raise ImportRefusedError(
            f"{resource.address} depends on {exc.ref.address}, which the state does not "
            f"record: apply or import {exc.ref.address} first") from None


def _read(engine: Engine, resource: Resource, properties: dict[str, Any],
          object_id: str) -> Attributes:
    """The handler's ``read`` of the object, seeded with the resolved properties (they say
    where it lives: its environment, its cluster) and the id."""
    handler = engine.handlers[resource.kind]
    seed: Attributes = {**properties, "id": object_id}
    try:
        found = handler.read(engine.ctx, resource.address, seed)
    except TransientError:
        raise
    except PrivnetError as exc:
        raise ImportRefusedError(f"cannot read {object_id} as {resource.kind}: {exc}") from None
    except Exception as exc:  # a client's own refusal of a malformed id
        raise ImportRefusedError(
            f"cannot read {object_id} as {resource.kind}: {type(exc).__name__}: {exc}") from None
    if found is not None and not has_own_id(found):
        raise ImportRefusedError(_no_own_id(resource, properties))
    if found is None or str(found.get("id", object_id)) != object_id:
        raise ImportRefusedError(
            f"no {resource.kind} with id {object_id} was found (check the id, that it is one "
            f"of {a_kind(resource.kind)} object, and, for an AWS object, the stack's region "
            f"{engine.ctx.region})")
    return found


def _no_own_id(resource: Resource, properties: dict[str, Any]) -> str:
    """Why an id cannot name an object of this kind, and what brings it into the state."""
    return (f"{resource.kind} has no id of its own: privnet finds it by what names it "
            f"({described(resource.kind, properties)}); run plan, which "
            "adopts it when it exists, and apply to record it")


def _check_identity(resource: Resource, properties: dict[str, Any], attributes: Attributes,
                    object_id: str, replace_on: frozenset[str]) -> None:
    """Properties that cannot change in place must be the topology's: otherwise the id
    names another object than the one the address describes."""
    seen = {**without_observed(attributes), **observed_of(attributes)}
    for name in sorted(replace_on):
        if name in seen and name in properties and properties[name] is not None \
                and seen[name] != properties[name]:
            raise ImportRefusedError(
                f"{object_id} has {name} {seen[name]!r}, but the topology gives "
                f"{resource.address} {name} {properties[name]!r}, which cannot be changed in "
                "place: it is not the object this address describes; import the right id, "
                "or change the topology to match")
