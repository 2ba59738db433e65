"""Property values: resolving references, hashing desired properties, hiding secrets.

A property hash is taken over *resolved* values, so a changed upstream id (a replaced VPC)
shows up as a change of its dependents too.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

from privnet.resources.json_tree import DESCEND, transform
from privnet.resources.model import Ref

SENSITIVE_KEY = re.compile(r"secret|password|passwd|token|credential|private_key|sasl",
                           re.IGNORECASE)
REDACTED = "(sensitive)"
SECRET_NAME_KEY = re.compile(r"(^|_)(secret_names?|secret_arns?|secret_paths?)$", re.IGNORECASE)


class UnresolvedRef(Exception):
    """A reference whose target or attribute is not known (yet)."""

    def __init__(self, ref: Ref) -> None:
        super().__init__(f"{ref} is not known yet")
        self.ref = ref


def resolve(value: Any, attributes: Mapping[str, Mapping[str, Any]]) -> Any:
    """``value`` with every :class:`Ref` replaced by the target's attribute value."""

    def known(leaf: Any) -> Any:
        if not isinstance(leaf, Ref):
            return leaf
        target = attributes.get(leaf.address)
        if target is None or leaf.attribute not in target:
            raise UnresolvedRef(leaf)
        return target[leaf.attribute]

    return transform(value, known)


def display(value: Any) -> Any:
    """A JSON-able view of unresolved properties: references become ``${address.attr}``."""
    return transform(value, lambda leaf: str(leaf) if isinstance(leaf, Ref) else leaf)


def is_sensitive_key(key: str) -> bool:
    """Key names that hold secrets; names *of* secrets (``secret_name``) are fine to keep."""
    return bool(SENSITIVE_KEY.search(key)) and not SECRET_NAME_KEY.search(key)


def redact(value: Any) -> Any:
    """``value`` with every sensitive-looking key's value replaced; state never holds secrets."""
    return transform(value, lambda leaf: leaf,
                     lambda key, _: REDACTED if is_sensitive_key(key) else DESCEND)


def properties_hash(properties: Any) -> str:
    """A stable digest of (resolved) properties, comparable across runs and machines.

    Sensitive values are redacted first, so the digest can never help guess a secret.
    """
    text = json.dumps(redact(display(properties)), sort_keys=True, separators=(",", ":"),
                      default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
