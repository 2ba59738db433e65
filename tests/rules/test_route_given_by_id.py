"""ROUTE-002 on VPCs given by id: a warning where privnet builds part of the network (a VPC it
creates must reach one it does not route), none for a network described as it exists (every
VPC given by id, as `privnet discover` writes it): there, one warning per VPC said nothing
that live verify does not check."""

from __future__ import annotations

from tests.rules.network_helpers import findings, topology, vpcs

HUB_BY_ID = """\
- name: app
  id: vpc-0aaaaaaaaaaaaaaa1
  cidr: 10.0.0.0/20
  subnets:
    - {az_id: use1-az1, cidr: 10.0.0.0/24}
    - {az_id: use1-az2, cidr: 10.0.1.0/24}
    - {az_id: use1-az3, cidr: 10.0.2.0/24}
  endpoint: {connectivity: platt}
"""
CLIENT_BY_ID = "- {name: ops, id: vpc-0aaaaaaaaaaaaaaa2, cidr: 10.3.0.0/20, subnets: " \
               "[{az_id: use1-az1, cidr: 10.3.0.0/24}]}"
CLIENT_CREATED = "- {name: ops, cidr: 10.3.0.0/20, subnets: [{az_id: use1-az1, cidr: 10.3.0.0/24}]}"


def test_a_network_of_existing_vpcs_only_has_no_route_warnings() -> None:
    assert findings(topology(vpcs(HUB_BY_ID, CLIENT_BY_ID), runner="ops"), "ROUTE-002") == []


def test_a_created_vpc_next_to_one_given_by_id_is_still_warned_about() -> None:
    warned = findings(topology(vpcs(HUB_BY_ID, CLIENT_CREATED), runner="ops"), "ROUTE-002")
    assert warned and all("given by id" in f.message for f in warned)
