"""The client secrets of one API key: one per client format, plus one per VPC and format when
each VPC reaches the cluster through its own access point.

With an ingress gateway or PNI, each VPC's access point has its own DNS domain and only that
VPC resolves it: one ``bootstrap.servers`` cannot serve every VPC. Each client secret keeps
the endpoint of the VPC privnet runs from; ``<client secret>/vpcs/<vpc>`` holds each VPC's
own.

A VPC no longer produced (dropped from the topology, or the cluster left with one VPC) loses
its client secrets: :func:`prune_vpc_layouts` lists the names under ``<client secret>/vpcs/``
and deletes those tagged for this stack and address that are not written any more. A secret
under that prefix without both tags was not written by this key and is never touched.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.facts.aws_pages import pages
from privnet.keys.layout import (
    KeyCredentials,
    client_properties,
    vpc_secret_name,
    vpc_secret_prefix,
)
from privnet.keys.secrets import client_secret_key, delete_secret, put_secret
from privnet.providers.base import ProviderContext


def client_secrets(values: Mapping[str, Any]) -> dict[str, str]:
    """Client format -> its main secret name (older states: the one ``secret_name``)."""
    named = values.get("client_secret_names")
    if isinstance(named, Mapping) and named:
        return {str(k): str(v) for k, v in named.items()}
    return {"java_client" if values.get("resource") != "schema_registry"
            else "schema_registry_client": str(values["secret_name"])}


def vpc_layout_names(values: Mapping[str, Any]) -> dict[str, str]:
    """VPC -> the name of its own client secret in the first format (empty when one
    endpoint serves all): what ``privnet output`` shows."""
    first = next(iter(client_secrets(values).values()))
    prefix = vpc_secret_prefix(first)
    return {name.removeprefix(prefix): name for name in client_layouts(values)
            if name.startswith(prefix)}


def client_layouts(values: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    """Secret name -> (client format, the endpoint its clients connect to)."""
    by_vpc = values.get("client_endpoints") or {}
    found: dict[str, tuple[str, str]] = {}
    for client_format, name in client_secrets(values).items():
        found[name] = (client_format, str(values["client_endpoint"]))
        if isinstance(by_vpc, Mapping) and len(by_vpc) > 1:
            for vpc, entry in sorted(by_vpc.items()):
                bootstrap = entry.get("bootstrap_endpoint") if isinstance(entry, Mapping) \
                    else None
                if bootstrap:
                    found[vpc_secret_name(name, str(vpc))] = (client_format, str(bootstrap))
    return found


def write_layouts(ctx: ProviderContext, values: Mapping[str, Any], creds: KeyCredentials,
                  tags: dict[str, str]) -> list[str]:
    """Point every client secret of ``values`` at ``creds``; returns the names that got a new
    version (those already holding it are left as they are)."""
    sm = ctx.aws("secretsmanager")
    return [name for name, (client_format, endpoint) in client_layouts(values).items()
            if put_secret(sm, name, client_properties(client_format, creds, endpoint), tags)]


def published_key(ctx: ProviderContext, values: Mapping[str, Any]) -> str | None:
    """The key id every client secret holds now, or None when they differ or one is
    missing (a publish cut short)."""
    sm = ctx.aws("secretsmanager")
    held = {getattr(client_secret_key(sm, name), "key", None) for name in client_layouts(values)}
    return next(iter(held)) if len(held) == 1 else None


def _written_by(listed: Mapping[str, Any], tags: Mapping[str, str]) -> bool:
    """The listed secret carries every one of ``tags`` (this stack's and address's)."""
    carried = {str(t.get("Key")): str(t.get("Value")) for t in listed.get("Tags") or []}
    return all(carried.get(key) == value for key, value in tags.items())


def prune_vpc_layouts(ctx: ProviderContext, values: Mapping[str, Any], keep: set[str],
                      tags: dict[str, str]) -> list[str]:
    """Delete the per-VPC client secrets of ``values`` this key wrote (tagged with ``tags``)
    whose names are not in ``keep``; returns the deleted names (never values)."""
    prefixes = [vpc_secret_prefix(name) for name in client_secrets(values).values()]
    return prune_owned(ctx, prefixes, keep, tags)


def prune_owned(ctx: ProviderContext, prefixes: list[str], keep: set[str],
                tags: dict[str, str]) -> list[str]:
    """Delete the secrets under ``prefixes`` tagged with ``tags`` whose names are not in
    ``keep``. Secrets Manager's name filter is a prefix match that may ignore case, so every
    listed name is checked again against the exact prefix; a secret without both tags was not
    written by this key and is never touched."""
    sm = ctx.aws("secretsmanager")
    stale: list[str] = []
    for prefix in prefixes:
        for listed in pages(sm, "list_secrets", "SecretList",
                            Filters=[{"Key": "name", "Values": [prefix]}]):
            found = str(listed.get("Name") or "")
            if found.startswith(prefix) and found not in keep and _written_by(listed, tags):
                stale.append(found)
    for name in stale:  # after listing: deleting while paging could shift the pages
        delete_secret(sm, name)
    return stale
