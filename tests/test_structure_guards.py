"""Guards for the structure issue 10 set up, so it does not erode one file at a time:

- no kind name written as a string outside its declaration (``resources/kinds/``);
- no trait read off a handler with ``getattr``;
- no ``Mapping[str, Any]`` in a handler method's signature (properties are TypedDicts).

The local cloud (``local/``) is exempt from the first: it plays the clouds and names nothing
of privnet's.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from privnet.resources.kinds import ALL_KINDS

SRC = Path(__file__).resolve().parent.parent / "src" / "privnet"
KIND_NAMES = {kind.name for kind in ALL_KINDS}
KIND_LIKE = re.compile(r"^((?:aws|confluent)\.[a-z_]+)(?:\.|$)")
TRAITS = {"replace_on", "grow_only", "owner", "data_plane", "runner_path", "network",
          "left_in_place", "removed_with_owner"}
HANDLER_METHODS = {"find", "read", "create", "update", "delete", "check_ready",
                   "left_in_place", "confirm_found"}


def sources(*, skip: tuple[str, ...] = ()) -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if not relative.startswith(skip):
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def docstrings(tree: ast.Module) -> set[int]:
    """ids of the string constants that are docstrings (free text, not code)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and \
                isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            found.add(id(body[0].value))
    return found


def test_no_kind_name_is_written_outside_its_declaration() -> None:
    offenders = []
    for path, tree in sources(skip=("resources/kinds/", "local/")):
        free_text = docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                    id(node) not in free_text:
                match = KIND_LIKE.match(node.value)
                if match and match.group(1) in KIND_NAMES:
                    offenders.append(f"{path.relative_to(SRC)}:{node.lineno}: {node.value!r}")
    assert offenders == []


def test_no_trait_is_read_with_getattr() -> None:
    offenders = []
    for path, tree in sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                    node.func.id in ("getattr", "hasattr") and len(node.args) >= 2 and \
                    isinstance(node.args[1], ast.Constant) and node.args[1].value in TRAITS:
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert offenders == []


def test_handler_methods_take_typed_properties() -> None:
    offenders = []
    for path, tree in sources():
        if not path.relative_to(SRC).as_posix().startswith("providers/"):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name in HANDLER_METHODS:
                for arg in node.args.args:
                    text = ast.unparse(arg.annotation) if arg.annotation else ""
                    if "Mapping[str, Any]" in text:
                        offenders.append(f"{path.relative_to(SRC)}:{node.lineno} {node.name}")
    assert offenders == []


def test_the_kind_name_detector_is_not_blind() -> None:
    """The scan above would see a kind written out, and not a docstring mentioning one."""
    tree = ast.parse('"""about aws.vpc.x"""\nADDRESS = "aws.vpc.main"\n')
    free_text = docstrings(tree)
    written = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
               and isinstance(n.value, str) and id(n) not in free_text
               and (m := KIND_LIKE.match(n.value)) and m.group(1) in KIND_NAMES]
    assert written == ["aws.vpc.main"]
