"""Reading request bodies by dotted path, with the 400s the real APIs give for bad input."""

from __future__ import annotations

from typing import Any

from privnet.local.ccloud.errors import ApiError


def lookup(body: dict[str, Any], dotted: str) -> Any:
    """The value at ``dotted`` (``spec.environment.id``) or None when any step is missing."""
    node: Any = body
    for part in dotted.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def text(body: dict[str, Any], dotted: str) -> str:
    """A required non-empty string field."""
    value = lookup(body, dotted)
    if not isinstance(value, str) or not value:
        raise ApiError(
            400, f"'{dotted}' is required and must be a non-empty string", code="invalid_input"
        )
    return value


def optional_text(body: dict[str, Any], dotted: str) -> str | None:
    """An optional string field (None when absent); a 400 when present with another type."""
    value = lookup(body, dotted)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ApiError(400, f"'{dotted}' must be a string", code="invalid_input")
    return value


def mapping(body: dict[str, Any], dotted: str) -> dict[str, Any]:
    """A required object field."""
    value = lookup(body, dotted)
    if not isinstance(value, dict):
        raise ApiError(400, f"'{dotted}' is required and must be an object", code="invalid_input")
    return value


def string_list(body: dict[str, Any], dotted: str) -> list[str]:
    """A required list of strings."""
    value = lookup(body, dotted)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ApiError(400, f"'{dotted}' must be a list of strings", code="invalid_input")
    return list(value)


def name_value_configs(raw: Any, where: str = "configs") -> dict[str, str]:
    """Kafka REST ``[{"name", "value"}]`` lists as a dict."""
    if raw is None:
        return {}
    if not isinstance(raw, list):
        raise ApiError(400, f"'{where}' must be a list of name/value objects", kafka_code=40002)
    configs: dict[str, str] = {}
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ApiError(400, f"every entry of '{where}' needs a 'name'", kafka_code=40002)
        value = item.get("value")
        configs[item["name"]] = "" if value is None else str(value)
    return configs
