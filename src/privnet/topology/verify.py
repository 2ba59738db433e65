"""What ``privnet verify`` should find: by default every client location reaches every private
cluster; declare exceptions (a location that must *not* reach a cluster) here."""

from __future__ import annotations

from pydantic import Field

from privnet.topology.common import Model


class ExpectedPath(Model):
    """``from`` a client location (VPC name, ``vpn``, ``runner``; ``*`` any) ``to`` a cluster."""

    source: str = Field(alias="from", min_length=1)
    to: str = Field(min_length=1, description="Cluster name, or '*' for every cluster.")
    reachable: bool = True


class VerifySettings(Model):
    """Expectations for ``privnet verify``; later entries override earlier ones."""

    expect: list[ExpectedPath] = Field(default_factory=list)
