"""Addresses of Confluent resources, written once so compilers, rules and renderers agree."""

from __future__ import annotations

import hashlib

ENVIRONMENT = "confluent.environment.main"
SCHEMA_REGISTRY = "confluent.schema_registry.main"


def platt(name: str) -> str:
    return f"confluent.platt.{name}"


def platt_connection(vpc: str) -> str:
    return f"confluent.platt_connection.{vpc}"


def ingress_gateway(name: str) -> str:
    return f"confluent.ingress_gateway.{name}"


def ingress_access_point(name: str) -> str:
    return f"confluent.ingress_access_point.{name}"


def pni_gateway(name: str) -> str:
    return f"confluent.pni_gateway.{name}"


def pni_access_point(name: str) -> str:
    return f"confluent.pni_access_point.{name}"


def cluster(name: str) -> str:
    return f"confluent.cluster.{name}"


def service_account(name: str) -> str:
    return f"confluent.service_account.{name}"


def role_binding(account: str, index: int) -> str:
    return f"confluent.role_binding.{account}.{index}"


def api_key(account: str, resource: str) -> str:
    return f"confluent.api_key.{account}.{resource}"


def api_key_sync(account: str, resource: str) -> str:
    return f"confluent.api_key_sync.{account}.{resource}"


def topic(cluster_name: str, topic_name: str) -> str:
    return f"confluent.topic.{cluster_name}.{topic_name}"


def acl(principal: str, cluster_name: str, index: int) -> str:
    return f"confluent.acl.{principal}.{cluster_name}.{index}"


def connector(name: str) -> str:
    return f"confluent.connector.{name}"


def link(name: str, side: str) -> str:
    return f"confluent.link.{name}.{side}"


def mirror(link_name: str, mirror_name: str) -> str:
    return f"confluent.mirror.{link_name}.{mirror_name}"


def compute_pool(name: str) -> str:
    return f"confluent.compute_pool.{name}"


def aws_vpc_endpoint(vpc: str) -> str:
    return f"aws.vpc_endpoint.{vpc}"


def aws_pni_enis(access_point: str) -> str:
    return f"aws.pni_enis.{access_point}"


NAME_LIMIT = 64
"""Longest display name used for a stack-scoped Confluent object (service accounts allow 64)."""


def scoped_name(stack: str, name: str, limit: int = NAME_LIMIT) -> str:
    """``<stack>-<name>``: the display name of a Confluent object of ``stack``, so stacks
    sharing an organisation or an environment neither clash (a service account name is
    unique in the organisation) nor look alike (a cluster ``sandbox`` of two stacks). Longer
    than ``limit``: cut, and ended with 8 hex digits of the full name's SHA-256 so two long
    names stay apart."""
    full = f"{stack}-{name}"
    if len(full) <= limit:
        return full
    digest = hashlib.sha256(full.encode()).hexdigest()[:8]
    return f"{full[:limit - 9]}-{digest}"
