"""What a textual network reference (SG source, route destination) points at.

Security-group sources and route destinations may be a CIDR, a VPC name or ``vpn`` (the VPN
client range); several rules need to tell these apart and compare them by address range.
"""

from __future__ import annotations

import ipaddress

from privnet.topology.view import VPN_LOCATION, TopologyView


def looks_like_cidr(text: str) -> bool:
    """Names cannot contain '.', '/' or ':', so any of them means the author meant an address."""
    return any(char in text for char in "./:")


def is_known_name(view: TopologyView, text: str) -> bool:
    """A VPC of the stack, or ``vpn`` when the hub has a VPN."""
    return text in view.vpc_by_name or (text == VPN_LOCATION and view.vpn is not None)


def reference_network(view: TopologyView, text: str) -> ipaddress.IPv4Network | None:
    """Address range a reference stands for; None when it is unknown or malformed."""
    if not looks_like_cidr(text) and not is_known_name(view, text):
        return None
    return view.location_cidr(text)


def covers(
    view: TopologyView, references: list[str], network: ipaddress.IPv4Network
) -> bool:
    """True when one of ``references`` spans the whole of ``network``."""
    for text in references:
        ref = reference_network(view, text)
        if ref is not None and network.subnet_of(ref):
            return True
    return False
