"""A connector whose topology leaves ``kafka.auth.mode`` out authenticates as its service
account, so the body must say so: connect-v1 requires a key and secret otherwise."""

from __future__ import annotations

from privnet.providers.confluent.control_plane import cloud
from privnet.targets.context import CloudContext
from tests.providers.confluent.conftest import handler


def test_a_service_account_connector_names_its_auth_mode(ctx: CloudContext) -> None:
    api = cloud(ctx)
    env = api.post("/org/v2/environments", {"display_name": "conn"})["id"]
    lkc = api.post("/cmk/v2/clusters", {"spec": {
        "display_name": "c", "availability": "HIGH", "cloud": "AWS", "region": "us-east-1",
        "config": {"kind": "Enterprise"}, "environment": {"id": env}}})["id"]
    account = api.post("/iam/v2/service-accounts", {"display_name": "connector"})["id"]
    properties = {"display_name": "datagen", "environment_id": env, "cluster_id": lkc,
                  "config": {"connector.class": "DatagenSource", "name": "datagen",
                             "kafka.topic": "orders", "kafka.service.account.id": account}}
    attrs = handler("confluent.connector").create(ctx, "confluent.connector.datagen", properties)
    assert handler("confluent.connector").read(ctx, "confluent.connector.datagen", attrs)
    created = api.get(f"/connect/v1/environments/{env}/clusters/{lkc}/connectors/datagen")
    assert created["config"]["kafka.auth.mode"] == "SERVICE_ACCOUNT"
