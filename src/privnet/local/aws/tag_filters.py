"""``tag:KEY`` filters that combine as AWS combines them.

moto's own ``describe_tag_filter`` (used by DescribeTransitGateways,
DescribeTransitGatewayAttachments and DescribeManagedPrefixLists) removes an object once per
failing filter, so two ``tag:`` filters on an object that fails both crash the server with a
500. AWS instead keeps an object only when every ``tag:KEY`` filter finds a tag ``KEY`` whose
value matches one of the filter's values (``*`` and ``?`` are wildcards); an untagged object
simply matches no tag filter.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fnmatch import fnmatchcase
from typing import Any

TAG_PREFIX = "tag:"
MODULES_USING_IT = (
    "moto.ec2.utils",
    "moto.ec2.models.transit_gateway",
    "moto.ec2.models.transit_gateway_attachments",
    "moto.ec2.models.managed_prefixes",
)


def _value_matches(value: str, wanted: Iterable[str]) -> bool:
    return any(fnmatchcase(value, pattern) for pattern in wanted)


def _tags_of(item: Any) -> dict[str, str]:
    return {str(tag.get("key")): str(tag.get("value")) for tag in item.get_tags()}


def matches_tag_filters(item: Any, filters: Mapping[str, Any]) -> bool:
    """True when every ``tag:KEY`` filter in ``filters`` is met by one of ``item``'s tags."""
    tags = _tags_of(item)
    for name, wanted in filters.items():
        if not name.startswith(TAG_PREFIX):
            continue
        key = name[len(TAG_PREFIX):]
        values = [wanted] if isinstance(wanted, str) else list(wanted or [])
        if key not in tags or not _value_matches(tags[key], values):
            return False
    return True


def describe_tag_filter(filters: Mapping[str, Any], instances: list[Any]) -> list[Any]:
    """Drop-in for moto's function of the same name: the objects every tag filter admits."""
    return [item for item in instances if matches_tag_filters(item, filters)]


IGNORING_TAG_FILTERS = ("describe_transit_gateway_attachments",
                        "get_all_transit_gateway_route_tables")


def make_tag_filtered(original: Any) -> Any:
    """A backend lister ``(ids, filters)`` that moto left blind to ``tag:`` filters."""

    def tag_filtered(self: Any, *args: Any, **kwargs: Any) -> list[Any]:
        found = list(original(self, *args, **kwargs))
        filters = kwargs.get("filters", args[1] if len(args) > 1 else None)
        return describe_tag_filter(filters, found) if filters else found

    return tag_filtered
