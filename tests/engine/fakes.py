"""A tiny in-memory cloud with configurable handlers, to test the engine without providers."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from privnet.providers.base import (
    Attributes,
    HandlerBase,
    OwnerGoneError,
    Readiness,
    TransientError,
    UnreachableError,
)
from privnet.resources.kinds import Kind, traits_of
from privnet.resources.model import Ref, Resource, ResourceGraph
from privnet.topology.model import Topology


@dataclass
class FakeContext:
    stack: str = "test"
    region: str = "us-east-1"

    def aws(self, service: str) -> Any:
        raise AssertionError("fake handlers never call AWS")

    def confluent(self) -> Any:
        raise AssertionError("fake handlers never call Confluent")

    def kafka_rest(self, rest_endpoint: str, api_key: str, api_secret: str) -> Any:
        raise AssertionError("fake handlers never call Kafka REST")


@dataclass
class FakeCloud:
    """Objects by id, with a log of every call and a concurrency gauge."""

    objects: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: list[tuple[str, str]] = field(default_factory=list)
    active: int = 0
    max_active: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def enter(self, op: str, address: str) -> None:
        with self.lock:
            self.calls.append((op, address))
            self.active += 1
            self.max_active = max(self.max_active, self.active)

    def leave(self) -> None:
        with self.lock:
            self.active -= 1

    def ops(self, op: str) -> list[str]:
        return [a for o, a in self.calls if o == op]


@dataclass
class FakeHandler(HandlerBase[dict[str, Any]]):
    """A handler whose behaviour each test tunes: latency, polls, failures, replace-on."""

    name: str
    cloud: FakeCloud
    call_seconds: float = 0.0
    polls_until_ready: int = 0
    fail_create: set[str] = field(default_factory=set)
    fail_ready: set[str] = field(default_factory=set)
    fail_delete: set[str] = field(default_factory=set)
    transient_failures: dict[str, int] = field(default_factory=dict)
    retry_after: float | None = None
    unreachable_delete: bool = False
    owner_gone_delete: bool = False
    delete_status: int | None = None
    replace_on: frozenset[str] = frozenset()
    polls: dict[str, int] = field(default_factory=dict)

    @property
    def kind(self) -> Kind[dict[str, Any]]:
        """The declaration of a made-up kind; a real kind's name keeps its real traits
        (a fake topic goes with its cluster) plus this handler's ``replace_on``."""
        known = traits_of(self.name)
        return Kind(self.name, dict, replace(known, replace_on=self.replace_on
                                             or known.replace_on))

    def _op(self, op: str, address: str) -> None:
        self.cloud.enter(op, address)
        try:
            if self.call_seconds:
                time.sleep(self.call_seconds)
            left = self.transient_failures.get(f"{op}:{address}", 0)
            if left:
                self.transient_failures[f"{op}:{address}"] = left - 1
                raise TransientError("throttled", retry_after=self.retry_after)
        finally:
            self.cloud.leave()

    def find(self, ctx: Any, address: str, properties: Mapping[str, Any]) -> Attributes | None:
        self._op("find", address)
        for oid, obj in self.cloud.objects.items():
            if obj["address"] == address:
                return {"id": oid}
        return None

    def read(self, ctx: Any, address: str, attributes: Attributes) -> Attributes | None:
        self._op("read", address)
        obj = self.cloud.objects.get(attributes.get("id", ""))
        return None if obj is None else {"id": attributes["id"]}

    def create(self, ctx: Any, address: str, properties: Mapping[str, Any]) -> Attributes:
        self._op("create", address)
        if address in self.fail_create:
            raise RuntimeError(f"refused to create {address}")
        oid = f"{self.name.split('.')[-1]}-{next(self.cloud.ids)}"
        self.cloud.objects[oid] = {"address": address, "properties": dict(properties)}
        return {"id": oid, "api_secret": "do-not-store"}

    def update(self, ctx: Any, address: str, properties: Mapping[str, Any],
               attributes: Attributes) -> Attributes:
        self._op("update", address)
        self.cloud.objects[attributes["id"]]["properties"] = dict(properties)
        return {"id": attributes["id"]}

    def delete(self, ctx: Any, address: str, attributes: Attributes) -> None:
        self._op("delete", address)
        if self.unreachable_delete:
            raise UnreachableError("lookup lkc-x.private: no such host")
        if self.owner_gone_delete:
            raise OwnerGoneError("link l on lkc-x: HTTP 401 (the key went with its cluster)")
        if self.delete_status is not None:
            raise StatusError(self.delete_status)
        if address in self.fail_delete:
            raise RuntimeError(f"DependencyViolation deleting {address}")
        self.cloud.objects.pop(attributes.get("id", ""), None)

    def check_ready(self, ctx: Any, address: str, attributes: Attributes) -> Readiness:
        self._op("check_ready", address)
        if address in self.fail_ready:
            return Readiness(False, "phase FAILED", failed=True)
        seen = self.polls.get(address, 0) + 1
        self.polls[address] = seen
        if seen <= self.polls_until_ready:
            return Readiness(False, f"phase PROVISIONING ({seen})")
        return Readiness(True, "ready", attributes={"endpoint": f"{attributes['id']}.example"})


class StatusError(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status


def res(address: str, properties: Mapping[str, Any] | None = None,
        depends_on: tuple[str, ...] = ()) -> Resource:
    kind = ".".join(address.split(".")[:2])
    return Resource(address, kind, dict(properties or {}), depends_on)


def graph_of(*resources: Resource) -> ResourceGraph:
    graph = ResourceGraph()
    for resource in resources:
        graph.add(resource)
    return graph


def compiler_for(build: Callable[[], ResourceGraph]) -> Callable[[Topology, ResourceGraph], None]:
    """A kind compiler that adds the resources of ``build()``."""

    def compile_kinds(topology: Topology, graph: ResourceGraph) -> None:
        for resource in build().resources.values():
            graph.add(resource)

    return compile_kinds


def ref(address: str, attribute: str = "id") -> Ref:
    return Ref(address, attribute)
