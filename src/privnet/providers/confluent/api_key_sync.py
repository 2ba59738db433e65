"""The retired API-key sync check: states written before the key waited for its own sync hold
objects of this kind, which the plan deletes. Nothing exists in a cloud for them."""

from __future__ import annotations

from privnet.errors import PrivnetError
from privnet.providers.base import Attributes, HandlerBase, ProviderContext, Readiness
from privnet.resources.kinds.confluent_data import API_KEY_SYNC, ApiKeySyncProperties

RETIRED = ("confluent.api_key_sync is retired (the API key waits for its own sync): "
           "only an older state holds it, and apply deletes it")


class ApiKeySyncHandler(HandlerBase[ApiKeySyncProperties]):
    kind = API_KEY_SYNC

    def find(self, ctx: ProviderContext, address: str,
             properties: ApiKeySyncProperties) -> Attributes | None:
        return None

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        return attributes

    def create(self, ctx: ProviderContext, address: str,
               properties: ApiKeySyncProperties) -> Attributes:
        raise PrivnetError(RETIRED)

    def update(self, ctx: ProviderContext, address: str, properties: ApiKeySyncProperties,
               attributes: Attributes) -> Attributes:
        raise PrivnetError(RETIRED)

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        return None

    def check_ready(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Readiness:
        return Readiness(True, "retired")
