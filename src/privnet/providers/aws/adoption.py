"""Pre-existing hub pieces (given by id in the spec) are adopted: read, never changed or deleted."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.errors import PrivnetError

EXISTING_ID = "existing_id"
ADOPTED = "adopted"


def existing_id(properties: Mapping[str, Any]) -> str | None:
    value = properties.get(EXISTING_ID)
    return str(value) if value else None


def is_adopted(attributes: Mapping[str, Any]) -> bool:
    return bool(attributes.get(ADOPTED))


def missing(kind: str, object_id: str) -> PrivnetError:
    """The error for an existing id the spec names but AWS does not know."""
    return PrivnetError(f"{kind} {object_id} named in the topology does not exist "
                        "(check the id and the region)")
