"""Addresses of Confluent resources, built by the kinds' declarations so compilers, rules and
renderers agree."""

from __future__ import annotations

import hashlib

from privnet.resources.kinds import confluent_control as kc
from privnet.resources.kinds import confluent_data as kd
from privnet.resources.kinds import confluent_network as kn
from privnet.resources.kinds.aws_network import PNI_ENIS, VPC_ENDPOINT

ENVIRONMENT = kc.ENVIRONMENT.address("main")
SCHEMA_REGISTRY = kc.SCHEMA_REGISTRY.address("main")


def platt(name: str) -> str:
    return kn.PLATT.address(name)


def platt_connection(vpc: str) -> str:
    return kn.PLATT_CONNECTION.address(vpc)


def ingress_gateway(name: str) -> str:
    return kn.INGRESS_GATEWAY.address(name)


def ingress_access_point(name: str) -> str:
    return kn.INGRESS_ACCESS_POINT.address(name)


def pni_gateway(name: str) -> str:
    return kn.PNI_GATEWAY.address(name)


def pni_access_point(name: str) -> str:
    return kn.PNI_ACCESS_POINT.address(name)


def cluster(name: str) -> str:
    return kc.CLUSTER.address(name)


def service_account(name: str) -> str:
    return kc.SERVICE_ACCOUNT.address(name)


def role_binding(account: str, index: int) -> str:
    return kc.ROLE_BINDING.address(account, str(index))


def api_key(account: str, resource: str) -> str:
    return kc.API_KEY.address(account, resource)


def api_key_sync(account: str, resource: str) -> str:
    return kd.API_KEY_SYNC.address(account, resource)


def topic(cluster_name: str, topic_name: str) -> str:
    return kd.TOPIC.address(cluster_name, topic_name)


def acl(principal: str, cluster_name: str, index: int) -> str:
    return kd.ACL.address(principal, cluster_name, str(index))


def connector(name: str) -> str:
    return kc.CONNECTOR.address(name)


def link(name: str, side: str) -> str:
    return kd.LINK.address(name, side)


def mirror(link_name: str, mirror_name: str) -> str:
    return kd.MIRROR.address(link_name, mirror_name)


def compute_pool(name: str) -> str:
    return kc.COMPUTE_POOL.address(name)


def aws_vpc_endpoint(vpc: str) -> str:
    return VPC_ENDPOINT.address(vpc)


def aws_pni_enis(access_point: str) -> str:
    return PNI_ENIS.address(access_point)


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
