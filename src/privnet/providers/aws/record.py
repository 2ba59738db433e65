"""CNAME records in a private zone pointing Confluent names at an interface endpoint.

Untaggable: a record set is identified by zone, name and type. Creation is an UPSERT, so a
record left behind by an interrupted run is taken over instead of failing the change.

``read`` observes the TTL, and the target of a record whose target is a single name (a
zonal record's target is one entry of the endpoint's map, which has no per-record shape in
the topology to compare with); the attributes keep ``target_key`` to tell the two apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.errors import PrivnetError
from privnet.facts.aws_pages import pages
from privnet.facts.dns_names import absolute_name
from privnet.providers.aws.errors import AwsRequestError, aws_errors
from privnet.providers.aws.route53_changes import change_id_of, change_readiness
from privnet.providers.base import OBSERVED, Attributes, HandlerBase, ProviderContext, Readiness
from privnet.resources.kinds.aws_names import RECORD, RecordProperties


def record_name(properties: RecordProperties) -> str:
    """``labels`` + ``domain``: ``*.use1-az1`` + ``x.private.confluent.cloud`` -> full name."""
    labels = properties["labels"].strip(".")
    domain = absolute_name(properties["domain"])
    return f"{labels}.{domain}" if labels else domain


def record_value(properties: RecordProperties) -> str:
    """The target name; ``target`` may be a map (zonal names by AZ ID) picked by ``target_key``."""
    target = properties["target"]
    key = properties.get("target_key")
    if key is not None:
        if not isinstance(target, Mapping) or key not in target:
            raise PrivnetError(f"record {record_name(properties)}: the endpoint has no "
                               f"DNS name for {key}")
        target = target[key]
    if not target:
        raise PrivnetError(f"record {record_name(properties)}: the endpoint has no DNS name yet")
    return absolute_name(str(target))


def _normal(name: str) -> str:
    """Route 53 answers ``*`` as the octal escape ``\\052``."""
    return absolute_name(name.replace("\\052", "*"))


def _record_set(ctx: ProviderContext, zone_id: str, name: str,
                record_type: str) -> dict[str, Any] | None:
    try:
        with aws_errors():
            answer = ctx.aws("route53").list_resource_record_sets(
                HostedZoneId=zone_id, StartRecordName=name, StartRecordType=record_type)
    except AwsRequestError as exc:
        if exc.code == "NoSuchHostedZone":
            return None
        raise
    for record in answer.get("ResourceRecordSets", []):
        if _normal(str(record["Name"])) == name and record.get("Type") == record_type:
            return dict(record)
    return None


def _zone_records(ctx: ProviderContext, zone_id: str) -> list[dict[str, Any]]:
    """Every record set of the zone (every page); none when the zone is gone."""
    try:
        with aws_errors():
            return [dict(r) for r in pages(ctx.aws("route53"), "list_resource_record_sets",
                                           "ResourceRecordSets", HostedZoneId=zone_id)]
    except AwsRequestError as exc:
        if exc.code == "NoSuchHostedZone":
            return []
        raise


def _attributes(zone_id: str, record: Mapping[str, Any], change_id: str | None,
                target_key: str | None) -> Attributes:
    values = [str(r["Value"]) for r in record.get("ResourceRecords", [])]
    found: Attributes = {
        "zone_id": zone_id,
        "name": _normal(str(record["Name"])),
        "type": str(record["Type"]),
        "ttl": int(record.get("TTL", 0)),
        "value": absolute_name(values[0]) if values else "",
        "target_key": target_key,
    }
    if change_id:
        found["change_id"] = change_id
    return found


def _observed(found: Attributes, recorded: Attributes) -> dict[str, Any]:
    """TTL always; the target only for a record known to point at a single name."""
    observed: dict[str, Any] = {"ttl": found["ttl"]}
    if "target_key" in recorded and recorded["target_key"] is None:
        observed["target"] = str(found["value"]).rstrip(".")
    return observed


def _target_key(properties: RecordProperties) -> str | None:
    key = properties.get("target_key")
    return None if key is None else str(key)


class RecordHandler(HandlerBase[RecordProperties]):
    """``aws.record.*``: ``zone_id``, ``domain``, ``labels``, ``type``, ``ttl``, ``target``
    (and ``target_key`` when ``target`` is a map of zonal names)."""

    kind = RECORD

    def find(self, ctx: ProviderContext, address: str,
             properties: RecordProperties) -> Attributes | None:
        zone_id = properties["zone_id"]
        record = _record_set(ctx, zone_id, record_name(properties),
                             properties["type"])
        return _attributes(zone_id, record, None, _target_key(properties)) if record else None

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        zone_id = str(attributes["zone_id"])
        record = _record_set(ctx, zone_id, str(attributes["name"]), str(attributes["type"]))
        if record is None:
            return None
        found = _attributes(zone_id, record, attributes.get("change_id"),
                            attributes.get("target_key"))
        return {**found, OBSERVED: _observed(found, attributes)}

    reads_in_batches = True

    def read_many(self, ctx: ProviderContext,
                  recorded: Mapping[str, Attributes]) -> dict[str, Attributes | None]:
        """Each zone's record sets listed once (every page)."""
        zones: dict[str, dict[tuple[str, str], dict[str, Any]]] = {}
        for zone_id in sorted({str(a["zone_id"]) for a in recorded.values()}):
            records = zones[zone_id] = {}
            for record in _zone_records(ctx, zone_id):
                records.setdefault((_normal(str(record["Name"])), str(record.get("Type"))),
                                   record)
        answers: dict[str, Attributes | None] = {}
        for address, attributes in recorded.items():
            zone_id = str(attributes["zone_id"])
            match = zones[zone_id].get((str(attributes["name"]), str(attributes["type"])))
            if match is None:
                answers[address] = None
                continue
            found = _attributes(zone_id, match, attributes.get("change_id"),
                                attributes.get("target_key"))
            answers[address] = {**found, OBSERVED: _observed(found, attributes)}
        return answers

    def create(self, ctx: ProviderContext, address: str,
               properties: RecordProperties) -> Attributes:
        return self._upsert(ctx, properties)

    def update(self, ctx: ProviderContext, address: str, properties: RecordProperties,
               attributes: Attributes) -> Attributes:
        """A new target or TTL is an UPSERT; a new name or zone replaces the record."""
        if (properties["zone_id"], record_name(properties)) != (
                attributes["zone_id"], attributes["name"]):
            self.delete(ctx, address, attributes)
        return self._upsert(ctx, properties)

    def _upsert(self, ctx: ProviderContext, properties: RecordProperties) -> Attributes:
        zone_id = properties["zone_id"]
        record = {
            "Name": record_name(properties),
            "Type": properties["type"],
            "TTL": properties["ttl"],
            "ResourceRecords": [{"Value": record_value(properties)}],
        }
        with aws_errors():
            answer = ctx.aws("route53").change_resource_record_sets(
                HostedZoneId=zone_id,
                ChangeBatch={"Comment": "privnet",
                             "Changes": [{"Action": "UPSERT", "ResourceRecordSet": record}]},
            )
        return _attributes(zone_id, record, change_id_of(answer), _target_key(properties))

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        zone_id = str(attributes["zone_id"])
        record = _record_set(ctx, zone_id, str(attributes["name"]), str(attributes["type"]))
        if record is None:
            return
        try:
            with aws_errors():
                ctx.aws("route53").change_resource_record_sets(
                    HostedZoneId=zone_id,
                    ChangeBatch={"Changes": [{"Action": "DELETE", "ResourceRecordSet": record}]},
                )
        except AwsRequestError as exc:
            if exc.code not in ("NoSuchHostedZone", "InvalidChangeBatch"):
                raise

    def check_ready(self, ctx: ProviderContext, address: str,
                    attributes: Attributes) -> Readiness:
        return change_readiness(ctx, attributes.get("change_id"))
