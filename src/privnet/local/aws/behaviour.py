"""How the local AWS misbehaves on purpose: injected faults and readiness latency.

Real AWS throttles and takes time; code that only ever meets an instant, flawless emulator
never exercises its retry and wait paths. Everything defaults to "off" so tests stay fast
and deterministic; the seed makes an injected fault sequence reproducible.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from privnet.errors import PrivnetError

ENV_PREFIX = "PRIVNET_LOCAL_AWS_"


@dataclass(frozen=True)
class AwsBehaviour:
    """Fault and latency model of the local AWS (all zero: instant and flawless)."""

    fault_rate: float = 0.0
    fault_seed: int = 0
    vpc_endpoint_ready_seconds: float = 0.0
    route53_change_seconds: float = 0.0
    routes_per_route_table: int = 50
    """The quota ``CreateRoute`` enforces (AWS's default; see ``route_limit``)."""

    def __post_init__(self) -> None:
        if not 0.0 <= self.fault_rate <= 1.0:
            raise PrivnetError(f"fault rate must be between 0 and 1, got {self.fault_rate}")
        if self.vpc_endpoint_ready_seconds < 0 or self.route53_change_seconds < 0:
            raise PrivnetError("latencies must not be negative")

    def to_env(self) -> dict[str, str]:
        """Environment variables that carry this behaviour into a server process."""
        return {
            f"{ENV_PREFIX}FAULT_RATE": str(self.fault_rate),
            f"{ENV_PREFIX}FAULT_SEED": str(self.fault_seed),
            f"{ENV_PREFIX}VPCE_READY_SECONDS": str(self.vpc_endpoint_ready_seconds),
            f"{ENV_PREFIX}ROUTE53_CHANGE_SECONDS": str(self.route53_change_seconds),
        }

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> AwsBehaviour:
        """Read the behaviour back from the environment (absent values mean off)."""
        source = os.environ if env is None else env

        def number(name: str) -> float:
            raw = source.get(f"{ENV_PREFIX}{name}", "0") or "0"
            try:
                return float(raw)
            except ValueError as exc:
                raise PrivnetError(f"{ENV_PREFIX}{name} must be a number, got {raw!r}") from exc

        return cls(
            fault_rate=number("FAULT_RATE"),
            fault_seed=int(number("FAULT_SEED")),
            vpc_endpoint_ready_seconds=number("VPCE_READY_SECONDS"),
            route53_change_seconds=number("ROUTE53_CHANGE_SECONDS"),
        )


class _Active:
    """The behaviour the patched moto consults on every request (one per process)."""

    behaviour = AwsBehaviour()


def use_behaviour(behaviour: AwsBehaviour) -> None:
    """Switch the process-wide behaviour (the fault sequence restarts from its seed)."""
    from privnet.local.aws import faults

    _Active.behaviour = behaviour
    faults.reseed(behaviour.fault_seed)


def current_behaviour() -> AwsBehaviour:
    return _Active.behaviour
