"""Every operation privnet uses answers as its OpenAPI file says, successes and errors alike."""

from __future__ import annotations

from typing import Any

from privnet.local.ccloud.operations import USED_OPERATIONS
from tests.local.ccloud import scenario as s
from tests.local.ccloud.client import ContractClient

CONNECTORS = "/connect/v1/environments/{environment_id}/clusters/{kafka_cluster_id}/connectors"


def _control_plane(client: ContractClient) -> dict[str, Any]:
    env = s.environment(client)
    call = client.call
    s.ok(call("GET", "/org/v2/environments", params={"page_size": 1}), 200)
    s.ok(call("GET", "/org/v2/environments/{id}", {"id": env}), 200)
    s.ok(call("PATCH", "/org/v2/environments/{id}", {"id": env}, json={"display_name": "np"}), 200)
    registries = s.ok(call("GET", "/srcm/v3/clusters", params={"environment": env}), 200)
    lsrc = registries["data"][0]["id"]
    s.ok(call("GET", "/srcm/v3/clusters/{id}", {"id": lsrc}, params={"environment": env}), 200)

    platt = s.platt(client, env)
    conn = s.platt_connection(client, env, platt, "vpce-0a1")["id"]
    q = {"environment": env}
    s.ok(call("GET", "/networking/v1/private-link-attachments", params=q), 200)
    s.ok(call("GET", "/networking/v1/private-link-attachments/{id}", {"id": platt}, params=q), 200)
    s.ok(call("GET", "/networking/v1/private-link-attachment-connections", params=q), 200)
    s.ok(
        call(
            "GET", "/networking/v1/private-link-attachment-connections/{id}", {"id": conn}, params=q
        ),
        200,
    )

    lkc = s.cluster(client, env, "sandbox")
    s.ok(call("GET", "/cmk/v2/clusters", params=q), 200)
    s.ok(call("GET", "/cmk/v2/clusters/{id}", {"id": lkc}, params=q), 200)
    s.ok(
        call(
            "PATCH",
            "/cmk/v2/clusters/{id}",
            {"id": lkc},
            json={"spec": {"display_name": "sb", "environment": {"id": env}}},
        ),
        200,
    )

    sa = s.service_account(client, "app-manager")
    s.ok(call("GET", "/iam/v2/service-accounts"), 200)
    s.ok(call("GET", "/iam/v2/service-accounts/{id}", {"id": sa}), 200)
    s.ok(call("PATCH", "/iam/v2/service-accounts/{id}", {"id": sa}, json={"description": "d"}), 200)
    key = s.api_key(client, sa, lkc)
    s.ok(call("GET", "/iam/v2/api-keys", params={"spec.owner": sa}), 200)
    s.ok(call("GET", "/iam/v2/api-keys/{id}", {"id": key[0]}), 200)
    s.ok(
        call("PATCH", "/iam/v2/api-keys/{id}", {"id": key[0]}, json={"spec": {"description": "x"}}),
        200,
    )
    crn = f"crn://confluent.cloud/organization=o/environment={env}/cloud-cluster={lkc}"
    rb = s.ok(
        call(
            "POST",
            "/iam/v2/role-bindings",
            json={"principal": f"User:{sa}", "role_name": "CloudClusterAdmin", "crn_pattern": crn},
        ),
        201,
    )["id"]
    s.ok(
        call(
            "GET", "/iam/v2/role-bindings", params={"principal": f"User:{sa}", "crn_pattern": crn}
        ),
        200,
    )
    s.ok(call("GET", "/iam/v2/role-bindings/{id}", {"id": rb}), 200)
    return {"env": env, "platt": platt, "conn": conn, "lkc": lkc, "sa": sa, "key": key, "rb": rb}


def _networking_gateways(client: ContractClient, env: str) -> None:
    call, q = client.call, {"environment": env}
    pni = {
        "spec": {
            "config": {
                "kind": "AwsPrivateNetworkInterfaceGatewaySpec",
                "region": s.REGION,
                "zones": ["use1-az1", "use1-az2", "use1-az4"],
            },
            "environment": {"id": env},
        }
    }
    gw = s.ok(call("POST", "/networking/v1/gateways", json=pni), 202)["id"]
    account = s.ok(call("GET", "/networking/v1/gateways/{id}", {"id": gw}, params=q), 200)[
        "status"
    ]["cloud_gateway"]["account"]
    enis = [f"eni-{i:017x}" for i in range(51)]
    ap_body = {
        "spec": {
            "config": {
                "kind": "AwsPrivateNetworkInterface",
                "network_interfaces": enis,
                "account": account,
            },
            "environment": {"id": env},
            "gateway": {"id": gw},
        }
    }
    ap = s.ok(call("POST", "/networking/v1/access-points", json=ap_body), 202)["id"]
    ingress = {
        "spec": {
            "config": {"kind": "AwsIngressPrivateLinkGatewaySpec", "region": s.REGION},
            "environment": {"id": env},
        }
    }
    igw = s.ok(call("POST", "/networking/v1/gateways", json=ingress), 202)["id"]
    ep = {
        "spec": {
            "config": {"kind": "AwsIngressPrivateLinkEndpoint", "vpc_endpoint_id": "vpce-0ing"},
            "environment": {"id": env},
            "gateway": {"id": igw},
        }
    }
    iap = s.ok(call("POST", "/networking/v1/access-points", json=ep), 202)["id"]
    s.ok(call("GET", "/networking/v1/gateways", params=q), 200)
    s.ok(call("GET", "/networking/v1/access-points", params=q), 200)
    s.ok(call("GET", "/networking/v1/access-points/{id}", {"id": iap}, params=q), 200)
    s.ok(call("DELETE", "/networking/v1/access-points/{id}", {"id": ap}, params=q), 204)
    s.ok(call("DELETE", "/networking/v1/gateways/{id}", {"id": gw}, params=q), 204)


def _connect_and_flink(client: ContractClient, env: str, lkc: str, key: tuple[str, str]) -> None:
    call = client.call
    path = {"environment_id": env, "kafka_cluster_id": lkc}
    config = {
        "connector.class": "DatagenSource",
        "name": "datagen",
        "kafka.api.key": key[0],
        "kafka.api.secret": key[1],
        "kafka.topic": "dev-stock_trades",
        "quickstart": "STOCK_TRADES",
        "output.data.format": "AVRO",
        "tasks.max": "1",
    }
    created = s.ok(call("POST", CONNECTORS, path, json={"name": "datagen", "config": config}), 201)
    assert created["config"]["kafka.api.secret"] != key[1]
    s.ok(call("GET", CONNECTORS, path), 200)
    named = {**path, "connector_name": "datagen"}
    s.ok(call("GET", CONNECTORS + "/{connector_name}", named), 200)
    assert (
        s.ok(call("GET", CONNECTORS + "/{connector_name}/status", named), 200)["connector"]["state"]
        == "RUNNING"
    )
    _connector_config_put(client, named, config)
    s.ok(call("DELETE", CONNECTORS + "/{connector_name}", named), 200)
    assert call("GET", CONNECTORS + "/{connector_name}", named).status_code == 404

    pool_body = {
        "spec": {
            "display_name": "pool",
            "cloud": "AWS",
            "region": s.REGION,
            "max_cfu": 10,
            "environment": {"id": env},
        }
    }
    pool = s.ok(call("POST", "/fcpm/v2/compute-pools", json=pool_body), 202)["id"]
    q = {"environment": env}
    s.ok(call("GET", "/fcpm/v2/compute-pools", params=q), 200)
    s.ok(call("GET", "/fcpm/v2/compute-pools/{id}", {"id": pool}, params=q), 200)
    patch = {"spec": {"max_cfu": 20, "display_name": "pool-2", "environment": {"id": env}}}
    patched = s.ok(call("PATCH", "/fcpm/v2/compute-pools/{id}", {"id": pool}, json=patch), 200)
    assert (patched["spec"]["max_cfu"], patched["spec"]["display_name"]) == (20, "pool-2")
    s.ok(call("GET", "/fcpm/v2/regions", params={"cloud": "AWS"}), 200)
    s.ok(call("DELETE", "/fcpm/v2/compute-pools/{id}", {"id": pool}, params=q), 204)


def _connector_config_put(
    client: ContractClient, named: dict[str, str], config: dict[str, str]
) -> None:
    """A config PUT replaces the whole config; on a new name it creates the connector."""
    call, item = client.call, CONNECTORS + "/{connector_name}/config"
    replaced = {k: v for k, v in config.items() if k != "output.data.format"}
    updated = s.ok(call("PUT", item, named, json={**replaced, "tasks.max": "2"}), 200)
    assert updated["config"]["tasks.max"] == "2"
    assert "output.data.format" not in updated["config"]
    assert updated["config"]["kafka.api.secret"] != config["kafka.api.secret"]
    fresh = {**named, "connector_name": "fresh"}
    s.ok(call("PUT", item, fresh, json={**config, "name": "fresh"}), 200)
    s.ok(call("GET", CONNECTORS + "/{connector_name}", fresh), 200)


def _topic_configs_and_partitions(
    client: ContractClient, topic: dict[str, str], key: tuple[str, str]
) -> None:
    """What property drift relies on: reading a topic's configs, altering them, growing it."""
    call, item = client.call, s.KAFKA + "/topics/{topic_name}"
    alter = {"data": [{"name": "retention.ms", "value": "3600000"}]}
    s.ok(call("POST", item + "/configs:alter", topic, auth=key, json=alter), 204)
    configs = s.ok(call("GET", item + "/configs", topic, auth=key), 200)["data"]
    assert {"retention.ms": "3600000"}.items() <= {c["name"]: c["value"] for c in configs}.items()
    grown = s.ok(call("PATCH", item, topic, auth=key, json={"partitions_count": 8}), 200)
    assert grown["partitions_count"] == 8
    shrink = call("PATCH", item, topic, auth=key, json={"partitions_count": 2})
    assert shrink.status_code == 400


def _data_plane(client: ContractClient, env: str, lkc: str, key: tuple[str, str]) -> None:
    call, c = client.call, {"cluster_id": lkc}
    shared = s.cluster(client, env, "shared")
    shared_key = s.cluster_admin_key(client, shared, "shared-admin")
    s.ok(s.topic(client, lkc, key, "dev-stock_trades"), 201)
    s.ok(call("GET", s.KAFKA + "/topics", c, auth=key), 200)
    s.ok(
        call(
            "GET",
            s.KAFKA + "/topics/{topic_name}",
            {**c, "topic_name": "dev-stock_trades"},
            auth=key,
        ),
        200,
    )
    _topic_configs_and_partitions(client, {**c, "topic_name": "dev-stock_trades"}, key)
    acl = {
        "resource_type": "TOPIC",
        "resource_name": "dev-stock_trades",
        "pattern_type": "LITERAL",
        "principal": "User:sa-1",
        "host": "*",
        "operation": "READ",
        "permission": "ALLOW",
    }
    s.ok(call("POST", s.KAFKA + "/acls", c, auth=key, json=acl), 201)
    s.ok(call("GET", s.KAFKA + "/acls", c, auth=key, params={"principal": "User:sa-1"}), 200)
    s.ok(
        call(
            "DELETE",
            s.KAFKA + "/acls",
            c,
            auth=key,
            params={
                "resource_type": "TOPIC",
                "pattern_type": "ANY",
                "operation": "ANY",
                "permission": "ANY",
                "principal": "User:sa-1",
            },
        ),
        200,
    )

    bootstrap = "lkc.example:9092"
    for side, other, mine, theirs in (
        (lkc, shared, key, shared_key),
        (shared, lkc, shared_key, key),
    ):
        body = {
            "remote_cluster_id": other,
            "configs": s.configs(
                link_mode="BIDIRECTIONAL",
                bootstrap_servers=bootstrap,
                sasl_jaas_config=s.jaas(theirs),
            ),
        }
        s.ok(s.link(client, side, mine, "bidirectional", body), 204)
    sc, link = {"cluster_id": shared}, {"cluster_id": shared, "link_name": "bidirectional"}
    s.ok(call("GET", s.KAFKA + "/links", sc, auth=shared_key), 200)
    s.ok(call("GET", s.LINK, link, auth=shared_key), 200)
    s.ok(call("GET", s.LINK + "/configs", link, auth=shared_key), 200)
    cfg = {**link, "config_name": "consumer.offset.sync.enable"}
    s.ok(
        call(
            "PUT", s.LINK + "/configs/{config_name}", cfg, auth=shared_key, json={"value": "true"}
        ),
        204,
    )
    s.ok(call("GET", s.LINK + "/configs/{config_name}", cfg, auth=shared_key), 200)
    s.ok(call("DELETE", s.LINK + "/configs/{config_name}", cfg, auth=shared_key), 204)
    s.ok(
        call(
            "PUT",
            s.LINK + "/configs:alter",
            link,
            auth=shared_key,
            json={"data": [{"name": "acl.sync.enable", "value": "false"}]},
        ),
        204,
    )
    s.ok(
        call(
            "POST",
            s.LINK + "/mirrors",
            link,
            auth=shared_key,
            json={"source_topic_name": "dev-stock_trades"},
        ),
        204,
    )
    s.ok(call("GET", s.LINK + "/mirrors", link, auth=shared_key), 200)
    s.ok(call("GET", s.KAFKA + "/links/-/mirrors", sc, auth=shared_key), 200)
    s.ok(
        call(
            "GET",
            s.LINK + "/mirrors/{mirror_topic_name}",
            {**link, "mirror_topic_name": "dev-stock_trades"},
            auth=shared_key,
        ),
        200,
    )
    names = {"mirror_topic_names": ["dev-stock_trades"]}
    for action in ("pause", "resume", "failover"):
        s.ok(call("POST", s.LINK + f"/mirrors:{action}", link, auth=shared_key, json=names), 200)
    s.ok(call("POST", s.LINK + "/mirrors:promote", link, auth=shared_key, json=names), 200)
    s.ok(call("DELETE", s.LINK, link, auth=shared_key), 200)
    s.ok(
        call(
            "DELETE",
            s.KAFKA + "/topics/{topic_name}",
            {**c, "topic_name": "dev-stock_trades"},
            auth=key,
        ),
        204,
    )


def _teardown(client: ContractClient, ids: dict[str, Any]) -> None:
    call, q = client.call, {"environment": ids["env"]}
    s.ok(call("DELETE", "/iam/v2/role-bindings/{id}", {"id": ids["rb"]}), 200)
    s.ok(call("DELETE", "/iam/v2/api-keys/{id}", {"id": ids["key"][0]}), 204)
    s.ok(call("DELETE", "/iam/v2/service-accounts/{id}", {"id": ids["sa"]}), 204)
    s.ok(
        call(
            "DELETE",
            "/networking/v1/private-link-attachment-connections/{id}",
            {"id": ids["conn"]},
            params=q,
        ),
        204,
    )
    s.ok(
        call(
            "DELETE", "/networking/v1/private-link-attachments/{id}", {"id": ids["platt"]}, params=q
        ),
        204,
    )
    s.ok(call("DELETE", "/cmk/v2/clusters/{id}", {"id": ids["lkc"]}, params=q), 204)
    s.ok(call("DELETE", "/org/v2/environments/{id}", {"id": ids["env"]}), 204)


def _errors(client: ContractClient) -> None:
    """Error answers are validated too: the client checks each one against its operation."""
    call = client.call
    assert call("GET", "/org/v2/environments", auth=("nope", "nope")).status_code == 401
    assert call("GET", "/org/v2/environments/{id}", {"id": "env-missing"}).status_code == 404
    assert call("POST", "/org/v2/environments", json={}).status_code == 400
    env = s.environment(client, "dup", None)
    assert call("POST", "/org/v2/environments", json={"display_name": "dup"}).status_code == 409
    assert call("GET", "/cmk/v2/clusters").status_code == 400
    assert (
        call("POST", "/cmk/v2/clusters", json={"spec": {"environment": {"id": env}}}).status_code
        == 400
    )
    assert call("GET", "/iam/v2/api-keys/{id}", {"id": "NOPE"}).status_code == 404
    lkc = s.cluster(client, env, "c")
    c = {"cluster_id": lkc}
    assert call("GET", s.KAFKA + "/topics", c, auth=("bad", "bad")).status_code == 401
    key = s.cluster_admin_key(client, lkc, "err-admin")
    assert (
        call(
            "GET", s.KAFKA + "/topics/{topic_name}", {**c, "topic_name": "nope"}, auth=key
        ).status_code
        == 404
    )
    assert call("POST", s.KAFKA + "/topics", c, auth=key, json={}).status_code == 400
    path = {"environment_id": env, "kafka_cluster_id": lkc}
    assert (
        call(
            "POST", CONNECTORS, path, json={"name": "x", "config": {"connector.class": "X"}}
        ).status_code
        == 400
    )
    assert (
        call(
            "GET", CONNECTORS + "/{connector_name}/status", {**path, "connector_name": "x"}
        ).status_code
        == 404
    )
    _update_errors(client, env, path)


def _update_errors(client: ContractClient, env: str, path: dict[str, str]) -> None:
    """A config naming another connector than its URL; a pool patched in another environment."""
    call, item = client.call, CONNECTORS + "/{connector_name}/config"
    config = {"connector.class": "X", "name": "y", "kafka.api.key": "k", "kafka.api.secret": "s"}
    assert call("PUT", item, {**path, "connector_name": "x"}, json=config).status_code == 400
    elsewhere = {**path, "kafka_cluster_id": "lkc-none", "connector_name": "y"}
    assert call("PUT", item, elsewhere, json=config).status_code == 404
    body = {"spec": {"display_name": "p", "cloud": "AWS", "region": s.REGION, "max_cfu": 5,
                     "environment": {"id": env}}}
    pool = s.ok(call("POST", "/fcpm/v2/compute-pools", json=body), 202)["id"]
    other = {"spec": {"max_cfu": 10, "environment": {"id": "env-other"}}}
    assert call("PATCH", "/fcpm/v2/compute-pools/{id}", {"id": pool}, json=other).status_code == 404


def test_every_used_operation_conforms_and_is_covered(client: ContractClient) -> None:
    ids = _control_plane(client)
    _networking_gateways(client, ids["env"])
    _connect_and_flink(client, ids["env"], ids["lkc"], ids["key"])
    _data_plane(client, ids["env"], ids["lkc"], ids["key"])
    _teardown(client, ids)
    _errors(client)

    covered = client.log.covered()
    missing = sorted(set(USED_OPERATIONS) - covered)
    ratio = len(covered & set(USED_OPERATIONS)) / len(USED_OPERATIONS)
    errors = [c for c in client.log.checks if c.status >= 400]
    fallbacks = sorted({(c.method, c.template, c.status) for c in errors if c.fallback})
    print(
        f"\nOpenAPI coverage of used operations: {len(covered & set(USED_OPERATIONS))}/"
        f"{len(USED_OPERATIONS)} ({ratio:.0%}); {len(client.log.checks)} answers validated, "
        f"{len(errors)} of them errors; undocumented error statuses validated against the "
        f"operation's error dialect: {fallbacks}"
    )
    assert not missing, f"operations without a validated success: {missing}"
    assert ratio == 1.0
    assert len(errors) >= 12
