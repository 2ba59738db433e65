"""What the engine commands reach the outside world through, passed in rather than patched.

The commands take a :class:`Services` argument; on the command line it comes from typer's
``ctx.obj`` (``CliRunner().invoke(app, args, obj=Services(...))`` in a test) and defaults to
:data:`DEFAULT_SERVICES`: the clouds the topology names, every real handler, and the progress
display of the terminal. Only the standard library and typer load here, so ``--help`` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from privnet.engine.progress import Reporter
    from privnet.providers.base import AnyHandler, ProviderContext
    from privnet.targets.context import CloudContext
    from privnet.topology.model import Topology


def cloud_context(topology: Topology) -> CloudContext:
    """The clouds the topology's ``target`` names: the real ones, or the local cloud servers
    with a network-faithful data plane (calls get through only when the runner could make
    them in the local AWS as it is)."""
    from privnet.targets.context import local_server_context, real_context
    from privnet.topology.model import Target

    if topology.target is Target.CLOUD:
        return real_context(topology.stack, topology.region)
    return local_server_context(topology.stack, topology.region, topology=topology)


def real_handlers() -> Mapping[str, AnyHandler]:
    from privnet.providers.registry import all_handlers

    return all_handlers()


def terminal_reporter() -> Reporter:
    from privnet.cli.progress import default_reporter

    return default_reporter()


@dataclass(frozen=True)
class Services:
    """The engine commands' collaborators; each is called once per command."""

    make_context: Callable[[Topology], ProviderContext] = cloud_context
    handlers: Callable[[], Mapping[str, AnyHandler]] = real_handlers
    reporter: Callable[[], Reporter] = terminal_reporter


DEFAULT_SERVICES = Services()


def services_of(ctx: typer.Context | None) -> Services:
    """The services the invocation was given (``obj=``), else the defaults."""
    obj = ctx.find_object(Services) if ctx is not None else None
    return obj if obj is not None else DEFAULT_SERVICES
