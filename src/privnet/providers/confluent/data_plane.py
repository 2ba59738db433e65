"""What data-plane handlers share: the key from Secrets Manager and a Kafka REST client.

State keeps where to call (cluster id, REST endpoint) and whose key (the client secret of the
managing account's key), so that delete works from the attributes alone. The key is the one
that client secret holds at the time of the call (``AWSCURRENT``: the active key), so a
rotation changes nothing recorded here.

When that secret is gone from Secrets Manager (deleted by hand, a restarted local cloud), or
its key is refused, the call is made with another key of the same stack on the same cluster:
first the other keys of the same ring (same service account), then any other key of the stack
whose Confluent resource is this cluster. With none, :class:`MissingKeyError` is raised; it is an
:class:`UnreachableError`, so a plan keeps the recorded attributes and a destroy leaves the
object to its cluster's deletion, like an unreachable endpoint. A call made with a borrowed key
that answers 401/403 (that key was deleted in the same run) is reported the same way. No secret
ever enters a message.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from privnet.errors import PrivnetError
from privnet.facts.aws_pages import pages
from privnet.facts.tags import STACK_TAG
from privnet.keys.layout import KeyCredentials, key_secret_prefix
from privnet.keys.secrets import client_secret_key, load_secret_key
from privnet.providers.base import Attributes, ProviderContext, UnreachableError
from privnet.providers.confluent.control_plane import cloud, dig
from privnet.providers.confluent.errors import (
    AuthenticationError,
    ConfluentApiError,
    NotFoundError,
)
from privnet.providers.confluent.kafka_rest import KafkaRest

LOCATION = ("cluster_id", "rest_endpoint", "secret_name")
"""Properties every data-plane resource carries into its attributes."""

Located = Mapping[str, Any]
"""What locates a data-plane object: the properties of its kind (an
:class:`~privnet.resources.kinds.confluent_data.OnCluster`) or, for read and delete, the
attributes state recorded for it; both carry :data:`LOCATION` and the object's name."""


KEYS_DIR = "/keys/"


class MissingKeyError(UnreachableError, PrivnetError):
    """The API key's secret is not in Secrets Manager (deleted outside privnet?), and no other
    key of the stack can reach the cluster."""


def credentials(ctx: ProviderContext, secret_name: str,
                cluster_id: str | None = None) -> KeyCredentials:
    """The active key the client secret ``secret_name`` holds; with ``cluster_id``, another
    usable key of the stack on that cluster when that secret is gone."""
    creds = client_secret_key(ctx.aws("secretsmanager"), secret_name)
    if creds is not None:
        return creds
    borrowed = other_key(ctx, secret_name, None, cluster_id) if cluster_id else None
    if borrowed is None:
        raise MissingKeyError(f"no API key in the client secret {secret_name} and no other "
                              "key of the stack for its cluster; privnet apply publishes one")
    return borrowed


def other_key(ctx: ProviderContext, secret_name: str, refused: str | None,
              cluster_id: str) -> KeyCredentials | None:
    """Another key of this stack (not ``refused``) whose secret is stored and whose resource
    is ``cluster_id``: one of the same ring first, then any other."""
    sm = ctx.aws("secretsmanager")
    names = _stack_key_secrets(sm, ctx.stack)
    same = [n for n in names if n.startswith(key_secret_prefix(secret_name))]
    others = [n for n in names if n not in same]
    for name in sorted(same, reverse=True) + others:
        creds = load_secret_key(sm, name)
        if creds is None or creds.key == refused:
            continue
        if name in same or _key_resource(ctx, creds.key) == cluster_id:
            return creds
    return None


def _stack_key_secrets(sm: Any, stack: str) -> list[str]:
    """Names of the per-key secrets tagged for ``stack``, sorted."""
    listed = pages(sm, "list_secrets", "SecretList",
                   Filters=[{"Key": "tag-key", "Values": [STACK_TAG]},
                            {"Key": "tag-value", "Values": [stack]}])
    found: list[str] = []
    for entry in listed:
        tags = {t.get("Key"): t.get("Value") for t in entry.get("Tags", [])}
        name = str(entry.get("Name", ""))
        if tags.get(STACK_TAG) == stack and KEYS_DIR in name:
            found.append(name)
    return sorted(found)


def _key_resource(ctx: ProviderContext, key_id: str) -> str | None:
    """The id of the resource (cluster, Schema Registry) an API key belongs to."""
    try:
        answer = cloud(ctx).get(f"/iam/v2/api-keys/{key_id}")
    except ConfluentApiError:
        return None
    found = dig(answer, "spec", "resource", "id")
    return str(found) if found else None


class _GuardedRest:
    """A Kafka REST client whose calls, when the key is refused, go to ``_refused``."""

    def __init__(self, inner: KafkaRest) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._inner, name)
        if not callable(method):
            return method

        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                return method(*args, **kwargs)
            except AuthenticationError as exc:
                retry_with = self._refused(exc)
            return getattr(retry_with, name)(*args, **kwargs)

        return call

    def _refused(self, exc: AuthenticationError) -> Any:
        """Another client to make the call with, or raise."""
        raise NotImplementedError


class _BorrowedKeyRest(_GuardedRest):
    """A Kafka REST client on a borrowed key: a 401/403 means that key went away in this run
    (or lacks the rights), which is reported as the object's own key being missing."""

    def __init__(self, inner: KafkaRest, detail: str) -> None:
        super().__init__(inner)
        self._detail = detail

    def _refused(self, exc: AuthenticationError) -> Any:
        raise MissingKeyError(f"{self._detail}; the other key of the stack it was "
                              f"tried with was refused: {exc}") from None


class _OwnKeyRest(_GuardedRest):
    """A Kafka REST client on the object's own key. A 401 means the key is not accepted (it
    was deleted outside privnet): the call is made again with another key of the stack on the
    same cluster, or reported as a missing key (an :class:`UnreachableError`)."""

    def __init__(self, ctx: ProviderContext, values: Located, inner: KafkaRest,
                 key_id: str) -> None:
        super().__init__(inner)
        self._ctx = ctx
        self._values = values
        self._key_id = key_id

    def _refused(self, exc: AuthenticationError) -> Any:
        if exc.status != 401:
            raise exc
        return self._other(str(exc))

    def _other(self, refused: str) -> Any:
        secret_name = str(self._values["secret_name"])
        detail = f"API key {self._key_id} (from {secret_name}) was refused: {refused}"
        cluster_id = str(self._values.get("cluster_id") or "")
        creds = (other_key(self._ctx, secret_name, self._key_id, cluster_id)
                 if cluster_id else None)
        if creds is None:
            raise MissingKeyError(f"{detail}; no other key of the stack for its cluster; "
                                  "privnet apply replaces the key")
        client = cast(KafkaRest, self._ctx.kafka_rest(str(self._values["rest_endpoint"]),
                                                      creds.key, creds.secret))
        return _BorrowedKeyRest(client, detail)


def rest_client(ctx: ProviderContext, values: Located) -> KafkaRest:
    """A Kafka REST client for ``values``' cluster endpoint and active key (or, when that
    key's client secret is gone or the key is refused, another key of the stack on the same
    cluster)."""
    secret_name = str(values["secret_name"])
    sm = ctx.aws("secretsmanager")
    own = client_secret_key(sm, secret_name)
    creds = own or credentials(ctx, secret_name, str(values.get("cluster_id") or "") or None)
    client = cast(KafkaRest, ctx.kafka_rest(str(values["rest_endpoint"]), creds.key,
                                            creds.secret))
    if own is not None:
        return cast(KafkaRest, _OwnKeyRest(ctx, values, client, own.key))
    return cast(KafkaRest, _BorrowedKeyRest(
        client, f"no API key in the client secret {secret_name}"))


def location(values: Located) -> Attributes:
    return {name: values.get(name) for name in LOCATION}


def cluster_path(values: Located, *parts: str) -> str:
    return "/".join(["/kafka/v3/clusters", str(values["cluster_id"]), *parts])


def get_object(ctx: ProviderContext, values: Located, *parts: str,
               params: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    """The object at ``cluster_path(values, *parts)``, or None when the cluster says 404."""
    try:
        found = rest_client(ctx, values).get(cluster_path(values, *parts), params)
    except NotFoundError:
        return None
    return found if isinstance(found, dict) else {}


def already_exists(exc: Exception) -> bool:
    """Kafka REST reports duplicates as 400 with an "already exists" message."""
    return "already exists" in str(exc).lower()
