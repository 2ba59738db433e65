"""Focused checks of the PNI rules' arithmetic and matching."""

from __future__ import annotations

from typing import Any

from privnet.rules.confluent.region_mismatch import RULE as REGION_MISMATCH
from privnet.rules.pni.eni_count import RULE as ENI_COUNT
from privnet.rules.pni.gateway_zones import RULE as GATEWAY_ZONES
from privnet.rules.pni.security_group import RULE as SECURITY_GROUP
from tests.rules.helpers_confluent import run, three_subnet_vpc, topology


def _pni(access_point: dict[str, Any], zones: list[str] | None = None,
         vpc: dict[str, Any] | None = None, region: str = "us-west-2") -> Any:
    gateway = {"name": "pni", "zones": zones or ["usw2-az1", "usw2-az2", "usw2-az3"],
               "access_points": [{"name": "ap", "vpc": "clients", **access_point}]}
    vpc = vpc or three_subnet_vpc("clients", "usw2")
    return topology({"connectivity": {"pni_gateways": [gateway]}}, {"vpcs": [vpc]}, region)


def test_seventeen_per_subnet_in_three_zones_is_exactly_enough() -> None:
    assert run(ENI_COUNT, _pni({"enis_per_subnet": 17})) == []
    assert len(run(ENI_COUNT, _pni({"enis_per_subnet": 16}))) == 1


def test_listed_enis_count_once_each_and_top_up_generated_ones() -> None:
    listed = [f"eni-{n}" for n in range(3)]
    assert run(ENI_COUNT, _pni({"enis_per_subnet": 16, "network_interfaces": listed})) == []
    repeated = ["eni-0"] * 3
    found = run(ENI_COUNT, _pni({"enis_per_subnet": 16, "network_interfaces": repeated}))
    assert len(found) == 1 and "49 ENIs" in found[0].message


def test_subnets_outside_gateway_zones_do_not_count() -> None:
    two_zones = ["usw2-az1", "usw2-az2"]
    assert run(ENI_COUNT, _pni({"enis_per_subnet": 26}, zones=two_zones)) == []  # 52
    found = run(ENI_COUNT, _pni({"enis_per_subnet": 25}, zones=two_zones))  # 50
    assert len(found) == 1 and "25 x 2 subnets" in found[0].message


def test_zone_of_another_region_is_reported_but_az_names_are_left_to_addr_007() -> None:
    foreign = run(GATEWAY_ZONES, _pni({}, zones=["usw2-az1", "use1-az2"]))
    assert [v.path[-1] for v in foreign] == [1]
    assert "not an AZ ID of us-west-2" in foreign[0].message
    assert run(GATEWAY_ZONES, _pni({}, zones=["usw2-az1", "us-west-2b"])) == []


def test_security_group_ingress_from_a_supernet_or_the_vpc_name_counts() -> None:
    for source in ("10.0.0.0/16", "clients"):
        group = {"ingress": [{"ports": [9092, 443], "sources": [source]}], "egress": []}
        vpc = three_subnet_vpc("clients", "usw2", security_group=group)
        assert run(SECURITY_GROUP, _pni({}, vpc=vpc)) == [], source


def test_security_group_udp_or_narrower_source_does_not_count() -> None:
    group = {"ingress": [{"protocol": "udp", "ports": [9092], "sources": ["clients"]},
                         {"ports": [443], "sources": ["10.0.1.0/24"]}], "egress": []}
    vpc = three_subnet_vpc("clients", "usw2", security_group=group)
    messages = sorted(v.message for v in run(SECURITY_GROUP, _pni({}, vpc=vpc)))
    assert len(messages) == 2
    assert "tcp 443" in messages[0] and "tcp 9092" in messages[1]


def test_derived_security_group_is_not_judged() -> None:
    assert run(SECURITY_GROUP, _pni({})) == []


def test_access_point_vpc_in_another_region_than_its_gateway() -> None:
    vpc = three_subnet_vpc("clients", "use1", region="us-east-1")
    found = run(REGION_MISMATCH, _pni({}, vpc=vpc))
    assert len(found) == 1 and found[0].path[-1] == "vpc"
