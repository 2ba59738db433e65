"""Every Confluent resource of the reference example, created and destroyed on the emulator.

The AWS side is not part of this test: its two attributes the Confluent side consumes (the
VPC endpoint ids) are supplied as plain values.
"""

from __future__ import annotations

import json
from typing import Any

from privnet.engine.values import resolve
from privnet.keys.secrets import client_secret_key, load_key
from privnet.resources.compile_confluent import compile_confluent
from privnet.resources.kinds.confluent_control import API_KEY
from privnet.resources.model import ResourceGraph
from privnet.targets.context import CloudContext
from privnet.topology.loader import load_spec
from tests.conftest import EXAMPLES
from tests.providers.confluent.conftest import apply, handler

AWS_ATTRIBUTES = {
    "aws.vpc_endpoint.sandbox": {"id": "vpce-0a1b2c3d4e5f60001"},
    "aws.vpc_endpoint.shared": {"id": "vpce-0a1b2c3d4e5f60002"},
}

NO_DATA_PLANE = {"confluent.api_key.schema_registry_app.schema_registry"}
"""The emulator serves no Schema Registry data plane (``/subjects``): its key is created but
its sync (and so its publication) is not waited for here."""

CONNECTOR = "confluent.connector.DataGen_stock_trades"


def build() -> ResourceGraph:
    topology = load_spec(EXAMPLES / "privatelink-cluster-linking.yaml").topology
    graph = ResourceGraph()
    compile_confluent(topology, graph)
    return graph


def apply_all(ctx: CloudContext, graph: ResourceGraph) -> dict[str, dict[str, Any]]:
    state: dict[str, dict[str, Any]] = dict(AWS_ATTRIBUTES)
    for address in graph.topological_order():
        resource = graph.resources[address]
        properties = resolve(dict(resource.properties), state)
        if address in NO_DATA_PLANE:
            state[address] = handler(resource.kind).create(ctx, address, properties)
            continue
        state[address] = apply(ctx, resource.kind, address, properties)
    return state


def test_reference_example_applies_and_destroys(ctx: CloudContext) -> None:
    graph = build()
    state = apply_all(ctx, graph)

    cluster = state["confluent.cluster.sandbox"]
    dns_domain = state["confluent.platt.platt"]["dns_domain"]
    assert cluster["rest_endpoint"] == f"https://{cluster['id']}.{dns_domain}:443"
    assert cluster["bootstrap_endpoint"] == f"{cluster['id']}.{dns_domain}:9092"
    assert state["confluent.platt.platt"]["dns_domain"]
    link_src = state["confluent.link.bidirectional_between_sandbox_and_shared.source"]
    link_dst = state["confluent.link.bidirectional_between_sandbox_and_shared.destination"]
    assert link_src["cluster_link_id"] == link_dst["cluster_link_id"]
    mirror = state["confluent.mirror.bidirectional_between_sandbox_and_shared.dev-stock_trades"]
    assert mirror["mirror_status"] == "ACTIVE"
    assert state[CONNECTOR]["name"] == "DataGen_stock_trades"  # ready means RUNNING
    text = json.dumps({a: s for a, s in state.items()})
    assert "password" not in text and "sasl.jaas.config" not in text
    sm = ctx.aws("secretsmanager")
    rings = {a: state[a] for a, r in graph.resources.items() if r.kind == API_KEY.name}
    assert rings
    for address, ring in rings.items():
        creds = load_key(sm, ring["secret_name"], ring["id"])
        assert creds is not None and creds.secret not in text, address
        if address in NO_DATA_PLANE:
            continue
        # every client secret holds the ring's active key, the only key it has made so far
        assert ring["active_key_id"] == ring["id"], address
        for name in ring["client_secret_names"].values():
            assert getattr(client_secret_key(sm, name), "key", None) == ring["id"], name

    # a second pass finds everything instead of creating duplicates
    for address in graph.topological_order():
        resource = graph.resources[address]
        found = handler(resource.kind).find(ctx, address, resolve(dict(resource.properties),
                                                                  state))
        assert found is not None, address
        assert found["id"] == state[address]["id"], address

    for address in reversed(graph.topological_order()):
        resource = graph.resources[address]
        handler(resource.kind).delete(ctx, address, state[address])
    for address in ("confluent.cluster.sandbox", "confluent.service_account.sandbox_app_manager",
                    "confluent.platt.platt", "confluent.environment.main"):
        kind = graph.resources[address].kind
        assert handler(kind).read(ctx, address, state[address]) is None, address

