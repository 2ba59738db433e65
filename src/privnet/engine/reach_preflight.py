"""Before apply changes anything: can this machine reach the private endpoints its data-plane
steps will call?

Topics, ACLs, links, mirrors and key checks are calls to a cluster's own REST endpoint, which
for a private cluster resolves and routes only from inside the network (a peered VPC, the VPN
with DNS forwarding). Run from elsewhere, an apply used to change the control plane first and
then fail each data-plane step after its retries. So when the plan's data-plane changes call
endpoints that already exist, and the plan changes nothing that could open the way to them
(no AWS object, no Confluent network object, no cluster), each endpoint is checked once,
DNS then TCP, in parallel, and any that fails stops the run with nothing changed, naming the
endpoint, the resources that need it and what to fix.

When the same run builds the way (a first apply, a new route or record), reach is decided
step by step by the executor, as before: it cannot be known in advance.

How reach is decided belongs to the context: the real clouds resolve and connect from this
machine; a network-faithful local cloud asks its gate (the same DNS and flow analysis as
``privnet verify``); other contexts (test doubles) are not checked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from privnet.engine.errors import ConfigurationError
from privnet.engine.plan import Action, Plan
from privnet.engine.state import State
from privnet.resources.kinds import Traits, traits_of
from privnet.resources.model import Ref, ResourceGraph

REACH_FIX = ("run privnet where the endpoint resolves and routes (the topology's `runner` "
             "location: a VPC of the network, or the VPN with DNS forwarding to its "
             "resolver), or run `privnet verify` to see the hop that blocks it")


@dataclass(frozen=True)
class Endpoint:
    host: str
    port: int

    def render(self) -> str:
        return f"{self.host}:{self.port}"


class ReachPreflightError(ConfigurationError):
    """A data-plane endpoint the run needs is out of reach; nothing was changed."""

    def __init__(self, failures: Mapping[Endpoint, tuple[list[str], str]]) -> None:
        lines = []
        for endpoint, (needed_by, problem) in sorted(failures.items(),
                                                     key=lambda item: item[0].render()):
            shown = ", ".join(needed_by[:3]) + (f" and {len(needed_by) - 3} more"
                                                if len(needed_by) > 3 else "")
            lines.append(f"{endpoint.render()} (needed by {shown}): {problem}")
        self.failures = dict(failures)
        super().__init__("data-plane endpoints out of reach, nothing was changed:\n  "
                         + "\n  ".join(lines) + f"\n  fix: {REACH_FIX}")


TraitsOf = Callable[[str], Traits]


def path_changes(plan: Plan, traits: TraitsOf = traits_of) -> list[str]:
    """Addresses of the plan's changes that could open or close the way to an endpoint."""
    return [change.address for change in plan.changes
            if change.action is not Action.NOOP and traits(change.kind).network]


def endpoints_needed(plan: Plan, graph: ResourceGraph, state: State,
                     traits: TraitsOf = traits_of) -> dict[Endpoint, list[str]]:
    """The existing endpoints the plan's data-plane creates and updates will call, each with
    the addresses that need it; empty when the plan also changes the way to them."""
    if path_changes(plan, traits):
        return {}
    needed: dict[Endpoint, list[str]] = {}
    for change in plan.changes:
        if not traits(change.kind).data_plane or change.action not in (
                Action.CREATE, Action.UPDATE, Action.REPLACE):
            continue
        resource = graph.resources.get(change.address)
        url = _endpoint_url(resource.properties.get("rest_endpoint") if resource else None,
                            state)
        endpoint = _endpoint(url)
        if endpoint is not None:
            needed.setdefault(endpoint, []).append(change.address)
    return needed


def _endpoint_url(value: Any, state: State) -> str | None:
    if isinstance(value, Ref):
        recorded = state.resources.get(value.address)
        if recorded is None:
            return None
        value = recorded.attributes.get(value.attribute)
    return value if isinstance(value, str) and value else None


def _endpoint(url: str | None) -> Endpoint | None:
    if url is None:
        return None
    parts = urlsplit(url if "://" in url else f"https://{url}")
    if not parts.hostname:
        return None
    default = 80 if parts.scheme == "http" else 443
    return Endpoint(parts.hostname, parts.port or default)


def check_reach(plan: Plan, graph: ResourceGraph, state: State, ctx: object,
                traits: TraitsOf = traits_of) -> None:
    """Raise :class:`ReachPreflightError` when an endpoint the plan needs is out of reach."""
    problem_of = getattr(ctx, "endpoint_problem", None)
    if problem_of is None:
        return
    needed = endpoints_needed(plan, graph, state, traits)
    if not needed:
        return
    with ThreadPoolExecutor(max_workers=min(8, len(needed)),
                            thread_name_prefix="reach") as pool:
        answers = dict(zip(needed, pool.map(lambda e: problem_of(e.host, e.port), needed),
                           strict=True))
    failures = {endpoint: (needed[endpoint], problem)
                for endpoint, problem in answers.items() if problem is not None}
    if failures:
        raise ReachPreflightError(failures)
