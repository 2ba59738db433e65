"""``privnet verify``: prove hop by hop that every client location reaches every cluster.

The network comes from the plan (what the topology will build) or from live describe calls;
with an applied stack, Confluent facts (cluster ids, endpoints, domain) come from its state.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from privnet.cli.checked_topology import UNDEFINED_NETWORK, load_checked_topology
from privnet.cli.errors import EXIT_FINDINGS, EXIT_OK
from privnet.errors import PrivnetError
from privnet.reach.snapshot import NetworkSnapshot
from privnet.topology.model import Target, Topology


class VerifyInputError(PrivnetError):
    """A verify option names something the snapshot does not have, or AWS cannot be read."""


AUTO = "auto"
SOURCES = (AUTO, "plan", "aws")


def run_verify(file: Path, sources: Sequence[str], clusters: Sequence[str], output: str,
               source: str, aws_endpoint: str | None,
               state_dir: Path = Path(".privnet")) -> int:
    from privnet.reach.verify import default_questions, select, verify

    topology = _load(file, source, aws_endpoint, state_dir)
    applied = applied_resources(topology, state_dir)
    chosen, why = choose_source(source, topology, applied, aws_endpoint, _local_cloud_runs)
    sys.stderr.write(f"verify: source {chosen} ({why})\n")
    snapshot = _snapshot(topology, chosen, aws_endpoint, applied)
    _check_names(snapshot, sources, clusters)
    questions = select(default_questions(snapshot), sources, clusters)
    traces = verify(snapshot, questions)
    if output == "json":
        from privnet.render.traces import traces_json

        sys.stdout.write(traces_json(traces, snapshot.notes) + "\n")
    elif output == "html":
        from privnet.render.report_html import verify_report

        sys.stdout.write(verify_report(traces, snapshot, topology, source=f"{chosen} ({why})"))
    else:
        from privnet.render.traces import traces_text

        sys.stdout.write(traces_text(traces, snapshot.notes) + "\n")
    return EXIT_OK if all(t.as_expected for t in traces) else EXIT_FINDINGS


def _load(file: Path, source: str, aws_endpoint: str | None, state_dir: Path) -> Topology:
    """The checked topology; a VPC given by id without ``cidr`` only stops a plan-mode run
    (the account says what its range is, and the live truth wins anyway)."""
    from privnet.cli.checked_topology import TopologyRejected
    from privnet.rules.addressing.invalid_cidr import UNKNOWN_CIDR_FIX
    from privnet.topology import load_spec

    try:
        return load_checked_topology(file, "verify", UNDEFINED_NETWORK)
    except TopologyRejected as exc:
        if not exc.findings or any(f.fix != UNKNOWN_CIDR_FIX for f in exc.findings):
            raise
        topology = load_spec(file).topology
        chosen, _ = choose_source(source, topology, applied_resources(topology, state_dir),
                                  aws_endpoint, _local_cloud_runs)
        if chosen != "aws":
            raise
        return topology


def applied_resources(topology: Topology, state_dir: Path) -> dict[str, dict[str, Any]]:
    """Address -> attributes of the stack's applied objects ({} when nothing is applied)."""
    from privnet.engine.state import StateStore

    store = StateStore(topology.stack, state_dir)
    try:
        store.check_directory(writable=False)
        if not store.exists():
            return {}
        state = store.load()
    except PrivnetError as exc:
        raise VerifyInputError(str(exc)) from None
    return {a: dict(r.attributes) for a, r in state.resources.items() if not r.pending}


def choose_source(source: str, topology: Topology, applied: dict[str, dict[str, Any]],
                  aws_endpoint: str | None, local_cloud_runs: Callable[[], bool]) -> tuple[str,
                                                                                          str]:
    """The source to use and why: ``auto`` reads the live network when there is one to read.

    That is: an ``--aws-endpoint`` was given, or the stack is applied (its state records
    objects) on the local cloud and that cloud runs. Otherwise the plan is verified."""
    if source not in SOURCES:
        raise VerifyInputError(f"--source must be one of {', '.join(SOURCES)}, not '{source}'")
    if source != AUTO:
        return source, "as asked"
    if aws_endpoint:
        return "aws", f"--aws-endpoint {aws_endpoint}"
    if topology.target is not Target.LOCAL:
        return "plan", "the default for cloud targets; --source aws describes the account"
    if not applied:
        return "plan", f"stack {topology.stack} has no applied state"
    if not local_cloud_runs():
        return "plan", (f"stack {topology.stack} is applied but the local cloud is not "
                        "running")
    return "aws", f"stack {topology.stack} is applied on the running local cloud"


def _local_cloud_runs() -> bool:
    from privnet.local.cloud import LocalCloud

    status = LocalCloud().status()
    return status.running and status.endpoints is not None


def _snapshot(topology: Topology, source: str, aws_endpoint: str | None,
              applied: dict[str, dict[str, Any]]) -> NetworkSnapshot:
    if source == "plan":
        from privnet.reach.graph_snapshot import snapshot_from_graph

        return snapshot_from_graph(topology)
    from privnet.reach.state_facts import with_state_facts

    return with_state_facts(_aws_snapshot(topology, aws_endpoint), applied, topology.stack)


def _aws_snapshot(topology: Topology, endpoint: str | None) -> NetworkSnapshot:
    """Describe the account with the boto3 default credential chain (or a local endpoint), in
    the stack's region and each other region its VPCs name: never the credentials' default
    region nor the one the local cloud reports (it serves every region)."""
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError
    from botocore.parsers import ResponseParserError

    from privnet.reach.aws_snapshot import snapshot_from_aws
    from privnet.reach.regions import merge_regions, stack_regions
    from privnet.reach.spec_facts import with_topology
    from privnet.targets.aws_read_errors import not_aws_answer, unknown_region
    from privnet.targets.aws_retries import aws_client

    for region in stack_regions(topology):
        unknown = unknown_region(region)
        if unknown is not None:
            raise VerifyInputError(f"the topology's region {unknown}: fix the file")
    credentials: dict[str, str] = {}
    url = endpoint
    if not endpoint and topology.target is Target.LOCAL:
        credentials = _local_cloud()
        url = credentials.pop("endpoint_url", None)
    elif endpoint and boto3.session.Session().get_credentials() is None:
        credentials = _endpoint_credentials(endpoint)
    session = boto3.session.Session(**credentials)
    try:
        network = merge_regions([
            snapshot_from_aws(*(aws_client(session, name, region, url, connect_timeout=5,
                                           read_timeout=30)
                                for name in ("ec2", "route53", "route53resolver")))
            for region in stack_regions(topology)])
    except (ClientError, ResponseParserError) as exc:
        message = not_aws_answer(exc, url)
        if message is not None or not isinstance(exc, ClientError):
            raise VerifyInputError(message or f"cannot read AWS: {exc}") from None
        error = exc.response.get("Error", {})
        raise VerifyInputError(f"AWS refused a describe call: {error.get('Code', 'error')}: "
                               f"{error.get('Message', '')}") from None
    except BotoCoreError as exc:
        raise VerifyInputError(f"cannot read AWS: {exc.__class__.__name__}: {exc}") from None
    return with_topology(network, topology)


def _endpoint_credentials(endpoint: str) -> dict[str, str]:
    """No credentials in the default chain for ``--aws-endpoint``: when it is this project's
    running local cloud, its credentials file has them; otherwise say what to set."""
    from urllib.parse import urlsplit

    from privnet.local.cloud import LocalCloud

    status = LocalCloud().status()
    if status.running and status.endpoints is not None:
        given, local = urlsplit(endpoint), urlsplit(status.endpoints.aws_url)
        if (given.hostname, given.port) == (local.hostname, local.port):
            credentials = status.endpoints.aws_credentials()
            credentials.pop("endpoint_url", None)
            return credentials
    raise VerifyInputError(
        f"no AWS credentials for --aws-endpoint {endpoint}: set AWS_ACCESS_KEY_ID and "
        "AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) to what that endpoint accepts; for this "
        "project's local cloud, start it (privnet local up) and verify reads its credentials")


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
    known_clusters = [*(c.name for c in snapshot.clusters if c.private),
                      *(s.name for s in snapshot.services)]  # flink, link <name>
    for name in sources:
        if name not in known_sources:
            raise VerifyInputError(f"--from {name}: no such client location (known: "
                                   f"{', '.join(known_sources) or 'none'})")
    for name in clusters:
        if name not in known_clusters:
            raise VerifyInputError(f"--to {name}: no such private cluster or service (known: "
                                   f"{', '.join(known_clusters) or 'none'})")

