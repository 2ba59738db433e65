"""The network interfaces of a Private Network Interface access point.

``count_per_subnet`` interfaces in each listed subnet. Each carries a ``privnet:slot`` tag
(``<subnet id>/<n>``) besides the stack and address tags, so a run interrupted half-way is
completed slot by slot instead of starting over or duplicating interfaces.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from privnet.providers.aws.ec2_lookup import absent_ok, describe
from privnet.providers.aws.errors import aws_errors
from privnet.providers.aws.tags import has_tags, tag_filters, tags
from privnet.providers.base import Attributes, HandlerBase, ProviderContext, Readiness
from privnet.resources.kinds.aws_network import PNI_ENIS, PniEnisProperties

SLOT_TAG = "privnet:slot"
_IN_USE = frozenset({"InvalidNetworkInterface.InUse", "DependencyViolation"})


def _slot(interface: Mapping[str, Any]) -> str:
    return next((str(t["Value"]) for t in interface.get("TagSet", []) if t["Key"] == SLOT_TAG), "")


def wanted_slots(properties: PniEnisProperties) -> dict[str, str]:
    """Slot -> subnet id for every interface the properties ask for."""
    count = properties["count_per_subnet"]
    return {f"{subnet}/{n}": str(subnet)
            for subnet in properties["subnet_ids"] for n in range(count)}


def _by_slot(ctx: ProviderContext, address: str) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for interface in describe(ctx, "describe_network_interfaces", "NetworkInterfaces",
                              Filters=tag_filters(ctx, address)):
        if not has_tags(ctx, address, interface.get("TagSet")):
            continue
        found.setdefault(_slot(interface), []).append(interface)
    for interfaces in found.values():
        interfaces.sort(key=lambda i: str(i["NetworkInterfaceId"]))
    return found


def _attributes(slots: Mapping[str, list[dict[str, Any]]], existing_ids: Iterable[str],
                subnet_ids: Iterable[str], count_per_subnet: int) -> Attributes:
    created = {slot: str(items[0]["NetworkInterfaceId"]) for slot, items in slots.items()
               if items}
    extra = [str(i) for i in existing_ids]
    return {
        "ids": sorted(created.values()) + sorted(set(extra) - set(created.values())),
        "created": dict(sorted(created.items())),
        "existing_ids": sorted(extra),
        "subnet_ids": sorted({str(s) for s in subnet_ids}),
        "count_per_subnet": count_per_subnet,
    }


def _wanted_attributes(slots: Mapping[str, list[dict[str, Any]]],
                       properties: PniEnisProperties) -> Attributes:
    return _attributes(slots, properties["existing_ids"], properties["subnet_ids"],
                       properties["count_per_subnet"])


class PniEnisHandler(HandlerBase[PniEnisProperties]):
    """``aws.pni_enis.<access point>``: ``subnet_ids``, ``count_per_subnet``,
    ``security_group_ids``, ``existing_ids`` (interfaces made elsewhere, listed as is)."""

    kind = PNI_ENIS

    def find(self, ctx: ProviderContext, address: str,
             properties: PniEnisProperties) -> Attributes | None:
        slots = _by_slot(ctx, address)
        if not slots:
            return None
        if not set(wanted_slots(properties)) <= set(slots):
            return None  # incomplete: create fills in the missing slots
        return _wanted_attributes(slots, properties)

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        slots = _by_slot(ctx, address)
        if not slots and attributes.get("created"):
            return None
        return _attributes(slots, attributes.get("existing_ids", []),
                           attributes.get("subnet_ids", []),
                           int(attributes.get("count_per_subnet", 0)))

    def create(self, ctx: ProviderContext, address: str,
               properties: PniEnisProperties) -> Attributes:
        return self._reconcile(ctx, address, properties)

    def update(self, ctx: ProviderContext, address: str, properties: PniEnisProperties,
               attributes: Attributes) -> Attributes:
        return self._reconcile(ctx, address, properties)

    def _reconcile(self, ctx: ProviderContext, address: str,
                   properties: PniEnisProperties) -> Attributes:
        """Create missing slots, remove duplicates and slots no longer wanted."""
        ec2 = ctx.aws("ec2")
        slots = _by_slot(ctx, address)
        wanted = wanted_slots(properties)
        groups = list(properties["security_group_ids"])
        for slot, items in list(slots.items()):
            surplus = items if slot not in wanted else items[1:]
            for interface in surplus:
                self._delete_one(ctx, str(interface["NetworkInterfaceId"]))
            slots[slot] = [] if slot not in wanted else items[:1]
        for slot, subnet_id in wanted.items():
            if slots.get(slot):
                continue
            interface_tags = [*tags(ctx, address), {"Key": SLOT_TAG, "Value": slot}]
            with aws_errors():
                interface = ec2.create_network_interface(
                    SubnetId=subnet_id, Groups=groups,
                    Description=f"privnet {address} {slot}",
                    TagSpecifications=[{"ResourceType": "network-interface",
                                        "Tags": interface_tags}],
                )["NetworkInterface"]
            slots[slot] = [interface]
        return _wanted_attributes({s: i for s, i in slots.items() if i}, properties)

    def _delete_one(self, ctx: ProviderContext, interface_id: str) -> None:
        # Confluent detaches its attachments when the access point goes; until then, retry.
        with absent_ok(), aws_errors(also_transient=_IN_USE):
            ctx.aws("ec2").delete_network_interface(NetworkInterfaceId=interface_id)

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        for items in _by_slot(ctx, address).values():
            for interface in items:
                self._delete_one(ctx, str(interface["NetworkInterfaceId"]))

    def check_ready(self, ctx: ProviderContext, address: str,
                    attributes: Attributes) -> Readiness:
        ids = [str(i) for i in attributes.get("created", {}).values()]
        if not ids:
            return Readiness(True, "no interfaces to create")
        found = describe(ctx, "describe_network_interfaces", "NetworkInterfaces",
                         NetworkInterfaceIds=ids)
        usable = [i for i in found if i.get("Status") in ("available", "in-use")]
        return Readiness(len(usable) == len(ids),
                         f"{len(usable)}/{len(ids)} PNI network interfaces usable")
