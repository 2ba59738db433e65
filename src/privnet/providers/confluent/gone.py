"""Whether a refused call means "that object no longer exists".

Confluent Cloud answers **403**, not 404, for a Kafka cluster or a role binding that has been
deleted, and when an API key that is already gone is deleted again (its access went with it).
The Terraform provider treats such 403s as "gone" unless the body says the caller's key is
invalid (``isNonKafkaRestApiResourceNotFound``). A 403 can also be a genuine missing role, and
taking that for "gone" would make plan re-create, or destroy forget, an object that exists. So
privnet asks once more, through the collection: only when the object is absent from a list the
caller may read is the 403 taken as gone. Used only for the kinds known to answer so.
"""

from __future__ import annotations

from collections.abc import Callable

from privnet.providers.confluent.errors import ConfluentApiError, ForbiddenError, NotFoundError

INVALID_CREDENTIALS = ("invalid api key", "invalid credentials")
"""Texts of a 403 that refuses the caller's key itself: never "gone"."""


def refuses_credentials(error: ConfluentApiError) -> bool:
    """A 403 about the caller's own key (invalid or disabled), not about the object."""
    return any(text in error.detail.lower() for text in INVALID_CREDENTIALS)


def confirmed_gone(error: ConfluentApiError, still_listed: Callable[[], bool]) -> bool:
    """True when ``error`` means the object is gone: a 404, or a 403 that does not refuse the
    caller's key while the object is absent from its collection (``still_listed`` False).
    A listing that fails too leaves the 403 standing as a genuine refusal."""
    if isinstance(error, NotFoundError):
        return True
    if not isinstance(error, ForbiddenError) or refuses_credentials(error):
        return False
    try:
        return not still_listed()
    except ConfluentApiError:
        return False
