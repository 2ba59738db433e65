"""Shared building blocks of the topology models: strict base model and constrained names."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

Name = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,62}$")]
"""A local name: lower case, used in addresses such as ``aws.vpc.<name>``."""

Cidr = Annotated[str, StringConstraints(min_length=9, max_length=18)]
"""An IPv4 CIDR string; its syntax is checked by the addressing rules, not by the schema."""

AzId = Annotated[str, StringConstraints(min_length=1, max_length=32)]
"""An availability zone ID such as ``use1-az1`` (not the AZ name ``us-east-1a``)."""


class Model(BaseModel):
    """Base of every topology model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
