"""Where an interface is assumed to be when its real address is not known: the tenth address
of its subnet (network address + 10). Plan-mode snapshots place endpoint interfaces there,
and a live interface that reports an address outside its own subnet is read as being there,
so both kinds of snapshot agree on one made-up address instead of two."""

from __future__ import annotations

import ipaddress

OFFSET = 10


def stand_in_address(cidr: str) -> str:
    """``10.0.1.0/24`` -> ``10.0.1.10``; '' for something that is no IPv4 network."""
    try:
        network = ipaddress.ip_network(cidr, strict=False)
    except ValueError:
        return ""
    return str(network.network_address + OFFSET) if network.version == 4 else ""
