"""What an environment holds: the proof privnet uses before calling one its own or deleting it.

Environments carry no tags or descriptions, so a same-named environment found without state
is privnet's only if it is empty: a run that crashed between creating the environment and
recording it has not put anything in it yet (children are created only after the
environment is recorded). Anything inside means someone else uses it.

The same listing decides whether destroy deletes an environment privnet created: by the time
destroy reaches it, this stack's objects in it are gone, so anything still listed belongs to
another stack or a person (stacks sharing one environment name), and the environment stays.
"""

from __future__ import annotations

from typing import Any

from privnet.providers.base import ProviderContext
from privnet.providers.confluent.control_plane import cloud, dig

SCOPED_COLLECTIONS = {
    "/cmk/v2/clusters": "cluster",
    "/networking/v1/private-link-attachments": "PrivateLink attachment",
    "/networking/v1/gateways": "gateway",
    "/networking/v1/access-points": "access point",
    "/fcpm/v2/compute-pools": "Flink compute pool",
}
"""Environment-scoped collections listed with ``?environment=`` and what one item is called.
The Schema Registry is not here: enabling Stream Governance creates it with the environment,
and it goes with it."""

ROLE_BINDINGS = "/iam/v2/role-bindings"
ROLE_BINDING = "role binding"
UNKNOWN = "unknown (the answer has no metadata.resource_name)"


def environment_holdings(ctx: ProviderContext, environment: dict[str, Any]
                         ) -> dict[str, list[str]]:
    """What lives in ``environment``: item name -> ids, in listing order (empty: nothing)."""
    client = cloud(ctx)
    env_id = str(environment.get("id"))
    found: dict[str, list[str]] = {}
    for collection, label in SCOPED_COLLECTIONS.items():
        ids = [str(item.get("id")) for item in client.list_all(collection,
                                                               {"environment": env_id})]
        if ids:
            found[label] = ids
    crn = dig(environment, "metadata", "resource_name")
    if not (isinstance(crn, str) and crn.startswith("crn://")):
        # without its resource name its role bindings cannot be listed: not provably empty
        found[ROLE_BINDING] = [UNKNOWN]
        return found
    bindings = [str(b.get("id")) for b in client.list_all(ROLE_BINDINGS, {"crn_pattern": crn})]
    if bindings:
        found[ROLE_BINDING] = bindings
    return found


def environment_contents(ctx: ProviderContext, environment: dict[str, Any]) -> list[str]:
    """Short descriptions of what lives in ``environment`` (empty list: nothing)."""
    return [f"{label}: {item}" for label, ids in environment_holdings(ctx, environment).items()
            for item in ids]


def describe_holdings(holdings: dict[str, list[str]]) -> str:
    """``2 clusters (lkc-1, lkc-2), 1 role binding (rb-1)``."""
    return ", ".join(f"{len(ids)} {label}{'' if len(ids) == 1 else 's'} ({', '.join(ids)})"
                     for label, ids in holdings.items())
