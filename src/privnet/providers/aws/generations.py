"""Idempotency tokens with a generation, for APIs that never accept the same token twice.

Route 53 CallerReferences and Resolver CreatorRequestIds stay taken even after their object
is deleted; the token is ``<prefix><generation>`` and a create tries the next generation when
the current one is taken. The prefix alone still recognises every generation as privnet's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from privnet.errors import PrivnetError
from privnet.providers.aws.errors import AwsRequestError, aws_errors
from privnet.providers.aws.tags import idempotency_key
from privnet.providers.base import ProviderContext

GENERATIONS = 20
T = TypeVar("T")


def token_prefix(ctx: ProviderContext, address: str) -> str:
    """The part of every generation's token that names ``address`` of this stack."""
    return f"privnet-{idempotency_key(ctx, address)[:40]}-"


def create_with_free_token(ctx: ProviderContext, address: str, token_name: str,
                           taken_code: str, create: Callable[[str], T]) -> T:
    """``create(token)`` with the first generation's token AWS does not refuse as taken."""
    prefix = token_prefix(ctx, address)
    for generation in range(GENERATIONS):
        try:
            with aws_errors():
                return create(f"{prefix}{generation}")
        except AwsRequestError as exc:
            if exc.code == taken_code:
                continue
            raise
    raise PrivnetError(f"{address}: no free {token_name} after {GENERATIONS} attempts")
