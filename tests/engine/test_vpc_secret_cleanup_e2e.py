"""The ingress example on the in-process local cloud: when a VPC leaves the topology, the
per-VPC client secrets written for it are deleted; what the stack did not write stays."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from privnet.local.ccloud import EmulatorSettings
from privnet.render.outputs import outputs_text, stack_outputs
from privnet.targets.inprocess import InProcessCloud
from privnet.topology import load_spec
from privnet.topology.model import Topology
from tests.conftest import EXAMPLES
from tests.engine.local_cloud import seed_engine

KEY = "confluent.api_key.payments_producer.events"


def without_payments_vpc(tmp_path: Path) -> Topology:
    """The ingress example with the payments VPC and its access point removed."""
    data: dict[str, Any] = yaml.safe_load((EXAMPLES / "ingress-privatelink.yaml").read_text())
    gateway = data["confluent"]["connectivity"]["ingress_gateways"][0]
    gateway["access_points"] = [p for p in gateway["access_points"] if p["vpc"] != "payments"]
    data["aws"]["vpcs"] = [v for v in data["aws"]["vpcs"] if v["name"] != "payments"]
    path = tmp_path / "one-vpc.yaml"
    path.write_text(yaml.safe_dump(data))
    return load_spec(path).topology


def stack_secrets(sm: Any, stack: str) -> dict[str, dict[str, str]]:
    """Every live secret whose name mentions the stack, with its tags."""
    pages = sm.get_paginator("list_secrets").paginate()
    return {s["Name"]: {t["Key"]: t["Value"] for t in s.get("Tags", [])}
            for page in pages for s in page["SecretList"] if stack in s["Name"]}


def test_a_vpc_removed_from_the_topology_loses_its_client_secret(tmp_path: Path) -> None:
    topology = load_spec(EXAMPLES / "ingress-privatelink.yaml").topology
    with InProcessCloud(EmulatorSettings.instant(order_seed=1)) as cloud:
        ctx = cloud.context(topology.stack, topology.region, topology)
        engine = seed_engine(topology, ctx, tmp_path / "state")
        _, applied = engine.apply()
        assert applied.ok, {a: o.detail for a, o in applied.outcomes.items()
                            if o.status != "done"}
        sm = ctx.aws("secretsmanager")
        layout = engine.store.load().resources[KEY].attributes["secret_name"]
        gone, kept = f"{layout}/vpcs/payments", f"{layout}/vpcs/platform"
        assert {gone, kept} <= set(stack_secrets(sm, topology.stack))
        shown = stack_outputs(engine.store.load())["service_accounts"]["payments_producer"]
        assert shown["vpc_secrets"]["events"] == {"payments": gone, "platform": kept}
        recorded = engine.store.load().resources[KEY].attributes["per_vpc_secret_name"]
        assert recorded == {"payments": gone, "platform": kept}  # names, kept unredacted
        assert gone in outputs_text(stack_outputs(engine.store.load()))
        untagged = f"{layout}/vpcs/hand-made"  # same prefix, not written by the stack
        sm.create_secret(Name=untagged, SecretString=json.dumps({"by": "hand"}))

        smaller = without_payments_vpc(tmp_path)
        ctx = cloud.context(smaller.stack, smaller.region, smaller)
        engine = seed_engine(smaller, ctx, tmp_path / "state")
        _, reapplied = engine.apply()
        assert reapplied.ok, {a: o.detail for a, o in reapplied.outcomes.items()
                              if o.status != "done"}

        assert reapplied.ok, {a: o.detail for a, o in reapplied.outcomes.items()
                              if o.status != "done"}
        names = set(stack_secrets(sm, topology.stack))
        assert gone not in names
        assert kept not in names  # one VPC left: the layout secret serves it
        assert {layout, untagged} <= names
        text = json.dumps(stack_outputs(engine.store.load()))
        assert "/vpcs/" not in text
        stored = json.loads(sm.get_secret_value(SecretId=layout)["SecretString"])
        assert stored["sasl.jaas.config"].split("password='")[1].split("'")[0] not in text

        _, destroyed = engine.destroy()

        assert destroyed.ok, {a: o.detail for a, o in destroyed.outcomes.items()
                              if o.status != "done"}
        left = stack_secrets(sm, topology.stack)
        assert left == {untagged: {}}  # nothing of the stack; the hand-made one untouched


def test_one_apply_is_enough_for_the_key_to_follow_the_cluster(tmp_path: Path) -> None:
    topology = load_spec(EXAMPLES / "ingress-privatelink.yaml").topology
    with InProcessCloud(EmulatorSettings.instant(order_seed=1)) as cloud:
        ctx = cloud.context(topology.stack, topology.region, topology)
        assert seed_engine(topology, ctx, tmp_path / "state").apply()[1].ok
        smaller = without_payments_vpc(tmp_path)
        ctx = cloud.context(smaller.stack, smaller.region, smaller)
        engine = seed_engine(smaller, ctx, tmp_path / "state")
        assert engine.apply()[1].ok
        layout = engine.store.load().resources[KEY].attributes["secret_name"]
        names = set(stack_secrets(ctx.aws("secretsmanager"), topology.stack))
        assert f"{layout}/vpcs/payments" not in names
