"""Edge cases of the addressing rules beyond their pass/fail fixtures."""

from __future__ import annotations

from tests.rules.network_helpers import APP, findings, topology, vpcs


def test_host_address_gets_the_network_it_probably_meant() -> None:
    text = topology(vpcs("- {name: app, cidr: 10.0.0.1/20, needs_confluent: false}"))
    [finding] = findings(text, "ADDR-004")
    assert finding.path == "aws.vpcs[0].cidr"
    assert "10.0.0.0/20" in finding.fix


def test_ipv6_cidr_is_reported_as_not_ipv4() -> None:
    text = topology(vpcs("- {name: app, cidr: 'fd00::/64', needs_confluent: false}"))
    [finding] = findings(text, "ADDR-004")
    assert "IPv4" in finding.fix


def test_vpn_client_range_and_route_destinations_are_checked() -> None:
    hub = "hub:\n  vpn_vpc: {name: corpvpn, cidr: 10.254.0.0/24, client_cidr: 10.100.0.0/33}\n"
    app = APP + "  routes: [{destination: 10.50.0.1/16}, {destination: corpvpn}]\n"
    text = topology(hub + vpcs(app))
    paths = {f.path for f in findings(text, "ADDR-004")}
    assert paths == {"aws.hub.vpn_vpc.client_cidr", "aws.vpcs[0].routes[0].destination"}


def test_subnet_checks_skip_unparsable_cidrs() -> None:
    vpc = """
    - name: app
      cidr: 10.0.0.0/33
      needs_confluent: false
      subnets: [{az_id: use1-az1, cidr: 10.0.0.0/24}, {az_id: use1-az2, cidr: 10.0.0.300/24}]
    """
    text = topology(vpcs(vpc))
    assert findings(text, "ADDR-002") == []
    assert findings(text, "ADDR-003") == []
    assert len(findings(text, "ADDR-004")) == 2


def test_low_availability_cluster_needs_one_zone_only() -> None:
    single = "- name: app\n  cidr: 10.0.0.0/20\n  subnets: [{az_id: use1-az1, cidr: 10.0.0.0/24}]\n"
    single += "  endpoint: {connectivity: platt}\n"
    assert findings(topology(vpcs(single), availability="LOW"), "ADDR-005") == []
    [finding] = findings(topology(vpcs(single), availability="HIGH"), "ADDR-005")
    assert "orders" in finding.message and "1 AZ ID" in finding.message


def test_subnets_in_one_zone_twice_count_once() -> None:
    vpc = """
    - name: app
      cidr: 10.0.0.0/20
      subnets:
        - {az_id: use1-az1, cidr: 10.0.0.0/24}
        - {az_id: use1-az1, cidr: 10.0.1.0/24}
        - {az_id: use1-az2, cidr: 10.0.2.0/24}
      endpoint: {connectivity: platt}
    """
    [finding] = findings(topology(vpcs(vpc)), "ADDR-005")
    assert finding.path == "aws.vpcs[0].subnets"


def test_unknown_region_is_left_to_another_rule() -> None:
    vpc = """
    - name: app
      cidr: 10.0.0.0/20
      region: xx-nowhere-9
      needs_confluent: false
      subnets: [{az_id: use1-az1, cidr: 10.0.0.0/24}]
    """
    assert findings(topology(vpcs(vpc)), "ADDR-006") == []


def test_az_names_are_not_double_reported_as_foreign_ids() -> None:
    vpc = APP.replace("use1-az3", "us-east-1c")
    text = topology(vpcs(vpc))
    assert findings(text, "ADDR-006") == []
    [finding] = findings(text, "ADDR-007")
    assert "us-east-1c" in finding.message


def test_pni_gateway_zone_names_are_reported() -> None:
    text = topology(vpcs(APP)).replace(
        "privatelink_attachments: [{name: platt}]",
        "privatelink_attachments: [{name: platt}]\n"
        "    pni_gateways: [{name: pni, zones: [use1-az1, us-east-1b]}]",
    )
    paths = [f.path for f in findings(text, "ADDR-007")]
    assert paths == ["confluent.connectivity.pni_gateways[0].zones[1]"]
