"""Progress lines on a non-terminal: what is created, waited on, and how it ended."""

from __future__ import annotations

import io

from privnet.cli.progress import LineReporter, LiveReporter
from tests.engine.conftest import EngineFactory
from tests.engine.fakes import FakeHandler


def test_plain_progress_reports_waits_once_per_detail_and_the_outcome(
        make_engine: EngineFactory, handlers: dict[str, FakeHandler]) -> None:
    handlers["confluent.cluster"].polls_until_ready = 2
    stream = io.StringIO()
    engine = make_engine()
    engine.reporter = LineReporter(stream)
    engine.apply()
    lines = stream.getvalue().splitlines()
    cluster = [line for line in lines if line.startswith("confluent.cluster.main:")]
    assert cluster[0] == "confluent.cluster.main: creating..."
    assert [line.split(" [")[0] for line in cluster[1:]] == [
        "confluent.cluster.main: waiting (phase PROVISIONING (1))",
        "confluent.cluster.main: waiting (phase PROVISIONING (2))",
        "confluent.cluster.main: done: created",
    ]
    assert all(line.endswith("s]") for line in cluster[1:])


def test_live_display_starts_only_when_work_starts() -> None:
    reporter = LiveReporter()
    reporter.close()  # nothing started: nothing to stop, nothing drawn
    reporter.started("aws.vpc.a", "creating")
    reporter.waiting("aws.vpc.a", "pending")
    reporter.finished("aws.vpc.a", "done", "created")
    reporter.close()
