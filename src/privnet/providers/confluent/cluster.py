"""Kafka clusters (cmk/v2): ready at PROVISIONED, endpoints picked by access point.

Properties say which endpoint is whose: ``access_points`` maps each VPC to the id of its own
access point (ingress PrivateLink or PNI), ``runner_vpc`` names the VPC privnet's data-plane
calls leave from, ``endpoint_domain`` is a PrivateLink attachment's DNS domain. The attributes
``bootstrap_endpoint``/``rest_endpoint`` are the runner's, ``endpoints_by_vpc`` every VPC's own.
A deleted cluster answers 403 (see ``gone``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from privnet.providers.base import Attributes
from privnet.providers.confluent.cluster_endpoints import (
    Endpoint,
    cluster_endpoint,
    endpoint_for_access_point,
)
from privnet.providers.confluent.control_plane import ControlPlaneHandler, dig
from privnet.resources.kinds.confluent_control import CLUSTER, ClusterProperties, VpcEndpoint

BY_VPC = "endpoints_by_vpc"


def _by_vpc(obj: dict[str, Any], access_points: Mapping[str, object]) -> dict[str, VpcEndpoint]:
    found: dict[str, VpcEndpoint] = {}
    for vpc, point_id in sorted(access_points.items()):
        endpoint = endpoint_for_access_point(obj, str(point_id)) if point_id else None
        found[vpc] = {"access_point_id": str(point_id) if point_id else None,
                      "bootstrap_endpoint": endpoint.bootstrap if endpoint else None,
                      "rest_endpoint": endpoint.rest if endpoint else None}
    return found


class ClusterHandler(ControlPlaneHandler[ClusterProperties]):
    kind = CLUSTER
    collection = "/cmk/v2/clusters"
    ready_phases = frozenset({"PROVISIONED"})
    carried = ("endpoint_type", "access_points", "runner_vpc", "endpoint_domain")
    forbidden_when_gone = True
    required_when_ready: ClassVar[dict[str, str]] = {
        "bootstrap_endpoint": "spec.endpoints[...].kafka_bootstrap_endpoint",
        "rest_endpoint": "spec.endpoints[...].http_endpoint",
    }

    def body(self, properties: ClusterProperties) -> dict[str, Any]:
        return {"spec": {
            "display_name": properties["display_name"],
            "availability": properties["availability"],
            "cloud": properties["cloud"],
            "region": properties["region"],
            "config": dict(properties["config"]),
            "environment": {"id": properties["environment_id"]},
        }}

    def matches(self, obj: dict[str, Any], properties: ClusterProperties) -> bool:
        return bool(dig(obj, "spec", "region") == properties["region"])

    def attributes(self, obj: dict[str, Any]) -> Attributes:
        return {"region": dig(obj, "spec", "region"),
                "kind": dig(obj, "spec", "config", "kind")}

    def _attrs(self, obj: dict[str, Any], known: ClusterProperties | Attributes) -> Attributes:
        access_points = known.get("access_points") or {}
        by_vpc = _by_vpc(obj, access_points) if isinstance(access_points, Mapping) else {}
        runner = by_vpc.get(str(known.get("runner_vpc")))
        if runner is not None:
            endpoint = Endpoint(runner["bootstrap_endpoint"], runner["rest_endpoint"])
        else:
            endpoint = cluster_endpoint(obj, str(known.get("endpoint_type") or "PUBLIC"),
                                        known.get("endpoint_domain"))
        attrs = super()._attrs(obj, known)  # keeps earlier endpoints when none is listed
        attrs["bootstrap_endpoint"] = endpoint.bootstrap or attrs.get("bootstrap_endpoint")
        attrs["rest_endpoint"] = endpoint.rest or attrs.get("rest_endpoint")
        attrs[BY_VPC] = by_vpc
        return attrs
