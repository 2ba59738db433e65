"""Bodies of ``privnet keys status|rotate|export``.

``status`` reads each recorded key ring the way ``plan`` does (so a key deleted by hand shows)
and prints ids, ages and dates, never a secret. ``rotate`` records a rotation request on the
chosen rings (under the stack's lock, with a backup, as every state edit) and runs ``apply``;
a plan with other changes is refused first, so a rotation never carries unrelated changes.
``export`` is the one command that prints a secret: to stdout only, on request.
"""

from __future__ import annotations

import json
import shlex
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from privnet.cli.engine_run import EngineOptions, build_engine, load_topology, run_apply
from privnet.cli.errors import EXIT_OK
from privnet.cli.file_argument import topology_file
from privnet.cli.json_exact import json_exact
from privnet.cli.services import DEFAULT_SERVICES, Services
from privnet.errors import PrivnetError
from privnet.resources.kinds.confluent_control import API_KEY

if TYPE_CHECKING:
    from privnet.engine.state import ResourceState, State
    from privnet.keys.rotation import KeyRecord

JSON = "json"
RING_PREFIX = f"{API_KEY.name}."
DAY_SECONDS = 86400


def _emit(text: str) -> None:
    sys.stdout.write(text + "\n")


# -- which rings ------------------------------------------------------------------------------
def account_of(address: str, attributes: Mapping[str, Any]) -> str:
    """The service account a ring belongs to: its address is ``confluent.api_key.A.R``."""
    resource = str(attributes.get("resource") or "")
    middle = address.removeprefix(RING_PREFIX)
    suffix = f".{resource}"
    return middle.removesuffix(suffix) if resource and middle.endswith(suffix) else \
        middle.rpartition(".")[0] or middle


def rings_of(state: State | None, account: str | None) -> dict[str, ResourceState]:
    """The recorded key rings (of ``account`` when given), by address; an account with no
    ring is refused with the accounts that have one."""
    found = {a: r for a, r in (state.resources.items() if state is not None else ())
             if r.kind == API_KEY.name}
    if account is None:
        return dict(sorted(found.items()))
    chosen = {a: r for a, r in found.items() if account_of(a, r.attributes) == account}
    if not chosen:
        known = sorted({account_of(a, r.attributes) for a, r in found.items()})
        raise PrivnetError(
            f"service account {account!r} has no API key recorded in this stack; accounts "
            f"with keys: {', '.join(known) or 'none (run privnet apply first)'}")
    return dict(sorted(chosen.items()))


# -- status -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class KeyRow:
    id: str
    created_at: datetime
    age_days: int
    synced: bool
    active: bool
    gone: bool


@dataclass(frozen=True)
class RingStatus:
    address: str
    account: str
    resource: str
    keys: list[KeyRow]
    next_rotation: str
    """A date, ``now``, ``overdue since DATE``, or ``waiting for KEY to sync``."""
    due_at: datetime | None
    pending: str | None
    """Why the next apply changes this ring (None: settled)."""


def _next_rotation(keys: Sequence[KeyRecord], attributes: Mapping[str, Any],
                   now: datetime) -> tuple[str, datetime | None]:
    from privnet.keys.rotation import by_age, next_rotation
    from privnet.providers.confluent.api_key import ROTATION_REQUESTED, policy_of

    ordered = by_age(keys)
    if attributes.get(ROTATION_REQUESTED):
        return "now (requested)", now
    if not ordered:
        return "now", None
    due = next_rotation(ordered, policy_of(dict(attributes)))
    if due is None:
        return f"waiting for {ordered[-1].id} to sync", None
    if due > now:
        return due.date().isoformat(), due
    late = (now - due).total_seconds() >= DAY_SECONDS
    return (f"overdue since {due.date().isoformat()}" if late else "now"), due


def _ring_status(address: str, recorded: ResourceState, seen: Mapping[str, Any] | None,
                 note: str | None, now: datetime) -> RingStatus:
    from privnet.providers.base import OBSERVED, REPLACE_REASON, UPDATE_REASON
    from privnet.providers.confluent.api_key import MISSING_KEY, ring

    attributes = recorded.attributes
    observed = (seen or {}).get(OBSERVED) or {}
    reason = observed.get(REPLACE_REASON) or observed.get(UPDATE_REASON)
    all_gone = seen is None or reason == MISSING_KEY
    listed = set() if all_gone else {k.id for k in ring(dict(seen or {}))}
    active = str((seen or attributes).get("active_key_id") or "")
    recorded_keys = ring(attributes)
    live = [k for k in recorded_keys if k.id in listed]
    rows = [KeyRow(k.id, k.created_at, int((now - k.created_at).total_seconds() // DAY_SECONDS),
                   k.synced, k.id == active and k.id in listed, k.id not in listed)
            for k in recorded_keys]
    if recorded.pending:
        reason = "its creation is not confirmed yet: the next apply checks it"
    elif note:
        reason = note
    elif seen is None:
        reason = "the ring is gone: the next apply creates it"
    text, due = _next_rotation(live, attributes, now)
    return RingStatus(address, account_of(address, attributes), str(attributes.get("resource")),
                      rows, text, due, str(reason) if reason else None)


def run_status(file: Path | None, state_dir: Path, parallelism: int, account: str | None,
               output: str, services: Services = DEFAULT_SERVICES) -> int:
    return json_exact(lambda: _status(file, state_dir, parallelism, account, output,
                                      services), output)


def _status(file: Path | None, state_dir: Path, parallelism: int, account: str | None,
            output: str, services: Services) -> int:
    from privnet.engine.planner import refresh
    from privnet.keys.clock import system_clock

    engine = build_engine(load_topology(file), EngineOptions(state_dir, parallelism), services,
                          writes_state=False)
    state = engine.store.load() if engine.store.exists() else None
    rings = rings_of(state, account)
    observed: Mapping[str, Any] = {}
    notes: Mapping[str, str] = {}
    if state is not None and rings:
        observed, notes = refresh(state, engine.handler_for, engine.ctx, engine.parallelism,
                                  engine.policy, only=set(rings))
    now = system_clock()
    statuses = [_ring_status(a, r, r.attributes if r.pending else observed.get(a),
                             notes.get(a), now) for a, r in rings.items()]
    if output == JSON:
        _emit(json.dumps(_status_document(engine.store.stack, now, statuses), indent=2))
    elif state is None:
        sys.stderr.write(f"note: stack {engine.store.stack} has no state: no API key yet "
                         "(privnet apply creates them)\n")
    elif not statuses:
        sys.stderr.write(f"note: stack {engine.store.stack} records no API key\n")
    else:
        _emit(_status_text(statuses))
    return EXIT_OK


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _status_text(statuses: Sequence[RingStatus]) -> str:
    header = ("RING", "ACCOUNT", "RESOURCE", "KEY", "CREATED", "AGE(DAYS)", "SYNCED", "ACTIVE")
    rows = [header]
    for ring in statuses:
        rows.extend((ring.address, ring.account, ring.resource, k.id,
                     k.created_at.date().isoformat(), str(k.age_days),
                     "gone" if k.gone else _yes(k.synced), _yes(k.active))
                    for k in ring.keys)
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in rows]
    lines.append("")
    for ring in statuses:
        lines.append(f"{ring.address}: next rotation {ring.next_rotation}"
                     + (f"; pending: {ring.pending}" if ring.pending else ""))
        gone = [k.id for k in ring.keys if k.gone]
        if gone:
            lines.append(f"  deleted outside privnet: {', '.join(gone)}")
    return "\n".join(lines)


def _status_document(stack: str, now: datetime,
                     statuses: Sequence[RingStatus]) -> dict[str, Any]:
    return {"stack": stack, "now": now.isoformat(), "rings": [{
        "address": r.address, "account": r.account, "resource": r.resource,
        "next_rotation": r.next_rotation,
        "next_rotation_at": r.due_at.isoformat() if r.due_at else None,
        "pending": r.pending,
        "keys": [{"id": k.id, "created_at": k.created_at.isoformat(), "age_days": k.age_days,
                  "synced": k.synced, "active": k.active, "deleted_outside_privnet": k.gone}
                 for k in r.keys]} for r in statuses]}


# -- rotate -----------------------------------------------------------------------------------
class OtherChangesPending(PrivnetError):
    """A rotation runs an apply: it is refused while the plan holds anything but key rings."""


def run_rotate(file: Path | None, state_dir: Path, parallelism: int, account: str | None,
               yes: bool, output: str, services: Services = DEFAULT_SERVICES,
               no_color: bool = False) -> int:
    return json_exact(lambda: _rotate(topology_file(file), state_dir, parallelism, account, yes,
                                      output, services, no_color), output)


def _rotate(file: Path, state_dir: Path, parallelism: int, account: str | None, yes: bool,
            output: str, services: Services, no_color: bool) -> int:
    from privnet.cli.checked_topology import load_checked_topology

    options = EngineOptions(state_dir, parallelism)
    engine = build_engine(load_checked_topology(file, "rotate the keys of"), options, services)
    engine.store.lock("keys rotate").check_free()
    rings = rings_of(engine.store.load() if engine.store.exists() else None, account)
    if not rings:
        raise PrivnetError(f"stack {engine.store.stack} records no API key: run "
                           f"`privnet apply {file}` first")
    others = [c for c in engine.plan().actionable if c.kind != API_KEY.name]
    if others:
        raise OtherChangesPending(
            "other changes are pending: run privnet apply first (a rotation applies key "
            "rings only): " + ", ".join(f"{c.action.value} {c.address}" for c in others))
    before = _request_rotation(engine.store, list(rings))
    # --account: the apply is limited to that account's rings (another ring due by age waits)
    scoped = EngineOptions(state_dir, parallelism, tuple(rings) if account else ())
    code = run_apply(file, scoped, yes, output, services, no_color)
    if code != EXIT_OK:
        _withdraw_untouched(engine.store, before)
    return code


def _key_ids(record: ResourceState) -> list[str]:
    return [str(k.get("id")) for k in record.attributes.get("keys") or []]


def _request_rotation(store: Any, addresses: Sequence[str]) -> dict[str, list[str]]:
    """Record the request on each ring (a state edit: locked, backed up, serial bumped);
    returns each ring's key ids as they were."""
    from privnet.providers.confluent.api_key import ROTATION_REQUESTED

    with store.lock("keys rotate"):
        state = store.load()
        for address in addresses:
            state.resources[address].attributes[ROTATION_REQUESTED] = True
        store.write(state)
    return {a: _key_ids(state.resources[a]) for a in addresses}


def _withdraw_untouched(store: Any, before: Mapping[str, list[str]]) -> None:
    """A declined or failed rotation leaves no request behind on a ring it did not reach
    (else a later, unrelated apply would rotate it)."""
    from privnet.providers.confluent.api_key import ROTATION_REQUESTED

    with store.lock("keys rotate"):
        state = store.load()
        withdrawn = [a for a, ids in before.items() if a in state.resources
                     and state.resources[a].attributes.get(ROTATION_REQUESTED)
                     and _key_ids(state.resources[a]) == ids]
        for address in withdrawn:
            state.resources[address].attributes.pop(ROTATION_REQUESTED, None)
        if withdrawn:
            store.write(state)
            sys.stderr.write("the rotation did not start; nothing is left requested\n")


# -- export -----------------------------------------------------------------------------------
def run_export(file: Path | None, state_dir: Path, account: str, resource: str | None,
               vpc: str | None, output: str, services: Services = DEFAULT_SERVICES) -> int:
    from privnet.engine.state import StateStore
    from privnet.targets.preflight import preflight_context

    topology = load_topology(file)
    store = StateStore(topology.stack, state_dir)
    store.check_directory(writable=False)
    if not store.exists():
        raise PrivnetError(f"stack {topology.stack} has no state: no key to export; run "
                           f"`privnet apply` first")
    address, ring = _one_ring(rings_of(store.load(), account), account, resource)
    name = _secret_name(ring.attributes, output, vpc)
    ctx = services.make_context(topology)
    preflight_context(ctx)
    value = _secret_value(ctx.aws("secretsmanager"), name, address)
    from privnet.keys.layout import credentials_in

    held = credentials_in(value)
    sys.stderr.write(f"read {name} (AWSCURRENT), key {held.key if held else '(none)'}\n")
    _emit(export_text(value, output, str(ring.attributes.get("resource"))))
    return EXIT_OK


def _one_ring(rings: Mapping[str, ResourceState], account: str,
              resource: str | None) -> tuple[str, ResourceState]:
    by_resource = {str(r.attributes.get("resource")): (a, r) for a, r in rings.items()}
    if resource is not None:
        if resource not in by_resource:
            raise PrivnetError(f"service account {account!r} has no API key on {resource!r}; "
                               f"it has keys on: {', '.join(sorted(by_resource))}")
        return by_resource[resource]
    if len(by_resource) > 1:
        raise PrivnetError(f"service account {account!r} has keys on several resources: "
                           f"{', '.join(sorted(by_resource))}; choose one with --resource")
    return next(iter(by_resource.values()))


def _secret_name(attributes: Mapping[str, Any], output: str, vpc: str | None) -> str:
    """The client secret the format is made from (the VPC's own with ``vpc``)."""
    from privnet.keys.layout import (
        JAVA_CLIENT,
        LIBRDKAFKA,
        SCHEMA_REGISTRY,
        SCHEMA_REGISTRY_CLIENT,
        vpc_secret_name,
    )
    from privnet.providers.confluent.client_layouts import client_secrets

    named = client_secrets(attributes)
    if attributes.get("resource") == SCHEMA_REGISTRY:
        wanted = SCHEMA_REGISTRY_CLIENT
    else:
        wanted = JAVA_CLIENT if output == "properties" else LIBRDKAFKA
    if wanted not in named:
        raise PrivnetError(f"the state names no {wanted} client secret for this key (an "
                           "older state): run `privnet apply` to write it")
    if vpc is None:
        return named[wanted]
    vpcs = sorted(attributes.get("per_vpc_secret_name") or {})
    if vpc not in vpcs:
        raise PrivnetError(f"no client secret of its own for VPC {vpc!r}: " + (
            f"the VPCs with one are {', '.join(vpcs)}" if vpcs else
            "one endpoint serves every VPC, so leave out --vpc"))
    return vpc_secret_name(named[wanted], vpc)


def _secret_value(sm: Any, name: str, address: str) -> dict[str, Any]:
    try:
        answer = sm.get_secret_value(SecretId=name, VersionStage="AWSCURRENT")
        value = json.loads(answer["SecretString"])
    except (sm.exceptions.ResourceNotFoundException, sm.exceptions.InvalidRequestException):
        value = None
    except (KeyError, TypeError, ValueError):
        value = None
    if not isinstance(value, dict):
        raise PrivnetError(f"secret {name} of {address} is missing from Secrets Manager (or "
                           "holds no client configuration): run `privnet apply` to write it")
    return {str(k): v for k, v in value.items()}


def _property_escape(text: str, key: bool = False) -> str:
    """Java properties escaping: backslashes, line breaks, and (in keys) separators."""
    out = (text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
           .replace("\t", "\\t"))
    if key:
        out = out.replace("=", "\\=").replace(":", "\\:").replace(" ", "\\ ")
    elif out.startswith(" "):
        out = "\\" + out
    return out


ENV_KAFKA = (("KAFKA_BOOTSTRAP_SERVERS", "bootstrap.servers"),
             ("KAFKA_SECURITY_PROTOCOL", "security.protocol"),
             ("KAFKA_SASL_MECHANISMS", "sasl.mechanisms"),
             ("KAFKA_SASL_USERNAME", "sasl.username"),
             ("KAFKA_SASL_PASSWORD", "sasl.password"))
ENV_SCHEMA_REGISTRY = (("SCHEMA_REGISTRY_URL", "schema.registry.url"),
                       ("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO",
                        "schema.registry.basic.auth.user.info"))


def export_text(value: Mapping[str, Any], output: str, resource: str) -> str:
    """A client configuration in ``output`` format from a client secret's content."""
    from privnet.keys.layout import SCHEMA_REGISTRY

    if output == JSON:
        return json.dumps(dict(value), indent=2, sort_keys=True)
    if output == "env":
        pairs = ENV_SCHEMA_REGISTRY if resource == SCHEMA_REGISTRY else ENV_KAFKA
        return "\n".join(f"export {env}={shlex.quote(str(value.get(key, '')))}"
                         for env, key in pairs)
    lines = dict(value)
    if resource != SCHEMA_REGISTRY:
        lines |= {"security.protocol": "SASL_SSL", "sasl.mechanism": "PLAIN"}
    return "\n".join(f"{_property_escape(k, key=True)}={_property_escape(str(v))}"
                     for k, v in sorted(lines.items()))
