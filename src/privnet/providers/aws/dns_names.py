"""DNS names as Route 53 and Resolver compare them: lower case, with the trailing dot."""

from __future__ import annotations


def fqdn(name: str) -> str:
    return name.rstrip(".").lower() + "."
