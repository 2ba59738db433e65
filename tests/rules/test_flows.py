"""Who must reach whom: the traffic model the routing and security rules share."""

from __future__ import annotations

from privnet.rules.flows import Purpose, hub_endpoint_vpc, required_flows
from privnet.rules.references import covers, reference_network
from tests.rules.network_helpers import APP, context, topology, vpcs

HUB = (
    "hub:\n"
    "  dns_vpc: {name: dns, cidr: 10.255.0.0/24}\n"
    "  vpn_vpc: {name: corpvpn, cidr: 10.254.0.0/24, client_cidr: 10.100.0.0/22}\n"
)
BILLING_WITH_ENDPOINT = APP.replace("name: app", "name: billing").replace("10.0.", "10.1.")


def _pairs(text: str, purpose: Purpose) -> set[tuple[str, str]]:
    flows = required_flows(context(text).view)
    return {(f.client.key, f.server.vpc.name) for f in flows if f.purpose is purpose}


def test_centralized_sends_every_location_to_the_hub_endpoint() -> None:
    text = topology(HUB + vpcs(APP, "- {name: billing, cidr: 10.1.0.0/20}"))
    expected = {(name, "app") for name in ("dns", "corpvpn", "vpn", "app", "billing")}
    assert _pairs(text, Purpose.CONFLUENT) == expected


def test_dns_flows_come_from_every_location_outside_the_dns_vpc() -> None:
    text = topology(HUB + vpcs(APP))
    assert _pairs(text, Purpose.DNS) == {(n, "dns") for n in ("corpvpn", "vpn", "app")}


def test_per_vpc_keeps_traffic_at_home() -> None:
    text = topology(vpcs(APP, BILLING_WITH_ENDPOINT) + "dns: {strategy: per_vpc}\n")
    assert _pairs(text, Purpose.CONFLUENT) == {("app", "app"), ("billing", "billing")}


def test_vpn_clients_travel_through_the_vpn_vpc() -> None:
    view = context(topology(HUB + vpcs(APP))).view
    flows = required_flows(view)
    [vpn] = [f for f in flows if f.client.key == "vpn" and f.server.vpc.name == "app"]
    assert vpn.client.carrier.vpc.name == "corpvpn"
    assert str(vpn.client.network) == "10.100.0.0/22"
    assert vpn.crosses_hub


def test_no_endpoint_means_no_flows() -> None:
    text = topology(HUB + vpcs("- {name: app, cidr: 10.0.0.0/20}"))
    assert required_flows(context(text).view) == []


def test_hub_endpoint_defaults_to_the_first_endpoint() -> None:
    view = context(topology(vpcs(BILLING_WITH_ENDPOINT, APP))).view
    hub = hub_endpoint_vpc(view)
    assert hub is not None and hub.vpc.name == "billing"


def test_references_resolve_names_vpn_and_cidrs() -> None:
    view = context(topology(HUB + vpcs(APP))).view
    assert str(reference_network(view, "vpn")) == "10.100.0.0/22"
    assert str(reference_network(view, "corpvpn")) == "10.254.0.0/24"
    assert reference_network(view, "nowhere") is None
    app = reference_network(view, "app")
    assert app is not None
    assert covers(view, ["10.0.0.0/8"], app)
    assert not covers(view, ["10.0.0.0/21", "nowhere"], app)


INGRESS = "privatelink_attachments: [{name: platt}]\n    ingress_gateways: [{name: gw}]"


def test_ingress_endpoints_serve_their_own_vpc_even_with_a_central_hub() -> None:
    edge = APP.replace("name: app", "name: edge").replace("10.0.", "10.2.")
    edge = edge.replace("connectivity: platt", "connectivity: gw")
    text = topology(vpcs(edge, APP)).replace("privatelink_attachments: [{name: platt}]", INGRESS)
    view = context(text).view
    hub = hub_endpoint_vpc(view)
    assert hub is not None and hub.vpc.name == "app"  # the first PLATT endpoint, not edge
    assert _pairs(text, Purpose.CONFLUENT) == {("edge", "app"), ("edge", "edge"), ("app", "app")}


def test_an_endpoint_to_a_pni_gateway_carries_no_confluent_traffic() -> None:
    stray = APP.replace("connectivity: platt}", "connectivity: pni}")
    text = topology(vpcs(stray)).replace(
        "privatelink_attachments: [{name: platt}]",
        "privatelink_attachments: [{name: platt}]\n"
        "    pni_gateways: [{name: pni, zones: [use1-az1]}]",
    )
    assert required_flows(context(text).view) == []
