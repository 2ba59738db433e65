"""API keys per (service account, resource), rotated, with secrets only in Secrets Manager.

The secret exists in exactly one answer (the create response); it is written to its per-key
secret at once, before anything else happens, and never enters attributes, logs or errors.
The resource keeps a ring of keys; ``update`` applies :func:`privnet.keys.rotation.decide`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from typing import Any

from privnet.errors import PrivnetError
from privnet.facts.tags import ADDRESS_TAG, STACK_TAG
from privnet.keys.rotation import KeyRecord, RotationPolicy, decide
from privnet.keys.secrets import (
    KeyCredentials,
    delete_secret,
    key_secret_name,
    load_key,
    store_key,
)
from privnet.providers.base import (
    OBSERVED,
    REPLACE_REASON,
    Attributes,
    HandlerBase,
    ProviderContext,
    Readiness,
    UnreachableError,
)
from privnet.providers.confluent.client_layouts import (
    client_layouts,
    layouts_written,
    prune_vpc_layouts,
    vpc_layout_names,
    write_layouts,
)
from privnet.providers.confluent.control_plane import cloud, dig
from privnet.providers.confluent.errors import ConfluentApiError
from privnet.providers.confluent.gone import confirmed_gone, lists_id
from privnet.providers.confluent.sync_check import key_works
from privnet.resources.kinds.confluent_control import API_KEY, ApiKeyProperties
from privnet.resources.kinds.confluent_data import API_KEY_SYNC

COLLECTION = "/iam/v2/api-keys"
MISSING_KEY = "key deleted outside privnet: a new key replaces it"
MISSING_SECRET = ("secret missing from Secrets Manager: the key cannot be used, a new key "
                  "replaces it")


def tags(ctx: ProviderContext, address: str) -> dict[str, str]:
    return {STACK_TAG: ctx.stack, ADDRESS_TAG: address}


def _records(attributes: Attributes) -> list[KeyRecord]:
    return [KeyRecord(id=str(k["id"]), created_at=date.fromisoformat(str(k["created_at"])),
                      synced=bool(k["synced"])) for k in attributes.get("keys") or []]


def _record_dict(record: KeyRecord) -> dict[str, Any]:
    return {"id": record.id, "created_at": record.created_at.isoformat(),
            "synced": record.synced}


class ApiKeyHandler(HandlerBase[ApiKeyProperties]):
    kind = API_KEY

    def __init__(self, today: Callable[[], date] = date.today) -> None:
        self.today = today

    # -- helpers --------------------------------------------------------------------------
    def _listed(self, ctx: ProviderContext,
                values: ApiKeyProperties | Attributes) -> list[dict[str, Any]]:
        found = cloud(ctx).list_all(COLLECTION, {"spec.owner": str(values["owner_id"]),
                                                 "spec.resource": str(values["resource_id"])})
        return [k for k in found if dig(k, "spec", "display_name") == values["display_name"]]

    def _new_key(self, ctx: ProviderContext, address: str,
                 values: ApiKeyProperties) -> KeyRecord:
        today = self.today()
        answer = cloud(ctx).post(COLLECTION, {"spec": {
            "display_name": values["display_name"],
            "description": f"privnet {ctx.stack} {address} created {today.isoformat()}",
            "owner": {"id": values["owner_id"]},
            # apikeys-v2 ObjectReference: ``environment`` is the environment id, a string.
            "resource": {"id": values["resource_id"],
                         "environment": values["environment_id"]},
        }})
        key_id = str(answer["id"]) if isinstance(answer, dict) and answer.get("id") else ""
        secret = dig(answer, "spec", "secret")
        if not key_id or not isinstance(secret, str) or not secret:
            if key_id:
                self._delete_key(ctx, key_id, str(values["owner_id"]))
            missing = "spec.secret" if key_id else "id"
            raise PrivnetError(
                f"{address}: the API key create answer has no {missing}; the secret is only "
                f"ever in that answer, so the key {key_id or '(unknown)'} cannot be used"
                f"{' and was deleted' if key_id else ''}; apply again to create another")
        creds = KeyCredentials(key=key_id, secret=secret)
        sm, layout = ctx.aws("secretsmanager"), str(values["secret_name"])
        try:
            store_key(sm, layout, creds, tags(ctx, address))
        except Exception:
            # The store may have taken effect with its answer lost: then the key is usable.
            # Otherwise neither the key nor a half-stored secret may outlive this create.
            with contextlib.suppress(Exception):
                if load_key(sm, layout, key_id) == creds:
                    return KeyRecord(id=key_id, created_at=today, synced=False)
            with contextlib.suppress(Exception):
                delete_secret(sm, key_secret_name(layout, key_id))
            self._delete_key(ctx, key_id, str(values["owner_id"]))
            raise
        return KeyRecord(id=key_id, created_at=today, synced=False)

    def _delete_key(self, ctx: ProviderContext, key_id: str, owner_id: str) -> None:
        """Delete one key; already gone is success (the API answers 403 for that, not 404)."""
        try:
            cloud(ctx).delete(f"{COLLECTION}/{key_id}")
        except ConfluentApiError as error:
            if not confirmed_gone(error, lambda: self._owner_has(ctx, owner_id, key_id)):
                raise

    def _owner_has(self, ctx: ProviderContext, owner_id: str, key_id: str) -> bool:
        return lists_id(cloud(ctx), COLLECTION, {"spec.owner": owner_id}, key_id)

    def _write_layout(self, ctx: ProviderContext, address: str, values: ApiKeyProperties,
                      key_id: str) -> None:
        self._prune_layouts(ctx, address, values)  # stale ones go even if nothing is written
        creds = load_key(ctx.aws("secretsmanager"), str(values["secret_name"]), key_id)
        if creds is None:
            return
        write_layouts(ctx, values, creds, tags(ctx, address))

    def _prune_layouts(self, ctx: ProviderContext, address: str,
                       values: ApiKeyProperties) -> None:
        """Delete this key's per-VPC client secrets for VPCs no longer produced."""
        prune_vpc_layouts(ctx, str(values["secret_name"]), set(client_layouts(values)),
                          tags(ctx, address))

    def _attrs(self, values: ApiKeyProperties | Attributes,
               records: list[KeyRecord]) -> Attributes:
        ordered = sorted(records, key=lambda r: (r.created_at, r.id))
        return {
            "id": ordered[-1].id if ordered else None,
            "secret_name": values["secret_name"],
            "keys": [_record_dict(r) for r in ordered],
            **{name: values.get(name) for name in (
                "display_name", "owner_id", "resource", "resource_id", "environment_id",
                "client_endpoint", "client_endpoints", "rest_endpoint", "keep",
                "day_count")},
            # VPC -> its client secret name (names only, kept by the state; for privnet output)
            "per_vpc_secret_name": vpc_layout_names(values),
        }

    def _stored(self, ctx: ProviderContext, values: ApiKeyProperties) -> tuple[
            list[KeyRecord], list[str]]:
        """Listed keys whose secret privnet stored (adoptable) and those it did not."""
        sm = ctx.aws("secretsmanager")
        kept: list[KeyRecord] = []
        orphans: list[str] = []
        for key in self._listed(ctx, values):
            key_id = str(key["id"])
            if load_key(sm, str(values["secret_name"]), key_id) is None:
                orphans.append(key_id)
                continue
            created = str(dig(key, "metadata", "created_at") or self.today().isoformat())[:10]
            kept.append(KeyRecord(id=key_id, created_at=date.fromisoformat(created),
                                  synced=False))
        return kept, orphans

    def _mark_synced(self, ctx: ProviderContext, values: ApiKeyProperties,
                     records: list[KeyRecord]) -> list[KeyRecord]:
        sm = ctx.aws("secretsmanager")
        result: list[KeyRecord] = []
        for record in records:
            synced = record.synced
            if not synced:
                creds = load_key(sm, str(values["secret_name"]), record.id)
                try:
                    synced = creds is not None and key_works(
                        ctx, str(values["resource"]), str(values["resource_id"]),
                        str(values["rest_endpoint"]), creds)
                except (UnreachableError, ConfluentApiError):
                    synced = False  # unknown counts as not synced: never deleted for it
            result.append(KeyRecord(record.id, record.created_at, synced))
        return result

    # -- the handler protocol ---------------------------------------------------------------
    def find(self, ctx: ProviderContext, address: str,
             properties: ApiKeyProperties) -> Attributes | None:
        kept, _ = self._stored(ctx, properties)
        if not kept:
            return None
        attrs = self._attrs(properties, kept)
        creds = load_key(ctx.aws("secretsmanager"), str(properties["secret_name"]),
                         str(attrs["id"]))
        if creds is None or not layouts_written(ctx, properties, creds):
            return None  # a create cut short before its client secrets: create completes it
        return attrs

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        """The listed keys of the ring; the key clients use (the newest) deleted by hand, or
        its secret gone from Secrets Manager, makes the plan replace the resource (the secret
        only ever existed in the create answer). Nothing listed at all: the recorded
        attributes as they are, so that a wait after deletion sees them gone."""
        listed = {str(k["id"]) for k in self._listed(ctx, attributes)}
        records = [r for r in _records(attributes) if r.id in listed]
        active = str(attributes.get("id") or "")
        if not records or (active and active not in listed):
            return {**attributes, OBSERVED: {REPLACE_REASON: MISSING_KEY}}
        if active and load_key(ctx.aws("secretsmanager"), str(attributes["secret_name"]),
                               active) is None:
            return {**self._attrs(attributes, records),
                    OBSERVED: {REPLACE_REASON: MISSING_SECRET}}
        return self._attrs(attributes, records)

    def create(self, ctx: ProviderContext, address: str,
               properties: ApiKeyProperties) -> Attributes:
        kept, orphans = self._stored(ctx, properties)
        for key_id in orphans:  # a key whose secret was never stored can never be used
            self._delete_key(ctx, key_id, str(properties["owner_id"]))
        records = kept or [self._new_key(ctx, address, properties)]
        attrs = self._attrs(properties, records)
        self._write_layout(ctx, address, properties, str(attrs["id"]))
        return attrs

    def update(self, ctx: ProviderContext, address: str, properties: ApiKeyProperties,
               attributes: Attributes) -> Attributes:
        """Rotate: create at most one key, delete only keys older than the active one."""
        records = self._mark_synced(ctx, properties, _records(attributes))
        policy = RotationPolicy(keep=int(properties["keep"]),
                                day_count=int(properties["day_count"]))
        decision = decide(records, policy, self.today())
        if decision.create:
            records.append(self._new_key(ctx, address, properties))
        sm = ctx.aws("secretsmanager")
        for key_id in decision.delete:
            self._delete_key(ctx, key_id, str(properties["owner_id"]))
            delete_secret(sm, key_secret_name(str(properties["secret_name"]), key_id))
        records = [r for r in records if r.id not in decision.delete]
        attrs = self._attrs(properties, records)
        active = decision.active or attrs["id"]
        if active:
            self._write_layout(ctx, address, properties, str(active))
        return attrs

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        """Every key of the ring, whether or not its secret is still stored. Each key's own
        secret goes first, so no other object of the run borrows a key being deleted."""
        sm = ctx.aws("secretsmanager")
        for record in _records(attributes):
            delete_secret(sm, key_secret_name(str(attributes["secret_name"]), record.id))
            self._delete_key(ctx, record.id, str(attributes["owner_id"]))
        for name in client_layouts(attributes):
            delete_secret(sm, name)
        # per-VPC secrets the state no longer names (a VPC dropped before, an older state)
        prune_vpc_layouts(ctx, str(attributes["secret_name"]), set(), tags(ctx, address))

    def check_ready(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Readiness:
        return Readiness(True, f"created (sync is checked by {API_KEY_SYNC.name})")
