"""Describing many EC2 objects by id in a few calls, for the handlers' ``read_many``.

A describe call given an unknown id refuses the whole call (``Invalid...ID.NotFound``), so a
chunk that meets one object deleted by hand is described id by id: the others are still
answered, and the gone one has no description, as its ``read`` would say.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from privnet.facts.aws_pages import pages
from privnet.providers.aws.ec2_lookup import describe, is_not_found
from privnet.providers.aws.errors import AwsRequestError, aws_errors
from privnet.providers.base import ProviderContext

IDS_PER_CALL = 100
"""Ids per describe call. EC2 documents no maximum for an id list that this project could
find; 100 stays well below the 200 values per filter EC2 is commonly seen to accept
(``FilterLimitExceeded`` past it), and a chunk that meets an unknown id costs at most this
many single calls."""

T = TypeVar("T")


def chunks(items: Iterable[T], size: int | None = None) -> Iterator[list[T]]:
    """``items`` in lists of at most ``size`` (default :data:`IDS_PER_CALL`)."""
    size = size or IDS_PER_CALL
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def described_by_id(ctx: ProviderContext, method: str, key: str, ids_parameter: str,
                    ids: Iterable[str],
                    id_of: Callable[[dict[str, Any]], str]) -> dict[str, list[dict[str, Any]]]:
    """Every description of each of ``ids`` in the order EC2 gives them, by id (an unknown
    id: an empty list)."""
    wanted = sorted(set(ids))
    found: dict[str, list[dict[str, Any]]] = {i: [] for i in wanted}
    client = ctx.aws("ec2")
    for chunk in chunks(wanted):
        try:
            with aws_errors():
                items = list(pages(client, method, key, **{ids_parameter: chunk}))
        except AwsRequestError as exc:
            if not is_not_found(exc.code):
                raise
            items = [item for one in chunk
                     for item in describe(ctx, method, key, **{ids_parameter: [one]})]
        for item in items:
            ident = id_of(item)
            if ident in found:
                found[ident].append(item)
    return found
