"""AWS regions privnet knows, with the prefix of their AZ IDs and how many AZ IDs they have."""

from __future__ import annotations

import re

REGION_AZ_IDS: dict[str, tuple[str, int]] = {
    "us-east-1": ("use1", 6),
    "us-east-2": ("use2", 3),
    "us-west-1": ("usw1", 3),
    "us-west-2": ("usw2", 4),
    "ca-central-1": ("cac1", 4),
    "eu-west-1": ("euw1", 3),
    "eu-west-2": ("euw2", 3),
    "eu-west-3": ("euw3", 3),
    "eu-central-1": ("euc1", 3),
    "eu-central-2": ("euc2", 3),
    "eu-north-1": ("eun1", 3),
    "eu-south-1": ("eus1", 3),
    "ap-south-1": ("aps1", 3),
    "ap-southeast-1": ("apse1", 3),
    "ap-southeast-2": ("apse2", 3),
    "ap-northeast-1": ("apne1", 4),
    "ap-northeast-2": ("apne2", 4),
    "sa-east-1": ("sae1", 3),
}

_AZ_ID = re.compile(r"^(?P<prefix>[a-z]+[0-9])-az(?P<number>[0-9]+)$")
_AZ_NAME = re.compile(r"^[a-z]{2}-[a-z]+-[0-9][a-z]$")


def is_known_region(region: str) -> bool:
    return region in REGION_AZ_IDS


def az_ids(region: str) -> list[str]:
    """Every AZ ID of ``region`` (empty for an unknown region)."""
    if region not in REGION_AZ_IDS:
        return []
    prefix, count = REGION_AZ_IDS[region]
    return [f"{prefix}-az{n}" for n in range(1, count + 1)]


def az_id_belongs(az_id: str, region: str) -> bool:
    return az_id in az_ids(region)


def looks_like_az_name(value: str) -> bool:
    """``us-east-1a`` is an AZ *name*; zonal records and subnets want the AZ ID."""
    return bool(_AZ_NAME.match(value))


def looks_like_az_id(value: str) -> bool:
    return bool(_AZ_ID.match(value))
