"""Service accounts, role bindings and API keys, and which key a data-plane call uses."""

from __future__ import annotations

from datetime import date
from typing import Any

from privnet.keys.secrets import SCHEMA_REGISTRY, layout_name, root_path
from privnet.resources import confluent_addresses as at
from privnet.resources.kinds.confluent_control import API_KEY, ROLE_BINDING, SERVICE_ACCOUNT
from privnet.resources.kinds.confluent_data import API_KEY_SYNC
from privnet.resources.model import Ref, ResourceGraph
from privnet.topology.confluent import Confluent, ServiceAccount
from privnet.topology.model import Topology

CLUSTER_ADMIN_ROLES = ("CloudClusterAdmin",)
ENVIRONMENT_ADMIN_ROLES = ("EnvironmentAdmin", "OrganizationAdmin")


def rotation_period(today: date, day_count: int) -> int:
    """Index of the rotation period containing ``today``; it changes once every
    ``day_count`` days, so a plan proposes a key update only when a rotation may be due."""
    return today.toordinal() // max(1, day_count)


def stack_marker(stack: str) -> str:
    """What every service account of ``stack`` carries in its description: Confluent has no
    tags, and this is how a lost state still finds the stack's accounts and environment."""
    return f"(privnet stack {stack})"


def compile_accounts(topology: Topology, graph: ResourceGraph, today: date) -> None:
    """Service accounts, their role bindings, their API keys and the keys' sync checks."""
    conf = topology.confluent
    root = root_path(topology.aws.secrets.root_path, topology.stack)
    marker = stack_marker(topology.stack)
    for account in conf.service_accounts:
        graph.add(SERVICE_ACCOUNT.resource(at.service_account(account.name), {
            "display_name": at.scoped_name(topology.stack, account.name),
            "description": " ".join(filter(None, (account.description, marker))),
            "owner_marker": marker,
            # an environment this stack created says so here (EnvironmentHandler.confirm_found)
            "environment_id": Ref(at.ENVIRONMENT, "id"),
            "environment_created": Ref(at.ENVIRONMENT, "created_by_privnet"),
        }))
        for index, binding in enumerate(account.roles):
            graph.add(ROLE_BINDING.resource(at.role_binding(account.name, index), {
                "principal_id": Ref(at.service_account(account.name), "id"),
                "role_name": binding.role,
                "environment_id": Ref(at.ENVIRONMENT, "id"),
                "cluster_id": Ref(at.cluster(binding.cluster), "id") if binding.cluster else None,
                "schema_registry_id": (Ref(at.SCHEMA_REGISTRY, "id")
                                       if binding.schema_registry_subjects else None),
                "subject": binding.schema_registry_subjects,
            }))
        for resource in account.api_keys:
            _add_key(topology, graph, account, resource, root, today)


def _add_key(topology: Topology, graph: ResourceGraph, account: ServiceAccount, resource: str,
             root: str, today: date) -> None:
    conf = topology.confluent
    per_vpc: Ref | None = None
    if resource == SCHEMA_REGISTRY:
        resource_id: Ref = Ref(at.SCHEMA_REGISTRY, "id")
        endpoint: Ref = Ref(at.SCHEMA_REGISTRY, "rest_endpoint")
        rest: Ref = endpoint
    else:
        resource_id = Ref(at.cluster(resource), "id")
        endpoint = Ref(at.cluster(resource), "bootstrap_endpoint")
        rest = Ref(at.cluster(resource), "rest_endpoint")
        per_vpc = Ref(at.cluster(resource), "endpoints_by_vpc")
    key_address = at.api_key(account.name, resource)
    graph.add(API_KEY.resource(key_address, {
        "display_name": f"{topology.stack}/{account.name}/{resource}",
        "owner_id": Ref(at.service_account(account.name), "id"),
        "environment_id": Ref(at.ENVIRONMENT, "id"),
        "resource": resource,
        "resource_id": resource_id,
        "client_endpoint": endpoint,
        "client_endpoints": per_vpc,
        "rest_endpoint": rest,
        "secret_name": layout_name(root, resource, account.name),
        "keep": conf.key_rotation.keep,
        "day_count": conf.key_rotation.day_count,
        "rotation_period": rotation_period(today, conf.key_rotation.day_count),
    }))
    roles = tuple(at.role_binding(account.name, i) for i in range(len(account.roles)))
    graph.add(API_KEY_SYNC.resource(at.api_key_sync(account.name, resource), {
        "key_id": Ref(key_address, "id"),
        "secret_name": Ref(key_address, "secret_name"),
        "resource": resource,
        "resource_id": resource_id,
        "rest_endpoint": rest,
        "client_endpoint": endpoint,
        "client_endpoints": per_vpc,
    }, depends_on=roles))


def cluster_admin(conf: Confluent, cluster: str) -> str:
    """The service account whose key manages ``cluster``'s topics, ACLs, links and mirrors."""
    for wanted in (CLUSTER_ADMIN_ROLES, ENVIRONMENT_ADMIN_ROLES):
        for account in conf.service_accounts:
            if cluster not in account.api_keys:
                continue
            for binding in account.roles:
                scoped = binding.cluster == cluster if wanted is CLUSTER_ADMIN_ROLES \
                    else binding.cluster is None and binding.schema_registry_subjects is None
                if binding.role in wanted and scoped:
                    return account.name
    raise ValueError(f"no service account can manage cluster {cluster}: give one the "
                     f"CloudClusterAdmin role on it and an API key for it")


def account_named(conf: Confluent, name: str) -> ServiceAccount:
    for account in conf.service_accounts:
        if account.name == name:
            return account
    raise ValueError(f"unknown service account {name}")


def data_plane_auth(conf: Confluent, cluster: str, account: str) -> dict[str, Any]:
    """Properties locating a cluster's REST endpoint and the key (by secret) to call it with."""
    if cluster not in account_named(conf, account).api_keys:
        raise ValueError(f"service account {account} has no API key for cluster {cluster}")
    sync = at.api_key_sync(account, cluster)
    return {
        "cluster_id": Ref(at.cluster(cluster), "id"),
        "rest_endpoint": Ref(at.cluster(cluster), "rest_endpoint"),
        "key_id": Ref(sync, "key_id"),
        "secret_name": Ref(sync, "secret_name"),
    }


def account_roles(conf: Confluent, account: str) -> tuple[str, ...]:
    """Addresses of the role bindings of ``account`` (a data-plane call needs them first)."""
    return tuple(at.role_binding(account, i)
                 for i in range(len(account_named(conf, account).roles)))
