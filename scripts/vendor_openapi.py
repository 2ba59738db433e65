"""Trim the Confluent Cloud OpenAPI reference into the emulator's packaged schema data.

The emulator validates requests at runtime and the tests validate its answers, so both
need the schemas even where the reference directory is absent (a fresh clone). This keeps,
per file privnet uses, only the operations in ``USED_OPERATIONS`` (parameters, request
body, responses) and the components they reach through ``$ref`` or a discriminator
mapping, without prose, examples or vendor extensions. Every other operation of the file
is listed by method and path only, so the emulator can tell "not emulated" from "no such
route".

Usage: python scripts/vendor_openapi.py [--reference DIR] [--out DIR] [--check]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from privnet.local.ccloud.operations import USED_OPERATIONS

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference" / "confluent-cloud-openapi"
DEFAULT_OUT = ROOT / "src" / "privnet" / "local" / "ccloud" / "openapi"
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
DROPPED = frozenset(
    {
        "description", "summary", "example", "examples", "title", "externalDocs", "tags",
        "operationId", "deprecated", "default", "headers", "links", "security", "servers",
    }
)
# Keys whose value maps user-chosen names (property names, status codes, media types,
# component names) to nodes: their keys are data, never keywords to drop.
NAME_MAPS = frozenset(
    {"properties", "patternProperties", "responses", "content", "mapping", "schemas",
     "parameters", "requestBodies", "encoding"}
)


def clean(node: Any, names: bool = False) -> Any:
    """``node`` without the keys validation never reads."""
    if isinstance(node, list):
        return [clean(item) for item in node]
    if not isinstance(node, dict):
        return node
    kept: dict[str, Any] = {}
    for key, value in node.items():
        if not names and (key in DROPPED or key.startswith("x-")):
            continue
        kept[key] = value if key == "enum" else clean(value, not names and key in NAME_MAPS)
    return kept


def references(node: Any) -> Iterator[str]:
    """Every local reference under ``node``: ``$ref`` values and discriminator mappings."""
    if isinstance(node, list):
        for item in node:
            yield from references(item)
    elif isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield ref
        discriminator = node.get("discriminator")
        if isinstance(discriminator, dict):
            yield from (v for v in discriminator.get("mapping", {}).values() if isinstance(v, str))
        for key, value in node.items():
            if key != "$ref":
                yield from references(value)


def _component(spec: dict[str, Any], ref: str) -> tuple[str, str, Any]:
    if not ref.startswith("#/components/"):
        raise ValueError(f"only local component references are supported, not {ref}")
    _, _, kind, name = ref.split("/", 3)
    return kind, name, spec["components"][kind][name]


def _operation(path_item: dict[str, Any], method: str) -> dict[str, Any]:
    """The operation with its path item's parameters merged in (the operation's win)."""
    operation = dict(path_item[method])
    merged = {(p.get("name"), p.get("in"), p.get("$ref")): p
              for p in path_item.get("parameters", [])}
    merged.update({(p.get("name"), p.get("in"), p.get("$ref")): p
                   for p in operation.get("parameters", [])})
    if merged:
        operation["parameters"] = list(merged.values())
    request_body = operation.get("requestBody")
    if isinstance(request_body, dict) and "$ref" in request_body:
        operation["requestBody"] = {"$ref": request_body["$ref"]}  # siblings of $ref are ignored
    return {k: operation[k] for k in ("parameters", "requestBody", "responses") if k in operation}


def trim(spec: dict[str, Any], used: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """The part of ``spec`` that validating the ``used`` (method, path) operations needs."""
    paths: dict[str, dict[str, Any]] = {}
    for method, template in sorted(used):
        paths.setdefault(template, {})[method.lower()] = clean(
            _operation(spec["paths"][template], method.lower())
        )
    components: dict[str, dict[str, Any]] = {}
    pending = list(references(paths))
    while pending:
        kind, name, target = _component(spec, pending.pop())
        if name in components.get(kind, {}):
            continue
        components.setdefault(kind, {})[name] = cleaned = clean(target)
        pending.extend(references(cleaned))
    unemulated = sorted(
        [method.upper(), template]
        for template, item in spec["paths"].items()
        for method in METHODS
        if method in item and method not in paths.get(template, {})
    )
    return {
        "openapi": spec["openapi"],
        "paths": paths,
        "components": {k: dict(sorted(v.items())) for k, v in sorted(components.items())},
        "unemulated": unemulated,
    }


def vendored(reference: Path) -> dict[str, str]:
    """File name -> the JSON text to ship, for every reference file USED_OPERATIONS names."""
    by_file: dict[str, list[tuple[str, str]]] = {}
    for operation, file in USED_OPERATIONS.items():
        by_file.setdefault(file, []).append(operation)
    texts: dict[str, str] = {}
    for file, used in sorted(by_file.items()):
        with (reference / file).open() as handle:
            spec = yaml.safe_load(handle)
        data = trim(spec, used)
        texts[Path(file).stem + ".json"] = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when the packaged files differ from the reference")
    args = parser.parse_args(argv)
    texts = vendored(args.reference)
    stale = [n for n, t in texts.items()
             if not (args.out / n).is_file() or (args.out / n).read_text() != t + "\n"]
    if args.check:
        for name in stale:
            print(f"stale: {args.out / name}")
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (args.out / name).write_text(text + "\n")
        print(f"{name}: {len(text) + 1} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
