"""Role bindings: a role for a service account on a CRN pattern (environment, cluster, SR)."""

from __future__ import annotations

from typing import Any

from privnet.errors import PrivnetError
from privnet.providers.base import Attributes, ProviderContext
from privnet.providers.confluent.control_plane import ControlPlaneHandler, cloud, dig
from privnet.providers.confluent.gone import lists_id
from privnet.resources.kinds.confluent_control import ROLE_BINDING, RoleBindingProperties


def environment_crn(ctx: ProviderContext, environment_id: str, address: str = "") -> str:
    """The environment's resource name, ``crn://confluent.cloud/organization=../environment=..``;
    every scope of a binding is a path below it."""
    env = cloud(ctx).get(f"/org/v2/environments/{environment_id}")
    crn = dig(env, "metadata", "resource_name")
    if not isinstance(crn, str) or not crn.startswith("crn://"):
        raise PrivnetError(f"{address or 'role binding'}: environment {environment_id} answered "
                           "without metadata.resource_name (a crn://...), which scopes the role")
    return crn


def crn_pattern(environment: str, properties: RoleBindingProperties) -> str:
    """The narrowest scope the binding names: SR subjects, a cluster, or the environment."""
    crn = environment
    if properties.get("schema_registry_id"):
        crn += f"/schema-registry={properties['schema_registry_id']}"
        if properties.get("subject"):
            crn += f"/subject={properties['subject']}"
    elif properties.get("cluster_id"):
        crn += f"/cloud-cluster={properties['cluster_id']}"
    return crn


class RoleBindingHandler(ControlPlaneHandler[RoleBindingProperties]):
    kind = ROLE_BINDING
    collection = "/iam/v2/role-bindings"
    environment_scoped = False
    forbidden_when_gone = True

    reads_in_batches = True

    def list_filter(self, attributes: Attributes) -> dict[str, str]:
        """The API lists bindings of one scope (``crn_pattern``) at a time."""
        return {"crn_pattern": str(attributes.get("crn_pattern") or "")}

    def still_listed(self, ctx: ProviderContext, attributes: Attributes) -> bool:
        """The list is filtered by what the binding is (the API wants a filter)."""
        wanted = {key: str(attributes[key]) for key in ("principal", "role_name", "crn_pattern")
                  if attributes.get(key)}
        return lists_id(cloud(ctx), self.collection, wanted, attributes.get("id"))

    def _wanted(self, ctx: ProviderContext, address: str,
                properties: RoleBindingProperties) -> dict[str, Any]:
        environment = environment_crn(ctx, str(properties["environment_id"]), address)
        return {
            "principal": f"User:{properties['principal_id']}",
            "role_name": properties["role_name"],
            "crn_pattern": crn_pattern(environment, properties),
        }

    def attributes(self, obj: dict[str, Any]) -> Attributes:
        return {key: obj.get(key) for key in ("principal", "role_name", "crn_pattern")}

    def find(self, ctx: ProviderContext, address: str,
             properties: RoleBindingProperties) -> Attributes | None:
        wanted = self._wanted(ctx, address, properties)
        for obj in cloud(ctx).list_all(self.collection, wanted):
            if all(obj.get(key) == value for key, value in wanted.items()):
                return self._attrs(obj, properties)
        return None

    def create(self, ctx: ProviderContext, address: str,
               properties: RoleBindingProperties) -> Attributes:
        found = self.find(ctx, address, properties)
        if found is not None:
            return found
        return self._attrs(cloud(ctx).post(self.collection,
                                           self._wanted(ctx, address, properties)),
                           properties)
