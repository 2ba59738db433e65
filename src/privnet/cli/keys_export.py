"""``privnet keys export``: the one command that prints a secret, to stdout only, on request."""

from __future__ import annotations

import json
import shlex
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from privnet.cli.engine_run import load_topology
from privnet.cli.errors import EXIT_OK
from privnet.cli.keys_rings import JSON, emit, rings_of
from privnet.cli.services import DEFAULT_SERVICES, Services
from privnet.errors import PrivnetError

if TYPE_CHECKING:
    from privnet.engine.state import ResourceState


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
    _check_key_exists(ctx, ring.attributes, name, held.key if held else None)
    sys.stderr.write(f"read {name} (AWSCURRENT), key {held.key if held else '(none)'}\n")
    emit(export_text(value, output, str(ring.attributes.get("resource"))))
    return EXIT_OK


def _check_key_exists(ctx: Any, attributes: Mapping[str, Any], name: str,
                      key_id: str | None) -> None:
    """Never hand out a key Confluent no longer has (deleted outside privnet since the last
    apply): the configuration would only be refused."""
    from privnet.providers.confluent.api_key import COLLECTION
    from privnet.providers.confluent.control_plane import cloud
    from privnet.providers.confluent.gone import lists_id

    if key_id is None:
        return
    if not lists_id(cloud(ctx), COLLECTION, {"spec.owner": str(attributes.get("owner_id"))},
                    key_id):
        raise PrivnetError(f"the key {key_id} in {name} no longer exists in Confluent Cloud "
                           "(deleted outside privnet?): run `privnet apply` to publish a "
                           "working key, then export again")


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

