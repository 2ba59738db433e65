"""``privnet verify``: prove hop by hop that every client location reaches every cluster."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from privnet.cli.errors import EXIT_FINDINGS, EXIT_OK
from privnet.errors import PrivnetError
from privnet.reach.snapshot import NetworkSnapshot
from privnet.spec import load_spec
from privnet.spec.topology import Target, Topology


class VerifyInputError(PrivnetError):
    """A verify option names something the snapshot does not have, or AWS cannot be read."""


def run_verify(file: Path, sources: Sequence[str], clusters: Sequence[str], output: str,
               source: str, aws_endpoint: str | None) -> int:
    from privnet.reach.verify import default_questions, select, verify

    topology = load_spec(file).topology
    snapshot = _snapshot(topology, source, aws_endpoint)
    _check_names(snapshot, sources, clusters)
    questions = select(default_questions(snapshot), sources, clusters)
    traces = verify(snapshot, questions)
    if output == "json":
        from privnet.render.traces import traces_json

        sys.stdout.write(traces_json(traces, snapshot.notes) + "\n")
    else:
        from privnet.render.traces import traces_text

        sys.stdout.write(traces_text(traces, snapshot.notes) + "\n")
    return EXIT_OK if all(t.as_expected for t in traces) else EXIT_FINDINGS


def _snapshot(topology: Topology, source: str, aws_endpoint: str | None) -> NetworkSnapshot:
    if source == "plan":
        from privnet.reach.spec_snapshot import snapshot_from_spec

        return snapshot_from_spec(topology)
    return _aws_snapshot(topology, aws_endpoint)


def _aws_snapshot(topology: Topology, endpoint: str | None) -> NetworkSnapshot:
    """Describe the account with the boto3 default credential chain (or a local endpoint)."""
    import boto3
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError, ClientError

    from privnet.reach.aws_snapshot import snapshot_from_aws
    from privnet.reach.spec_facts import with_topology

    config = Config(retries={"mode": "standard", "max_attempts": 5}, connect_timeout=5,
                    read_timeout=30)
    kwargs: dict[str, object] = {"region_name": topology.region, "config": config}
    if endpoint:
        kwargs["endpoint_url"] = endpoint
    elif topology.target is Target.LOCAL:
        kwargs.update(_local_cloud())
    try:
        clients = [boto3.client(name, **kwargs)
                   for name in ("ec2", "route53", "route53resolver")]
        network = snapshot_from_aws(*clients)
    except ClientError as exc:
        error = exc.response.get("Error", {})
        raise VerifyInputError(f"AWS refused a describe call: {error.get('Code', 'error')}: "
                               f"{error.get('Message', '')}") from None
    except BotoCoreError as exc:
        raise VerifyInputError(f"cannot read AWS: {exc.__class__.__name__}: {exc}") from None
    return with_topology(network, topology)


def _local_cloud() -> dict[str, str]:
    """Endpoint and credentials of this project's running local cloud (never started here:
    verify only reads)."""
    from privnet.local.cloud import LocalCloud

    status = LocalCloud().status()
    if not status.running or status.endpoints is None:
        raise VerifyInputError("the topology targets the local cloud, which is not running "
                               "here: start it (privnet local up) or give --aws-endpoint")
    return status.endpoints.aws_credentials()


def _check_names(snapshot: NetworkSnapshot, sources: Sequence[str],
                 clusters: Sequence[str]) -> None:
    known_sources = [loc.name for loc in snapshot.locations]
    known_clusters = [c.name for c in snapshot.clusters if c.private]
    for name in sources:
        if name not in known_sources:
            raise VerifyInputError(f"--from {name}: no such client location (known: "
                                   f"{', '.join(known_sources) or 'none'})")
    for name in clusters:
        if name not in known_clusters:
            raise VerifyInputError(f"--to {name}: no such private cluster (known: "
                                   f"{', '.join(known_clusters) or 'none'})")

