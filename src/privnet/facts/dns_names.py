"""How DNS names are spelled when compared. Two spellings, each named for what it is:
analysis compares relative names (lower case, no trailing dot); Route 53 and Resolver answer
with absolute names (lower case, trailing dot), so what is sent to them or matched against
their answers uses that."""

from __future__ import annotations


def relative_name(name: str) -> str:
    """``Example.COM.`` -> ``example.com``."""
    return name.lower().rstrip(".")


def absolute_name(name: str) -> str:
    """``Example.COM`` -> ``example.com.``."""
    return relative_name(name) + "."
