"""The client secrets of one API key: the layout secret, plus one per VPC when each VPC
reaches the cluster through its own access point.

With an ingress gateway or PNI, each VPC's access point has its own DNS domain and only that
VPC resolves it: one ``bootstrap.servers`` cannot serve every VPC. The layout secret keeps the
name of the VPC privnet runs from (as before); ``<layout>/vpcs/<vpc>`` holds each VPC's own.

A VPC no longer produced (dropped from the topology, or the cluster left with one VPC) loses
its client secret: :func:`prune_vpc_layouts` lists the names under ``<layout>/vpcs/`` and
deletes those tagged for this stack and address that are not written any more. A secret under
that prefix without both tags was not written by this key and is never touched.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.facts.aws_pages import pages
from privnet.keys.secrets import (
    KeyCredentials,
    delete_secret,
    holds,
    layout_properties,
    put_secret,
)
from privnet.providers.base import ProviderContext


def vpc_layout_name(layout: str, vpc: str) -> str:
    """The client secret for clients in ``vpc``."""
    return f"{layout}/vpcs/{vpc}"


def vpc_layout_prefix(layout: str) -> str:
    """The prefix every per-VPC client secret of ``layout`` shares."""
    return f"{layout}/vpcs/"


def vpc_layout_names(values: Mapping[str, Any]) -> dict[str, str]:
    """VPC -> the name of its own client secret (empty when one endpoint serves all)."""
    prefix = vpc_layout_prefix(str(values["secret_name"]))
    return {name.removeprefix(prefix): name for name in client_layouts(values)
            if name.startswith(prefix)}


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


def layouts_written(ctx: ProviderContext, values: Mapping[str, Any],
                    creds: KeyCredentials) -> bool:
    """Every client secret of ``values`` exists and points at ``creds``: false after a
    create whose layout writes were cut short, which must then be completed."""
    sm = ctx.aws("secretsmanager")
    resource = str(values["resource"])
    return all(holds(sm, name, layout_properties(resource, creds, endpoint))
               for name, endpoint in client_layouts(values).items())


def _written_by(listed: Mapping[str, Any], tags: Mapping[str, str]) -> bool:
    """The listed secret carries every one of ``tags`` (this stack's and address's)."""
    carried = {str(t.get("Key")): str(t.get("Value")) for t in listed.get("Tags") or []}
    return all(carried.get(key) == value for key, value in tags.items())


def prune_vpc_layouts(ctx: ProviderContext, layout: str, keep: set[str],
                      tags: dict[str, str]) -> list[str]:
    """Delete the per-VPC client secrets under ``layout`` this key wrote (tagged with
    ``tags``) whose names are not in ``keep``; returns the deleted names (never values).

    Secrets Manager's name filter is a case-insensitive prefix match, so every listed name is
    checked again against the exact prefix."""
    sm = ctx.aws("secretsmanager")
    prefix = vpc_layout_prefix(layout)
    stale: list[str] = []
    for listed in pages(sm, "list_secrets", "SecretList",
                        Filters=[{"Key": "name", "Values": [prefix]}]):
        name = str(listed.get("Name") or "")
        if name.startswith(prefix) and name not in keep and _written_by(listed, tags):
            stale.append(name)
    for name in stale:  # after listing: deleting while paging could shift the pages
        delete_secret(sm, name)
    return stale
