"""API keys per (service account, resource): a ring rotated by age, with secrets only in
Secrets Manager.

The secret exists in exactly one answer (the create response); it is written to its per-key
secret at once, before anything else happens, and never enters attributes, logs or errors.

One apply settles a rotation (:mod:`privnet.keys.rotation` decides): ``update`` creates the
new key when the newest is ``day_count`` days old; ``check_ready`` waits until the newest key
works where it is used, then *publishes* it (a new version of every client secret, so readers
of ``AWSCURRENT`` switch at once and ``AWSPREVIOUS`` keeps the key before) and only then
deletes the oldest keys beyond ``keep``. ``read`` tells the plan why a ring is not settled
(:data:`~privnet.providers.base.UPDATE_REASON`), so a plan proposes a rotation exactly when
one is due and nothing otherwise.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

from privnet.errors import PrivnetError
from privnet.facts.tags import ADDRESS_TAG, STACK_TAG
from privnet.keys.clock import Clock, parse_instant, system_clock
from privnet.keys.layout import KeyCredentials, key_secret_name, key_secret_prefix
from privnet.keys.rotation import (
    KeyRecord,
    RotationPolicy,
    by_age,
    decide,
    unsettled,
)
from privnet.keys.secrets import (
    check_writable,
    delete_owned,
    delete_secret,
    load_key,
    store_key,
)
from privnet.providers.base import (
    OBSERVED,
    REPLACE_REASON,
    UPDATE_REASON,
    Attributes,
    HandlerBase,
    ProviderContext,
    Readiness,
)
from privnet.providers.confluent.client_layouts import (
    client_layouts,
    client_secrets,
    prune_owned,
    prune_vpc_layouts,
    published_key,
    vpc_layout_names,
    write_layouts,
)
from privnet.providers.confluent.control_plane import cloud, dig
from privnet.providers.confluent.errors import ConfluentApiError
from privnet.providers.confluent.gone import confirmed_gone, lists_id
from privnet.providers.confluent.sync_check import key_works
from privnet.resources.kinds.confluent_control import API_KEY, ApiKeyProperties

COLLECTION = "/iam/v2/api-keys"
MISSING_KEY = "key deleted outside privnet: a new key replaces it"
MISSING_SECRET = ("secret missing from Secrets Manager: the key cannot be used, a new key "
                  "replaces it")
ROTATION_REQUESTED = "rotation_requested"
"""Attribute ``privnet keys rotate`` records on a ring: rotate at the next apply, whatever
the newest key's age (recorded in state, so an interrupted request is not lost)."""


def tags(ctx: ProviderContext, address: str) -> dict[str, str]:
    return {STACK_TAG: ctx.stack, ADDRESS_TAG: address}


def ring(attributes: Attributes) -> list[KeyRecord]:
    """The keys a state record lists (older states wrote dates, read as midnight UTC)."""
    return [KeyRecord(id=str(k["id"]), created_at=parse_instant(str(k["created_at"])),
                      synced=bool(k["synced"])) for k in attributes.get("keys") or []]


def policy_of(values: ApiKeyProperties | Attributes) -> RotationPolicy:
    return RotationPolicy(keep=int(values["keep"]), day_count=int(values["day_count"]))


def _record_dict(record: KeyRecord) -> dict[str, Any]:
    return {"id": record.id, "created_at": record.created_at.isoformat(),
            "synced": record.synced}


class ApiKeyHandler(HandlerBase[ApiKeyProperties]):
    kind = API_KEY

    def __init__(self, clock: Clock = system_clock) -> None:
        self.clock = clock

    # -- the cloud ----------------------------------------------------------------------
    def _listed(self, ctx: ProviderContext,
                values: ApiKeyProperties | Attributes) -> list[dict[str, Any]]:
        found = cloud(ctx).list_all(COLLECTION, {"spec.owner": str(values["owner_id"]),
                                                 "spec.resource": str(values["resource_id"])})
        return [k for k in found if dig(k, "spec", "display_name") == values["display_name"]]

    def _new_key(self, ctx: ProviderContext, address: str, values: ApiKeyProperties,
                 ring_now: Sequence[KeyRecord] = ()) -> KeyRecord:
        now = self.clock()
        if ring_now:  # the newest key stays the newest, even when the clock stands still
            now = max(now, by_age(ring_now)[-1].created_at + timedelta(microseconds=1))
        answer = cloud(ctx).post(COLLECTION, {"spec": {
            "display_name": values["display_name"],
            "description": f"privnet {ctx.stack} {address} created {now.date().isoformat()}",
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
                    return KeyRecord(id=key_id, created_at=now, synced=False)
            with contextlib.suppress(Exception):
                delete_secret(sm, key_secret_name(layout, key_id))
            self._delete_key(ctx, key_id, str(values["owner_id"]))
            raise
        return KeyRecord(id=key_id, created_at=now, synced=False)

    def _delete_key(self, ctx: ProviderContext, key_id: str, owner_id: str) -> None:
        """Delete one key; already gone is success (the API answers 403 for that, not 404)."""
        try:
            cloud(ctx).delete(f"{COLLECTION}/{key_id}")
        except ConfluentApiError as error:
            if not confirmed_gone(error, lambda: self._owner_has(ctx, owner_id, key_id)):
                raise

    def _owner_has(self, ctx: ProviderContext, owner_id: str, key_id: str) -> bool:
        return lists_id(cloud(ctx), COLLECTION, {"spec.owner": owner_id}, key_id)

    def _stored(self, ctx: ProviderContext, values: ApiKeyProperties,
                listed: list[dict[str, Any]] | None = None) -> tuple[
            list[KeyRecord], list[str]]:
        """Listed keys whose secret privnet stored (adoptable) and those it did not."""
        sm = ctx.aws("secretsmanager")
        kept: list[KeyRecord] = []
        orphans: list[str] = []
        for key in self._listed(ctx, values) if listed is None else listed:
            key_id = str(key["id"])
            if load_key(sm, str(values["secret_name"]), key_id) is None:
                orphans.append(key_id)
                continue
            created = dig(key, "metadata", "created_at")
            try:
                when = parse_instant(str(created)) if created else self.clock()
            except ValueError:
                when = self.clock()
            kept.append(KeyRecord(id=key_id, created_at=when, synced=False))
        return kept, orphans

    def _with_sync(self, ctx: ProviderContext, values: ApiKeyProperties | Attributes,
                   records: Sequence[KeyRecord]) -> list[KeyRecord]:
        """The ring with each unsynced key tried once where it is used."""
        sm = ctx.aws("secretsmanager")
        result: list[KeyRecord] = []
        for record in records:
            synced = record.synced
            if not synced:
                creds = load_key(sm, str(values["secret_name"]), record.id)
                synced = creds is not None and key_works(
                    ctx, str(values["resource"]), str(values["resource_id"]),
                    str(values["rest_endpoint"]), creds)
            result.append(KeyRecord(record.id, record.created_at, synced))
        return result

    def _reconciled(self, ctx: ProviderContext, address: str, values: ApiKeyProperties,
                    recorded: Sequence[KeyRecord],
                    listed: list[dict[str, Any]]) -> list[KeyRecord]:
        """The recorded ring against the listed keys: a key deleted outside privnet leaves
        the ring (its stored secret is deleted too); a key of this ring that a cut-short run
        made and did not record (its secret stored under the ring) joins it, so it is
        waited for instead of being made again."""
        ids = {str(k["id"]) for k in listed}
        known = {r.id for r in recorded}
        sm = ctx.aws("secretsmanager")
        for record in recorded:
            if record.id not in ids:
                delete_owned(sm, key_secret_name(str(values["secret_name"]), record.id),
                             tags(ctx, address))
        adopted, _ = self._stored(ctx, values, [k for k in listed if str(k["id"]) not in known])
        return [r for r in recorded if r.id in ids] + adopted

    # -- one ring -------------------------------------------------------------------------
    def _attrs(self, values: ApiKeyProperties | Attributes, records: Sequence[KeyRecord],
               published: str | None) -> Attributes:
        ordered = by_age(records)
        return {
            "id": ordered[-1].id if ordered else None,
            "active_key_id": published,
            "secret_name": values["secret_name"],
            "client_secret_names": client_secrets(values),
            "keys": [_record_dict(r) for r in ordered],
            **{name: values.get(name) for name in (
                "display_name", "owner_id", "resource", "resource_id", "environment_id",
                "client_endpoint", "client_endpoints", "rest_endpoint", "keep",
                "day_count")},
            # VPC -> its client secret name (names only, kept by the state; for privnet output)
            "per_vpc_secret_name": vpc_layout_names(values),
        }

    def _publish(self, ctx: ProviderContext, address: str, values: ApiKeyProperties | Attributes,
                 records: Sequence[KeyRecord]) -> str | None:
        """Every client secret holds the newest synced key (a new version where it held
        another); returns the key published (None while no key has synced)."""
        synced = [r for r in by_age(records) if r.synced]
        if not synced:
            return None
        creds = load_key(ctx.aws("secretsmanager"), str(values["secret_name"]), synced[-1].id)
        if creds is None:
            raise PrivnetError(f"{address}: the secret of API key {synced[-1].id} is gone "
                               "from Secrets Manager; privnet plan shows the key replaced")
        write_layouts(ctx, values, creds, tags(ctx, address))
        return creds.key

    def _prune(self, ctx: ProviderContext, address: str, values: ApiKeyProperties | Attributes,
               records: Sequence[KeyRecord]) -> list[KeyRecord]:
        """Delete the keys the policy lets go (only ever after the active key is published)."""
        step = decide(records, policy_of(values), self.clock())
        sm = ctx.aws("secretsmanager")
        for key_id in step.delete:
            delete_owned(sm, key_secret_name(str(values["secret_name"]), key_id),
                         tags(ctx, address))
            self._delete_key(ctx, key_id, str(values["owner_id"]))
        return [r for r in records if r.id not in step.delete]

    def _settle(self, ctx: ProviderContext, address: str, values: ApiKeyProperties | Attributes,
                records: Sequence[KeyRecord]) -> tuple[list[KeyRecord], str | None]:
        """Sync check, publish, prune: the ring as far as it can go without a new key."""
        checked = self._with_sync(ctx, values, records)
        published = self._publish(ctx, address, values, checked)
        return self._prune(ctx, address, values, checked), published

    # -- the handler protocol ---------------------------------------------------------------
    def find(self, ctx: ProviderContext, address: str,
             properties: ApiKeyProperties) -> Attributes | None:
        kept, _ = self._stored(ctx, properties)
        if not kept:
            return None
        published = published_key(ctx, properties)
        records = [KeyRecord(r.id, r.created_at, r.synced or r.id == published) for r in kept]
        return self._attrs(properties, records, published if published in
                           {r.id for r in records} else None)

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        """The listed keys of the ring. None of them listed any more (deleted by hand), or
        the published key's secret gone from Secrets Manager: the plan replaces the ring (a
        secret only ever existed in its create answer). A ring not settled (a rotation due
        or asked for, a key not synced or not published, more keys than kept): an update,
        with the reason."""
        return self._judged(ctx, attributes, {str(k["id"]) for k in self._listed(ctx, attributes)})

    reads_in_batches = True

    def read_many(self, ctx: ProviderContext,
                  recorded: Mapping[str, Attributes]) -> dict[str, Attributes | None]:
        """Each owner's keys listed once (every page) and matched to the rings as ``read``
        matches them; the Secrets Manager checks stay per ring."""
        owned: dict[str, list[dict[str, Any]]] = {}
        for owner in sorted({str(a["owner_id"]) for a in recorded.values()}):
            owned[owner] = cloud(ctx).list_all(COLLECTION, {"spec.owner": owner})
        answers: dict[str, Attributes | None] = {}
        for address, attributes in recorded.items():
            listed = {str(k["id"]) for k in owned[str(attributes["owner_id"])]
                      if str(dig(k, "spec", "resource", "id")) == str(attributes["resource_id"])
                      and dig(k, "spec", "display_name") == attributes["display_name"]}
            answers[address] = self._judged(ctx, attributes, listed)
        return answers

    def _judged(self, ctx: ProviderContext, attributes: Attributes,
                listed: set[str]) -> Attributes | None:
        """``read``'s answer, given the ids of the ring's keys Confluent lists."""
        records = [r for r in ring(attributes) if r.id in listed]
        if not records:
            return {**attributes, OBSERVED: {REPLACE_REASON: MISSING_KEY}}
        published = str(attributes.get("active_key_id") or "") or None
        kept_published = published if published in {r.id for r in records} else None
        attrs = self._attrs(attributes, records, kept_published)
        if kept_published and load_key(ctx.aws("secretsmanager"),
                                       str(attributes["secret_name"]), kept_published) is None:
            return {**attrs, OBSERVED: {REPLACE_REASON: MISSING_SECRET}}
        why = ("rotation requested by privnet keys rotate"
               if attributes.get(ROTATION_REQUESTED) else
               unsettled(records, policy_of(attributes), self.clock(), kept_published))
        if not why and kept_published and published_key(ctx, attributes) != kept_published:
            why = (f"a client secret does not hold the active key {kept_published} (changed "
                   "or deleted outside privnet): publish it again")
        return {**attrs, OBSERVED: {UPDATE_REASON: why}} if why else attrs

    def create(self, ctx: ProviderContext, address: str,
               properties: ApiKeyProperties) -> Attributes:
        """The first key (or the keys a cut-short run left, adopted); ``check_ready`` waits
        for it to work and publishes it."""
        check_writable(ctx.aws("secretsmanager"), client_layouts(properties),
                       tags(ctx, address))
        kept, orphans = self._stored(ctx, properties)
        for key_id in orphans:  # a key whose secret was never stored can never be used
            self._delete_key(ctx, key_id, str(properties["owner_id"]))
        prune_vpc_layouts(ctx, properties, set(client_layouts(properties)), tags(ctx, address))
        return self._attrs(properties, kept or [self._new_key(ctx, address, properties)], None)

    def update(self, ctx: ProviderContext, address: str, properties: ApiKeyProperties,
               attributes: Attributes) -> Attributes:
        """Settle what is pending, then create one key if one is due (or asked for)."""
        listed = self._listed(ctx, properties)
        records = self._reconciled(ctx, address, properties, ring(attributes), listed)
        # per-VPC client secrets of VPCs no longer produced (endpoints are what updates)
        prune_vpc_layouts(ctx, properties, set(client_layouts(properties)), tags(ctx, address))
        records, published = self._settle(ctx, address, properties, records)
        step = decide(records, policy_of(properties), self.clock(),
                      force=bool(attributes.get(ROTATION_REQUESTED)))
        if step.create:
            records.append(self._new_key(ctx, address, properties, records))
        return self._attrs(properties, records, published)

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        """Every key of the ring, whether or not its secret is still stored. Each key's own
        secret goes first, so no other object of the run borrows a key being deleted; then
        every client secret, at once (no recovery window)."""
        sm, mine = ctx.aws("secretsmanager"), tags(ctx, address)
        for record in ring(attributes):
            delete_owned(sm, key_secret_name(str(attributes["secret_name"]), record.id), mine)
            self._delete_key(ctx, record.id, str(attributes["owner_id"]))
        for name in client_layouts(attributes):
            delete_owned(sm, name, mine)  # a secret someone else wrote there stays
        # per-VPC and per-key secrets the state no longer names (an older state, a key
        # deleted by hand, a run cut short)
        prune_vpc_layouts(ctx, attributes, set(), mine)
        prune_owned(ctx, [key_secret_prefix(str(attributes["secret_name"]))], set(), mine)

    def check_ready(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Readiness:
        """Ready once the newest key works, is published and the ring is pruned."""
        records, published = self._settle(ctx, address, attributes, ring(attributes))
        attrs = {**self._attrs(attributes, records, published), ROTATION_REQUESTED: None}
        newest = by_age(records)[-1] if records else None
        if newest is None:
            return Readiness(False, "no API key in the ring", attrs, failed=True)
        if not newest.synced:
            return Readiness(False, f"API key {newest.id} not synced yet", attrs)
        return Readiness(True, f"key {newest.id} works and is published", attrs)
