"""Whether an explicit security group admits a client range on a port.

Security groups are stateful: admitting the client's range on the server side is all a
request/response needs, so one ingress check per (protocol, port, client range) suffices.
"""

from __future__ import annotations

import ipaddress

from privnet.rules.references import covers
from privnet.topology.aws import SecurityGroup
from privnet.topology.view import TopologyView


def admits(
    view: TopologyView,
    group: SecurityGroup,
    protocol: str,
    port: int,
    network: ipaddress.IPv4Network | None,
) -> bool:
    """True when an ingress rule for ``protocol``/``port`` has a source spanning ``network``.

    An unparsable client range cannot be judged here; the addressing rules report it.
    """
    if network is None:
        return True
    return any(
        rule.protocol == protocol and port in rule.ports and covers(view, rule.sources, network)
        for rule in group.ingress
    )
