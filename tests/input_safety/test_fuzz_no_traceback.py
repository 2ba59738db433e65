"""Fuzz: no topology or state file makes privnet crash, and JSON mode always prints JSON.

Topology files are the seed example with one value replaced by something hostile (bad tags,
impossible dates, huge integers, deep nesting, alias bombs, odd unicode, stray bytes), or
such a value alone. State files are random JSON, mutated good states, or random bytes.
Every run must exit 0, 1 or 2 with no traceback and no "bug in privnet".
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES
from tests.input_safety.cli import assert_no_traceback, privnet
from tests.input_safety.test_bounded_input import billion_laughs

SEED_LINES = (EXAMPLES / "privatelink-cluster-linking.yaml").read_text(
    encoding="utf-8").splitlines()
VALUE_LINES = [i for i, line in enumerate(SEED_LINES)
               if re.match(r"^\s*(- )?[\w-]+: \S", line) and not line.lstrip().startswith("#")]
TAGS = ["!!int", "!!float", "!!bool", "!!null", "!!str", "!!timestamp", "!!binary", "!!set",
        "!!omap", "!!pairs", "!!map", "!!seq", "!!merge", "!!python/object:os.system",
        "!!python/name:builtins.eval", "!local", "!<tag:example.com,2000:x>", "!"]
SCALARS = ["2024-02-30", "2024-13-01", "2001-12-14t21:59:43.10-05:00", "1e999", "-.inf",
           ".nan", "0x_", "0o8", "0b2", "1:60:60", "~", "yes", "on", "=", "<<", "*missing",
           "&a", "'", '"', "\\x00", "{", "]", "? x", "- - -", "%YAML 1.1", "---", "...",
           "\ufeff", "\u202e", "\U0001f600", "\u0000", "\ud800"]

hostile_text = st.text(st.characters(), max_size=30)
hostile_int = st.one_of(st.integers().map(str),
                        st.integers(60, 6000).map(lambda n: "9" * n))
tagged = st.builds(lambda tag, value: f"{tag} {value}", st.sampled_from(TAGS),
                   st.one_of(st.sampled_from(SCALARS), hostile_text, hostile_int,
                             st.just("[1, 2]"), st.just("{a: 1}")))
nested = st.builds(lambda depth, open_, close: open_ * depth + close * depth,
                   st.integers(1, 3000), st.sampled_from(["[", "{a: "]),
                   st.sampled_from(["]", "}", ""]))
bomb = st.builds(lambda levels, fan: "\n" + billion_laughs(levels, fan).replace("\n", "\n  "),
                 st.integers(1, 9), st.integers(1, 12))
hostile_value = st.one_of(st.sampled_from(SCALARS), hostile_text, hostile_int, tagged, nested,
                          bomb)


@st.composite
def topology_bytes(draw: st.DrawFn) -> bytes:
    value = draw(hostile_value)
    if draw(st.booleans()):
        lines = list(SEED_LINES)
        index = draw(st.sampled_from(VALUE_LINES))
        key = lines[index].split(":", 1)[0]
        lines[index] = f"{key}: {value}"
        text = "\n".join(lines) + "\n"
    else:
        text = value
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0:  # now and then, a stray byte anywhere
        at = draw(st.integers(0, len(data)))
        data = data[:at] + bytes([draw(st.integers(0x80, 0xFF))]) + data[at:]
    return data


FUZZ = settings(max_examples=max(400, settings().max_examples * 4 // 5), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
"""400 examples per test in ``make test``; 4,000 under ``make soak``'s random profile."""


@FUZZ
@given(data=topology_bytes(), as_json=st.booleans())
def test_validate_never_crashes(data: bytes, as_json: bool) -> None:
    with TemporaryDirectory() as directory:
        path = Path(directory) / "fuzzed.yaml"
        path.write_bytes(data)
        args = ["validate", *(["--format", "json"] if as_json else []), str(path)]
        outcome = privnet(*args)
    assert_no_traceback(outcome)
    assert outcome.code in (0, 1, 2), outcome.text
    if as_json:
        findings = json.loads(outcome.stdout)
        assert isinstance(findings, list)
        assert outcome.code != 2 or any(f["rule"] in ("SCHEMA", "INPUT") for f in findings)


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10)),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=20)
GOOD_STATE = {"format": 1, "stack": "pni", "lineage": "l-1", "serial": 1,
              "resources": {"aws.vpc.a": {"kind": "aws.vpc", "attributes": {"id": "vpc-1"},
                                          "properties_hash": "", "properties": {},
                                          "dependencies": []}}}


@st.composite
def state_bytes(draw: st.DrawFn) -> bytes:
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return draw(st.binary(max_size=200))
    if choice == 1:
        return json.dumps(draw(json_values)).encode()
    state = json.loads(json.dumps(GOOD_STATE))
    resource = state["resources"]["aws.vpc.a"]
    target = draw(st.sampled_from([state, resource]))
    target[draw(st.sampled_from(sorted(target)))] = draw(json_values)
    text = json.dumps(state)
    if choice == 3:  # cut it short, or bury it deep
        text = draw(st.sampled_from([text[: len(text) // 2], "[" * 50_000 + text]))
    return text.encode()


@settings(FUZZ, suppress_health_check=[HealthCheck.too_slow])
@given(data=state_bytes())
def test_output_never_crashes_on_a_state_file(data: bytes) -> None:
    with TemporaryDirectory() as directory:
        stack = Path(directory) / "pni"
        stack.mkdir()
        (stack / "state.json").write_bytes(data)
        outcome = privnet("output", str(EXAMPLES / "pni.yaml"), "--state-dir", directory)
    assert_no_traceback(outcome)
    assert outcome.code in (0, 2), outcome.text
    if outcome.code == 2:  # damaged, of another format, or whole but of another stack
        assert any(reason in outcome.stderr for reason in
                   ("is damaged", "belongs to stack", "; this privnet reads format 1")), \
            outcome.stderr
    if _format_of(data) not in (None, 1):
        assert outcome.code == 2 and "; this privnet reads format 1" in outcome.stderr, \
            outcome.stderr


def _format_of(data: bytes) -> object:
    """The ``format`` of a whole state document of the right stack, else None."""
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        return None
    if not isinstance(document, dict) or document.get("stack") != "pni":
        return None
    found = document.get("format", 1)
    return "true" if found is True else found
