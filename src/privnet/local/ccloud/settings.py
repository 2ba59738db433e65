"""Knobs of the emulator: credentials, latency per resource kind, injected faults."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

DEFAULT_LATENCY_SECONDS: dict[str, float] = {
    "cluster": 3.0,
    "cluster_dedicated": 5.0,
    "platt": 2.0,
    "platt_connection": 2.0,
    "gateway": 2.0,
    "access_point": 2.0,
    "api_key_sync": 2.0,
    "connector": 3.0,
    "compute_pool": 2.0,
    "mirror": 1.0,
}
"""Demo-friendly defaults; real Confluent takes minutes to hours for most of these."""

DataPlaneGate = Callable[[str], "str | None"]
"""Given a cluster id, a reason the data plane is unreachable ("no such host") or None."""


def _default_dns_domain(region: str) -> str:
    return f"{region}.aws.private.confluent.cloud"


@dataclass
class EmulatorSettings:
    """Everything ``create_app`` needs; ``scale=0`` makes every async resource ready at once."""

    api_key: str = "local-cloud-key"
    api_secret: str = "local-cloud-secret"
    latency_seconds: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_LATENCY_SECONDS))
    scale: float = 1.0
    fault_rate: float = 0.0
    seed: int = 0
    retry_after_seconds: int = 1
    default_region: str = "us-east-1"
    base_url: str = "https://api.confluent.cloud"
    dns_domain_for: Callable[[str], str] = _default_dns_domain
    data_plane_gate: DataPlaneGate | None = None
    clock: Callable[[], float] = time.monotonic
    quotas: dict[str, int] = field(default_factory=dict)
    """Service quotas other than the defaults (``quotas.DEFAULT_QUOTAS``), by name."""
    order_seed: int | None = 0
    """Lists and maps come back in an order fixed by this seed and unrelated to creation,
    as the real service guarantees none; None keeps creation order."""

    def __post_init__(self) -> None:
        if not 0.0 <= self.fault_rate <= 1.0:
            raise ValueError(f"fault_rate must be within 0..1, got {self.fault_rate}")
        if self.scale < 0:
            raise ValueError(f"scale must not be negative, got {self.scale}")

    def latency(self, kind: str) -> float:
        """Seconds a resource of ``kind`` spends in its transitional phase."""
        return self.latency_seconds.get(kind, 0.0) * self.scale

    @classmethod
    def instant(cls, **overrides: Any) -> EmulatorSettings:
        """Settings for tests: no latency, no faults."""
        settings = cls(**overrides)
        settings.scale = 0.0
        return settings
