"""Edge cases of the routing rules beyond their pass/fail fixtures."""

from __future__ import annotations

from tests.rules.network_helpers import APP, findings, topology, vpcs


def test_detached_hub_endpoint_vpc_reports_each_missing_flag() -> None:
    app = APP + "  transit_gateway: {attach: false, associate: false}\n"
    text = topology(vpcs(app, "- {name: billing, cidr: 10.1.0.0/20}"))
    paths = sorted(f.path for f in findings(text, "ROUTE-001"))
    assert paths == [
        "aws.vpcs[0].transit_gateway.associate",
        "aws.vpcs[0].transit_gateway.attach",
    ]


def test_lone_vpc_with_its_own_endpoint_needs_no_hub() -> None:
    app = APP + "  transit_gateway: {attach: false}\n"
    assert findings(topology(vpcs(app)), "ROUTE-001") == []


def test_one_broad_route_covers_every_location() -> None:
    hub = "hub:\n  vpn_vpc: {name: corpvpn, cidr: 10.254.0.0/24, client_cidr: 10.100.0.0/22}\n"
    app = APP + "  routes: [{destination: 10.0.0.0/8}]\n"
    billing = "- {name: billing, cidr: 10.1.0.0/20, routes: [{destination: 10.0.0.0/8}]}"
    assert findings(topology(hub + vpcs(app, billing)), "ROUTE-002") == []


def test_missing_route_is_reported_once_per_destination() -> None:
    hub = "hub:\n  dns_vpc: {name: dns, cidr: 10.255.0.0/24}\n"
    billing = "- {name: billing, cidr: 10.1.0.0/20, routes: []}"
    messages = [f.message for f in findings(topology(hub + vpcs(APP, billing)), "ROUTE-002")]
    assert len(messages) == 2
    assert any("to app (10.0.0.0/20)" in m for m in messages)
    assert any("to dns (10.255.0.0/24)" in m for m in messages)


def test_vpn_destination_without_a_vpn_is_unknown() -> None:
    app = APP + "  routes: [{destination: vpn}]\n"
    [finding] = findings(topology(vpcs(app)), "ROUTE-003")
    assert finding.path == "aws.vpcs[0].routes[0].destination"


BILLING = """\
- name: billing
  cidr: 10.1.0.0/20
  subnets:
    - {az_id: use1-az1, cidr: 10.1.0.0/24}
"""


def test_routes_come_from_the_compiled_graph() -> None:
    from privnet.rules.flows import routes_to
    from privnet.topology.view import parse_cidr
    from tests.rules.network_helpers import context

    view = context(topology(vpcs(APP, BILLING))).view
    billing, app = view.vpc_by_name["billing"], view.vpc_by_name["app"]
    assert routes_to(view, billing, parse_cidr(app.vpc.cidr))
    assert not routes_to(view, billing, parse_cidr("192.168.0.0/24"))


def test_vpc_given_by_id_is_warned_not_routed() -> None:
    billing = BILLING.replace("  cidr: 10.1.0.0/20\n", "  cidr: 10.1.0.0/20\n  id: vpc-0abc\n")
    found = findings(topology(vpcs(APP, billing)), "ROUTE-002")
    assert found and {f.severity.value for f in found} == {"warning"}
    assert all("given by id" in f.message for f in found)
    assert {f.path for f in found} == {"aws.vpcs[1].id"}
