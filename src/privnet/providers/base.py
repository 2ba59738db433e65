"""The contract every resource handler fulfils; the engine only speaks through it.

A handler never sleeps: ``check_ready`` answers "ready yet?" once and the executor polls it
with backoff. ``find`` looks an object up by the stack/address tags or deterministic name, so
that a crash between a create and the state write is healed on the next run.

Property drift: ``read`` MAY add the key :data:`OBSERVED` (``"observed"``) to the attributes it
returns, holding ``{property name: value as the cloud reports it}`` for the properties the
handler can observe reliably, normalised to the shape the compiler gives that property. The
plan compares them with the desired values (lists as unordered collections; a mapping only on
the keys the topology sets; a property the topology leaves as null is not compared) and plans
an update, whose ``update`` must put the property back. A property named in the handler's
optional ``grow_only`` set can only grow in place: a cloud value above the desired one needs a
replace. Observed values are plan input only: the engine never records them in state.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

Attributes = dict[str, Any]
"""What state keeps about a created object: ids and non-secret attributes only."""


@dataclass(frozen=True)
class Readiness:
    """One readiness observation; ``attributes`` may carry values learnt while waiting."""

    ready: bool
    detail: str = ""
    attributes: Attributes | None = None
    failed: bool = False


class TransientError(Exception):
    """Throttling, 429 or 5xx: the executor retries, honouring ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: float | None = None,
                 status: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.status = status
        """The HTTP status the service answered with; None when no answer came back."""


class UnreachableError(Exception):
    """A data-plane endpoint cannot be resolved or reached from where privnet runs."""


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


class Handler(Protocol):
    """Lifecycle of one resource kind.

    ``properties`` passed in are resolved: every :class:`~privnet.resources.Ref` has been
    replaced by the referenced attribute value.
    """

    kind: str

    def find(self, ctx: ProviderContext, address: str,
             properties: Mapping[str, Any]) -> Attributes | None:
        """The existing object for this address (by tags or deterministic name), if any."""
        ...

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        """Current attributes of a known object, or None if it is gone (drift)."""
        ...

    def create(self, ctx: ProviderContext, address: str,
               properties: Mapping[str, Any]) -> Attributes:
        ...

    def update(self, ctx: ProviderContext, address: str, properties: Mapping[str, Any],
               attributes: Attributes) -> Attributes:
        ...

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        """Delete; an already-deleted object is success."""
        ...

    def check_ready(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Readiness:
        ...


OBSERVED = "observed"
"""Attribute key under which ``read`` may report observed property values (see above)."""

REPLACE_REASON = "replace_reason"
"""Key under :data:`OBSERVED` by which ``read`` says the object exists (or is still
recorded) but cannot be used any more and must be replaced, with the reason: an API key whose
secret is gone from Secrets Manager. The plan makes it a replace (``-/+``). Returning the
recorded attributes unchanged plus this key also tells a post-delete wait that it is gone."""


def without_observed(attributes: Attributes) -> Attributes:
    """``attributes`` minus the observed property values, as state records them."""
    return {key: value for key, value in attributes.items() if key != OBSERVED}


def observed_of(attributes: Attributes | None) -> dict[str, Any]:
    """The observed property values ``read`` reported, or an empty dict."""
    found = (attributes or {}).get(OBSERVED)
    return dict(found) if isinstance(found, Mapping) else {}
