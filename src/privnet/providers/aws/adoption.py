"""Pre-existing hub pieces (given by id in the spec) are adopted: read, never changed or deleted."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NotRequired, TypedDict

from privnet.errors import PrivnetError

ADOPTED = "adopted"


class Adoptable(TypedDict):
    """What the properties of every adoptable kind have: the id of an object to adopt."""

    existing_id: NotRequired[str]


def existing_id(properties: Adoptable) -> str | None:
    """The id the topology gives the object (None: privnet creates it)."""
    return properties.get("existing_id") or None


def is_adopted(attributes: Mapping[str, Any]) -> bool:
    return bool(attributes.get(ADOPTED))


def missing(kind: str, object_id: str) -> PrivnetError:
    """The error for an existing id the spec names but AWS does not know."""
    return PrivnetError(f"{kind} {object_id} named in the topology does not exist "
                        "(check the id and the region)")
