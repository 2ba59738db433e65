"""Every design verified: each example applied on the in-process cloud is green in plan and
live mode, and one planted fault per design is caught with its disposition and culprit id.

PNI (an interface security group without Kafka), ingress gateways (a VPC's access point zone
gone; a VPC answering its domain with another VPC's endpoint), Flink's private endpoint (the
zone keeps the cluster's names but loses the wildcard Flink's name used) and source-initiated
links (the runner's route to the source's endpoint gone).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from privnet.facts.confluent_dns import flink_endpoint
from privnet.reach.aws_snapshot import snapshot_from_aws
from privnet.reach.designs.pni import ENDPOINT_PREFIX
from privnet.reach.graph_snapshot import snapshot_from_graph
from privnet.reach.regions import merge_regions, stack_regions
from privnet.reach.snapshot import NetworkSnapshot
from privnet.reach.spec_facts import with_topology
from privnet.reach.state_facts import with_state_facts
from privnet.reach.trace import Disposition, Trace
from privnet.reach.verify import verify
from privnet.targets.inprocess import InProcessCloud
from privnet.topology import load_spec, load_spec_text
from privnet.topology.model import Topology
from tests.conftest import EXAMPLES
from tests.engine.local_cloud import seed_engine


@dataclass
class Applied:
    """An example applied on a running in-process cloud, and a way to describe it now."""

    topology: Topology
    cloud: InProcessCloud
    state: dict[str, dict[str, Any]]

    def aws(self, service: str) -> Any:
        return self.cloud.context(self.topology.stack, self.topology.region).aws(service)

    def live(self) -> NetworkSnapshot:
        network = merge_regions([
            snapshot_from_aws(*(self.cloud.context(self.topology.stack, region).aws(name)
                                for name in ("ec2", "route53", "route53resolver")))
            for region in stack_regions(self.topology)])
        return with_state_facts(with_topology(network, self.topology), self.state,
                                self.topology.stack)

    def vpc_id(self, name: str) -> str:
        return next(v.id for v in self.live().vpcs if v.name == name)


@contextmanager
def applied(topology: Topology, state_root: Path) -> Iterator[Applied]:
    with InProcessCloud() as cloud:
        ctx = cloud.context(topology.stack, topology.region, topology)
        engine = seed_engine(topology, ctx, state_root)
        _, result = engine.apply()
        assert result.ok, {a: o.detail for a, o in result.outcomes.items()
                           if o.status != "done"}
        state = {a: dict(r.attributes) for a, r in engine.store.load().resources.items()}
        yield Applied(topology, cloud, state)


def _bad(traces: Sequence[Trace]) -> list[Trace]:
    return [t for t in traces if not t.as_expected]


def _example(name: str) -> Topology:
    return load_spec(EXAMPLES / f"{name}.yaml").topology


def _green(run: Applied) -> list[Trace]:
    """Plan and live agree that everything is as expected; the live traces."""
    plan = verify(snapshot_from_graph(run.topology))
    live = verify(run.live())
    assert _bad(plan) == [] and _bad(live) == []
    assert ({(t.question.source, t.question.cluster, t.question.port) for t in plan}
            == {(t.question.source, t.question.cluster, t.question.port) for t in live})
    return live


def test_pni_names_reach_the_access_point_interfaces_until_a_group_drops_kafka(
        tmp_path: Path) -> None:
    with applied(_example("pni"), tmp_path) as run:
        live = _green(run)
        assert {(t.question.cluster, t.question.port) for t in live} == {
            ("events", 9092), ("events", 443)}
        dns = live[0].hops[0].steps[-1]
        assert dns.subject == f"endpoint {ENDPOINT_PREFIX}streaming-enis"
        assert ".aws.accesspoint.glb.confluent.cloud" in live[0].question.name

        group = next(g for g in run.live().security_groups
                     if g.vpc_id == run.vpc_id("streaming") and g.name != "default")
        assert any(p.security_group_ids == (group.id,) for p in run.live().pni_access_points)
        run.aws("ec2").revoke_security_group_ingress(
            GroupId=group.id, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 9092,
                                              "ToPort": 9092,
                                              "IpRanges": [{"CidrIp": "10.30.0.0/20"}]}])
        bad = _bad(verify(run.live()))
    assert [(t.question.port, t.disposition) for t in bad] == [(9092, Disposition.DENIED_IN)]
    assert group.id in bad[0].culprit


def test_ingress_vpc_without_its_access_point_zone_gets_no_answer(tmp_path: Path) -> None:
    with applied(_example("ingress-privatelink"), tmp_path) as run:
        _green(run)
        payments = run.vpc_id("payments")
        route53 = run.aws("route53")
        zone = next(z for z in run.live().hosted_zones if z.vpc_ids == (payments,))
        for record in route53.list_resource_record_sets(HostedZoneId=zone.id)[
                "ResourceRecordSets"]:
            if record["Type"] not in ("NS", "SOA"):
                route53.change_resource_record_sets(HostedZoneId=zone.id, ChangeBatch={
                    "Changes": [{"Action": "DELETE", "ResourceRecordSet": record}]})
        route53.delete_hosted_zone(Id=zone.id)
        bad = _bad(verify(run.live()))
    assert {t.question.source for t in bad} == {"payments"}
    assert {t.disposition for t in bad} == {Disposition.NXDOMAIN}
    assert all(payments in t.culprit for t in bad)


def test_ingress_domain_answered_by_another_vpcs_endpoint_resolves_elsewhere(
        tmp_path: Path) -> None:
    with applied(_example("ingress-privatelink"), tmp_path) as run:
        snapshot = run.live()
        payments, platform = run.vpc_id("payments"), run.vpc_id("platform")
        zone = next(z for z in snapshot.hosted_zones if z.vpc_ids == (payments,))
        other = next(e for e in snapshot.endpoints if e.vpc_id == platform)
        run.aws("route53").change_resource_record_sets(HostedZoneId=zone.id, ChangeBatch={
            "Changes": [{"Action": "UPSERT", "ResourceRecordSet": {
                "Name": f"*.{zone.name.rstrip('.')}", "Type": "CNAME", "TTL": 60,
                "ResourceRecords": [{"Value": other.dns_entries[0].name}]}}]})
        bad = _bad(verify(run.live()))
    assert {t.question.source for t in bad} == {"payments"}
    assert {t.disposition for t in bad} == {Disposition.RESOLVES_ELSEWHERE}
    assert all(zone.id in t.culprit for t in bad)
    assert all(other.id in t.hops[0].steps[-1].detail for t in bad)


def test_flink_endpoint_without_its_record_is_nxdomain(tmp_path: Path) -> None:
    topology = _example("flink-private")
    with applied(topology, tmp_path) as run:
        live = _green(run)
        flink = [t for t in live if t.question.cluster == "flink"]
        assert [(t.question.source, t.question.name, t.question.port) for t in flink] == [
            ("analytics", flink_endpoint(topology.region), 443)]

        snapshot = run.live()
        zone = next(z for z in snapshot.hosted_zones if z.name.rstrip(".").endswith(
            "private.confluent.cloud"))
        wildcard = f"*.{zone.name.rstrip('.')}"
        route53 = run.aws("route53")
        records = route53.list_resource_record_sets(HostedZoneId=zone.id)["ResourceRecordSets"]
        star = next(r for r in records if r["Name"].rstrip(".").replace("\\052", "*")
                    == wildcard)
        lake = next(c for c in snapshot.clusters if c.name == "lake")
        explicit = {"Name": lake.rest, "Type": "CNAME", "TTL": 60,
                    "ResourceRecords": star["ResourceRecords"]}
        route53.change_resource_record_sets(HostedZoneId=zone.id, ChangeBatch={"Changes": [
            {"Action": "DELETE", "ResourceRecordSet": star},
            {"Action": "CREATE", "ResourceRecordSet": explicit}]})
        bad = _bad(verify(run.live()))
    assert [(t.question.cluster, t.disposition) for t in bad] == [
        ("flink", Disposition.NXDOMAIN)]
    assert zone.id in bad[0].culprit


SOURCE_LINK_RUNNER_OUTSIDE = (EXAMPLES / "source-initiated-link.yaml").read_text().replace(
    "  location: runner", "  location: producers")


def test_source_link_runner_without_a_route_to_the_source_endpoint(tmp_path: Path) -> None:
    topology = load_spec_text(SOURCE_LINK_RUNNER_OUTSIDE, "link.yaml").topology
    with applied(topology, tmp_path) as run:
        live = _green(run)
        link = [t for t in live if t.question.cluster == "link private-to-public"]
        assert [(t.question.source, t.question.port) for t in link] == [("producers", 443)]

        snapshot = run.live()
        producers = run.vpc_id("producers")
        runner_cidr = next(v.cidrs[0] for v in snapshot.vpcs if v.name == "runner")
        ec2 = run.aws("ec2")
        for table in snapshot.route_tables:
            if table.vpc_id == producers:
                for route in table.routes:
                    if route.target.startswith("tgw-") and route.destination != "local":
                        ec2.delete_route(RouteTableId=table.id,
                                         DestinationCidrBlock=route.destination)
        bad = _bad(verify(run.live()))
    failed_link = [t for t in bad if t.question.cluster == "link private-to-public"]
    assert [t.disposition for t in failed_link] == [Disposition.NO_ROUTE]
    tables = {t.id for t in snapshot.route_tables if t.vpc_id == producers}
    assert any(table in failed_link[0].culprit for table in tables)
    assert runner_cidr != "" and {t.question.source for t in bad} == {"producers"}


def test_the_link_question_ignores_expectations_privnet_makes_that_call() -> None:
    text = SOURCE_LINK_RUNNER_OUTSIDE.replace(
        "\naws:\n", "\nverify:\n  expect:\n    - {from: producers, to: \"*\", reachable: false}"
                    "\naws:\n", 1)
    traces = verify(snapshot_from_graph(load_spec_text(text, "link.yaml").topology))
    by_cluster = {(t.question.cluster, t.question.expect_reachable) for t in traces
                  if t.question.source == "producers"}
    assert ("link private-to-public", True) in by_cluster
    assert ("enterprise_source", False) in by_cluster


def test_pni_access_point_found_by_its_vpc_when_names_differ() -> None:
    """A file written by ``discover`` names access points its own way: the VPC links them."""
    from dataclasses import replace

    plan = snapshot_from_graph(_example("pni"))
    renamed = replace(plan, pni_access_points=tuple(
        replace(p, name="discovered-name") for p in plan.pni_access_points))
    assert _bad(verify(renamed)) == []
    elsewhere = replace(renamed, pni_access_points=tuple(
        replace(p, vpc_id="vpc-elsewhere") for p in renamed.pni_access_points))
    bad = verify(elsewhere)
    assert bad and {t.disposition for t in bad} == {Disposition.NXDOMAIN}
