"""Confluent Cloud's private DNS names on AWS (Confluent documents these domains).

A PrivateLink attachment (serverless clusters) serves a regional domain shared by every
attachment of that region, ``<region>.aws.private.confluent.cloud``; ingress gateway access
points get unique names below ``<region>.aws.accesspoint.confluent.cloud``; Flink's regional
private endpoint is ``flink.<region>.aws.private.confluent.cloud``.
"""

from __future__ import annotations

PRIVATELINK_PARENT = "private.confluent.cloud"
ACCESS_POINT_PARENT = "accesspoint.confluent.cloud"
PRIVATE_SUFFIXES = (PRIVATELINK_PARENT, ACCESS_POINT_PARENT)
"""Names under these resolve only inside networks wired to Confluent."""
ACCESS_POINT_SUFFIX = f".{ACCESS_POINT_PARENT}"


def privatelink_domain(region: str) -> str:
    """The shared regional namespace of PrivateLink attachments."""
    return f"{region}.aws.{PRIVATELINK_PARENT}"


def access_point_domain(region: str) -> str:
    """The regional parent of ingress gateway access point names."""
    return f"{region}.aws.{ACCESS_POINT_PARENT}"


def flink_endpoint(region: str) -> str:
    """Flink's regional private endpoint (reached through the region's attachment)."""
    return f"flink.{privatelink_domain(region)}"
