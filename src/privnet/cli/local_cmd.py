"""``privnet local up | down | status``: the embedded local cloud, one per user.

The cloud lives under the user's state directory (``$PRIVNET_HOME``, else
``$XDG_STATE_HOME/privnet``, else ``~/.local/state/privnet``), is shared by every stack and
directory, and stops with ``down`` or after ``PRIVNET_LOCAL_IDLE_SECONDS`` (default 30
minutes) without a request. Only typer and the standard library at import time: the local
cloud modules (and through them moto, boto3 and the emulator) load inside the commands.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from privnet.cli.errors import EXIT_OK, run_guarded

if TYPE_CHECKING:
    from privnet.local.cloud import LocalEndpoints, LocalStatus

local_app = typer.Typer(
    name="local",
    help="Run AWS (patched moto) and the Confluent Cloud emulator on this machine.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

OLD_DIR_OPTION = typer.Option(None, "--dir", hidden=True,
                              help="Deprecated and ignored: the local cloud is per user.")


def _warn_old_dir(given: Path | None) -> None:
    if given is not None:
        sys.stderr.write("warning: --dir is ignored: the local cloud is one per user, under "
                         "$PRIVNET_HOME (see `privnet local status`)\n")


def _describe(endpoints: LocalEndpoints) -> str:
    lines = [
        f"  files (0700)             {endpoints.credentials_file.parent}",
        f"  AWS (moto, patched)      {endpoints.aws_url}  region {endpoints.aws_region}",
        f"  Confluent Cloud emulator {endpoints.confluent_url or 'not available'}",
        f"  credentials (0600)       {endpoints.credentials_file}",
        "  use from a shell:",
        f"    export AWS_ENDPOINT_URL={endpoints.aws_url} AWS_REGION={endpoints.aws_region}",
        f"    export AWS_ACCESS_KEY_ID=$(jq -r .aws.access_key_id {endpoints.credentials_file})",
        "    export AWS_SECRET_ACCESS_KEY=$(jq -r .aws.secret_access_key "
        f"{endpoints.credentials_file})",
        "    (the local AWS accepts only this start's key, signed with SigV4)",
    ]
    if endpoints.confluent_url:
        lines.append(f"    Confluent API base URL {endpoints.confluent_url} "
                     "(key and secret: in the credentials file)")
    return "\n".join(lines)


def _describe_status(status: LocalStatus) -> str:
    lines = [f"local cloud: {'running' if status.running else 'stopped'}"]
    for service in status.services:
        if service.pid is None:
            lines.append(f"  {service.name:<7} not started")
        else:
            state = "running" if service.running else "not running (stale pid file)"
            lines.append(f"  {service.name:<7} pid {service.pid} {state}")
    if status.running and status.endpoints is not None:
        lines.append(_describe(status.endpoints))
    return "\n".join(lines)


@local_app.command()
def up(
    old_dir: Path | None = OLD_DIR_OPTION,
    instant: bool = typer.Option(False, "--instant", help="No latency anywhere (for tests)."),
    fault_rate: float = typer.Option(0.0, "--fault-rate", min=0.0, max=1.0,
                                     help="Share of calls failing with throttling/503."),
    seed: int = typer.Option(0, "--seed", help="Seed of the fault sequence."),
    vpce_ready: float = typer.Option(2.0, "--vpce-ready-seconds", min=0.0,
                                     help="VPC endpoint pending -> available."),
    route53_change: float = typer.Option(1.0, "--route53-change-seconds", min=0.0,
                                         help="Route 53 change PENDING -> INSYNC."),
    ccloud_scale: float = typer.Option(1.0, "--ccloud-latency-scale", min=0.0,
                                       help="Multiplier of the emulator's phase latencies."),
) -> None:
    """Start the local cloud (or report it if it already runs)."""

    def action() -> int:
        _warn_old_dir(old_dir)
        from privnet.local.aws.behaviour import AwsBehaviour
        from privnet.local.cloud import LocalCloud, LocalCloudOptions

        scale = 0.0 if instant else 1.0
        options = LocalCloudOptions(
            aws=AwsBehaviour(fault_rate=fault_rate, fault_seed=seed,
                             vpc_endpoint_ready_seconds=vpce_ready * scale,
                             route53_change_seconds=route53_change * scale),
            ccloud_scale=ccloud_scale * scale, ccloud_fault_rate=fault_rate, seed=seed,
        )
        cloud = LocalCloud(options)
        already = cloud.status().running
        endpoints = cloud.start()
        headline = ("local cloud: running (it already was; options of this call not applied)"
                    if already else "local cloud: running")
        faults = (f"faults: {fault_rate:.0%} of calls to both clouds fail with throttling or "
                  f"5xx (seed {seed})\n" if fault_rate > 0 and not already else "")
        idle = ("stops after " + f"{options.idle_seconds:g}s without a request "
                if options.idle_seconds is not None else "runs ")
        sys.stdout.write(headline + "\n" + _describe(endpoints) + "\n" + faults
                         + f"  {idle}until `privnet local down` "
                           "(PRIVNET_LOCAL_IDLE_SECONDS sets the idle period)\n")
        return EXIT_OK

    raise typer.Exit(run_guarded(action))


@local_app.command()
def down(old_dir: Path | None = OLD_DIR_OPTION) -> None:
    """Stop the local cloud; no process is left behind and its state is gone."""

    def action() -> int:
        from privnet.local.cloud import LocalCloud

        _warn_old_dir(old_dir)
        stopped = LocalCloud().stop()
        sys.stdout.write(f"local cloud: stopped ({', '.join(stopped) or 'nothing was running'})\n")
        return EXIT_OK

    raise typer.Exit(run_guarded(action))


@local_app.command()
def status(old_dir: Path | None = OLD_DIR_OPTION) -> None:
    """Say whether the local cloud runs, and where."""

    def action() -> int:
        from privnet.local.cloud import LocalCloud

        _warn_old_dir(old_dir)
        sys.stdout.write(_describe_status(LocalCloud().status()) + "\n")
        return EXIT_OK

    raise typer.Exit(run_guarded(action))
