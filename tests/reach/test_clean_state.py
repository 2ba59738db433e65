"""The seed-like network, untouched: every location reaches every cluster."""

from __future__ import annotations

import ipaddress
from collections import Counter

from privnet.reach.trace import Disposition
from privnet.reach.verify import verify
from tests.reach.aws_state import SeedState


def test_every_location_reaches_every_cluster(seed: SeedState) -> None:
    traces = verify(seed.snapshot())
    # 5 locations x 2 clusters x (bootstrap 9092, REST 443, 3 zonal brokers)
    assert len(traces) == 50
    assert Counter(t.disposition for t in traces) == {Disposition.ACCEPTED: 50}


def test_zonal_name_lands_on_its_own_az(seed: SeedState) -> None:
    snapshot = seed.snapshot()
    trace = next(t for t in verify(snapshot) if t.question.az_id == "use1-az2"
                 and t.question.source == "runner")
    resolution = trace.hops[0].steps
    assert any(s.subject.startswith(f"record *.use1-az2.{snapshot.clusters[0].dns_domain}")
               for s in resolution)
    subnet_az = {s.id: s.az_id for s in snapshot.subnets}
    endpoint = next(e for e in snapshot.endpoints if e.vpc_id == seed.vpc["sandbox"])
    az2_ip = next(e.ip for e in endpoint.enis if subnet_az[e.subnet_id] == "use1-az2")
    assert any(az2_ip in hop.title for hop in trace.hops[1:])
    other_ips = [e.ip for e in endpoint.enis if e.ip != az2_ip]
    assert not any(ip in hop.title for ip in other_ips for hop in trace.hops)


def test_snapshot_reads_the_network(seed: SeedState) -> None:
    snapshot = seed.snapshot()
    assert {v.name for v in snapshot.vpcs} >= set(seed.vpc)
    table = next(t for t in snapshot.tgw_route_tables if t.id == seed.tgw_table)
    assert set(table.associations) == set(seed.attachment.values())
    assert set(table.propagations) == set(seed.attachment.values())
    endpoint = next(e for e in snapshot.endpoints if e.vpc_id == seed.vpc["sandbox"])
    assert len([d for d in endpoint.dns_entries if d.az_name]) == 3
    subnets = {s.id: s for s in snapshot.subnets}
    for eni in endpoint.enis:
        assert eni.ip, "every endpoint interface has an address"
        assert ipaddress.ip_address(eni.ip) in ipaddress.ip_network(subnets[eni.subnet_id].cidr)
    zone = next(z for z in snapshot.hosted_zones if z.id == seed.zone)
    assert set(zone.vpc_ids) == set(seed.vpc.values())
    assert any(r.name.startswith("*.use1-az1.") for r in zone.records)
