"""The clock rotation reads: ``PRIVNET_NOW`` as a date, an instant or an instant with an
offset; anything else is a clear input error (exit 2), never a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from privnet.cli.errors import EXIT_INPUT, exit_code
from privnet.cli.main import app
from privnet.cli.services import Services
from privnet.engine.progress import SilentReporter
from privnet.keys.clock import NOW_ENV, ClockSettingError, age_days, parse_instant, system_clock
from privnet.targets.context import CloudContext
from privnet.targets.inprocess import InProcessCloud
from tests.conftest import EXAMPLES

GARBAGE = ["yesterday", "2027-13-01", "2027-02-30", "10/01/2027", "2027-01-10T25:00:00Z",
           "0", "2027-01-10 08:30 in the morning", "\x1b[31mred\x1b[0m"]


@pytest.mark.parametrize(("text", "expected"), [
    ("2027-01-10", datetime(2027, 1, 10, tzinfo=UTC)),
    (" 2027-01-10 ", datetime(2027, 1, 10, tzinfo=UTC)),
    ("2027-01-10T08:30:00Z", datetime(2027, 1, 10, 8, 30, tzinfo=UTC)),
    ("2027-01-10T08:30:00", datetime(2027, 1, 10, 8, 30, tzinfo=UTC)),  # no offset: UTC
    ("2027-01-10T08:30:00+02:00", datetime(2027, 1, 10, 6, 30, tzinfo=UTC)),
    ("2027-01-10T00:30:00-05:00", datetime(2027, 1, 10, 5, 30, tzinfo=UTC)),
    ("2027-01-10T08:30:00.250Z", datetime(2027, 1, 10, 8, 30, 0, 250000, tzinfo=UTC)),
])
def test_privnet_now_sets_the_clock(text: str, expected: datetime,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NOW_ENV, text)
    now = system_clock()
    assert now == expected
    assert now.tzinfo is not None and now.utcoffset() == timedelta(0)


def test_without_privnet_now_the_clock_is_the_system_clock(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(NOW_ENV, raising=False)
    before = datetime.now(UTC)
    now = system_clock()
    assert before <= now <= datetime.now(UTC)
    monkeypatch.setenv(NOW_ENV, "")  # set but empty: the system clock too
    assert abs(system_clock() - datetime.now(UTC)) < timedelta(seconds=5)


def test_the_setting_is_read_at_every_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NOW_ENV, "2027-01-10")
    first = system_clock()
    monkeypatch.setenv(NOW_ENV, "2027-02-09")
    assert age_days(first, system_clock()) == 30.0


@pytest.mark.parametrize("text", GARBAGE)
def test_garbage_is_an_input_error_that_names_the_fix(text: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError):
        parse_instant(text)
    monkeypatch.setenv(NOW_ENV, text)
    with pytest.raises(ClockSettingError) as caught:
        system_clock()
    message = str(caught.value)
    assert NOW_ENV in message and repr(text) in message
    assert "2027-01-10T08:30:00Z" in message and "unset it" in message
    assert "\x1b[" not in message  # a terminal escape is shown escaped, never sent
    assert exit_code(caught.value) == EXIT_INPUT == 2


def test_age_days_counts_partial_and_negative_days() -> None:
    start = datetime(2027, 1, 10, tzinfo=UTC)
    assert age_days(start, start + timedelta(days=29, hours=12)) == 29.5
    assert age_days(start, start - timedelta(days=1)) == -1.0


@pytest.fixture
def local_ctx() -> Iterator[CloudContext]:
    with InProcessCloud() as cloud:
        context = cloud.context("ingress-privatelink", "us-east-1")
        yield context
        context.close()


def test_keys_status_with_a_garbage_clock_exits_2_without_traceback(
        local_ctx: CloudContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NOW_ENV, "next tuesday")
    services = Services(make_context=lambda _: local_ctx, reporter=SilentReporter)
    result = CliRunner().invoke(app, [
        "keys", "status", str(EXAMPLES / "ingress-privatelink.yaml"),
        "--state-dir", str(tmp_path)], obj=services)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"{NOW_ENV}='next tuesday' is not a date or an ISO 8601 instant" in result.stderr
