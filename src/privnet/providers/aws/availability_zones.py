"""AZ IDs name the same physical zone in every account; AZ names do not. Map them at apply time."""

from __future__ import annotations

from privnet.errors import PrivnetError
from privnet.providers.aws.errors import aws_errors
from privnet.providers.base import ProviderContext


def zone_names_by_id(ctx: ProviderContext) -> dict[str, str]:
    """AZ ID -> AZ name for the context's region and account (``use1-az1`` -> ``us-east-1c``)."""
    with aws_errors():
        answer = ctx.aws("ec2").describe_availability_zones(AllAvailabilityZones=True)
    return {z["ZoneId"]: z["ZoneName"] for z in answer.get("AvailabilityZones", [])
            if "ZoneId" in z and "ZoneName" in z}


def zone_name(ctx: ProviderContext, az_id: str) -> str:
    """The AZ name for ``az_id``; a clear error when the region has no such zone."""
    names = zone_names_by_id(ctx)
    if az_id not in names:
        known = ", ".join(sorted(names)) or "none"
        raise PrivnetError(f"availability zone ID {az_id} does not exist in {ctx.region} "
                           f"(known: {known})")
    return names[az_id]
