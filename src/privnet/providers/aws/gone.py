"""Reading and deleting objects whose APIs refuse with an error once the object is gone.

Route 53 and Route 53 Resolver answer a get or delete of a missing object with a service
specific code; for privnet that is an answer ("not there"), not a failure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from privnet.providers.aws.errors import AwsRequestError, aws_errors

T = TypeVar("T")


def fetched_unless_gone(fetch: Callable[[], T], gone_codes: frozenset[str]) -> T | None:
    """What ``fetch`` returns, or None when AWS refuses with one of ``gone_codes``."""
    try:
        with aws_errors():
            return fetch()
    except AwsRequestError as exc:
        if exc.code in gone_codes:
            return None
        raise


@contextmanager
def gone_ok(gone_codes: frozenset[str],
            also_transient: frozenset[str] = frozenset()) -> Iterator[None]:
    """Swallow refusals with one of ``gone_codes``: deleting what is already gone is success."""
    try:
        with aws_errors(also_transient=also_transient):
            yield
    except AwsRequestError as exc:
        if exc.code not in gone_codes:
            raise
