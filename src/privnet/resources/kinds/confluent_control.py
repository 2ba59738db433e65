"""Confluent control-plane kinds: environment, registry, clusters, accounts, keys, compute.

No ``from __future__ import annotations`` here: Python 3.11 reads ``NotRequired`` only from
evaluated annotations, and the TypedDicts' required keys are checked at run time.
"""

from typing import Annotated, NotRequired, TypedDict

from privnet.resources.kinds.base import INTERNAL, Kind, Traits


class InEnvironment(TypedDict):
    """What every object privnet names inside an environment carries."""

    display_name: str
    environment_id: str
    environment_owned: Annotated[bool, INTERNAL]
    """Whether privnet created the environment: only then is a same-named object adopted."""


class EnvironmentProperties(TypedDict):
    display_name: str
    stream_governance: str
    existing_id: Annotated[str | None, INTERNAL]
    """An environment given by id is used, never created or deleted."""


class SchemaRegistryProperties(TypedDict):
    environment_id: str


class ClusterConfig(TypedDict):
    kind: str
    """``Enterprise`` or ``Dedicated``."""
    cku: NotRequired[int]


class VpcEndpoint(TypedDict):
    """One VPC's own way to a cluster (the cluster's ``endpoints_by_vpc`` attribute)."""

    access_point_id: str | None
    bootstrap_endpoint: str | None
    rest_endpoint: str | None


class ClusterProperties(InEnvironment):
    availability: str
    cloud: str
    region: str
    config: ClusterConfig
    endpoint_type: str
    """``PUBLIC``, ``PRIVATE_LINK`` or ``PRIVATE_NETWORK_INTERFACE``."""
    endpoint_domain: NotRequired[str]
    """A PrivateLink attachment's DNS domain."""
    access_points: NotRequired[dict[str, str]]
    """VPC -> the id of its own access point (ingress gateway or PNI)."""
    runner_vpc: NotRequired[str]


class ServiceAccountProperties(TypedDict):
    display_name: str
    description: str
    owner_marker: Annotated[str, INTERNAL]
    environment_id: str
    environment_created: Annotated[bool, INTERNAL]


class RoleBindingProperties(TypedDict):
    principal_id: str
    role_name: str
    environment_id: str
    cluster_id: str | None
    schema_registry_id: str | None
    subject: str | None


class KeyUse(TypedDict):
    """Where one API key is used, and where its clients' secret is."""

    resource: str
    """A cluster name, or the Schema Registry."""
    resource_id: str
    client_endpoint: str
    client_endpoints: dict[str, VpcEndpoint] | None
    rest_endpoint: str
    secret_name: str
    """The main client secret: privnet reads the active key from it, and keeps each key's own
    credentials under ``<secret_name>/keys/``."""


class ApiKeyProperties(KeyUse):
    display_name: str
    owner_id: str
    environment_id: str
    client_secret_names: dict[str, str]
    """Client format -> secret name (see :mod:`privnet.keys.layout`)."""
    keep: int
    day_count: int


class ComputePoolProperties(InEnvironment):
    cloud: str
    region: str
    max_cfu: int


class ConnectorProperties(TypedDict):
    display_name: str
    environment_id: str
    cluster_id: str
    config: dict[str, str]


ENVIRONMENT = Kind("confluent.environment", EnvironmentProperties)
SCHEMA_REGISTRY = Kind("confluent.schema_registry", SchemaRegistryProperties)
CLUSTER = Kind("confluent.cluster", ClusterProperties, Traits(network=True))
SERVICE_ACCOUNT = Kind("confluent.service_account", ServiceAccountProperties)
ROLE_BINDING = Kind("confluent.role_binding", RoleBindingProperties)
API_KEY = Kind("confluent.api_key", ApiKeyProperties, Traits(
    replace_on=frozenset({"owner_id", "resource_id", "secret_name"}), data_plane=True,
    update_changes=frozenset({"active_key_id"})))
"""A ring of keys rotated by age. Data plane: a key is ready once it works where it is used
(the cluster's private endpoint), so it waits for the runner's way there."""
COMPUTE_POOL = Kind("confluent.compute_pool", ComputePoolProperties)
CONNECTOR = Kind("confluent.connector", ConnectorProperties)

KINDS = (ENVIRONMENT, SCHEMA_REGISTRY, CLUSTER, SERVICE_ACCOUNT, ROLE_BINDING, API_KEY,
         COMPUTE_POOL, CONNECTOR)
