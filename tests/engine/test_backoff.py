"""Readiness polling: the wait grows, but a ready resource is noticed at most ~10% late."""

from __future__ import annotations

import random

import pytest

from privnet.engine.backoff import RetryPolicy


def test_poll_delay_is_bounded_by_a_tenth_of_the_time_waited() -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=20.0, jitter=0.0)
    rng = random.Random(1)
    assert policy.poll_delay(attempt=10, waited=0.2, rng=rng) == 0.5  # early: the base delay
    assert policy.poll_delay(attempt=10, waited=30.0, rng=rng) == pytest.approx(3.0)
    assert policy.poll_delay(attempt=10, waited=3600.0, rng=rng) == 20.0  # capped
    assert policy.poll_delay(attempt=0, waited=100.0, rng=rng) == 0.5  # backoff still grows


def test_retry_delay_doubles_up_to_the_cap() -> None:
    policy = RetryPolicy(base_delay=1.0, max_delay=5.0, jitter=0.0)
    assert [policy.delay(n) for n in range(5)] == [1.0, 2.0, 4.0, 5.0, 5.0]
