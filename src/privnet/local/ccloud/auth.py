"""HTTP basic authentication for both planes.

The control plane accepts the emulator's Cloud API key (from settings) and any synced
Cloud-scoped key created through ``iam/v2/api-keys``. The data plane of a cluster accepts only
a synced key whose resource is that cluster. Secrets are compared by hash and never stored.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

from fastapi import Request

from privnet.local.ccloud.errors import ApiError
from privnet.local.ccloud.phases import cluster_phase, key_synced
from privnet.local.ccloud.store import EmulatorState, Record


def secret_digest(secret: str) -> str:
    """What the store keeps instead of a secret."""
    return hashlib.sha256(secret.encode()).hexdigest()


def basic_credentials(request: Request) -> tuple[str, str] | None:
    """The (key, secret) pair of an ``Authorization: Basic`` header, if well formed."""
    header = request.headers.get("authorization", "")
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic" or not encoded:
        return None
    try:
        decoded = base64.b64decode(encoded, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    key, sep, secret = decoded.partition(":")
    return (key, secret) if sep else None


def key_matches(key: Record, secret: str) -> bool:
    """Constant-time comparison of ``secret`` against the stored digest."""
    return hmac.compare_digest(key.fields["secret_digest"], secret_digest(secret))


def usable_key(state: EmulatorState, key_id: str, secret: str, resource: str | None) -> bool:
    """True when ``key_id``/``secret`` is an existing, synced key scoped to ``resource``."""
    key = state.get("api_keys", key_id)
    return (
        key is not None
        and key.fields["resource"] == resource
        and key_matches(key, secret)
        and key_synced(state, key)
    )


def emulator(request: Request) -> EmulatorState:
    """The store behind this app (FastAPI dependency)."""
    state: EmulatorState = request.app.state.emulator
    return state


def require_cloud_key(request: Request) -> None:
    """Control-plane authentication (router dependency)."""
    state = emulator(request)
    credentials = basic_credentials(request)
    if credentials is None:
        raise ApiError(401, "Authentication is required: use HTTP basic with a Cloud API key")
    key, secret = credentials
    settings = state.settings
    if hmac.compare_digest(key, settings.api_key) and hmac.compare_digest(
        secret, settings.api_secret
    ):
        return
    if usable_key(state, key, secret, None):
        return
    raise ApiError(401, "Invalid API key or secret")


def require_cluster_access(request: Request, cluster_id: str) -> Record:
    """Data-plane access to ``cluster_id``: reachable, provisioned, and a key scoped to it."""
    state = emulator(request)
    gate = state.settings.data_plane_gate
    reason = gate(cluster_id) if gate is not None else None
    if reason:
        raise ApiError(503, f"Cluster endpoint unreachable: {reason}")
    cluster = state.get("clusters", cluster_id)
    if cluster is None:
        raise ApiError(404, f"Cluster '{cluster_id}' not found", kafka_code=40403)
    if cluster_phase(state, cluster) != "PROVISIONED":
        raise ApiError(503, f"Cluster '{cluster_id}' is still provisioning")
    credentials = basic_credentials(request)
    if credentials is None or not usable_key(state, credentials[0], credentials[1], cluster_id):
        raise ApiError(401, "Unauthorized")
    return cluster
