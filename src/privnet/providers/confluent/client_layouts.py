"""The client secrets of one API key: the layout secret, plus one per VPC when each VPC
reaches the cluster through its own access point.

With an ingress gateway or PNI, each VPC's access point has its own DNS domain and only that
VPC resolves it: one ``bootstrap.servers`` cannot serve every VPC. The layout secret keeps the
name of the VPC privnet runs from (as before); ``<layout>/vpcs/<vpc>`` holds each VPC's own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.keys.secrets import KeyCredentials, layout_properties, put_secret
from privnet.providers.base import ProviderContext


def vpc_layout_name(layout: str, vpc: str) -> str:
    """The client secret for clients in ``vpc``."""
    return f"{layout}/vpcs/{vpc}"


def client_layouts(values: Mapping[str, Any]) -> dict[str, str]:
    """Secret name -> the endpoint its clients connect to (bootstrap or SR URL)."""
    layout = str(values["secret_name"])
    found = {layout: str(values["client_endpoint"])}
    by_vpc = values.get("client_endpoints") or {}
    if isinstance(by_vpc, Mapping) and len(by_vpc) > 1:
        for vpc, entry in sorted(by_vpc.items()):
            bootstrap = entry.get("bootstrap_endpoint") if isinstance(entry, Mapping) else None
            if bootstrap:
                found[vpc_layout_name(layout, str(vpc))] = str(bootstrap)
    return found


def write_layouts(ctx: ProviderContext, values: Mapping[str, Any], creds: KeyCredentials,
                  tags: dict[str, str]) -> None:
    """Point every client secret of ``values`` at ``creds``."""
    sm = ctx.aws("secretsmanager")
    for name, endpoint in client_layouts(values).items():
        put_secret(sm, name, layout_properties(str(values["resource"]), creds, endpoint), tags)
