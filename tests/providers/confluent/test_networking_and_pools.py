"""Gateways, access points, PLATT connections and compute pools: create, find, read, delete."""

from __future__ import annotations

from typing import Any

from privnet.targets.context import CloudContext
from tests.providers.confluent.conftest import apply, handler


def environment(ctx: CloudContext) -> str:
    env = apply(ctx, "confluent.environment", "confluent.environment.main", {
        "display_name": "net", "stream_governance": "ESSENTIALS", "existing_id": None})
    return str(env["id"])


def round_trip(ctx: CloudContext, kind: str, address: str, properties: dict[str, Any]
               ) -> dict[str, Any]:
    """Create and wait, check find/read agree, delete twice, and return the ready attrs."""
    attrs = apply(ctx, kind, address, properties)
    found = handler(kind).find(ctx, address, properties)
    assert found is not None and found["id"] == attrs["id"]
    assert handler(kind).read(ctx, address, attrs) is not None
    return attrs


def remove(ctx: CloudContext, kind: str, address: str, attrs: dict[str, Any]) -> None:
    handler(kind).delete(ctx, address, attrs)
    assert handler(kind).read(ctx, address, attrs) is None
    handler(kind).delete(ctx, address, attrs)


def test_platt_connection_for_a_vpc_endpoint(ctx: CloudContext) -> None:
    env = environment(ctx)
    platt = round_trip(ctx, "confluent.platt", "confluent.platt.p", {
        "display_name": "p", "cloud": "AWS", "region": "us-east-1", "environment_id": env})
    assert platt["vpc_endpoint_service_name"].startswith("com.amazonaws.vpce.")
    connection = round_trip(ctx, "confluent.platt_connection", "confluent.platt_connection.v", {
        "display_name": "v", "environment_id": env, "platt_id": platt["id"],
        "vpc_endpoint_id": "vpce-0123456789abcdef0"})
    assert connection["vpc_endpoint_id"] == "vpce-0123456789abcdef0"
    remove(ctx, "confluent.platt_connection", "confluent.platt_connection.v", connection)
    remove(ctx, "confluent.platt", "confluent.platt.p", platt)


def test_ingress_gateway_and_access_point_give_a_unique_domain(ctx: CloudContext) -> None:
    env = environment(ctx)
    gateway = round_trip(ctx, "confluent.ingress_gateway", "confluent.ingress_gateway.g", {
        "display_name": "g", "region": "us-east-1", "environment_id": env})
    assert gateway["vpc_endpoint_service_name"]
    points = [round_trip(ctx, "confluent.ingress_access_point",
                         f"confluent.ingress_access_point.{n}", {
                             "display_name": n, "environment_id": env,
                             "gateway_id": gateway["id"],
                             "vpc_endpoint_id": f"vpce-0{i}23456789abcdef0"})
              for i, n in enumerate(("a", "b"))]
    assert points[0]["dns_domain"] and points[0]["dns_domain"] != points[1]["dns_domain"]
    for name, point in zip(("a", "b"), points, strict=True):
        remove(ctx, "confluent.ingress_access_point", f"confluent.ingress_access_point.{name}",
               point)
    remove(ctx, "confluent.ingress_gateway", "confluent.ingress_gateway.g", gateway)


def test_pni_gateway_account_and_access_point(ctx: CloudContext) -> None:
    env = environment(ctx)
    gateway = round_trip(ctx, "confluent.pni_gateway", "confluent.pni_gateway.g", {
        "display_name": "g", "region": "us-east-1", "zones": ["use1-az1", "use1-az2"],
        "environment_id": env})
    assert len(gateway["account"]) == 12 and gateway["account"].isdigit()
    enis = [f"eni-{i:017x}" for i in range(51)]
    point = round_trip(ctx, "confluent.pni_access_point", "confluent.pni_access_point.a", {
        "display_name": "a", "environment_id": env, "gateway_id": gateway["id"],
        "account": gateway["account"], "network_interfaces": enis[1:],
        "extra_network_interfaces": enis[:1]})
    assert sorted(point["network_interfaces"]) == sorted(enis)
    remove(ctx, "confluent.pni_access_point", "confluent.pni_access_point.a", point)
    remove(ctx, "confluent.pni_gateway", "confluent.pni_gateway.g", gateway)


def test_compute_pool(ctx: CloudContext) -> None:
    env = environment(ctx)
    properties = {"display_name": "pool", "cloud": "AWS", "region": "us-east-1",
                  "max_cfu": 10, "environment_id": env}
    pool = round_trip(ctx, "confluent.compute_pool", "confluent.compute_pool.pool", properties)
    assert pool["max_cfu"] == 10 and pool["region"] == "us-east-1"
    remove(ctx, "confluent.compute_pool", "confluent.compute_pool.pool", pool)


def test_adopting_an_existing_environment_never_deletes_it(ctx: CloudContext) -> None:
    env = environment(ctx)
    adopted = handler("confluent.environment").create(ctx, "confluent.environment.main", {
        "display_name": "ignored", "stream_governance": "ESSENTIALS", "existing_id": env})
    assert adopted["id"] == env and adopted["adopted"] is True
    handler("confluent.environment").delete(ctx, "confluent.environment.main", adopted)
    assert handler("confluent.environment").read(ctx, "confluent.environment.main",
                                                 adopted) is not None
