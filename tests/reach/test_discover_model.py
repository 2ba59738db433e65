"""What ``discover`` takes from a described network, on hand-made snapshots: names from Name
tags made valid (ids when absent or shared), only the Confluent part of the account, and the
same answer whatever order AWS lists things in."""

from __future__ import annotations

from dataclasses import replace

import yaml
from hypothesis import given
from hypothesis import strategies as st

from privnet.reach.discover import discover, local_name
from privnet.reach.snapshot import (
    EndpointDnsEntry,
    EndpointEni,
    HostedZone,
    InterfaceEndpoint,
    NetworkSnapshot,
    RecordSet,
    Subnet,
    TgwAttachment,
    Vpc,
)
from privnet.render.discovered_topology import topology_yaml
from privnet.topology import load_spec_text

REGION = "us-east-1"
DOMAIN = f"{REGION}.aws.private.confluent.cloud"
ENDPOINT_NAME = "vpce-0aa-x.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com"


def _network() -> NetworkSnapshot:
    vpcs = (Vpc("vpc-0hub", ("10.40.0.0/16",), "Confluent Hub (prod)"),
            Vpc("vpc-0a", ("10.1.0.0/16",), "apps"), Vpc("vpc-0b", ("10.2.0.0/16",), "apps"),
            Vpc("vpc-0lonely", ("172.31.0.0/16",), "default"),
            Vpc("vpc-0tgw", ("10.9.0.0/16",), ""))
    subnets = (Subnet("subnet-h1", "vpc-0hub", "10.40.1.0/24", "use1-az1"),
               Subnet("subnet-h2", "vpc-0hub", "10.40.2.0/24", "use1-az2"),
               Subnet("subnet-a", "vpc-0a", "10.1.1.0/24", "use1-az1"))
    endpoint = InterfaceEndpoint(
        "vpce-0aa", "vpc-0hub", "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
        (EndpointDnsEntry(ENDPOINT_NAME),), (EndpointEni("eni-1", "subnet-h1", "10.40.1.10"),),
        ())
    s3 = InterfaceEndpoint("vpce-0s3", "vpc-0lonely", "com.amazonaws.us-east-1.s3", (), (), ())
    zone = HostedZone("Z1", DOMAIN, ("vpc-0hub", "vpc-0a", "vpc-0b"),
                      (RecordSet(f"*.{DOMAIN}", "CNAME", (ENDPOINT_NAME,)),))
    attachments = (TgwAttachment("tgw-attach-1", "tgw-1", "vpc-0hub"),
                   TgwAttachment("tgw-attach-2", "tgw-1", "vpc-0tgw"))
    return NetworkSnapshot(vpcs=vpcs, subnets=subnets, endpoints=(endpoint, s3),
                           hosted_zones=(zone,), tgw_attachments=attachments)


def test_names_ids_and_the_confluent_part_only() -> None:
    found = discover(_network(), REGION)
    names = {v.id: v.name for v in found.vpcs}
    assert names == {"vpc-0hub": "confluent-hub-prod", "vpc-0a": "vpc-0a",
                     "vpc-0b": "vpc-0b", "vpc-0tgw": "vpc-0tgw"}  # no default VPC, no S3
    hub = next(v for v in found.vpcs if v.id == "vpc-0hub")
    assert [s.id for s in hub.subnets] == ["subnet-h1"]  # the endpoint's subnets only
    assert found.hub_endpoint == "confluent-hub-prod"
    assert [c.high_availability for c in found.clusters] == [False]  # one AZ: single zone


def test_the_written_file_loads_and_names_every_vpc_by_id() -> None:
    text = topology_yaml(discover(_network(), REGION), "found", "cloud", "found.yaml")
    topology = load_spec_text(text, "found.yaml").topology
    assert {v.id for v in topology.aws.vpcs} == {"vpc-0hub", "vpc-0a", "vpc-0b", "vpc-0tgw"}
    assert "Z1" in text  # the zone is named in the comments
    assert yaml.safe_load(text)["confluent"]["clusters"] == [
        {"name": "platt-cluster", "connectivity": "platt", "availability": "LOW"}]


@given(st.randoms())
def test_the_order_aws_lists_things_in_does_not_matter(rng: object) -> None:
    import random

    assert isinstance(rng, random.Random)
    network = _network()
    shuffled = replace(network, **{
        name: tuple(rng.sample(list(getattr(network, name)), len(getattr(network, name))))
        for name in ("vpcs", "subnets", "endpoints", "tgw_attachments")})
    assert (topology_yaml(discover(shuffled, REGION), "s", "cloud", "f")
            == topology_yaml(discover(network, REGION), "s", "cloud", "f"))


@given(st.text(max_size=80))
def test_any_name_tag_gives_a_valid_name(tag: str) -> None:
    import re

    name = local_name(tag, "vpc-0abc")
    assert re.fullmatch(r"[a-z][a-z0-9_-]{0,62}", name)
