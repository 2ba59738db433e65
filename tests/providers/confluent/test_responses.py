"""Retry-After parsing: delta-seconds and HTTP dates."""

from __future__ import annotations

from privnet.providers.confluent.responses import retry_after_seconds


def test_delta_seconds() -> None:
    assert retry_after_seconds("12") == 12.0
    assert retry_after_seconds("-3") == 0.0


def test_http_date_is_relative_to_now() -> None:
    now = 1_700_000_000.0  # 2023-11-14T22:13:20Z
    assert retry_after_seconds("Tue, 14 Nov 2023 22:13:50 GMT", now=now) == 30.0


def test_missing_or_garbage_means_unknown() -> None:
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("soon") is None
