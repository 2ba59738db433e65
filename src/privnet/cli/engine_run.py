"""``privnet plan``, ``apply``, ``destroy`` and ``output``: thin wrappers over the engine.

Plans and results go to stdout, progress to stderr. Exit codes are those of ``cli.errors``
(0 success, 1 a run that failed or was declined, 2 unusable input, 3 a bug); with
``plan --detailed-exitcode``: 0 no changes, 2 changes, 1 any deliberate error. The clouds,
handlers and progress display come from a :class:`~privnet.cli.services.Services`.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from privnet.cli.checked_topology import load_checked_topology
from privnet.cli.errors import EXIT_FINDINGS, EXIT_OK, report
from privnet.cli.services import DEFAULT_SERVICES, Services
from privnet.errors import PrivnetError

if TYPE_CHECKING:
    from privnet.engine.executor import RunResult
    from privnet.engine.operations import Engine
    from privnet.engine.plan import Plan
    from privnet.topology.model import Topology

EXIT_CHANGES = 2
"""``plan --detailed-exitcode`` only: the plan has changes."""


@dataclass(frozen=True)
class EngineOptions:
    """Options every engine command shares."""

    state_dir: Path
    parallelism: int = 10
    targets: tuple[str, ...] = ()
    """``--target``: limit the run to these addresses (and their dependencies)."""
    replace: tuple[str, ...] = ()
    """``--replace``: replace these recorded objects."""


def build_engine(topology: Topology, options: EngineOptions,
                 services: Services = DEFAULT_SERVICES) -> Engine:
    from privnet.engine.operations import Engine
    from privnet.engine.state import StateStore
    from privnet.targets.preflight import preflight_context

    if options.parallelism < 1:
        raise PrivnetError("--parallelism must be at least 1")
    ctx = services.make_context(topology)
    preflight_context(ctx)  # every plan/apply/destroy reads the clouds: prove credentials first
    return Engine(topology=topology, store=StateStore(topology.stack, options.state_dir),
                  ctx=ctx, handlers=services.handlers(),
                  parallelism=options.parallelism, reporter=services.reporter(),
                  targets=options.targets, replace=options.replace)


def load_topology(path: Path) -> Topology:
    """The topology as written, rules not run: ``output`` only reads the state."""
    from privnet.topology import load_spec

    return load_spec(path).topology


def run_plan(file: Path, options: EngineOptions, out: Path | None, output: str,
             detailed_exitcode: bool, refresh: bool, destroy: bool = False,
             services: Services = DEFAULT_SERVICES) -> int:
    try:
        engine = build_engine(load_checked_topology(file, "plan"), options, services)
        plan = engine.destroy_plan() if destroy else engine.plan(refresh_state=refresh)
        _print_plan(plan, output)
        if out is not None:
            from privnet.engine.plan import save_plan

            save_plan(plan, out)
            sys.stderr.write(f"saved the plan to {out}; apply it with: privnet apply {out}\n")
    except PrivnetError as exc:
        if not detailed_exitcode:
            raise
        report(exc)
        return EXIT_FINDINGS  # 2 means "changes" here, so every deliberate error is 1
    if detailed_exitcode and plan.has_changes:
        return EXIT_CHANGES
    return EXIT_OK


def run_apply(target: Path, options: EngineOptions, yes: bool, output: str,
              services: Services = DEFAULT_SERVICES) -> int:
    from privnet.engine.plan import is_plan_file, load_plan

    if is_plan_file(target):
        saved = load_plan(target)
        if saved.topology is None:
            raise PrivnetError(f"plan file {target} does not carry its topology")
        from privnet.topology.model import Topology

        engine = build_engine(Topology.model_validate(saved.topology), options, services)
        plan = saved  # a saved plan was reviewed already: no prompt
    else:
        engine = build_engine(load_checked_topology(target, "apply"), options, services)
        plan = engine.plan()
        _print_plan(plan, output)
        if not plan.has_changes:
            return EXIT_OK
        if not yes and not _confirm("apply"):
            sys.stderr.write("apply cancelled\n")
            return EXIT_FINDINGS
    if plan.destroy:
        _, result = engine.destroy(plan)
    else:
        _, result = engine.apply(plan)
    return _finish(result, "Destroy" if plan.destroy else "Apply")


def run_destroy(file: Path, options: EngineOptions, yes: bool, output: str,
                services: Services = DEFAULT_SERVICES) -> int:
    engine = build_engine(load_checked_topology(file, "destroy"), options, services)
    plan = engine.destroy_plan()
    _print_plan(plan, output)
    if not plan.has_changes:
        return EXIT_OK
    if not yes and not _confirm("destroy"):
        sys.stderr.write("destroy cancelled\n")
        return EXIT_FINDINGS
    _, result = engine.destroy(plan)
    return _finish(result, "Destroy")


def run_output(file: Path, state_dir: Path, output: str) -> int:
    from privnet.engine.state import StateStore
    from privnet.render.outputs import outputs_text, stack_outputs

    topology = load_topology(file)
    outputs = stack_outputs(StateStore(topology.stack, state_dir).load())
    if output == "json":
        sys.stdout.write(json.dumps(outputs, indent=2) + "\n")
    else:
        sys.stdout.write(outputs_text(outputs) + "\n")
    return EXIT_OK


def _finish(result: RunResult, verb: str) -> int:
    """The summary line, and what went wrong (so it is not lost in the progress log)."""
    for line in result.problems():
        sys.stdout.write(line + "\n")
    sys.stdout.write(result.summary(verb) + "\n")
    if not result.ok:
        sys.stdout.write("Run the same command again to resume: finished work is recorded "
                         "and will not be redone.\n")
    return EXIT_OK if result.ok else EXIT_FINDINGS


def _print_plan(plan: Plan, output: str) -> None:
    from privnet.render.plan import plan_json, plan_text

    sys.stdout.write((plan_json(plan) if output == "json" else plan_text(plan)) + "\n")
    sys.stdout.flush()


def _confirm(verb: str) -> bool:
    sys.stderr.write(f"Do you want to {verb} these changes? Only 'yes' will be accepted: ")
    sys.stderr.flush()
    answer = sys.stdin.readline()
    return answer.strip() == "yes"
