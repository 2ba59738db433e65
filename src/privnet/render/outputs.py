"""What ``privnet output`` shows after an apply: endpoints to connect to and where keys live.

Read from the state only, so it works offline; secrets are never part of it (only the
Secrets Manager names holding them).
"""

from __future__ import annotations

import json
from typing import Any

from privnet.engine.state import State
from privnet.resources.kinds.confluent_control import API_KEY, CLUSTER, SERVICE_ACCOUNT

CLUSTER_PREFIX = CLUSTER.address("")
SERVICE_ACCOUNT_PREFIX = SERVICE_ACCOUNT.address("")
API_KEY_PREFIX = API_KEY.address("")
ENDPOINT_FIELDS = ("access_point_id", "bootstrap_endpoint", "rest_endpoint")


def stack_outputs(state: State) -> dict[str, Any]:
    """Per cluster its id and endpoints; per service account its id and secret names, and
    (``vpc_secrets``) the per-VPC client secret names when each VPC has its own endpoint."""
    clusters: dict[str, Any] = {}
    accounts: dict[str, Any] = {}
    for address, recorded in sorted(state.resources.items()):
        attrs = recorded.attributes
        if address.startswith(CLUSTER_PREFIX):
            clusters[address.removeprefix(CLUSTER_PREFIX)] = {
                "id": attrs.get("id"),
                "bootstrap_endpoint": attrs.get("bootstrap_endpoint"),
                "rest_endpoint": attrs.get("rest_endpoint"),
                # each VPC's own access point, when VPCs reach the cluster through their own
                "by_vpc": {vpc: {k: entry.get(k) for k in ENDPOINT_FIELDS}
                           for vpc, entry in sorted((attrs.get("endpoints_by_vpc") or {}).items())
                           if isinstance(entry, dict)},
            }
        elif address.startswith(SERVICE_ACCOUNT_PREFIX):
            name = address.removeprefix(SERVICE_ACCOUNT_PREFIX)
            accounts.setdefault(name, {"secrets": {}})["id"] = attrs.get("id")
        elif address.startswith(API_KEY_PREFIX):
            account, _, resource = address.removeprefix(API_KEY_PREFIX).partition(".")
            entry = accounts.setdefault(account, {"secrets": {}})
            entry["secrets"][resource or "key"] = attrs.get("secret_name")
            formats = attrs.get("client_secret_names")
            if isinstance(formats, dict) and len(formats) > 1:  # java_client, librdkafka
                entry.setdefault("secret_formats", {})[resource or "key"] = dict(formats)
            by_vpc = attrs.get("per_vpc_secret_name")
            if isinstance(by_vpc, dict) and by_vpc:  # one client secret per VPC (names only)
                entry.setdefault("vpc_secrets", {})[resource or "key"] = dict(sorted(
                    by_vpc.items()))
    return {"stack": state.stack, "clusters": clusters, "service_accounts": accounts}


def outputs_text(outputs: dict[str, Any]) -> str:
    lines = [f"stack {outputs['stack']}"]
    if not outputs["clusters"] and not outputs["service_accounts"]:
        lines.append("  nothing applied yet")
    for name, cluster in outputs["clusters"].items():
        lines.append(f"cluster {name} ({cluster['id']})")
        lines.append(f"  bootstrap  {cluster['bootstrap_endpoint']}")
        lines.append(f"  rest       {cluster['rest_endpoint']}")
        for vpc, entry in cluster.get("by_vpc", {}).items():
            lines.append(f"  from VPC {vpc} (access point {entry['access_point_id']})")
            lines.append(f"    bootstrap  {entry['bootstrap_endpoint']}")
            lines.append(f"    rest       {entry['rest_endpoint']}")
    for name, account in outputs["service_accounts"].items():
        lines.append(f"service account {name} ({account.get('id')})")
        for resource, secret in sorted(account["secrets"].items()):
            lines.append(f"  {resource:<16} secret {secret}")
            formats = account.get("secret_formats", {}).get(resource, {})
            for client_format, other in sorted(formats.items()):
                if other != secret:
                    lines.append(f"  {'':<16} {client_format} {other}")
            for vpc, name in account.get("vpc_secrets", {}).get(resource, {}).items():
                lines.append(f"    from VPC {vpc:<9} secret {name}")
    return "\n".join(lines)


def output_names(outputs: dict[str, Any]) -> dict[str, Any]:
    """Every output by its dotted name, the path of keys in the ``--format json`` document:
    ``clusters.sandbox.bootstrap_endpoint``, ``clusters.sandbox.by_vpc.shared.rest_endpoint``,
    ``service_accounts.app.secrets.sandbox``; a name that stops early (``clusters.sandbox``)
    is the whole map under it."""
    names: dict[str, Any] = {}

    def visit(prefix: str, value: Any) -> None:
        if prefix:
            names[prefix] = value
        if isinstance(value, dict):
            for key, inner in value.items():
                visit(f"{prefix}.{key}" if prefix else str(key), inner)

    visit("", outputs)
    return names


def raw_value(value: Any) -> str:
    """A value for a shell (``--raw``): a string bare, nothing for a null, else JSON."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    return json.dumps(value, indent=2)
