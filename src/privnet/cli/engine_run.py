"""``privnet plan``, ``apply``, ``destroy`` and ``output``: thin wrappers over the engine.

Plans and results go to stdout, progress and prompts to stderr; with ``--format json`` stdout
carries exactly one document (the plan and the result, or an error with its findings). Exit
codes are those of ``cli.errors`` (0 success, 1 a run that failed or was declined, 2 unusable
input, 3 a bug); with ``plan --detailed-exitcode``: 0 no changes, 2 changes, 1 any deliberate
error. The clouds, handlers and progress display come from a
:class:`~privnet.cli.services.Services`.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from privnet.cli.checked_topology import load_checked_topology
from privnet.cli.errors import EXIT_FINDINGS, EXIT_OK, report
from privnet.cli.file_argument import topology_file
from privnet.cli.json_exact import json_exact
from privnet.cli.services import DEFAULT_SERVICES, Services
from privnet.errors import PrivnetError

if TYPE_CHECKING:
    from privnet.engine.executor import RunResult
    from privnet.engine.operations import Engine
    from privnet.engine.plan import Plan
    from privnet.engine.state import State
    from privnet.topology.model import Topology

EXIT_CHANGES = 2
"""``plan --detailed-exitcode`` only: the plan has changes."""
JSON = "json"
"""``--format json``: stdout carries exactly one JSON document, whatever happens."""


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
                 services: Services = DEFAULT_SERVICES, writes_state: bool = True) -> Engine:
    """The engine of one run; the state directory is checked before any cloud is asked
    (``writes_state``: that privnet may write there too, for every run but ``plan``)."""
    from privnet.engine.operations import Engine
    from privnet.engine.state import StateStore
    from privnet.targets.preflight import preflight_context

    if options.parallelism < 1:
        raise PrivnetError("--parallelism must be at least 1")
    store = StateStore(topology.stack, options.state_dir)
    store.check_directory(writable=writes_state)
    ctx = services.make_context(topology)
    preflight_context(ctx)  # every plan/apply/destroy reads the clouds: prove credentials first
    return Engine(topology=topology, store=store,
                  ctx=ctx, handlers=services.handlers(),
                  parallelism=options.parallelism, reporter=services.reporter(),
                  targets=options.targets, replace=options.replace)


def load_topology(path: Path | None) -> Topology:
    """The topology as written (``./privnet.yaml`` when no file is named), rules not run:
    ``output`` and ``state`` only read the state."""
    from privnet.topology import load_spec

    return load_spec(topology_file(path)).topology


def run_plan(file: Path | None, options: EngineOptions, out: Path | None, output: str,
             detailed_exitcode: bool, refresh: bool, destroy: bool = False,
             services: Services = DEFAULT_SERVICES, no_color: bool = False) -> int:
    def body() -> int:
        topology = _checked(topology_file(file), "plan")
        if out is not None:
            _check_plan_path(out)  # before the clouds are read for a plan that cannot be kept
        engine = build_engine(topology, options, services, writes_state=False)
        plan = engine.destroy_plan() if destroy else engine.plan(refresh_state=refresh)
        if out is not None:
            _save_plan(plan, out)
            sys.stderr.write(f"saved the plan to {out}; apply it with: privnet apply {out}\n")
        if output == JSON:
            from privnet.render.plan import plan_document

            _write_document(plan_document(plan))
        else:
            sys.stdout.write(_plan_text(plan, no_color) + "\n")
        return EXIT_CHANGES if detailed_exitcode and plan.has_changes else EXIT_OK

    try:
        return json_exact(body, output, detailed_exitcode)
    except PrivnetError as exc:
        if not detailed_exitcode:
            raise
        report(exc)
        return EXIT_FINDINGS  # 2 means "changes" here, so every deliberate error is 1


def run_apply(target: Path | None, options: EngineOptions, yes: bool, output: str,
              services: Services = DEFAULT_SERVICES, no_color: bool = False) -> int:
    return json_exact(lambda: _apply(topology_file(target), options, yes, output, services,
                                     no_color), output)


def run_destroy(file: Path | None, options: EngineOptions, yes: bool, output: str,
                services: Services = DEFAULT_SERVICES, no_color: bool = False) -> int:
    def body() -> int:
        engine = build_engine(_checked(topology_file(file), "destroy"), options, services)
        engine.store.lock("destroy").check_free()  # refused before the plan is shown
        plan = engine.destroy_plan()
        if not _reviewed(plan, "destroy", yes, output, no_color):
            return EXIT_FINDINGS if plan.has_changes else EXIT_OK
        _, result = engine.destroy(plan)
        return _finish(engine, plan, result, output, no_color)

    return json_exact(body, output)


def run_output(file: Path, state_dir: Path, output: str, name: str | None = None,
               raw: bool = False) -> int:
    """The stack's outputs, or the one called ``name`` (a dotted path, see
    :func:`privnet.render.outputs.output_names`); ``raw``: the bare value, for a shell."""
    from privnet.engine.state import StateStore
    from privnet.render.outputs import output_names, outputs_text, raw_value, stack_outputs

    def body() -> int:
        topology = load_topology(file)
        store = StateStore(topology.stack, state_dir)
        store.check_directory(writable=False)
        outputs: Any = stack_outputs(store.load())
        if name is not None:
            names = output_names(outputs)
            if name not in names:
                raise PrivnetError(
                    f"no output named {name!r}; the outputs are: "
                    + (", ".join(sorted(n for n in names if n != "stack")) or "none yet"))
            outputs = names[name]
        if raw:
            sys.stdout.write(raw_value(outputs) + "\n")
        elif output == JSON or name is not None:
            _write_document(outputs)
        else:
            sys.stdout.write(outputs_text(outputs) + "\n")
        return EXIT_OK

    return json_exact(body, output)


def _check_plan_path(out: Path) -> None:
    """``plan --out``: a path the plan can be saved to, or an input error naming it."""
    if out.is_dir():
        raise PrivnetError(f"cannot save the plan to {out}: it is a directory; give a file "
                           f"name, e.g. --out {out / 'privnet.plan'}")
    if not out.parent.is_dir():
        raise PrivnetError(f"cannot save the plan to {out}: the directory {out.parent} does "
                           f"not exist; create it first or choose another --out")


def _save_plan(plan: Plan, out: Path) -> None:
    from privnet.engine.plan import save_plan

    try:
        save_plan(plan, out)
    except OSError as exc:
        raise PrivnetError(f"cannot save the plan to {out}: {exc.strerror or exc}; choose "
                           f"another --out") from None


def _apply(target: Path, options: EngineOptions, yes: bool, output: str, services: Services,
           no_color: bool) -> int:
    from privnet.engine.plan import is_plan_file, load_plan

    if is_plan_file(target):
        saved = load_plan(target)
        if saved.topology is None:
            raise PrivnetError(f"plan file {target} does not carry its topology")
        from privnet.topology.model import Topology

        engine = build_engine(Topology.model_validate(saved.topology), options, services)
        plan = saved  # a saved plan was reviewed already: no prompt
    else:
        engine = build_engine(_checked(target, "apply"), options, services)
        engine.store.lock("apply").check_free()  # refused before the plan is shown
        plan = engine.plan()
        outputs = None if plan.has_changes else _outputs_of(engine)  # shown for no changes too
        if not _reviewed(plan, "apply", yes, output, no_color, outputs):
            return EXIT_FINDINGS if plan.has_changes else EXIT_OK
    if plan.destroy:
        _, result = engine.destroy(plan)
        return _finish(engine, plan, result, output, no_color)
    before = engine.store.load()  # the key rings before the run: apply says which keys changed
    _, result = engine.apply(plan)
    return _finish(engine, plan, result, output, no_color, before)


def _reviewed(plan: Plan, verb: str, yes: bool, output: str, no_color: bool,
              outputs: dict[str, Any] | None = None) -> bool:
    """Show the plan and ask for a ``yes``; False if there is nothing to do (then the stack's
    ``outputs``, if given, are shown) or the user declines. With JSON output the document waits
    for the result, so the plan a person must review before answering goes to stderr with the
    prompt."""
    if output != JSON:
        sys.stdout.write(_plan_text(plan, no_color) + "\n")
        sys.stdout.flush()
    elif not yes and plan.has_changes:
        sys.stderr.write(_plan_text(plan, no_color, sys.stderr) + "\n")
    if not plan.has_changes:
        if output == JSON:
            _write_document(_run_document(plan, None, outputs))
        elif outputs is not None:
            _write_outputs(outputs)
        return False
    if yes or _confirm(verb):
        return True
    sys.stderr.write(f"{verb} cancelled\n")
    if output == JSON:
        _write_document({**_run_document(plan, None, None), "cancelled": True})
    return False


def _finish(engine: Engine, plan: Plan, result: RunResult, output: str,
            no_color: bool, before: State | None = None) -> int:
    """The summary line, what went wrong (so it is not lost in the progress log), the API
    keys an apply created and deleted (``before``: the state it started from) and, after a
    successful apply, the outputs; with JSON output, one document with all of it."""
    from privnet.render.key_changes import key_change_line, key_changes, key_changes_document

    verb = "Destroy" if plan.destroy else "Apply"
    outputs = _outputs_of(engine) if result.ok and not plan.destroy else None
    keys = key_changes(before, engine.store.load()) if before is not None else []
    if output == JSON:
        document = _run_document(plan, result, outputs)
        if before is not None:
            document["keys"] = key_changes_document(keys)
        _write_document(document)
        return EXIT_OK if result.ok else EXIT_FINDINGS
    for line in result.problems():
        sys.stdout.write(line + "\n")
    for change in keys:
        sys.stdout.write(key_change_line(change) + "\n")
    sys.stdout.write(result.summary(verb, plan) + "\n")
    if not result.ok:
        sys.stdout.write("Run the same command again to resume: finished work is recorded "
                         "and will not be redone.\n")
    if outputs is not None:
        _write_outputs(outputs)
    return EXIT_OK if result.ok else EXIT_FINDINGS


def _outputs_of(engine: Engine) -> dict[str, Any]:
    from privnet.render.outputs import stack_outputs

    return stack_outputs(engine.store.load())


def _write_outputs(outputs: dict[str, Any]) -> None:
    """``Outputs:`` and the stack's outputs, when it has any."""
    from privnet.render.outputs import outputs_text

    if outputs["clusters"] or outputs["service_accounts"]:
        sys.stdout.write("\nOutputs:\n" + _indented(outputs_text(outputs)) + "\n")


def _run_document(plan: Plan, result: RunResult | None,
                  outputs: dict[str, Any] | None) -> dict[str, Any]:
    """apply/destroy ``--format json``: the plan, the result per address, the outputs."""
    from privnet.render.plan import plan_document

    return {"plan": plan_document(plan),
            "result": result.to_json(plan) if result is not None else None,
            "problems": result.problems() if result is not None else [],
            "outputs": outputs}


def _checked(file: Path, verb: str) -> Topology:
    return load_checked_topology(file, verb)


def _write_document(document: Any) -> None:
    sys.stdout.write(json.dumps(document, indent=2) + "\n")
    sys.stdout.flush()


def _plan_text(plan: Plan, no_color: bool, stream: TextIO | None = None) -> str:
    """The plan as text, coloured when ``stream`` (stdout) is a terminal that wants it."""
    from privnet.render.colour import colour_wanted, colourise
    from privnet.render.plan import plan_text

    text = plan_text(plan)
    return colourise(text) if colour_wanted(stream or sys.stdout, no_color) else text


def _indented(text: str) -> str:
    return "\n".join(f"  {line}" if line else line for line in text.splitlines())


def _confirm(verb: str) -> bool:
    sys.stderr.write(f"Do you want to {verb} these changes? Only 'yes' will be accepted: ")
    sys.stderr.flush()
    answer = sys.stdin.readline()
    if not answer.endswith("\n") or not _is_terminal(sys.stdin):
        # nobody's Enter ended the prompt line (piped input is not echoed; EOF has no Enter)
        sys.stderr.write("\n")
    return answer.strip() == "yes"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stdin
        return False
