"""Validation of emulator answers against the Confluent Cloud OpenAPI files.

The files are the trimmed copies packaged with the emulator (``privnet.local.ccloud.openapi``),
so the checks run on a fresh clone; test_vendored_openapi keeps them equal to the reference.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import httpx
from openapi_schema_validator import OAS30ReadValidator

from privnet.local.ccloud.openapi import load_spec


def _deref(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _response_key(responses: dict[str, Any], status: int) -> tuple[str, bool]:
    """The documented response for ``status``; errors the file does not list for this
    operation fall back to the operation's own error dialect (its 400, else any 4xx/5xx)."""
    for key in (str(status), f"{status // 100}XX", "default"):
        if key in responses:
            return key, False
    if status >= 400:
        for key in ("400", "401", "500", "5XX"):
            if key in responses:
                return key, True
    raise AssertionError(f"status {status} is not documented and has no error fallback")


@dataclass
class Check:
    """The outcome of validating one answer."""

    method: str
    template: str
    status: int
    response_key: str
    fallback: bool


@dataclass
class ContractLog:
    """Every validated answer, for coverage reporting."""

    checks: list[Check] = field(default_factory=list)

    def covered(self) -> set[tuple[str, str]]:
        """Operations that answered with a validated success."""
        return {(c.method, c.template) for c in self.checks if c.status < 300}


@functools.cache
def _validator(spec_file: str, method: str, template: str, key: str, media: str) -> Any:
    """One read validator per documented answer, built once: the suite checks thousands."""
    spec = load_spec(spec_file)
    documented = _deref(spec, spec["paths"][template][method.lower()]["responses"][key])
    schema = documented["content"][media]["schema"]
    return OAS30ReadValidator({"allOf": [schema], "components": spec.get("components", {})})


def validate_response(
    spec_file: str, method: str, template: str, response: httpx.Response
) -> Check:
    """Assert ``response`` matches the documented answer of (method, template)."""
    spec = load_spec(spec_file)
    operation = spec["paths"][template][method.lower()]
    key, fallback = _response_key(operation["responses"], response.status_code)
    documented = _deref(spec, operation["responses"][key])
    content = documented.get("content")
    check = Check(method, template, response.status_code, key, fallback)
    if response.status_code == 204:
        assert response.content == b"", f"{method} {template}: 204 must have no body"
        return check
    if not content:
        return check
    media = response.headers.get("content-type", "").split(";")[0].strip()
    assert media in content, (
        f"{method} {template} {response.status_code}: {media} not in {list(content)}"
    )
    schema = content[media].get("schema")
    if schema is None:
        return check
    instance = response.json() if media == "application/json" else response.text
    validator = _validator(spec_file, method, template, key, media)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
    assert not errors, (
        f"{method} {template} {response.status_code} does not match {spec_file}#{key}: "
        + "; ".join(f"{list(e.path)}: {e.message[:200]}" for e in errors[:5])
    )
    return check
