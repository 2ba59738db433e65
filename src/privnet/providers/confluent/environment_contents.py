"""Whether an environment holds anything: the proof privnet uses before calling one its own.

Environments carry no tags or descriptions, so a same-named environment found without state
is privnet's only if it is empty: a run that crashed between creating the environment and
recording it has not put anything in it yet (children are created only after the
environment is recorded). Anything inside means someone else uses it.
"""

from __future__ import annotations

from typing import Any

from privnet.providers.base import ProviderContext
from privnet.providers.confluent.control_plane import cloud, dig

SCOPED_COLLECTIONS = (
    "/cmk/v2/clusters",
    "/networking/v1/private-link-attachments",
    "/networking/v1/gateways",
    "/fcpm/v2/compute-pools",
)
"""Environment-scoped collections listed with ``?environment=``; the Schema Registry is not
here: enabling Stream Governance creates it with the environment."""

ROLE_BINDINGS = "/iam/v2/role-bindings"


def environment_contents(ctx: ProviderContext, environment: dict[str, Any]) -> list[str]:
    """Short descriptions of what lives in ``environment`` (empty list: nothing)."""
    client = cloud(ctx)
    env_id = str(environment.get("id"))
    found: list[str] = []
    for collection in SCOPED_COLLECTIONS:
        items = client.list_all(collection, {"environment": env_id})
        found.extend(f"{collection.rsplit('/', 1)[-1]}: {item.get('id')}" for item in items)
    crn = dig(environment, "metadata", "resource_name")
    if not (isinstance(crn, str) and crn.startswith("crn://")):
        # without its resource name its role bindings cannot be listed: not provably empty
        found.append("role-bindings: unknown (the answer has no metadata.resource_name)")
        return found
    bindings = client.list_all(ROLE_BINDINGS, {"crn_pattern": crn})
    found.extend(f"role-bindings: {b.get('id')}" for b in bindings)
    return found
