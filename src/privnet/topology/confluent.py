"""Confluent Cloud side of the topology: environment, connectivity, clusters and their data."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field, StrictInt, field_validator

from privnet.topology.common import AzId, Model, Name
from privnet.topology.quotas import CONFLUENT_QUOTAS, check_declared, describe


class StreamGovernance(StrEnum):
    """Stream Governance package; enabling it creates the Schema Registry cluster."""

    ESSENTIALS = "ESSENTIALS"
    ADVANCED = "ADVANCED"


class Environment(Model):
    """The Confluent environment every resource of the stack lives in.

    ``verify`` never reads it, so a file describing an existing network may leave it out;
    ``plan`` and ``apply`` need a name or an id (CONF-013)."""

    name: str = Field(default="", max_length=64,
                      description="Environment to create (or find by name); optional with id.")
    id: str | None = Field(default=None, description="Existing environment id; omit to create.")
    stream_governance: StreamGovernance = StreamGovernance.ESSENTIALS


class PrivateLinkAttachment(Model):
    """An environment-level PrivateLink attachment (PLATT), shared by serverless clusters."""

    name: Name
    region: str | None = None


class IngressAccessPoint(Model):
    """One ingress PrivateLink endpoint access point, for one VPC's endpoint."""

    name: Name
    vpc: str


class IngressGateway(Model):
    """Ingress PrivateLink gateway: each access point gets its own unique DNS domain."""

    name: Name
    region: str | None = None
    access_points: list[IngressAccessPoint] = Field(default_factory=list)


class PniAccessPoint(Model):
    """A PNI access point: ENIs in a VPC that Confluent attaches to."""

    name: Name
    vpc: str
    enis_per_subnet: int = Field(default=17, ge=0, le=1000)
    network_interfaces: list[str] = Field(
        default_factory=list, description="Existing ENI ids; added to the generated ones."
    )


class PniGateway(Model):
    """A Private Network Interface gateway covering some AZ IDs of a region."""

    name: Name
    region: str | None = None
    zones: list[AzId] = Field(min_length=1)
    access_points: list[PniAccessPoint] = Field(default_factory=list)


class Connectivity(Model):
    """Private connectivity options of the environment."""

    privatelink_attachments: list[PrivateLinkAttachment] = Field(default_factory=list)
    ingress_gateways: list[IngressGateway] = Field(default_factory=list)
    pni_gateways: list[PniGateway] = Field(default_factory=list)


class ClusterType(StrEnum):
    """Kafka cluster types privnet provisions."""

    ENTERPRISE = "enterprise"
    DEDICATED = "dedicated"


class Availability(StrEnum):
    """HIGH spreads the cluster over three zones; LOW uses one."""

    HIGH = "HIGH"
    LOW = "LOW"


class Access(StrEnum):
    """Whether the cluster is reached through private connectivity or the internet."""

    PRIVATE = "private"
    PUBLIC = "public"


class Topic(Model):
    """A regular (non-mirror) topic."""

    name: str
    partitions: int = Field(default=6, ge=1, le=10000)
    config: dict[str, str] = Field(default_factory=dict)


class Cluster(Model):
    """A Kafka cluster and its topics."""

    name: Name
    type: ClusterType = ClusterType.ENTERPRISE
    availability: Availability = Availability.HIGH
    access: Access = Access.PRIVATE
    region: str | None = None
    connectivity: str | None = Field(
        default=None, description="Connectivity name; default: the environment's only one."
    )
    cku: int | None = Field(default=None, ge=1, le=152, description="Dedicated clusters only.")
    topics: list[Topic] = Field(default_factory=list)
    id: str | None = Field(
        default=None, pattern=r"^lkc-[a-z0-9]{1,32}$",
        description="An existing cluster's id (as discover writes it): verify asks its real "
                    "names; plan and apply cannot adopt a cluster and refuse the file.")


class RoleBinding(Model):
    """A role on a scope: the environment, a cluster, or Schema Registry subjects."""

    role: str
    cluster: str | None = None
    schema_registry_subjects: str | None = Field(
        default=None, description="Subject pattern, e.g. '*', for Schema Registry roles."
    )


class ServiceAccount(Model):
    """A service account, its roles and the clusters it gets API keys for."""

    name: Name
    description: str = ""
    roles: list[RoleBinding] = Field(default_factory=list)
    api_keys: list[str] = Field(
        default_factory=list,
        description="Clusters (or 'schema_registry') to create rotated API keys for.",
    )


class AclOperation(StrEnum):
    """Kafka ACL operations."""

    ALL = "ALL"
    READ = "READ"
    WRITE = "WRITE"
    CREATE = "CREATE"
    DELETE = "DELETE"
    ALTER = "ALTER"
    DESCRIBE = "DESCRIBE"
    CLUSTER_ACTION = "CLUSTER_ACTION"
    DESCRIBE_CONFIGS = "DESCRIBE_CONFIGS"
    ALTER_CONFIGS = "ALTER_CONFIGS"
    IDEMPOTENT_WRITE = "IDEMPOTENT_WRITE"


class AclResourceType(StrEnum):
    """Kafka ACL resource types."""

    TOPIC = "TOPIC"
    GROUP = "GROUP"
    CLUSTER = "CLUSTER"
    TRANSACTIONAL_ID = "TRANSACTIONAL_ID"


class AclEntry(Model):
    """One ALLOW/DENY entry."""

    resource_type: AclResourceType
    resource_name: str
    pattern_type: Literal["LITERAL", "PREFIXED"] = "LITERAL"
    operation: AclOperation
    permission: Literal["ALLOW", "DENY"] = "ALLOW"
    host: str = "*"


class AclProfile(StrEnum):
    """Reusable ACL sets; each expands to entries on ``topics`` (and ``group``)."""

    PRODUCER = "producer"
    CONSUMER = "consumer"
    CONNECTOR = "connector"
    MANAGER = "manager"


class AclSet(Model):
    """ACLs for one principal on one cluster, from a profile and/or explicit entries."""

    principal: str = Field(description="Service account name.")
    cluster: str
    profile: AclProfile | None = None
    topics: list[str] = Field(default_factory=list)
    group: str | None = Field(default=None, description="Consumer group for the consumer profile.")
    entries: list[AclEntry] = Field(default_factory=list)


class Connector(Model):
    """A managed connector writing to or reading from a cluster."""

    name: str = Field(min_length=1, max_length=128)
    cluster: str
    service_account: str
    config: dict[str, str] = Field(default_factory=dict)


class LinkMode(StrEnum):
    """Who opens the link's connection."""

    BIDIRECTIONAL = "bidirectional"
    DESTINATION_INITIATED = "destination_initiated"
    SOURCE_INITIATED = "source_initiated"


class Mirror(Model):
    """A mirror topic on the destination, mirroring ``source_topic``."""

    source_topic: str
    name: str | None = Field(default=None, description="Mirror name; defaults to source_topic.")
    reverse: bool = Field(
        default=False, description="Bidirectional links only: mirror from destination to source."
    )


LinkSide = Literal["source", "destination"]
BOTH_SIDES: tuple[LinkSide, LinkSide] = ("source", "destination")


class ClusterLink(Model):
    """A cluster link between two clusters of the stack (or one side and a public cluster)."""

    name: str = Field(min_length=1, max_length=249)
    mode: LinkMode = LinkMode.BIDIRECTIONAL
    source: str
    destination: str
    source_manager: str | None = Field(default=None, description="Service account on source.")
    destination_manager: str | None = Field(default=None, description="Service account on dest.")
    sides: list[LinkSide] = Field(
        default_factory=lambda: list(BOTH_SIDES),
        description="Which link objects privnet creates (a bidirectional link needs both).",
    )
    mirrors: list[Mirror] = Field(default_factory=list)


class ComputePool(Model):
    """A Flink compute pool."""

    name: Name
    region: str | None = None
    max_cfu: int = Field(default=10, ge=5, le=1000)


class FlinkStatement(Model):
    """A Flink statement's data flow, to check where it may write."""

    name: Name
    compute_pool: str
    reads: list[str] = Field(default_factory=list)
    writes: list[str] = Field(default_factory=list)


class Flink(Model):
    """Flink compute pools and private networking."""

    private_networking: bool = False
    compute_pools: list[ComputePool] = Field(default_factory=list)
    statements: list[FlinkStatement] = Field(default_factory=list)


MAX_KEYS_KEPT = 10
"""Rotation needs two kept keys; ten leaves room for overlap windows while a number like
99999999999999999999 is refused as the typo it is. Confluent Cloud caps the keys a service
account may own by a service quota (its default value is not in the sources privnet keeps)."""
MAX_ROTATION_DAYS = 3650
"""Ten years; a larger day_count (99999999999999999999) is a typo, not a rotation policy."""


class KeyRotation(Model):
    """Keep ``keep`` keys per account and resource; replace the oldest every ``day_count`` days."""

    keep: int = Field(
        default=2, le=MAX_KEYS_KEPT,
        description=f"API keys kept per service account and resource (at most {MAX_KEYS_KEPT}: "
                    "rotation needs two, and Confluent Cloud caps the API keys of a service "
                    "account with a service quota; fewer than 2 is the KEYS-001 finding).")
    day_count: int = Field(
        default=30, le=MAX_ROTATION_DAYS,
        description=f"Days between rotations (at most {MAX_ROTATION_DAYS}, ten years: a longer "
                    "period is no rotation; fewer than 1 is the KEYS-002 finding).")


class Confluent(Model):
    """Everything privnet manages in Confluent Cloud."""

    environment: Environment = Field(default_factory=Environment)
    connectivity: Connectivity = Field(default_factory=Connectivity)
    clusters: list[Cluster] = Field(default_factory=list)
    service_accounts: list[ServiceAccount] = Field(default_factory=list)
    acls: list[AclSet] = Field(default_factory=list)
    connectors: list[Connector] = Field(default_factory=list)
    cluster_links: list[ClusterLink] = Field(default_factory=list)
    flink: Flink = Field(default_factory=Flink)
    key_rotation: KeyRotation = Field(default_factory=KeyRotation)
    quotas: dict[str, StrictInt] = Field(default_factory=dict, description=(
        "The Confluent Cloud service quotas this organization has where they differ from the "
        "defaults (raised by Confluent Support; the QUOTA-* rules judge the design against "
        f"them), such as {{api_keys_per_service_account: 20}}. Known names: "
        f"{describe(CONFLUENT_QUOTAS)}. Positive whole numbers."))

    @field_validator("quotas")
    @classmethod
    def _known_quotas(cls, value: dict[str, int]) -> dict[str, int]:
        check_declared(value, CONFLUENT_QUOTAS)
        return value
