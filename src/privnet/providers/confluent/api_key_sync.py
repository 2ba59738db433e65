"""The API-key sync check: ready once the newest key is accepted where it is used.

Kept apart from the key itself because the call goes to the (private) cluster endpoint and
must wait for the runner's DNS path; once the key works it becomes the active key, so the
layout secret clients read is switched to it here.
"""

from __future__ import annotations

from privnet.providers.base import Attributes, HandlerBase, ProviderContext, Readiness
from privnet.providers.confluent.api_key import tags
from privnet.providers.confluent.client_layouts import write_layouts
from privnet.providers.confluent.data_plane import credentials
from privnet.providers.confluent.sync_check import key_works
from privnet.resources.kinds.confluent_data import API_KEY_SYNC, ApiKeySyncProperties


class ApiKeySyncHandler(HandlerBase[ApiKeySyncProperties]):
    kind = API_KEY_SYNC

    def find(self, ctx: ProviderContext, address: str,
             properties: ApiKeySyncProperties) -> Attributes | None:
        return None

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        return attributes

    def create(self, ctx: ProviderContext, address: str,
               properties: ApiKeySyncProperties) -> Attributes:
        return {"id": properties["key_id"], **properties, "synced": False}

    def update(self, ctx: ProviderContext, address: str, properties: ApiKeySyncProperties,
               attributes: Attributes) -> Attributes:
        return self.create(ctx, address, properties)

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        return None

    def check_ready(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Readiness:
        creds = credentials(ctx, str(attributes["secret_name"]), str(attributes["key_id"]))
        if not key_works(ctx, str(attributes["resource"]), str(attributes["resource_id"]),
                         str(attributes["rest_endpoint"]), creds):
            return Readiness(False, f"API key {creds.key} not synced yet")
        write_layouts(ctx, attributes, creds, tags(ctx, address))
        return Readiness(True, "synced", {**attributes, "synced": True})
