"""The network-faithful data plane of local runs: gate each Confluent call on the live network.

Builds a :class:`~privnet.reach.gate.NetworkGate` for the topology's runner location over the
local AWS (through the context's own boto3 clients) and adapts it to the routing transport's
:data:`~privnet.targets.local_routing.ReachabilityGate`. A describe call that fails while the
gate takes its snapshot (throttling, a busy server) becomes a :class:`TransientError`, which
the executor retries like any other.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from privnet.providers.base import TransientError
from privnet.reach.gate import NetworkGate, VersionSource
from privnet.targets.local_routing import Blocked, ReachabilityGate

if TYPE_CHECKING:
    from privnet.reach.snapshot import NetworkSnapshot
    from privnet.topology.model import Topology

AwsClients = Callable[[str], Any]
"""``service name -> boto3 client`` (``CloudContext.aws``)."""


def network_gate(topology: Topology, aws: AwsClients,
                 version: VersionSource | None = None) -> NetworkGate:
    """A gate for ``topology.runner.location`` over the AWS that ``aws`` clients reach."""

    def describe() -> NetworkSnapshot:
        from privnet.reach.aws_snapshot import snapshot_from_aws
        from privnet.reach.spec_facts import with_topology

        network = snapshot_from_aws(aws("ec2"), aws("route53"), aws("route53resolver"))
        return with_topology(network, topology)

    return NetworkGate(topology.runner.location, describe, version)


def as_routing_gate(gate: NetworkGate) -> ReachabilityGate:
    """The transport's view: :class:`Blocked` or None; AWS read failures are transient."""

    def check(host: str, port: int) -> Blocked | None:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            refusal = gate.check(host, port)
        except (BotoCoreError, ClientError) as exc:
            raise TransientError(f"cannot read the local network to decide whether {host} "
                                 f"is reachable: {type(exc).__name__}") from None
        return None if refusal is None else Blocked(refusal.reason, refusal.dns)

    return check


def in_process_version() -> int:
    """The network version of the moto running in this process."""
    from privnet.local.aws.network_version import network_version

    return network_version()


def server_version(aws_endpoint: str,
                   credentials: Mapping[str, str] | None = None) -> VersionSource:
    """The network version served by the local moto server at ``aws_endpoint``; each read is
    signed with ``credentials`` (``aws_access_key_id`` / ``aws_secret_access_key``), which
    the local server requires of every request, its admin API included."""
    import httpx

    from privnet.local.aws.auth import LocalAwsKey, sign_headers
    from privnet.local.aws.network_version import VERSION_PATH

    client = httpx.Client(base_url=aws_endpoint, timeout=5.0)
    url = aws_endpoint.rstrip("/") + VERSION_PATH
    key = None if credentials is None else LocalAwsKey(
        credentials["aws_access_key_id"], credentials["aws_secret_access_key"])

    def read() -> int:
        headers = {} if key is None else sign_headers("GET", url, key)
        return int(client.get(VERSION_PATH, headers=headers).raise_for_status()
                   .json()["network_version"])

    return read
