"""Edge cases of the runner-location rule, and the reference example staying clean."""

from __future__ import annotations

from privnet.rules import Severity, validate
from privnet.topology import load_spec
from tests.conftest import EXAMPLES
from tests.rules.network_helpers import APP, findings, topology, vpcs

NETWORK_DOMAINS = ("ADDR-", "DNS-", "ROUTE-", "SEC-", "RUN-")


def test_unknown_runner_location_is_an_error() -> None:
    [finding] = findings(topology(vpcs(APP), runner="laptop"), "RUN-001")
    assert finding.severity is Severity.ERROR
    assert "app" in finding.fix and "internet" in finding.fix


def test_vpn_runner_is_accepted_only_with_a_vpn() -> None:
    hub = "hub:\n  vpn_vpc: {name: corpvpn, cidr: 10.254.0.0/24, client_cidr: 10.100.0.0/22}\n"
    assert findings(topology(hub + vpcs(APP), runner="vpn"), "RUN-001") == []
    [finding] = findings(topology(vpcs(APP), runner="vpn"), "RUN-001")
    assert finding.severity is Severity.ERROR


def test_runner_vpc_outside_the_zone_and_hub_is_warned_about() -> None:
    runner = (
        "- name: ops\n  cidr: 10.3.0.0/20\n  needs_confluent: false\n"
        "  transit_gateway: {attach: false}\n"
        "  subnets: [{az_id: use1-az1, cidr: 10.3.0.0/24}]\n"
    )
    messages = [f.message for f in findings(topology(vpcs(APP, runner), runner="ops"), "RUN-001")]
    assert len(messages) == 2
    assert any("not associated" in m for m in messages)
    assert any("not attached" in m for m in messages)


def test_runner_vpc_without_a_route_to_the_hub_endpoint_is_warned_about() -> None:
    runner = ("- {name: ops, cidr: 10.3.0.0/20, routes: [{destination: 10.9.0.0/16}],\n"
              "   subnets: [{az_id: use1-az1, cidr: 10.3.0.0/24}]}")
    [finding] = findings(topology(vpcs(APP, runner), runner="ops"), "RUN-001")
    assert finding.severity is Severity.WARNING
    assert "no" in finding.message and "app" in finding.message


def test_runner_vpc_without_subnets_is_an_error() -> None:
    """It passed validate, then apply created 32 objects before the first call to a private
    endpoint failed with "no subnet known for the client location"."""
    runner = "- {name: ops, cidr: 10.3.0.0/20}"
    [finding] = [f for f in findings(topology(vpcs(APP, runner), runner="ops"), "RUN-001")
                 if "no subnets" in f.message]
    assert finding.severity is Severity.ERROR
    assert "ops" in finding.fix and "subnets" in finding.fix
    given_by_id = "- {name: ops, id: vpc-0123456789abcdef0, cidr: 10.3.0.0/20}"  # live subnets
    assert not [f for f in findings(topology(vpcs(APP, given_by_id), runner="ops"), "RUN-001")
                if "no subnets" in f.message]


def test_internet_runner_is_fine_without_private_clusters() -> None:
    text = topology(vpcs(APP), runner="internet").replace(
        "connectivity: platt, availability", "access: public, availability"
    )
    assert findings(text, "RUN-001") == []


def test_reference_example_has_no_network_errors() -> None:
    spec = load_spec(EXAMPLES / "privatelink-cluster-linking.yaml")
    mine = [f for f in validate(spec) if f.rule.startswith(NETWORK_DOMAINS)]
    assert [f for f in mine if f.severity is Severity.ERROR] == []
    # the one deliberate warning: the shared endpoint carries no DNS traffic (seed behaviour)
    assert [(f.rule, f.path) for f in mine] == [("DNS-006", "aws.vpcs[1].endpoint")]
