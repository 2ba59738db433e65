"""What a resource kind is, declared once: its name, address, typed properties and traits.

Everything else refers to a kind through its declaration: the compiler builds addresses and
resources with it, the handler of the kind names it as its ``kind``, and the engine reads the
traits from it (never a kind string, never ``getattr`` on a handler):

- ``replace_on``: properties the cloud cannot change in place; a change replaces the object;
- ``grow_only``: properties that can only grow in place (a partition count);
- ``owner``: the kind whose deletion removes this object with it (a topic with its
  cluster): when the object cannot be reached for its own deletion while its owner is being
  destroyed, it is left to the owner's deletion;
- ``data_plane``: its calls go to a cluster's own private endpoint, so it waits for the
  runner's way there and needs reach from where privnet runs;
- ``runner_path``: part of the runner's way to private endpoints (names, routes, accepted
  connections): data-plane resources wait for all of these;
- ``network``: changing it may open or close a way to an endpoint;
- ``update_changes``: attributes an in-place update may change (an API key ring's active
  key): what refers to them follows the update in the same run, and the plan says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any, Generic, NotRequired, Required, TypeVar, get_args, get_origin
from typing import get_type_hints as type_hints

from privnet.resources.model import Resource

P = TypeVar("P", bound=Mapping[str, Any])


class Internal:
    """The marker of a property that is privnet's own bookkeeping (how a handler finds, owns
    or reaches an object), not part of the design the user wrote: declared on the property as
    ``Annotated[T, INTERNAL]``; a plan does not show it."""

    def __repr__(self) -> str:
        return "INTERNAL"


INTERNAL = Internal()


@dataclass(frozen=True)
class Traits:
    """Lifecycle facts the engine acts on (see the module docstring)."""

    replace_on: frozenset[str] = frozenset()
    grow_only: frozenset[str] = frozenset()
    owner: Kind[Any] | None = None
    data_plane: bool = False
    runner_path: bool = False
    network: bool = False
    update_changes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Kind(Generic[P]):
    """One resource kind. ``properties`` is the TypedDict of what its handler receives,
    every :class:`~privnet.resources.model.Ref` resolved."""

    name: str
    properties: type[P]
    traits: Traits = field(default_factory=Traits)
    summary: str = ""

    @property
    def internal_properties(self) -> frozenset[str]:
        """The properties declared ``Annotated[..., INTERNAL]`` (see :class:`Internal`)."""
        return _internal_keys(self.properties)

    def address(self, *parts: str) -> str:
        """``<kind name>.<part>.<part>``: the stable address of one object of this kind."""
        return ".".join((self.name, *parts))

    def has(self, address: str) -> bool:
        """Whether ``address`` is one of this kind's addresses."""
        return address.startswith(self.name + ".")

    def resource(self, address: str, properties: Mapping[str, Any],
                 depends_on: tuple[str, ...] = ()) -> Resource:
        """A desired object of this kind (properties may still hold Refs)."""
        return Resource(address, self.name, properties, depends_on)



@cache
def _internal_keys(properties: type) -> frozenset[str]:
    hints = type_hints(properties, include_extras=True)
    return frozenset(name for name, hint in hints.items() if _is_internal(hint))


def _is_internal(hint: Any) -> bool:
    while get_origin(hint) in (NotRequired, Required):
        (hint,) = get_args(hint)
    return get_origin(hint) is Annotated and any(m is INTERNAL for m in hint.__metadata__)
