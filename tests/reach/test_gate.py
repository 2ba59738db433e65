"""The reachability gate of local runs: verdicts from the live network, a cached snapshot that is
taken again when the network moves, and never a refusal from stale facts."""

from __future__ import annotations

from privnet.reach.gate import NetworkGate, is_private_name
from privnet.reach.snapshot import NetworkSnapshot
from tests.reach.aws_state import DOMAIN, REGION, SeedState

SANDBOX_REST = f"lkc-sbx001.{DOMAIN}"


class Counting:
    """A snapshot source that counts how often it is asked, and a settable version."""

    def __init__(self, seed: SeedState) -> None:
        self.seed = seed
        self.calls = 0
        self.version = 0

    def describe(self) -> NetworkSnapshot:
        self.calls += 1
        return self.seed.snapshot()

    def read_version(self) -> int:
        return self.version


def unassociate_runner(seed: SeedState) -> None:
    seed.route53.disassociate_vpc_from_hosted_zone(
        HostedZoneId=seed.zone, VPC={"VPCRegion": REGION, "VPCId": seed.vpc["runner"]})


def reassociate_runner(seed: SeedState) -> None:
    seed.route53.associate_vpc_with_hosted_zone(
        HostedZoneId=seed.zone, VPC={"VPCRegion": REGION, "VPCId": seed.vpc["runner"]})


def test_private_names_are_those_under_confluent_private_domains() -> None:
    assert is_private_name(SANDBOX_REST.upper() + ".")
    assert is_private_name("ap1a2b3c.us-west-2.aws.accesspoint.confluent.cloud")
    assert not is_private_name("api.confluent.cloud")
    assert not is_private_name("psrc-123.us-east-1.aws.confluent.cloud")


def test_public_hosts_pass_without_looking_at_the_network(seed: SeedState) -> None:
    source = Counting(seed)
    gate = NetworkGate("runner", source.describe, source.read_version)
    assert gate.check("api.confluent.cloud", 443) is None
    assert source.calls == 0 and gate.stats.checks == 1 and gate.stats.private_checks == 0


def test_reachable_runner_passes_and_the_snapshot_is_reused(seed: SeedState) -> None:
    source = Counting(seed)
    gate = NetworkGate("runner", source.describe, source.read_version)
    for port in (443, 9092, 443):
        assert gate.check(SANDBOX_REST, port) is None
    assert source.calls == 1


def test_a_change_behind_the_gate_is_seen_once_the_version_moves(seed: SeedState) -> None:
    source = Counting(seed)
    gate = NetworkGate("runner", source.describe, source.read_version)
    assert gate.check(SANDBOX_REST, 443) is None
    unassociate_runner(seed)
    assert gate.check(SANDBOX_REST, 443) is None  # same version: the cached verdict stands
    source.version += 1
    refusal = gate.check(SANDBOX_REST, 443)
    assert refusal is not None and refusal.dns
    assert "NXDOMAIN" in refusal.reason and seed.zone in refusal.reason
    assert gate.stats.refused == 1


def test_a_refusal_is_never_given_from_stale_facts(seed: SeedState) -> None:
    unassociate_runner(seed)
    source = Counting(seed)
    gate = NetworkGate("runner", source.describe, source.read_version)
    assert gate.check(SANDBOX_REST, 443) is not None
    reassociate_runner(seed)  # the version did not move (say, a change it does not count)
    assert gate.check(SANDBOX_REST, 443) is None  # the negative verdict was re-checked
    assert source.calls == 2


def test_without_a_version_the_snapshot_is_retaken_every_n_checks(seed: SeedState) -> None:
    source = Counting(seed)
    gate = NetworkGate("runner", source.describe, refresh_every=3)
    assert all(gate.check(SANDBOX_REST, 443) is None for _ in range(3))
    assert source.calls == 1
    unassociate_runner(seed)
    assert gate.check(SANDBOX_REST, 443) is not None  # the 3rd check since the snapshot
    assert source.calls == 2


def test_a_dropped_flow_is_a_timeout_not_an_unknown_host(seed: SeedState) -> None:
    seed.ec2.revoke_security_group_ingress(GroupId=seed.endpoint_sg["sandbox"], IpPermissions=[{
        "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
        "IpRanges": [{"CidrIp": "10.253.0.0/24"}]}])
    source = Counting(seed)
    gate = NetworkGate("runner", source.describe, source.read_version)
    refusal = gate.check(SANDBOX_REST, 443)
    assert refusal is not None and not refusal.dns
    assert "DENIED_IN" in refusal.reason and seed.endpoint_sg["sandbox"] in refusal.reason
    assert gate.check(SANDBOX_REST, 9092) is None


def test_unknown_or_internet_locations_do_not_resolve_private_names(seed: SeedState) -> None:
    source = Counting(seed)
    refusal = NetworkGate("nowhere", source.describe).check(SANDBOX_REST, 443)
    assert refusal is not None and refusal.dns and "nowhere" in refusal.reason
