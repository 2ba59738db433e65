"""One AWS request at a time in the local AWS, as the real services keep their state
consistent under concurrent calls.

privnet's executor calls AWS from many threads at once. moto's backends iterate plain dicts
while serving a request (route tables, their routes and associations, secrets...), so a
delete in one thread broke another thread's describe with "dictionary changed size during
iteration" (found destroying a 110-VPC stack; the Secrets Manager case of issue 12 was the
same fault). moto's work is pure Python under the GIL, so serving one request at a time costs
little; the lock wraps the in-process dispatch (``mock_aws``) and the server's WSGI app.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable
from typing import Any

REQUEST_LOCK = threading.RLock()
"""Held while moto serves one request (re-entrant: a backend may call another service)."""


def serialised_dispatch(original: Callable[..., Any]) -> Callable[..., Any]:
    """moto's in-process request dispatch (``BotocoreStubber.__call__``) under the lock."""
    @functools.wraps(original)
    def dispatch(*args: Any, **kwargs: Any) -> Any:
        with REQUEST_LOCK:
            return original(*args, **kwargs)

    return dispatch


class SerialWsgi:
    """A WSGI app served one request at a time (the body is produced under the lock too)."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        with REQUEST_LOCK:
            return list(self.app(environ, start_response))
