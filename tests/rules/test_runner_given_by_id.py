"""RUN-001 on a runner VPC given by ``id`` (as ``privnet discover`` writes every VPC): privnet
writes no routes and no attachment for it, so the file cannot say how it is routed, and the rule
must not invent a missing route (the live VPC may well route the hub through the gateway)."""

from __future__ import annotations

import pytest

from tests.rules.network_helpers import APP, findings, topology, vpcs

GIVEN_BY_ID = ("- {name: ops, id: vpc-0123456789abcdef0, cidr: 10.3.0.0/20%s,\n"
               "   subnets: [{az_id: use1-az1, cidr: 10.3.0.0/24}]}")


@pytest.mark.parametrize("extra", ["", ", transit_gateway: {attach: false}",
                                   ", routes: [{destination: 10.9.0.0/16}]"],
                         ids=["as-discovered", "not-attached-in-file", "unrelated-routes"])
def test_a_runner_vpc_given_by_id_gets_no_route_or_attachment_warning(extra: str) -> None:
    found = findings(topology(vpcs(APP, GIVEN_BY_ID % extra), runner="ops"), "RUN-001")
    assert not [f for f in found if "route" in f.message or "attached" in f.message], found


def test_a_runner_vpc_privnet_creates_is_still_checked_for_its_route() -> None:
    created = GIVEN_BY_ID.replace(" id: vpc-0123456789abcdef0,", "") % (
        ", routes: [{destination: 10.9.0.0/16}]")
    [finding] = findings(topology(vpcs(APP, created), runner="ops"), "RUN-001")
    assert "has explicit routes but none to app" in finding.message
