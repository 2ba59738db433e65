"""Addresses of Confluent resources, written once so compilers, rules and renderers agree."""

from __future__ import annotations

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
