"""A counter of changes to the network state of the local AWS, cheap to read.

A reachability gate decides from a snapshot of EC2, Route 53 and Route 53 Resolver; taking
one costs a few dozen describe calls. The counter lets it keep its snapshot until a call that
may change one of those services has completed. Read in this process with
:func:`network_version`, or from the local server at :data:`VERSION_PATH`.
"""

from __future__ import annotations

import json
import threading
from typing import Any

NETWORK_SERVICES = frozenset({"ec2", "route53", "route53resolver"})
"""The services a network snapshot is built from."""

READ_PREFIXES = ("Describe", "List", "Get", "Search")
"""Actions with these prefixes only read."""

VERSION_PATH = "/moto-api/privnet/network-version"


class _Counter:
    lock = threading.Lock()
    value = 0


def network_version() -> int:
    """How many possibly changing network calls have completed in this process."""
    with _Counter.lock:
        return _Counter.value


def note_call(service: str, action: str | None) -> None:
    """Count a completed call when it may have changed the network (unknown actions count)."""
    if service not in NETWORK_SERVICES:
        return
    if action and action.startswith(READ_PREFIXES):
        return
    with _Counter.lock:
        _Counter.value += 1


def version_response(_request: Any, _full_url: str, _headers: Any) -> tuple[int, dict[str, str],
                                                                          str]:
    """The moto-api view: ``{"network_version": n}``."""
    body = json.dumps({"network_version": network_version()})
    return 200, {"Content-Type": "application/json"}, body


def register_version_route() -> None:
    """Serve the counter from the moto server's own API (idempotent)."""
    from moto.moto_api._internal import urls

    paths: dict[str, Any] = urls.url_paths
    paths.setdefault("{0}" + VERSION_PATH, version_response)
