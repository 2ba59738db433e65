"""Every request is held to the OpenAPI operation it addresses before any handler runs.

Without this the emulator accepted any body its handlers could read, so privnet could send
bodies the real API refuses and still pass every test. A request is routed to one operation
of ``USED_OPERATIONS`` (or to an explicitly exempt emulator route), its path and query
parameters and its JSON body are validated against the packaged OpenAPI data, and a
violation becomes the family's own 400 naming the field. Validators are built once per
operation and kept for the life of the process.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from jsonschema.exceptions import ValidationError, best_match
from openapi_schema_validator import OAS30WriteValidator

from privnet.local.ccloud.alternatives import waived_requirements
from privnet.local.ccloud.errors import ApiError
from privnet.local.ccloud.openapi import load_spec
from privnet.local.ccloud.operations import USED_OPERATIONS, Operation

EXEMPT: dict[Operation, str] = {
    ("GET", "/healthz"): "liveness probe of the emulator itself; no Confluent API",
    ("GET", "/subjects"): "Schema Registry data plane; its API is not in the packaged files",
    ("POST", "/_emulator/v1/phase"): "emulator control: forces an object's phase for tests",
}
"""Routes the emulator serves outside the OpenAPI files, each with the reason it may."""

MAX_REPORTED = 5
_PARAMETER = re.compile(r"\{([^}/]+)\}")


def _pattern(template: str) -> re.Pattern[str]:
    parts = _PARAMETER.split(template)
    regex = "".join(
        f"(?P<{part}>[^/]+)" if odd else re.escape(part) for odd, part in _alternate(parts)
    )
    return re.compile(regex + "$")


def _alternate(parts: list[str]) -> Iterable[tuple[bool, str]]:
    return ((index % 2 == 1, part) for index, part in enumerate(parts))


def _specificity(template: str) -> int:
    """Literal segments first: ``links/-/mirrors`` wins over ``links/{link_name}/mirrors``."""
    return -sum(1 for s in template.split("/") if s and not _PARAMETER.fullmatch(s))


def _resolve(spec: Mapping[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _validator(spec: Mapping[str, Any], schema: Any) -> Any:
    return OAS30WriteValidator({"allOf": [schema], "components": spec.get("components", {})})


def _coerce(raw: str, kind: str | None) -> Any:
    """A query or path string as the schema's type, or unchanged so validation names it."""
    try:
        if kind == "integer":
            return int(raw)
        if kind == "number":
            return float(raw)
    except ValueError:
        return raw
    if kind == "boolean":
        return {"true": True, "false": False}.get(raw, raw)
    return raw


@dataclass(frozen=True)
class Parameter:
    """One path or query parameter with the validator of its schema."""

    name: str
    location: str
    required: bool
    kind: str | None
    item_kind: str | None
    validator: Any

    def value(self, raws: list[str]) -> Any:
        if self.kind == "array":
            return [_coerce(raw, self.item_kind) for raw in raws]
        return _coerce(raws[0], self.kind)


def _parameter(spec: Mapping[str, Any], node: Any) -> Parameter:
    param = _resolve(spec, node)
    schema = param.get("schema", {})
    resolved = _resolve(spec, schema)
    items = _resolve(spec, resolved.get("items", {}))
    return Parameter(
        param["name"], param["in"], bool(param.get("required")), resolved.get("type"),
        items.get("type"), _validator(spec, schema),
    )


@dataclass
class Route:
    """One operation of a packaged OpenAPI file, validators built on first use."""

    method: str
    template: str
    spec_file: str
    pattern: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        self.pattern = _pattern(self.template)

    @functools.cached_property
    def _operation(self) -> dict[str, Any]:
        operation: dict[str, Any] = self._spec["paths"][self.template][self.method.lower()]
        return operation

    @property
    def _spec(self) -> dict[str, Any]:
        return load_spec(self.spec_file)

    @functools.cached_property
    def parameters(self) -> tuple[Parameter, ...]:
        return tuple(_parameter(self._spec, p) for p in self._operation.get("parameters", []))

    @functools.cached_property
    def body(self) -> tuple[Any, bool] | None:
        """The body validator and whether a body is required, or None without a body."""
        request_body = _resolve(self._spec, self._operation.get("requestBody"))
        media = (request_body or {}).get("content", {}).get("application/json")
        if media is None or "schema" not in media:
            return None
        return _validator(self._spec, media["schema"]), bool(request_body.get("required"))


def _path_of(error: ValidationError, prefix: tuple[str, ...]) -> str:
    parts: list[str] = list(prefix)
    for step in error.absolute_path:
        if isinstance(step, int):
            parts[-1:] = [f"{parts[-1] if parts else ''}[{step}]"]
        else:
            parts.append(str(step))
    if error.validator == "required":
        parts.append(error.message.split("'")[1])
    elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = set(error.schema.get("properties", {}))
        parts.extend(sorted(set(error.instance) - known)[:1])
    return ".".join(parts) or "body"


def _unknown_kind(error: ValidationError, prefix: tuple[str, ...]) -> str | None:
    """A discriminated union given an unmapped kind reads as the closed enum it is."""
    discriminator = error.schema.get("discriminator") if isinstance(error.schema, dict) else None
    if not isinstance(discriminator, dict) or not isinstance(error.instance, dict):
        return None
    name = discriminator["propertyName"]
    kinds = sorted(discriminator.get("mapping", {}))
    where = _path_of(error, prefix)
    where = name if where == "body" else f"{where}.{name}"
    if name not in error.instance:
        return f"{where}: {name!r} is a required property"
    if kinds and error.instance[name] not in kinds:
        return f"{where}: {error.instance[name]!r} is not one of {kinds}"
    return None


def describe(errors: Iterable[ValidationError], prefix: tuple[str, ...] = ()) -> list[str]:
    """``field.path: problem`` for each error, the most specific cause of a union first."""
    described = []
    for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
        cause = best_match([error]) if error.context else error
        described.append(
            _unknown_kind(cause, prefix) or f"{_path_of(cause, prefix)}: {_shortened(cause)}"
        )
    return described


def _shortened(error: ValidationError) -> str:
    """The message with a long offending value cut, so the verdict after it stays visible."""
    shown, message = repr(error.instance), str(error.message)
    if len(shown) > 80 and message.startswith(shown):
        return f"{shown[:60]}...{message[len(shown):]}"
    return message[:300]


class RequestContract:
    """Routes requests to operations and refuses those their OpenAPI operation forbids."""

    def __init__(
        self,
        operations: Mapping[Operation, str] = USED_OPERATIONS,
        exempt: Mapping[Operation, str] = EXEMPT,
    ) -> None:
        self.exempt = dict(exempt)
        routes = [Route(m, t, f) for (m, t), f in operations.items()]
        self.routes = sorted(routes, key=lambda r: _specificity(r.template))
        files = sorted(set(operations.values()))
        self.unemulated = [
            (method, _pattern(template))
            for spec_file in files
            for method, template in load_spec(spec_file).get("unemulated", [])
        ]
        self.exempt_patterns = [(m, _pattern(t)) for m, t in self.exempt]

    def route(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        """The operation for (method, path) with its path values, None for an exempt route;
        raises the 404, 405 or 501 the request gets when there is neither."""
        if (method, path) in self.exempt:
            return None
        allowed: set[str] = set()
        for route in self.routes:
            match = route.pattern.match(path)
            if match is None:
                continue
            if route.method == method:
                return route, match.groupdict()
            allowed.add(route.method)
        for other, pattern in self.unemulated:
            if pattern.match(path):
                if other == method:
                    raise ApiError(501, f"{method} {path} is a Confluent Cloud operation the "
                                        "emulator does not serve")
                allowed.add(other)
        allowed.update(m for m, p in self.exempt_patterns if p.match(path))
        if allowed:
            raise ApiError(405, f"Method {method} not allowed on {path}",
                           headers={"Allow": ", ".join(sorted(allowed))})
        raise ApiError(404, f"{path} is not a path of the Confluent Cloud APIs emulated here")

    def check(
        self,
        route: Route,
        path_values: Mapping[str, str],
        query: Mapping[str, list[str]],
        body: bytes,
    ) -> None:
        """Raise the 400 a request breaking ``route``'s contract gets."""
        problems: list[str] = []
        for param in route.parameters:
            if param.location == "path":
                raws = [path_values[param.name]]
            elif param.location == "query":
                raws = query.get(param.name, [])
            else:
                continue  # headers and cookies: none of the used operations declares one
            if not raws:
                if param.required:
                    problems.append(f"{param.name}: required {param.location} parameter")
                continue
            problems += describe(param.validator.iter_errors(param.value(raws)), (param.name,))
        declared = {p.name for p in route.parameters if p.location == "query"}
        problems += [f"{name}: not a query parameter of {route.method} {route.template}"
                     for name in sorted(set(query) - declared)]
        problems += self._body_problems(route, body)
        if problems:
            shown = "; ".join(problems[:MAX_REPORTED])
            more = len(problems) - MAX_REPORTED
            raise ApiError(400, shown + (f" (and {more} more)" if more > 0 else ""),
                           kafka_code=40002)

    def _body_problems(self, route: Route, body: bytes) -> list[str]:
        if route.body is None:
            return []
        validator, required = route.body
        if not body.strip():
            return ["body: a JSON request body is required"] if required else []
        try:
            instance = json.loads(body)
        except json.JSONDecodeError as exc:
            return [f"body: not valid JSON ({exc.msg})"]
        except UnicodeDecodeError:
            return ["body: not UTF-8 text"]
        waived = waived_requirements(route.method, route.template, instance)
        errors = [e for e in validator.iter_errors(instance) if not _is_waived(e, waived)]
        return describe(errors)


def _is_waived(error: ValidationError, waived: frozenset[tuple[str, ...]]) -> bool:
    if error.validator != "required" or not waived:
        return False
    missing = error.message.split("'")[1]
    return (*(str(p) for p in error.absolute_path), missing) in waived


@functools.cache
def default_contract() -> RequestContract:
    """One contract per process: every emulator app (tests make many) shares its validators."""
    return RequestContract()
