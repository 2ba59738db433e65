"""The Confluent Cloud operations privnet relies on, each with the OpenAPI file defining it.

The conformance tests drive every one of these against the emulator and validate the
answers against that file; adding an operation here without serving it fails them.
"""

from __future__ import annotations

Operation = tuple[str, str]
"""(HTTP method, path template exactly as written in the OpenAPI file)."""

_CONNECTORS = "/connect/v1/environments/{environment_id}/clusters/{kafka_cluster_id}/connectors"
_KAFKA = "/kafka/v3/clusters/{cluster_id}"
_LINK = _KAFKA + "/links/{link_name}"


def _crud(path: str, item: str, *, update: bool = False) -> list[Operation]:
    ops = [("POST", path), ("GET", path), ("GET", item), ("DELETE", item)]
    return [*ops, ("PATCH", item)] if update else ops


USED_OPERATIONS: dict[Operation, str] = {
    **{
        op: "org-v2.yaml"
        for op in _crud("/org/v2/environments", "/org/v2/environments/{id}", update=True)
    },
    ("GET", "/srcm/v3/clusters"): "srcm-v3.yaml",
    ("GET", "/srcm/v3/clusters/{id}"): "srcm-v3.yaml",
    **{op: "cmk-v2.yaml" for op in _crud("/cmk/v2/clusters", "/cmk/v2/clusters/{id}", update=True)},
    **{
        op: "networking-privatelink-v1.yaml"
        for op in _crud(
            "/networking/v1/private-link-attachments",
            "/networking/v1/private-link-attachments/{id}",
        )
        + _crud(
            "/networking/v1/private-link-attachment-connections",
            "/networking/v1/private-link-attachment-connections/{id}",
        )
    },
    **{
        op: "networking-gateway-v1.yaml"
        for op in _crud("/networking/v1/gateways", "/networking/v1/gateways/{id}")
    },
    **{
        op: "networking-access-point-v1.yaml"
        for op in _crud("/networking/v1/access-points", "/networking/v1/access-points/{id}")
    },
    **{
        op: "iam-v2.yaml"
        for op in _crud("/iam/v2/service-accounts", "/iam/v2/service-accounts/{id}", update=True)
    },
    **{
        op: "apikeys-v2.yaml"
        for op in _crud("/iam/v2/api-keys", "/iam/v2/api-keys/{id}", update=True)
    },
    **{op: "mds-v2.yaml" for op in _crud("/iam/v2/role-bindings", "/iam/v2/role-bindings/{id}")},
    **{
        op: "connect-v1.yaml"
        for op in [
            *_crud(_CONNECTORS, _CONNECTORS + "/{connector_name}"),
            ("GET", _CONNECTORS + "/{connector_name}/status"),
            ("PUT", _CONNECTORS + "/{connector_name}/config"),
        ]
    },
    **{
        op: "flink-v2.yaml"
        for op in [
            *_crud("/fcpm/v2/compute-pools", "/fcpm/v2/compute-pools/{id}", update=True),
            ("GET", "/fcpm/v2/regions"),
        ]
    },
    **{
        op: "kafkarest-v3.yaml"
        for op in [
            *_crud(_KAFKA + "/topics", _KAFKA + "/topics/{topic_name}", update=True),
            ("GET", _KAFKA + "/topics/{topic_name}/configs"),
            ("POST", _KAFKA + "/topics/{topic_name}/configs:alter"),
            ("POST", _KAFKA + "/acls"),
            ("GET", _KAFKA + "/acls"),
            ("DELETE", _KAFKA + "/acls"),
            ("POST", _KAFKA + "/links"),
            ("GET", _KAFKA + "/links"),
            ("GET", _LINK),
            ("DELETE", _LINK),
            ("GET", _LINK + "/configs"),
            ("GET", _LINK + "/configs/{config_name}"),
            ("PUT", _LINK + "/configs/{config_name}"),
            ("DELETE", _LINK + "/configs/{config_name}"),
            ("PUT", _LINK + "/configs:alter"),
            ("POST", _LINK + "/mirrors"),
            ("GET", _LINK + "/mirrors"),
            ("GET", _KAFKA + "/links/-/mirrors"),
            ("GET", _LINK + "/mirrors/{mirror_topic_name}"),
            ("POST", _LINK + "/mirrors:promote"),
            ("POST", _LINK + "/mirrors:failover"),
            ("POST", _LINK + "/mirrors:pause"),
            ("POST", _LINK + "/mirrors:resume"),
        ]
    },
}
