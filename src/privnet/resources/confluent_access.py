"""Service accounts, role bindings and API keys, and which key a data-plane call uses."""

from __future__ import annotations

from typing import Any

from privnet.keys.layout import SCHEMA_REGISTRY, client_secret_names, root_path
from privnet.resources import confluent_addresses as at
from privnet.resources.kinds.confluent_control import API_KEY, ROLE_BINDING, SERVICE_ACCOUNT
from privnet.resources.model import Ref, ResourceGraph
from privnet.topology.confluent import Confluent, ServiceAccount
from privnet.topology.model import Topology

CLUSTER_ADMIN_ROLES = ("CloudClusterAdmin",)
ENVIRONMENT_ADMIN_ROLES = ("EnvironmentAdmin", "OrganizationAdmin")


def stack_marker(stack: str) -> str:
    """What every service account of ``stack`` carries in its description: Confluent has no
    tags, and this is how a lost state still finds the stack's accounts and environment."""
    return f"(privnet stack {stack})"


def compile_accounts(topology: Topology, graph: ResourceGraph) -> None:
    """Service accounts, their role bindings and their API keys (rotated by age: whether a
    rotation is due is the key's own read, from the keys' ages and the clock)."""
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
            _add_key(topology, graph, account, resource, root)


def _add_key(topology: Topology, graph: ResourceGraph, account: ServiceAccount, resource: str,
             root: str) -> None:
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
    secrets = client_secret_names(root, resource, account.name)
    roles = tuple(at.role_binding(account.name, i) for i in range(len(account.roles)))
    graph.add(API_KEY.resource(key_address, {
        "display_name": f"{topology.stack}/{account.name}/{resource}",
        "owner_id": Ref(at.service_account(account.name), "id"),
        "environment_id": Ref(at.ENVIRONMENT, "id"),
        "resource": resource,
        "resource_id": resource_id,
        "client_endpoint": endpoint,
        "client_endpoints": per_vpc,
        "rest_endpoint": rest,
        "secret_name": next(iter(secrets.values())),
        "client_secret_names": secrets,
        "keep": conf.key_rotation.keep,
        "day_count": conf.key_rotation.day_count,
    }, depends_on=roles))  # a key works where it is used only with its account's roles


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
    """Properties locating a cluster's REST endpoint and the client secret whose active key
    the call is made with (read at call time: a rotation changes none of these)."""
    if cluster not in account_named(conf, account).api_keys:
        raise ValueError(f"service account {account} has no API key for cluster {cluster}")
    return {
        "cluster_id": Ref(at.cluster(cluster), "id"),
        "rest_endpoint": Ref(at.cluster(cluster), "rest_endpoint"),
        "secret_name": Ref(at.api_key(account, cluster), "secret_name"),
    }


def link_key(account: str, cluster: str) -> dict[str, Ref]:
    """The key a cluster link stores: the account's active key on ``cluster`` (a rotation
    changes it and the link's credentials follow in place)."""
    key = at.api_key(account, cluster)
    return {"key_id": Ref(key, "active_key_id"), "secret_name": Ref(key, "secret_name")}


def account_roles(conf: Confluent, account: str) -> tuple[str, ...]:
    """Addresses of the role bindings of ``account`` (a data-plane call needs them first)."""
    return tuple(at.role_binding(account, i)
                 for i in range(len(account_named(conf, account).roles)))
