"""PNI-005: the security group on PNI ENIs blocks Confluent-initiated traffic and admits clients."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.facts.ports import HTTPS_PORT, KAFKA_PORT
from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.aws import SecurityGroup
from privnet.topology.connectivity import pni_access_points
from privnet.topology.view import TopologyView, parse_cidr

CLIENT_PORTS = (KAFKA_PORT, HTTPS_PORT)


def _admits(view: TopologyView, group: SecurityGroup, port: int, vpc_cidr: str) -> bool:
    """True when some tcp ingress rule opens ``port`` to a source containing the VPC CIDR."""
    target = parse_cidr(vpc_cidr)
    if target is None:
        return True  # an unparsable CIDR is the addressing rules' finding, not this one
    for rule in group.ingress:
        if rule.protocol != "tcp" or port not in rule.ports:
            continue
        for source in rule.sources:
            network = view.location_cidr(source)
            if network is not None and network.supernet_of(target):
                return True
    return False


@dataclass(frozen=True)
class PniSecurityGroup:
    meta = RuleMeta(
        id="PNI-005",
        title="PNI security group allows egress or misses client ingress",
        severity=Severity.ERROR,
        description=(
            "ENIs for PNI carry traffic in both directions. Their security group should have no "
            "egress rules, which blocks connections initiated from Confluent Cloud into the VPC "
            "(the PrivateLink posture), and must admit tcp 9092 (Kafka) and 443 (REST) from the "
            "VPC CIDR, or clients cannot reach the brokers."
        ),
        fix="remove the egress rules and allow tcp 9092 and 443 from the VPC CIDR",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        seen: set[str] = set()
        for placed in pni_access_points(ctx.topology):
            vpc = ctx.view.vpc_by_name.get(placed.access_point.vpc)
            if vpc is None or vpc.vpc.security_group is None or vpc.vpc.name in seen:
                continue
            seen.add(vpc.vpc.name)
            group = vpc.vpc.security_group
            sg_path = (*vpc.path, "security_group")
            for i, _ in enumerate(group.egress):
                yield Violation(
                    (*sg_path, "egress", i),
                    f"security group of PNI VPC {vpc.vpc.name} has an egress rule: Confluent "
                    "Cloud could open connections into the VPC",
                    fix="delete the egress rules (egress: [])",
                )
            for port in CLIENT_PORTS:
                if not _admits(ctx.view, group, port, vpc.vpc.cidr):
                    yield Violation(
                        (*sg_path, "ingress"),
                        f"security group of PNI VPC {vpc.vpc.name} does not allow tcp {port} "
                        f"from the VPC CIDR {vpc.vpc.cidr}",
                        fix=f"add an ingress rule: tcp {port} from {vpc.vpc.cidr}",
                    )


RULE = PniSecurityGroup()
