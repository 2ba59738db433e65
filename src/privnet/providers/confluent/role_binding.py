"""Role bindings: a role for a service account on a CRN pattern (environment, cluster, SR)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.errors import PrivnetError
from privnet.providers.base import Attributes, ProviderContext
from privnet.providers.confluent.control_plane import ControlPlaneHandler, cloud

CRN_ROOT = "crn://confluent.cloud"


def organization_id(ctx: ProviderContext) -> str:
    """The organization the credentials belong to (every CRN starts with it)."""
    organizations = cloud(ctx).list_all("/org/v2/organizations")
    if not organizations:
        raise PrivnetError("the Confluent Cloud credentials see no organization")
    return str(organizations[0]["id"])


def crn_pattern(organization: str, properties: Mapping[str, Any]) -> str:
    """The narrowest scope the binding names: SR subjects, a cluster, or the environment."""
    crn = f"{CRN_ROOT}/organization={organization}/environment={properties['environment_id']}"
    if properties.get("schema_registry_id"):
        crn += f"/schema-registry={properties['schema_registry_id']}"
        if properties.get("subject"):
            crn += f"/subject={properties['subject']}"
    elif properties.get("cluster_id"):
        crn += f"/cloud-cluster={properties['cluster_id']}"
    return crn


class RoleBindingHandler(ControlPlaneHandler):
    kind = "confluent.role_binding"
    collection = "/iam/v2/role-bindings"
    environment_scoped = False

    def _wanted(self, ctx: ProviderContext, properties: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "principal": f"User:{properties['principal_id']}",
            "role_name": properties["role_name"],
            "crn_pattern": crn_pattern(organization_id(ctx), properties),
        }

    def attributes(self, obj: dict[str, Any]) -> Attributes:
        return {key: obj.get(key) for key in ("principal", "role_name", "crn_pattern")}

    def find(self, ctx: ProviderContext, address: str,
             properties: Mapping[str, Any]) -> Attributes | None:
        wanted = self._wanted(ctx, properties)
        for obj in cloud(ctx).list_all(self.collection, wanted):
            if all(obj.get(key) == value for key, value in wanted.items()):
                return self._attrs(obj, properties)
        return None

    def create(self, ctx: ProviderContext, address: str,
               properties: Mapping[str, Any]) -> Attributes:
        found = self.find(ctx, address, properties)
        if found is not None:
            return found
        return self._attrs(cloud(ctx).post(self.collection, self._wanted(ctx, properties)),
                           properties)
