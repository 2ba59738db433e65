"""Confluent networking kinds: PrivateLink attachments, ingress and PNI gateways and their
access points."""

from __future__ import annotations

from privnet.resources.kinds.base import UNTYPED, Kind, Traits

PLATT = Kind("confluent.platt", UNTYPED, Traits(network=True))
PLATT_CONNECTION = Kind("confluent.platt_connection", UNTYPED, Traits(runner_path=True,
                                                                      network=True))
INGRESS_GATEWAY = Kind("confluent.ingress_gateway", UNTYPED, Traits(network=True))
INGRESS_ACCESS_POINT = Kind("confluent.ingress_access_point", UNTYPED, Traits(
    runner_path=True, network=True))
PNI_GATEWAY = Kind("confluent.pni_gateway", UNTYPED, Traits(network=True))
PNI_ACCESS_POINT = Kind("confluent.pni_access_point", UNTYPED, Traits(network=True))

KINDS = (PLATT, PLATT_CONNECTION, INGRESS_GATEWAY, INGRESS_ACCESS_POINT, PNI_GATEWAY,
         PNI_ACCESS_POINT)
