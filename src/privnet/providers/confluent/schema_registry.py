"""The environment's Schema Registry: enabling Stream Governance creates it, privnet reads it.

It is usable once PROVISIONED (srcm-v3 ClusterStatus: PROVISIONING, PROVISIONED, FAILED); its
endpoints are only reported then.
"""

from __future__ import annotations

from typing import Any

from privnet.providers.base import Attributes, HandlerBase, ProviderContext, Readiness
from privnet.providers.confluent.control_plane import cloud, dig
from privnet.providers.confluent.errors import ConfluentApiError
from privnet.providers.confluent.gone import confirmed_gone, environment_gone
from privnet.providers.confluent.phase_failure import failure_detail, status_message
from privnet.resources.kinds.confluent_control import SCHEMA_REGISTRY, SchemaRegistryProperties

COLLECTION = "/srcm/v3/clusters"


def _attrs(obj: dict[str, Any], environment_id: Any) -> Attributes:
    endpoint = dig(obj, "spec", "private_http_endpoint") or dig(obj, "spec", "http_endpoint")
    return {"id": obj.get("id"), "environment_id": environment_id, "rest_endpoint": endpoint}


class SchemaRegistryHandler(HandlerBase[SchemaRegistryProperties]):
    """Lookup only: create waits for the cluster to appear, delete leaves it to the environment."""

    kind = SCHEMA_REGISTRY

    def _registry(self, ctx: ProviderContext, environment_id: Any) -> dict[str, Any] | None:
        found = cloud(ctx).list_all(COLLECTION, {"environment": str(environment_id)})
        return found[0] if found else None  # one per environment

    def _lookup(self, ctx: ProviderContext, environment_id: Any) -> Attributes | None:
        try:
            found = self._registry(ctx, environment_id)
        except ConfluentApiError as error:  # 403: the environment may be gone (by hand)
            if confirmed_gone(error, lambda: not environment_gone(cloud(ctx),
                                                                  str(environment_id))):
                return None
            raise
        return _attrs(found, environment_id) if found else None

    def find(self, ctx: ProviderContext, address: str,
             properties: SchemaRegistryProperties) -> Attributes | None:
        return self._lookup(ctx, properties["environment_id"])

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        if not attributes.get("id"):
            return self._lookup(ctx, attributes["environment_id"])
        try:
            obj = cloud(ctx).get(f"{COLLECTION}/{attributes['id']}",
                                 {"environment": str(attributes["environment_id"])})
        except ConfluentApiError as error:  # 404, or 403 once its environment is gone
            environment_id = str(attributes["environment_id"])
            if confirmed_gone(error, lambda: (self._registry(ctx, environment_id) or {}).get(
                    "id") == attributes["id"], lambda: environment_gone(cloud(ctx),
                                                                         environment_id)):
                return None
            raise
        return _attrs(obj, attributes["environment_id"])

    def create(self, ctx: ProviderContext, address: str,
               properties: SchemaRegistryProperties) -> Attributes:
        found = self._lookup(ctx, properties["environment_id"])
        return found or {"id": None, "environment_id": properties["environment_id"]}

    def update(self, ctx: ProviderContext, address: str, properties: SchemaRegistryProperties,
               attributes: Attributes) -> Attributes:
        return self.create(ctx, address, properties)

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        return None

    def left_in_place(self, attributes: Attributes,
                      ctx: ProviderContext | None) -> str | None:
        """Destroy never deletes the registry: it belongs to its environment, deleted with
        it only when privnet created that environment."""
        return (f"Schema Registry {attributes.get('id') or '(none)'} left in place: it goes "
                "with its environment")

    def check_ready(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Readiness:
        obj = self._registry(ctx, attributes["environment_id"])
        if obj is None:
            return Readiness(False, "Schema Registry not created yet")
        found = _attrs(obj, attributes["environment_id"])
        phase = str(dig(obj, "status", "phase") or "")
        if phase == "FAILED":
            why = status_message(obj.get("status"))
            return Readiness(False, failure_detail(self.kind.name, phase, why), found, failed=True)
        if phase and phase != "PROVISIONED":
            return Readiness(False, f"Schema Registry {obj.get('id')} is {phase}", found)
        if not found.get("rest_endpoint"):
            return Readiness(False, f"Schema Registry {obj.get('id')} is {phase or 'ready'} but "
                             "the answer has no spec.private_http_endpoint or "
                             "spec.http_endpoint", found, failed=True)
        return Readiness(True, phase or "found", found)
