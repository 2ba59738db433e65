"""The Client VPN endpoint declared under hub.vpn_vpc.client_vpn: its destinations and
associated subnets must exist, or validate says which entry is wrong."""

from __future__ import annotations

import pytest

from privnet.errors import SpecError
from privnet.topology import load_spec_text
from tests.rules.network_helpers import APP, findings, topology, vpcs

VPN = ("hub:\n  vpn_vpc:\n    name: corpvpn\n    cidr: 10.254.0.0/24\n"
       "    client_cidr: 10.100.0.0/22\n"
       "    subnets: [{az_id: use1-az1, cidr: 10.254.0.0/26}]\n")


def test_unknown_client_vpn_destinations_are_named() -> None:
    declared = VPN + "    client_vpn: {routes: [app, 10.9.0.0/16, billing], authorized: [ap]}\n"
    found = findings(topology(declared + vpcs(APP)), "ROUTE-003")
    assert sorted((f.path, f.message) for f in found) == [
        ("aws.hub.vpn_vpc.client_vpn.authorized[0]",
         "Client VPN authorized entry 'ap': no VPC has that name"),
        ("aws.hub.vpn_vpc.client_vpn.routes[2]",
         "Client VPN routes entry 'billing': no VPC has that name"),
    ]
    assert all("app" in f.fix for f in found)


def test_known_client_vpn_destinations_pass() -> None:
    declared = VPN + "    client_vpn: {routes: [app, corpvpn, 10.9.0.0/16]}\n"
    assert findings(topology(declared + vpcs(APP)), "ROUTE-003") == []


def test_an_associated_subnet_must_be_one_of_the_vpn_vpcs() -> None:
    declared = VPN + "    client_vpn: {associated_subnets: [use1-az2]}\n"
    with pytest.raises(SpecError) as caught:
        load_spec_text(topology(declared + vpcs(APP)), "vpn.yaml")
    assert "use1-az2" in str(caught.value) and "use1-az1" in str(caught.value)
