"""What disappears with what: the dependents the real service deletes for you."""

from __future__ import annotations

from privnet.local.ccloud.store import EmulatorState

CLUSTER_DATA_TABLES = ("topics", "acls", "links")


def delete_cluster(state: EmulatorState, cluster_id: str) -> None:
    """A cluster takes its topics (mirrors included), ACLs, links, connectors and keys with it."""
    with state.lock:
        for table in CLUSTER_DATA_TABLES:
            state.remove_where(table, lambda r: r.fields["cluster_id"] == cluster_id)
        state.remove_where("connectors", lambda r: r.fields["cluster_id"] == cluster_id)
        state.remove_where("api_keys", lambda r: r.fields["resource"] == cluster_id)
        state.remove("clusters", cluster_id)


def delete_platt(state: EmulatorState, platt_id: str) -> None:
    """An attachment takes its connections with it."""
    with state.lock:
        state.remove_where(
            "platt_connections", lambda r: r.fields["private_link_attachment"] == platt_id
        )
        state.remove("platts", platt_id)


def delete_gateway(state: EmulatorState, gateway_id: str) -> None:
    """A gateway takes its access points with it."""
    with state.lock:
        state.remove_where("access_points", lambda r: r.fields["gateway"] == gateway_id)
        state.remove("gateways", gateway_id)


def delete_service_account(state: EmulatorState, account_id: str) -> None:
    """A service account takes its API keys and role bindings with it."""
    with state.lock:
        state.remove_where("api_keys", lambda r: r.fields["owner"] == account_id)
        state.remove_where("role_bindings", lambda r: r.fields["principal"] == f"User:{account_id}")
        state.remove("service_accounts", account_id)


def delete_environment(state: EmulatorState, env_id: str) -> None:
    """An environment takes everything scoped to it."""
    with state.lock:
        for cluster in state.all("clusters", lambda r: r.fields["environment"] == env_id):
            delete_cluster(state, cluster.id)
        for platt in state.all("platts", lambda r: r.fields["environment"] == env_id):
            delete_platt(state, platt.id)
        for gateway in state.all("gateways", lambda r: r.fields["environment"] == env_id):
            delete_gateway(state, gateway.id)
        for table in ("schema_registries", "compute_pools"):
            state.remove_where(table, lambda r: r.fields["environment"] == env_id)
        state.remove_where(
            "role_bindings", lambda r: f"environment={env_id}" in r.fields["crn_pattern"]
        )
        state.remove("environments", env_id)
