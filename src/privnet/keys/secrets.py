"""Reading and writing Confluent credentials in AWS Secrets Manager (names and contents are
:mod:`privnet.keys.layout`'s).

A secret privnet writes carries the stack's and the key's tags; one that exists without them
belongs to someone else and is never overwritten (:class:`ForeignSecretError`). A client
secret gets a new version only when its content changes, so ``AWSPREVIOUS`` is always the key
clients had before, never a copy of the current one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from privnet.errors import PrivnetError, TransientError
from privnet.keys.layout import KeyCredentials, credentials_in, key_secret_name


class ForeignSecretError(PrivnetError):
    """A secret privnet would write exists and was not written by this stack's key."""


def _tags_of(sm: Any, name: str) -> dict[str, str]:
    described = sm.describe_secret(SecretId=name)
    return {str(t.get("Key")): str(t.get("Value")) for t in described.get("Tags") or []}


def _current(sm: Any, name: str) -> Any:
    """The current value of ``name`` parsed as JSON; None when gone, scheduled or not JSON."""
    try:
        answer = sm.get_secret_value(SecretId=name)
    except (sm.exceptions.ResourceNotFoundException, sm.exceptions.InvalidRequestException):
        return None
    try:
        return json.loads(answer["SecretString"])
    except (KeyError, TypeError, ValueError):
        return None


def put_secret(sm: Any, name: str, value: Mapping[str, str], tags: Mapping[str, str]) -> bool:
    """Create the secret, or store a new version when it holds something else; True when
    something was written. Refuses a secret that lacks ``tags`` (someone else's)."""
    text = json.dumps(dict(value), sort_keys=True)
    if _current(sm, name) == dict(value):
        return False  # one read in the steady state: nothing to write, no version made
    try:
        sm.create_secret(Name=name, SecretString=text,
                         Tags=[{"Key": k, "Value": v} for k, v in sorted(tags.items())])
        return True
    except sm.exceptions.ResourceExistsException:
        pass
    except sm.exceptions.InvalidRequestException:
        _restore_scheduled(sm, name, tags)
    carried = _tags_of(sm, name)
    if any(carried.get(k) != v for k, v in tags.items()):
        owner = ", ".join(f"{k}={v}" for k, v in sorted(carried.items())) or "no tags"
        raise ForeignSecretError(
            f"secret {name} exists and was not written by this key ({owner}); privnet never "
            "overwrites it: fix: give aws.secrets.root_path another value, or delete the "
            "secret if it is an abandoned one")
    sm.put_secret_value(SecretId=name, SecretString=text)
    return True


def _restore_scheduled(sm: Any, name: str, tags: Mapping[str, str]) -> None:
    """CreateSecret refuses a name whose secret is scheduled for deletion (or, just after a
    forced deletion, still being removed): this stack's own is restored and then written;
    a name still being freed is retried; anyone else's is refused."""
    try:
        described = sm.describe_secret(SecretId=name)
    except sm.exceptions.ResourceNotFoundException:
        raise TransientError(f"secret {name} is still being deleted; retrying") from None
    carried = {str(t.get("Key")): str(t.get("Value")) for t in described.get("Tags") or []}
    if any(carried.get(k) != v for k, v in tags.items()):
        raise ForeignSecretError(
            f"secret {name} is scheduled for deletion and was not written by this key; "
            "privnet never restores it: fix: give aws.secrets.root_path another value, or "
            "restore or force-delete that secret")
    sm.restore_secret(SecretId=name)


def store_key(sm: Any, layout: str, creds: KeyCredentials, tags: Mapping[str, str]) -> str:
    """Store one key's credentials under its per-key name; returns that name."""
    name = key_secret_name(layout, creds.key)
    put_secret(sm, name, {"key": creds.key, "secret": creds.secret}, tags)
    return name


def load_key(sm: Any, layout: str, key_id: str) -> KeyCredentials | None:
    """One key's credentials, or None when its secret is gone."""
    return load_secret_key(sm, key_secret_name(layout, key_id))


def load_secret_key(sm: Any, name: str) -> KeyCredentials | None:
    """The credentials held by the per-key secret ``name``, or None when it is gone (or
    scheduled for deletion, or not a per-key secret)."""
    value = _current(sm, name)
    if not isinstance(value, dict) or "key" not in value or "secret" not in value:
        return None
    return KeyCredentials(key=str(value["key"]), secret=str(value["secret"]))


def client_secret_key(sm: Any, name: str, stage: str = "AWSCURRENT") -> KeyCredentials | None:
    """The key the client secret ``name`` holds at ``stage`` (None when it holds none)."""
    try:
        answer = sm.get_secret_value(SecretId=name, VersionStage=stage)
        value = json.loads(answer["SecretString"])
    except (sm.exceptions.ResourceNotFoundException, sm.exceptions.InvalidRequestException,
            KeyError, TypeError, ValueError):
        return None
    return credentials_in(value) if isinstance(value, dict) else None


def holds(sm: Any, name: str, value: Mapping[str, str]) -> bool:
    """Whether the secret ``name`` exists and holds exactly ``value``."""
    return bool(_current(sm, name) == dict(value))


def owned(sm: Any, name: str, tags: Mapping[str, str]) -> bool | None:
    """Whether the secret ``name`` carries every one of ``tags`` (None: no such secret)."""
    try:
        carried = _tags_of(sm, name)
    except sm.exceptions.ResourceNotFoundException:
        return None
    return all(carried.get(k) == v for k, v in tags.items())


def check_writable(sm: Any, names: Iterable[str], tags: Mapping[str, str]) -> None:
    """Refuse, before anything is made, when one of ``names`` is someone else's secret."""
    for name in names:
        if owned(sm, name, tags) is False:
            raise ForeignSecretError(
                f"secret {name} exists and was not written by this key; privnet never "
                "overwrites it, and made nothing for this key: fix: give "
                "aws.secrets.root_path another value, or delete the secret if it is an "
                "abandoned one")


def delete_owned(sm: Any, name: str, tags: Mapping[str, str]) -> bool:
    """Delete ``name`` at once if it carries ``tags`` (this stack's and key's); a secret
    someone else wrote under the name is left alone. True when it was deleted."""
    if not owned(sm, name, tags):
        return False
    delete_secret(sm, name)
    return True


def delete_secret(sm: Any, name: str) -> None:
    """Delete at once (no recovery window, so the name is free again); gone is success."""
    try:
        sm.delete_secret(SecretId=name, ForceDeleteWithoutRecovery=True)
    except sm.exceptions.ResourceNotFoundException:
        return
