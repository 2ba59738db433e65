"""Property drift: where the values a handler observed in the cloud differ from the topology.

Handlers report observed values through ``read`` (see :mod:`privnet.providers.base`); this
module only compares, so the rules are the same for every kind: lists are unordered
collections, a mapping is compared on the keys the topology sets, and a property the topology
leaves as null is the cloud's to choose.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from privnet.engine.values import REDACTED, is_sensitive_key, redact

ABSENT = "(absent)"


@dataclass(frozen=True)
class Drift:
    """One property (or one key of a mapping property) the cloud holds differently."""

    prop: str
    path: str
    cloud: Any
    wanted: Any
    shown_cloud: str
    shown_wanted: str

    @property
    def reason(self) -> str:
        return (f"drift: {self.path} is {self.shown_cloud} in the cloud, "
                f"the topology says {self.shown_wanted}")


def property_drifts(desired: Mapping[str, Any], observed: Mapping[str, Any]) -> list[Drift]:
    """Every observed property that differs from its desired (resolved) value."""
    drifts: list[Drift] = []
    for prop in sorted(observed):
        wanted = desired.get(prop)
        if wanted is None:
            continue
        drifts.extend(_compare(prop, prop, observed[prop], wanted))
    return drifts


def grows_only_violated(drift: Drift, grow_only: frozenset[str]) -> bool:
    """A grow-only number the cloud holds above the topology: only a replace brings it down."""
    return (drift.prop in grow_only and isinstance(drift.cloud, int | float)
            and isinstance(drift.wanted, int | float) and drift.cloud > drift.wanted)


def _compare(prop: str, path: str, cloud: Any, wanted: Any) -> list[Drift]:
    if isinstance(wanted, Mapping):
        have = cloud if isinstance(cloud, Mapping) else {}
        found: list[Drift] = []
        for key in sorted(wanted):
            if wanted[key] is not None:
                found.extend(_compare(prop, f"{path}.{key}", have.get(key), wanted[key]))
        return found
    if isinstance(wanted, list | tuple):
        return _compare_lists(prop, path, cloud, list(wanted))
    if cloud == wanted:
        return []
    return [Drift(prop, path, cloud, wanted, _shown(path, cloud), _shown(path, wanted))]


def _compare_lists(prop: str, path: str, cloud: Any, wanted: list[Any]) -> list[Drift]:
    have = list(cloud) if isinstance(cloud, list | tuple) else []
    have_keys = sorted(_canonical(item) for item in have)
    wanted_keys = sorted(_canonical(item) for item in wanted)
    if have_keys == wanted_keys:
        return []
    extra = [k for k in have_keys if k not in wanted_keys]
    missing = [k for k in wanted_keys if k not in have_keys]
    shared = len(have_keys) - len(extra)
    return [Drift(prop, path, have, wanted, _shown_items(path, extra, shared),
                  _shown_items(path, missing, shared))]


def _canonical(item: Any) -> str:
    return json.dumps(item, sort_keys=True, separators=(",", ":"), default=str)


def _shown_items(path: str, items: list[str], shared: int) -> str:
    """The differing items of a list, and how many both sides share."""
    shown = [_shown(path, json.loads(item)) for item in items]
    if shared:
        shown.append(f"{shared} shared")
    return "[" + ", ".join(shown) + "]"


def _shown(path: str, value: Any) -> str:
    """A value for a reason line; redacted by the property's (or key's) name like plans are."""
    if value is None:
        return ABSENT
    hidden = REDACTED if is_sensitive_key(path) else redact({"value": value})["value"]
    if isinstance(hidden, str):
        return hidden
    return json.dumps(hidden, sort_keys=True, separators=(",", ":"))
