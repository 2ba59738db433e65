"""Confluent display names carry the stack and stay within Confluent's 64 characters."""

from __future__ import annotations

from privnet.resources.confluent_addresses import NAME_LIMIT, scoped_name


def test_short_names_are_stack_dash_name() -> None:
    assert scoped_name("alpha", "sandbox") == "alpha-sandbox"


def test_long_names_are_cut_and_kept_apart_by_a_digest() -> None:
    stack = "s" * 63
    one, two = scoped_name(stack, "a" * 63), scoped_name(stack, "a" * 62 + "b")
    assert len(one) == len(two) == NAME_LIMIT
    assert one != two and one[:55] == two[:55]
