"""Entry point. Heavy libraries are imported inside commands so ``--help`` stays fast.

Every command body runs through :func:`~privnet.cli.errors.run_guarded`, the one map from
errors to exit codes: 0 ok, 1 findings or a failed run, 2 bad input, 3 a bug, 130 Ctrl-C.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer

from privnet.cli.diagram_cmd import diagram
from privnet.cli.engine_commands import register_engine_commands
from privnet.cli.errors import (
    EXIT_OK,
    FULL_OR_BROKEN_DEVICE,
    closed_pipe,
    device_failed,
    report,
    run_guarded,
    set_debug,
)
from privnet.cli.file_argument import (
    DEFAULT_TOPOLOGY_FILE,
    TOPOLOGY_FILE,
    TOPOLOGY_FILES,
    topology_file,
    topology_files,
)
from privnet.cli.help_format import PlainHelpGroup, use_plain_help
from privnet.cli.json_usage import JsonUsageErrorsGroup
from privnet.cli.keys_cmd import keys_app
from privnet.cli.local_cmd import local_app
from privnet.cli.options import STATE_DIR_OPTION


class PrivnetGroup(JsonUsageErrorsGroup, PlainHelpGroup):
    """privnet's commands: plain help, and usage errors as JSON under ``--format json``."""


app = typer.Typer(
    name="privnet",
    help="Design, provision and verify private networking between AWS and Confluent Cloud.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    cls=PrivnetGroup,
)
app.add_typer(local_app, name="local")
register_engine_commands(app)
app.add_typer(keys_app, name="keys")
app.command("diagram")(diagram)


def _print_version(asked: bool) -> None:
    if asked:
        from privnet import __version__

        sys.stdout.write(f"privnet {__version__}\n")
        raise typer.Exit(EXIT_OK)


@app.callback()
def privnet(
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_print_version,
                                 help="Print privnet's version and exit."),
    debug: bool = typer.Option(False, "--debug",
                               help="On an unexpected error, print the full traceback "
                                    "(also PRIVNET_DEBUG=1)."),
) -> None:
    """Design, provision and verify private networking between AWS and Confluent Cloud."""
    set_debug(debug)


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class RulesFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


@app.command()
def validate(
    files: list[Path] | None = TOPOLOGY_FILES,
    output: OutputFormat = typer.Option(OutputFormat.TEXT, "--format", help="text or json."),
) -> None:
    """Check topology files against the rule catalogue (exit 0 clean, 1 errors, 2 unreadable)."""
    from privnet.cli.validate_cmd import run_validate

    def action() -> int:
        # JSON: a missing ./privnet.yaml is an INPUT finding of validate's own document
        chosen = (topology_files(files) if output is OutputFormat.TEXT
                  else list(files or [DEFAULT_TOPOLOGY_FILE]))
        return run_validate(chosen, output.value)

    raise typer.Exit(run_guarded(action))


@app.command()
def rules(
    output: RulesFormat = typer.Option(RulesFormat.TEXT, "--format", help="text, json, markdown."),
) -> None:
    """List the rule catalogue."""
    from privnet.cli.validate_cmd import run_rules

    raise typer.Exit(run_guarded(lambda: run_rules(output.value)))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the topology file (for editor completion)."""

    def action() -> int:
        import json

        from privnet.topology.model import Topology

        sys.stdout.write(json.dumps(Topology.model_json_schema(), indent=2) + "\n")
        return EXIT_OK

    raise typer.Exit(run_guarded(action))


@app.command()
def doctor(
    bootstrap: str = typer.Option(..., help="Kafka bootstrap host:port to probe."),
    rest: str | None = typer.Option(None, help="REST endpoint (https://host:443) to probe."),
    nameserver: str | None = typer.Option(None, help="DNS server ip[:port] to ask instead."),
    ca_file: str | None = typer.Option(None, help="CA bundle for the TLS checks."),
    timeout: float = typer.Option(3.0, help="Seconds per network step."),
    secret_name: str | None = typer.Option(
        None, help="Secrets Manager secret (java_client layout) holding the API key."),
    region: str | None = typer.Option(None, help="AWS region of the secret."),
    security_protocol: str = typer.Option("SASL_SSL", hidden=True),
    output: OutputFormat = typer.Option(OutputFormat.TEXT, "--format", help="text or json."),
) -> None:
    """Probe DNS, TCP, TLS and Kafka metadata from this machine; explain what fails.

    The API key comes from PRIVNET_KAFKA_API_KEY / PRIVNET_KAFKA_API_SECRET or --secret-name.
    """
    from privnet.cli.doctor_cmd import run_doctor
    from privnet.cli.json_exact import json_exact

    raise typer.Exit(run_guarded(lambda: json_exact(lambda: run_doctor(
        bootstrap, rest, nameserver, ca_file, timeout, secret_name, region,
        security_protocol, output.value), output.value)))


class VerifyFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    HTML = "html"


class VerifySource(StrEnum):
    AUTO = "auto"
    PLAN = "plan"
    AWS = "aws"


@app.command()
def verify(
    file: Path | None = TOPOLOGY_FILE,
    sources: list[str] = typer.Option([], "--from", help="Client location(s) to check."),
    clusters: list[str] = typer.Option([], "--to", help="Cluster(s) to check."),
    output: VerifyFormat = typer.Option(
        VerifyFormat.TEXT, "--format",
        help="text, json, or html (one self-contained page to share)."),
    source: VerifySource = typer.Option(
        VerifySource.AUTO, "--source",
        help="plan (the topology as it will be built), aws (describe the live account) or "
             "auto (aws when the stack is applied on the running local cloud, else plan)."),
    aws_endpoint: str | None = typer.Option(None, "--aws-endpoint",
                                            help="AWS endpoint URL, e.g. a local cloud."),
    state_dir: Path = STATE_DIR_OPTION,
    region: str | None = typer.Option(
        None, "--region", help="With --source aws and no topology file: discover this region."),
) -> None:
    """Prove hop by hop that clients reach clusters (exit 0 as expected, 1 not, 2 bad input)."""
    from privnet.cli.discover_cmd import refuse_region_with_file, verify_discovered
    from privnet.cli.json_exact import json_exact
    from privnet.cli.verify_cmd import run_verify

    def action() -> int:
        if file is None and not DEFAULT_TOPOLOGY_FILE.exists() and source.value == "aws":
            return verify_discovered(region, aws_endpoint, lambda path: run_verify(
                path, sources, clusters, output.value, source.value, aws_endpoint, state_dir))
        refuse_region_with_file(region)
        return run_verify(topology_file(file), sources, clusters, output.value, source.value,
                          aws_endpoint, state_dir)

    raise typer.Exit(run_guarded(lambda: json_exact(action, output.value)))


@app.command()
def discover(
    region: str = typer.Option(..., "--region", help="AWS region to read."),
    out: Path | None = typer.Option(None, "--out", help="Write here (default: stdout)."),
    aws_endpoint: str | None = typer.Option(None, "--aws-endpoint",
                                            help="AWS endpoint URL, e.g. a local cloud."),
    stack: str = typer.Option("discovered", "--stack", help="Stack name of the file."),
    environment: str | None = typer.Option(
        None, "--environment",
        help="Confluent environment (id or name) to describe when several serve the account."),
) -> None:
    """Describe a live network (Confluent endpoints, zones, TGW) as a topology for verify."""
    from privnet.cli.discover_cmd import run_discover

    raise typer.Exit(run_guarded(lambda: run_discover(region, out, aws_endpoint, stack,
                                                      environment)))


class CompletionShell(StrEnum):
    BASH = "bash"
    ZSH = "zsh"
    FISH = "fish"


@app.command()
def completion(
    shell: CompletionShell = typer.Argument(..., help="bash, zsh or fish."),
) -> None:
    """Print the shell completion script, e.g. eval "$(privnet completion bash)".

    The same script as --show-completion prints, for a shell named rather than detected.
    """

    def action() -> int:
        from typer._completion_shared import get_completion_script

        script = get_completion_script(prog_name="privnet", complete_var="_PRIVNET_COMPLETE",
                                       shell=shell.value)
        sys.stdout.write(script.rstrip("\n") + "\n")
        return EXIT_OK

    raise typer.Exit(run_guarded(action))


@app.command()
def version() -> None:
    """Print privnet's version."""

    def action() -> int:
        from privnet import __version__

        sys.stdout.write(f"privnet {__version__}\n")
        return EXIT_OK

    raise typer.Exit(run_guarded(action))


def main() -> None:
    """``privnet``; an error outside every command body (none is expected) still gets the map."""
    try:
        app()
    except BrokenPipeError:  # a reader that closed stdout while typer itself wrote (--help)
        raise SystemExit(closed_pipe()) from None
    except OSError as exc:
        if exc.errno in FULL_OR_BROKEN_DEVICE:
            raise SystemExit(device_failed(exc)) from None
        raise SystemExit(report(exc)) from None
    except Exception as exc:  # run_guarded already caught anything a command raised
        raise SystemExit(report(exc)) from None


use_plain_help(app)


if __name__ == "__main__":
    main()
