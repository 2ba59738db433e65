"""Count API calls (boto3 operations and HTTP requests to Confluent) per resource kind.

Benchmark instrumentation only: handlers are wrapped so each call knows which resource kind
it serves, and the two client libraries' send paths are patched to count.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

ENGINE = "(engine: plan and refresh reads)"


class CallCounter:
    def __init__(self) -> None:
        self._local = threading.local()
        self._lock = threading.Lock()
        self.by_kind: Counter[str] = Counter()

    def kind(self) -> str:
        return str(getattr(self._local, "kind", ENGINE))

    def count(self) -> None:
        with self._lock:
            self.by_kind[self.kind()] += 1

    def reset(self) -> Counter[str]:
        with self._lock:
            taken, self.by_kind = self.by_kind, Counter()
        return taken

    @contextmanager
    def serving(self, kind: str) -> Iterator[None]:
        previous = getattr(self._local, "kind", None)
        self._local.kind = kind
        try:
            yield
        finally:
            self._local.kind = previous


class CountingHandler:
    """Delegates to a handler, marking the calling thread with the handler's kind."""

    def __init__(self, inner: Any, counter: CallCounter) -> None:
        self.inner = inner
        self.kind = inner.kind
        self.counter = counter

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.inner, name)
        if not callable(method):
            return method

        def call(*args: Any, **kwargs: Any) -> Any:
            with self.counter.serving(self.kind.name):
                return method(*args, **kwargs)

        return call


def counting(handlers: dict[str, Any], counter: CallCounter) -> dict[str, Any]:
    return {kind: CountingHandler(handler, counter) for kind, handler in handlers.items()}


@contextmanager
def counted_clients(counter: CallCounter) -> Iterator[None]:
    """Patch botocore's operation call and the in-process emulator transport to count."""
    from botocore.client import BaseClient

    from privnet.targets.asgi_transport import SyncAsgiTransport

    patches: list[tuple[Any, str, Callable[..., Any]]] = [
        (BaseClient, "_make_api_call", BaseClient._make_api_call),
        (SyncAsgiTransport, "handle_request", SyncAsgiTransport.handle_request),
    ]

    def wrap(original: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            counter.count()
            return original(*args, **kwargs)
        return counted

    for owner, name, original in patches:
        setattr(owner, name, wrap(original))
    try:
        yield
    finally:
        for owner, name, original in patches:
            setattr(owner, name, original)
