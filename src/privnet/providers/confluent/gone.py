"""Whether a refused call means "that object no longer exists".

Confluent Cloud answers **403**, not 404, for a Kafka cluster or a role binding that has been
deleted, and when an API key that is already gone is deleted again (its access went with it).
The Terraform provider treats such 403s as "gone" unless the body says the caller's key is
invalid (``isNonKafkaRestApiResourceNotFound``). A 403 can also be a genuine missing role, and
taking that for "gone" would make plan re-create, or destroy forget, an object that exists. So
privnet asks once more, through the collection: only when the object is absent from a list the
caller may read is the 403 taken as gone. Used for every environment-scoped control-plane kind
(the provider reads gateways, access points and PrivateLink objects the same way), role
bindings and API key deletes.

When the environment itself was deleted (by hand), the listing of its collection is refused
with 403 too; then the environment decides (``environment_gone``): a 404 for it, or a 403
while it is absent from the environments list, means everything in it is gone. A listing
refused in a live environment leaves the 403 standing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from privnet.providers.confluent.errors import ConfluentApiError, ForbiddenError, NotFoundError

ENVIRONMENTS = "/org/v2/environments"


class Reader(Protocol):
    """What ``environment_gone`` needs of the control-plane client."""

    def get(self, path: str, params: Any = None) -> Any: ...

    def list_all(self, path: str, params: Any = None) -> list[dict[str, Any]]: ...


INVALID_CREDENTIALS = ("invalid api key", "invalid credentials")
"""Texts of a 403 that refuses the caller's key itself: never "gone"."""


def refuses_credentials(error: ConfluentApiError) -> bool:
    """A 403 about the caller's own key (invalid or disabled), not about the object."""
    return any(text in error.detail.lower() for text in INVALID_CREDENTIALS)


def confirmed_gone(error: ConfluentApiError, still_listed: Callable[[], bool],
                   parent_gone: Callable[[], bool] | None = None) -> bool:
    """True when ``error`` means the object is gone: a 404, or a 403 that does not refuse the
    caller's key while the object is absent from its collection (``still_listed`` False).
    When the listing is refused with 403 too, ``parent_gone`` (its environment is gone)
    decides; without it, or when that fails too, the 403 stands as a genuine refusal."""
    if isinstance(error, NotFoundError):
        return True
    if not isinstance(error, ForbiddenError) or refuses_credentials(error):
        return False
    try:
        return not still_listed()
    except ForbiddenError as refused:
        if parent_gone is None or refuses_credentials(refused):
            return False
        try:
            return parent_gone()
        except ConfluentApiError:
            return False
    except ConfluentApiError:
        return False


def lists_id(client: Reader, path: str, params: Any, object_id: object) -> bool:
    """Whether the collection at ``path`` (filtered by ``params``) still lists ``object_id``:
    the check behind a 403."""
    return any(str(obj.get("id")) == str(object_id) for obj in client.list_all(path, params))


def environment_gone(client: Reader, environment_id: str) -> bool:
    """Whether the environment no longer exists: ``GET`` answers 404, or 403 (not about the
    key) while it is absent from the environments list. Any other failure raises."""
    try:
        client.get(f"{ENVIRONMENTS}/{environment_id}")
    except ConfluentApiError as error:
        if not confirmed_gone(error, lambda: lists_id(client, ENVIRONMENTS, None,
                                                      environment_id)):
            raise
        return True
    return False
