"""Reading an interface endpoint's DNS entries: one regional name, one zonal name per AZ.

A zonal entry's first label ends with the AZ *name* (``...-us-east-1a``); records are keyed by
AZ *ID*, so the names are translated with the account's own AZ map.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def split_dns_entries(entries: Iterable[Mapping[str, Any]],
                      az_ids_by_name: Mapping[str, str]) -> tuple[str, dict[str, str]]:
    """(regional name, {az_id: zonal name}) from an endpoint's ``DnsEntries``."""
    regional = ""
    zonal: dict[str, str] = {}
    for entry in entries:
        name = str(entry.get("DnsName", "")).rstrip(".")
        if not name:
            continue
        first_label = name.split(".", 1)[0]
        zone = next((az for az in sorted(az_ids_by_name, key=len, reverse=True)
                     if first_label.endswith("-" + az)), None)
        if zone is None:
            regional = regional or name
        else:
            zonal[az_ids_by_name[zone]] = name
    return regional, dict(sorted(zonal.items()))
