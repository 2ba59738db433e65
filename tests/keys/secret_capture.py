"""Every secret the in-process local cloud hands to privnet, recorded as it is issued.

The Confluent emulator answers ``POST /iam/v2/api-keys`` with the new key's secret exactly
once, through :func:`privnet.local.ccloud.routers.api_keys.render`; wrapping that function
records each secret by key id, including those of keys a rotation deletes later. The Cloud API
secret and the AWS secret access key are made random here (the defaults are common words that
would match unrelated text), so a scan for them means something.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pytest

from privnet.local.ccloud.routers import api_keys
from privnet.local.ccloud.store import EmulatorState, Record


@dataclass
class IssuedSecrets:
    """Key id -> secret for each API key the emulator created, plus the clouds' own secrets."""

    api_keys: dict[str, str] = field(default_factory=dict)
    cloud: dict[str, str] = field(default_factory=dict)

    def needles(self) -> dict[str, bytes]:
        """What must never appear, by a label naming it: each secret, and the base64 of
        ``id:secret`` that an HTTP basic ``Authorization`` header would carry."""
        found: dict[str, bytes] = {}
        for key_id, secret in [*self.api_keys.items(), *self.cloud.items()]:
            found[f"secret of {key_id}"] = secret.encode()
            basic = base64.b64encode(f"{key_id}:{secret}".encode())
            found[f"basic auth of {key_id}"] = basic
        return found


def random_secret() -> str:
    return "lcs" + secrets.token_hex(24)


def record_issued_secrets(monkeypatch: pytest.MonkeyPatch) -> IssuedSecrets:
    """Wrap the emulator's answer to a key's creation (the only place its secret leaves it)."""
    issued = IssuedSecrets()
    original = api_keys.render

    def recording(state: EmulatorState, key: Record, secret: str | None = None) -> Any:
        if secret is not None:
            issued.api_keys[key.id] = secret
        return original(state, key, secret)

    monkeypatch.setattr(api_keys, "render", recording)
    return issued


def hits(needles: dict[str, bytes], haystacks: Iterable[tuple[str, bytes]]) -> list[str]:
    """``"<label> in <where>"`` for every needle found in every haystack."""
    return [f"{label} in {where}" for where, data in haystacks
            for label, needle in needles.items() if needle in data]
