"""What plan/apply/destroy/output print, over fake handlers: result counts, outputs after
apply, a refused lock before any plan, and ``--format json`` as exactly one document."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from privnet.cli.main import app
from privnet.cli.services import Services
from privnet.engine.progress import SilentReporter
from privnet.engine.state import StateStore
from privnet.resources.model import ResourceGraph
from privnet.topology import load_spec
from tests.conftest import EXAMPLES, FIXTURES
from tests.engine.conftest import KINDS, sample_graph
from tests.engine.fakes import FakeCloud, FakeContext, FakeHandler, compiler_for

EXAMPLE = str(EXAMPLES / "privatelink-cluster-linking.yaml")
STACK = load_spec(Path(EXAMPLE)).topology.stack


class Cli:
    """The CLI over fake handlers, with one state directory."""

    def __init__(self, state_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.cloud = FakeCloud()
        self.handlers = {kind: FakeHandler(kind, self.cloud) for kind in KINDS}
        self.state_dir = state_dir
        self._monkeypatch = monkeypatch
        self.build(sample_graph)
        self.services = Services(make_context=lambda topology: FakeContext(),
                                 handlers=lambda: self.handlers, reporter=SilentReporter)

    def build(self, graph: Callable[[], ResourceGraph]) -> None:
        self._monkeypatch.setattr("privnet.resources.compile.default_compilers",
                                  lambda: [compiler_for(graph)])

    def cluster_id(self) -> str:
        """The id the fake cloud gave the cluster, as the state records it."""
        state = StateStore(STACK, self.state_dir).load()
        return str(state.resources["confluent.cluster.main"].attributes["id"])

    def __call__(self, *args: str, stdin: str | None = None) -> Any:
        return CliRunner().invoke(app, [*args, "--state-dir", str(self.state_dir)],
                                  obj=self.services, input=stdin)


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cli]:
    yield Cli(tmp_path / "state", monkeypatch)


def test_apply_counts_each_result_and_prints_the_outputs(cli: Cli) -> None:
    applied = cli("apply", EXAMPLE, "--yes", "--no-color")
    assert applied.exit_code == 0, applied.output
    assert "Apply complete: 5 created, 0 updated, 0 destroyed." in applied.stdout
    assert "\x1b[" not in applied.stdout
    outputs = applied.stdout.split("\nOutputs:\n", 1)[1]
    cluster_id = cli.cluster_id()
    assert f"  cluster main ({cluster_id})" in outputs
    cli.build(lambda: sample_graph("10.9.0.0/16"))
    updated = cli("apply", EXAMPLE, "--yes")
    assert updated.exit_code == 0, updated.output
    assert "Apply complete: 0 created, 1 updated, 0 destroyed, 4 unchanged." in updated.stdout
    assert "done" not in updated.stdout


def test_destroying_an_empty_stack_says_there_is_nothing_to_destroy(cli: Cli) -> None:
    result = cli("destroy", EXAMPLE, "--yes", "--no-color")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Nothing to destroy: the stack has no recorded objects.\n"
    assert "matches the topology" not in result.stdout


def test_a_locked_stack_is_refused_before_the_plan_is_printed(cli: Cli) -> None:
    assert cli("apply", EXAMPLE, "--yes").exit_code == 0
    cli.build(lambda: sample_graph("10.9.0.0/16"))
    with StateStore(STACK, cli.state_dir).lock("apply"):
        for command in ("apply", "destroy"):
            refused = cli(command, EXAMPLE, "--yes")
            assert refused.exit_code == 2
            assert refused.stdout == ""  # no plan, no summary
            assert "the stack is locked by apply" in refused.stderr
            as_json = cli(command, EXAMPLE, "--yes", "--format", "json")
            assert as_json.exit_code == 2
            document = json.loads(as_json.stdout)
            assert document["error"]["type"] == "StateLockedError"
            assert document["findings"] == []
    assert len(cli.cloud.objects) == 5 and cli("apply", EXAMPLE, "--yes").exit_code == 0


def test_json_apply_and_destroy_print_exactly_one_document(cli: Cli) -> None:
    applied = cli("apply", EXAMPLE, "--yes", "--format", "json")
    assert applied.exit_code == 0, applied.output
    document = json.loads(applied.stdout)  # nothing else on stdout
    assert document["plan"]["summary"]["add"] == 5
    assert document["result"]["summary"]["created"] == 5
    assert document["result"]["outcomes"]["fake.network.main"]["result"] == "created"
    assert document["outputs"]["clusters"]["main"]["id"] == (
        cli.cluster_id())
    again = json.loads(cli("apply", EXAMPLE, "--yes", "--format", "json").stdout)
    assert again["plan"]["has_changes"] is False and again["result"] is None
    assert again["outputs"]["clusters"]["main"]["id"] == cli.cluster_id()
    unchanged = cli("apply", EXAMPLE, "--yes")
    assert unchanged.stdout.startswith("No changes.")
    assert f"\nOutputs:\n  stack {STACK}\n  cluster main ({cli.cluster_id()})" in unchanged.stdout
    declined = cli("destroy", EXAMPLE, "--format", "json", stdin="no\n")
    assert declined.exit_code == 1
    assert json.loads(declined.stdout)["cancelled"] is True
    assert "will be destroyed" in declined.stderr  # the plan to answer for goes to stderr
    destroyed = cli("destroy", EXAMPLE, "--yes", "--format", "json")
    assert destroyed.exit_code == 0, destroyed.output
    result = json.loads(destroyed.stdout)
    assert result["result"]["summary"]["destroyed"] == 5 and result["outputs"] is None
    assert cli.cloud.objects == {}


def test_json_of_a_file_that_does_not_load_or_validate_is_an_error_document(
        cli: Cli, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\nstack: [unclosed\n")
    invalid = FIXTURES / "ADDR-001" / "fail.yaml"
    for command in (["plan"], ["apply", "--yes"], ["destroy", "--yes"]):
        unreadable = cli(*command, str(broken), "--format", "json")
        assert unreadable.exit_code == 2
        document = json.loads(unreadable.stdout)
        assert document["findings"][0]["rule"] == "SCHEMA"
        assert document["findings"][0]["file"] == str(broken)
        assert document["findings"][0]["line"] >= 1
        rejected = cli(*command, str(invalid), "--format", "json")
        assert rejected.exit_code == 2
        document = json.loads(rejected.stdout)
        assert document["error"]["type"] == "TopologyRejected"
        assert "ADDR-001" in {f["rule"] for f in document["findings"]}
        missing = cli(*command, str(tmp_path / "missing.yaml"), "--format", "json")
        assert missing.exit_code == 2
        assert json.loads(missing.stdout)["findings"][0]["rule"] == "INPUT"
    detailed = cli("plan", str(broken), "--format", "json", "--detailed-exitcode")
    assert detailed.exit_code == 1 and json.loads(detailed.stdout)["error"]["exit_code"] == 1


def test_output_by_name_raw_and_unknown(cli: Cli) -> None:
    assert cli("apply", EXAMPLE, "--yes").exit_code == 0
    cluster_id = cli.cluster_id()
    raw = cli("output", EXAMPLE, "clusters.main.id", "--raw")
    assert raw.exit_code == 0 and raw.stdout == f"{cluster_id}\n"
    quoted = cli("output", EXAMPLE, "clusters.main.id")
    assert json.loads(quoted.stdout) == cluster_id
    whole = cli("output", EXAMPLE, "clusters.main", "--format", "json")
    assert json.loads(whole.stdout)["id"] == cluster_id
    unknown = cli("output", EXAMPLE, "clusters.nope")
    assert unknown.exit_code == 2 and unknown.stdout == ""
    assert "clusters.main.id" in unknown.stderr  # the known names are listed
    unknown_json = cli("output", EXAMPLE, "clusters.nope", "--format", "json")
    assert unknown_json.exit_code == 2
    assert "no output named" in json.loads(unknown_json.stdout)["error"]["message"]


@pytest.mark.parametrize("verb", ["apply", "destroy"])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_an_unanswered_prompt_exits_1_and_ends_its_line(cli: Cli, verb: str, fmt: str) -> None:
    """``privnet apply </dev/null`` in CI: the prompt reads end-of-file, nothing is changed,
    and the exit code says so whatever the format."""
    if verb == "destroy":
        assert cli("apply", EXAMPLE, "--yes").exit_code == 0
    before = dict(cli.cloud.objects)
    declined = cli(verb, EXAMPLE, "--format", fmt, stdin="")
    assert declined.exit_code == 1, declined.output
    assert cli.cloud.objects == before
    if fmt == "json":
        assert json.loads(declined.stdout)["cancelled"] is True
    assert "Only 'yes' will be accepted: \n" in declined.stderr, declined.stderr
    assert declined.stderr.endswith(f"{verb} cancelled\n")


def test_a_piped_answer_ends_the_prompt_line(cli: Cli) -> None:
    answered = cli("apply", EXAMPLE, stdin="no\n")
    assert answered.exit_code == 1
    assert "Only 'yes' will be accepted: \napply cancelled\n" in answered.stderr
