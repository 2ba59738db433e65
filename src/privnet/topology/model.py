"""The root of a topology file: one file describes one stack."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from privnet.topology.aws import Aws
from privnet.topology.common import Model, Name
from privnet.topology.confluent import Confluent
from privnet.topology.verify import VerifySettings


class Target(StrEnum):
    """Where the stack lives: the embedded local cloud (default) or the real clouds."""

    LOCAL = "local"
    CLOUD = "cloud"


class Runner(Model):
    """Where privnet itself runs: a VPC name, ``vpn`` (a VPN client) or ``internet``."""

    location: str = "internet"


class Topology(Model):
    """A whole stack: AWS network, Confluent environment and where privnet runs."""

    version: int = Field(default=1, ge=1, le=1)
    stack: Name
    region: str = "us-east-1"
    target: Target = Target.LOCAL
    runner: Runner = Field(default_factory=Runner)
    confluent: Confluent
    aws: Aws = Field(default_factory=Aws)
    verify: VerifySettings = Field(default_factory=VerifySettings)
