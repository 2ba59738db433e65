"""The contract every resource handler fulfils; the engine only speaks through it.

A handler never sleeps: ``check_ready`` answers "ready yet?" once and the executor polls it
with backoff. ``find`` looks an object up by the stack/address tags or deterministic name, so
that a crash between a create and the state write is healed on the next run.

Property drift: ``read`` MAY add the key :data:`OBSERVED` (``"observed"``) to the attributes it
returns, holding ``{property name: value as the cloud reports it}`` for the properties the
handler can observe reliably, normalised to the shape the compiler gives that property. The
plan compares them with the desired values (lists as unordered collections; a mapping only on
the keys the topology sets; a property the topology leaves as null is not compared) and plans
an update, whose ``update`` must put the property back. A property named in the kind's
``grow_only`` trait can only grow in place: a cloud value above the desired one needs a
replace. Observed values are plan input only: the engine never records them in state.

Each handler names its kind's declaration (:mod:`privnet.resources.kinds`) as ``kind`` and
takes that kind's TypedDict as ``properties``; the engine reads lifecycle traits (replace-on,
grow-only, owner) from the declaration, never from the handler by name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from privnet.errors import TransientError, UnreachableError
from privnet.resources.kinds import Traits, traits_of
from privnet.resources.kinds.base import Kind

__all__ = [
    "OBSERVED",
    "REPLACE_REASON",
    "UPDATE_REASON",
    "AnyHandler",
    "Attributes",
    "Handler",
    "HandlerBase",
    "OwnerGoneError",
    "ProviderContext",
    "Readiness",
    "TransientError",
    "UnreachableError",
    "declared_traits",
    "kind_name",
    "observed_of",
    "without_observed",
]

Attributes = dict[str, Any]
"""What state keeps about a created object: ids and non-secret attributes only."""


@dataclass(frozen=True)
class Readiness:
    """One readiness observation; ``attributes`` may carry values learnt while waiting."""

    ready: bool
    detail: str = ""
    attributes: Attributes | None = None
    failed: bool = False


class ProviderContext(Protocol):
    """What handlers get: the stack name and lazily built clients for both clouds."""

    @property
    def stack(self) -> str: ...

    @property
    def region(self) -> str: ...

    def aws(self, service: str) -> Any:
        """A boto3 client for ``service`` (endpoints point at the local cloud when local)."""
        ...

    def confluent(self) -> Any:
        """The Confluent Cloud control-plane client."""
        ...

    def kafka_rest(self, rest_endpoint: str, api_key: str, api_secret: str) -> Any:
        """A Kafka REST client for one cluster's endpoint and a cluster API key."""
        ...


class OwnerGoneError(UnreachableError):
    """The object cannot be reached because what it lives on is gone or going (its cluster,
    or the key to it answered 401): it goes with its owner (the kind's ``owner`` trait)."""


P = TypeVar("P", bound=Mapping[str, Any])


class HandlerBase(Generic[P]):
    """What every handler inherits: the defaults of the contract's optional parts. ``P`` is
    the TypedDict of the kind's properties (its declaration's ``properties``)."""

    reads_in_batches: ClassVar[bool] = False
    """Whether :meth:`read_many` reads many objects in fewer calls than one each: plan's
    refresh then gives it a whole kind at once, else it reads each object on its own (in
    parallel)."""

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        raise NotImplementedError

    def read_many(self, ctx: ProviderContext,
                  recorded: Mapping[str, Attributes]) -> dict[str, Attributes | None]:
        """``{address: read(ctx, address, attributes)}`` for every recorded object, in as few
        calls as the kind allows (a no-change plan of thousands of objects must not cost a
        call each). Exactly what ``read`` answers for each, so plans cannot differ; an
        address it leaves out is read on its own (one it cannot answer for in a batch).
        Default: one ``read`` each."""
        return {address: self.read(ctx, address, attributes)
                for address, attributes in recorded.items()}

    def confirm_found(self, ctx: ProviderContext, properties: P,
                      attributes: Attributes) -> Attributes:
        """Discovery found this object by its markers and the state has no record of it:
        the attributes to record. A kind whose markers prove less than ownership (an
        environment found by name) looks for more proof here. Default: as found."""
        return attributes

    def left_in_place(self, attributes: Attributes,
                      ctx: ProviderContext | None) -> str | None:
        """Why destroy keeps this object instead of deleting it (None: delete it). Without
        a context, answer from the recorded attributes alone (for the destroy plan)."""
        return None


def is_transient(error: BaseException) -> bool:
    """Whether ``error`` means "try again later": a :class:`TransientError`, or an AWS
    throttling/5xx answer that reached the caller unmapped (AWS knows its codes best, so
    the mapping lives with the AWS provider)."""
    if isinstance(error, TransientError):
        return True
    from privnet.providers.aws.errors import TRANSIENT_CODES, error_code

    return error_code(error) in TRANSIENT_CODES


def kind_name(handler: AnyHandler) -> str:
    """The name of the kind ``handler`` serves."""
    return handler.kind.name


def declared_traits(handler: AnyHandler | None, kind: str) -> Traits:
    """The traits ``handler`` declares for ``kind``; with no handler (a kind the run has no
    handler for), the registry's declaration of that name."""
    return handler.kind.traits if handler is not None else traits_of(kind)


PC = TypeVar("PC", bound=Mapping[str, Any], contravariant=True)


class Handler(Protocol[PC]):
    """Lifecycle of one resource kind.

    ``properties`` passed in are resolved: every :class:`~privnet.resources.Ref` has been
    replaced by the referenced attribute value.
    """

    @property
    def kind(self) -> Kind[Any]:
        """The kind's declaration (:mod:`privnet.resources.kinds`)."""
        ...

    def find(self, ctx: ProviderContext, address: str, properties: PC) -> Attributes | None:
        """The existing object for this address (by tags or deterministic name), if any."""
        ...

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        """Current attributes of a known object, or None if it is gone (drift)."""
        ...

    @property
    def reads_in_batches(self) -> bool:
        """See :attr:`HandlerBase.reads_in_batches`."""
        ...

    def read_many(self, ctx: ProviderContext,
                  recorded: Mapping[str, Attributes]) -> dict[str, Attributes | None]:
        """See :meth:`HandlerBase.read_many`."""
        ...

    def create(self, ctx: ProviderContext, address: str, properties: PC) -> Attributes:
        ...

    def update(self, ctx: ProviderContext, address: str, properties: PC,
               attributes: Attributes) -> Attributes:
        ...

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        """Delete; an already-deleted object is success."""
        ...

    def check_ready(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Readiness:
        ...

    def left_in_place(self, attributes: Attributes,
                      ctx: ProviderContext | None) -> str | None:
        """See :meth:`HandlerBase.left_in_place`."""
        ...

    def confirm_found(self, ctx: ProviderContext, properties: PC,
                      attributes: Attributes) -> Attributes:
        """See :meth:`HandlerBase.confirm_found`."""
        ...


AnyHandler = Handler[Any]
"""A handler of any kind, as the engine holds them (keyed by kind name)."""


OBSERVED = "observed"
"""Attribute key under which ``read`` may report observed property values (see above)."""

REPLACE_REASON = "replace_reason"
"""Key under :data:`OBSERVED` by which ``read`` says the object exists (or is still
recorded) but cannot be used any more and must be replaced, with the reason: an API key whose
secret is gone from Secrets Manager. The plan makes it a replace (``-/+``). Returning the
recorded attributes unchanged plus this key also tells a post-delete wait that it is gone."""

UPDATE_REASON = "update_reason"
"""Key under :data:`OBSERVED` by which ``read`` says the object needs its ``update`` although
no property changed, with the reason: an API key ring whose rotation is due. The plan makes it
an update (``~``) that runs even with unchanged properties."""


def without_observed(attributes: Attributes) -> Attributes:
    """``attributes`` minus the observed property values, as state records them."""
    return {key: value for key, value in attributes.items() if key != OBSERVED}


def observed_of(attributes: Attributes | None) -> dict[str, Any]:
    """The observed property values ``read`` reported, or an empty dict."""
    found = (attributes or {}).get(OBSERVED)
    return dict(found) if isinstance(found, Mapping) else {}
