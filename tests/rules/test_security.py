"""Edge cases of the security rules beyond their pass/fail fixtures."""

from __future__ import annotations

from tests.rules.network_helpers import APP, findings, topology, vpcs

BILLING = "- {name: billing, cidr: 10.1.0.0/20}"


def _with_sg(ingress: str) -> str:
    return APP + f"  security_group:\n    ingress:\n      - {ingress}\n"


def test_a_covering_cidr_admits_every_location_inside_it() -> None:
    app = _with_sg("{protocol: tcp, ports: [443, 9092], sources: [10.0.0.0/15]}")
    assert findings(topology(vpcs(app, BILLING)), "SEC-001") == []


def test_udp_does_not_stand_in_for_tcp() -> None:
    app = _with_sg("{protocol: udp, ports: [443, 9092], sources: [app, billing]}")
    messages = [f.message for f in findings(topology(vpcs(app, BILLING)), "SEC-001")]
    assert len(messages) == 2
    assert all("tcp 443 and 9092" in m for m in messages)


def test_vpn_source_admits_the_vpn_client_range() -> None:
    hub = "hub:\n  vpn_vpc: {name: corpvpn, cidr: 10.254.0.0/24, client_cidr: 10.100.0.0/22}\n"
    app = _with_sg("{protocol: tcp, ports: [443, 9092], sources: [app, corpvpn, vpn]}")
    assert findings(topology(hub + vpcs(app)), "SEC-001") == []
    app = _with_sg("{protocol: tcp, ports: [443, 9092], sources: [app, corpvpn]}")
    [finding] = findings(topology(hub + vpcs(app)), "SEC-001")
    assert "VPN clients (10.100.0.0/22)" in finding.message


def test_location_without_a_route_is_left_to_the_routing_rules() -> None:
    app = _with_sg("{protocol: tcp, ports: [443, 9092], sources: [app]}")
    billing = "- {name: billing, cidr: 10.1.0.0/20, routes: []}"
    text = topology(vpcs(app, billing))
    assert findings(text, "SEC-001") == []
    assert findings(text, "ROUTE-002") != []


def test_derived_security_groups_are_not_judged() -> None:
    hub = "hub:\n  dns_vpc: {name: dns, cidr: 10.255.0.0/24}\n"
    text = topology(hub + vpcs(APP, BILLING))
    assert findings(text, "SEC-001") == [] and findings(text, "SEC-002") == []


def test_dns_vpc_missing_both_protocols_names_both() -> None:
    hub = (
        "hub:\n  dns_vpc:\n    name: dns\n    cidr: 10.255.0.0/24\n"
        "    security_group: {ingress: [{protocol: tcp, ports: [443], sources: [app]}]}\n"
    )
    [finding] = findings(topology(hub + vpcs(APP)), "SEC-002")
    assert "udp or tcp 53" in finding.message


def test_unknown_egress_destination_is_reported() -> None:
    app = APP + "  security_group:\n    egress: [{destinations: [app, elsewhere]}]\n"
    [finding] = findings(topology(vpcs(app)), "SEC-003")
    assert finding.path == "aws.vpcs[0].security_group.egress[0].destinations[1]"
