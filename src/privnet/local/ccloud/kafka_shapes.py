"""Common pieces of Kafka REST v3 answers: resource metadata and list envelopes."""

from __future__ import annotations

from typing import Any

from fastapi import Request


def rest_url(request: Request, cluster_id: str, *parts: str) -> str:
    """The absolute URL of a data-plane resource, on the endpoint the client used."""
    base = str(request.base_url).rstrip("/")
    tail = "/".join(parts)
    return f"{base}/kafka/v3/clusters/{cluster_id}" + (f"/{tail}" if tail else "")


def resource_metadata(
    request: Request, cluster_id: str, parts: list[str], crn_tail: str
) -> dict[str, Any]:
    """``metadata`` with ``self`` and ``resource_name``."""
    return {
        "self": rest_url(request, cluster_id, *parts),
        "resource_name": f"crn:///kafka={cluster_id}" + (f"/{crn_tail}" if crn_tail else ""),
    }


def rest_list(request: Request, kind: str, data: list[dict[str, Any]]) -> dict[str, Any]:
    """A Kafka REST collection body (the service answers in one page)."""
    return {"kind": kind, "metadata": {"self": str(request.url), "next": None}, "data": data}
