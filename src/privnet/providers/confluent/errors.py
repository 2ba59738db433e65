"""Typed Confluent Cloud failures, so handlers branch on meaning rather than status codes.

::

    PrivnetError
    └── ConfluentApiError          any refused request (status, code, detail)
        ├── BadRequestError        400 (a duplicate link name arrives as one of these)
        ├── AuthenticationError    401 / 403 (also: an API key that has not synced yet)
        │   └── ForbiddenError     403 (also: some kinds' answer for a deleted object)
        ├── NotFoundError          404
        ├── AlreadyExistsError     409 resource_already_exists
        └── NotImplementedByServerError  501: the server lacks the operation; final

    TransientError    (providers.base) 429 with Retry-After, other 5xx, timeouts: retried
    UnreachableError  (providers.base) a data-plane endpoint does not resolve or connect
"""

from __future__ import annotations

from privnet.errors import PrivnetError
from privnet.providers.base import TransientError


class ConfluentApiError(PrivnetError):
    """Confluent Cloud refused a request for a reason retrying will not fix."""

    def __init__(self, status: int, method: str, path: str, code: str, detail: str) -> None:
        text = f"Confluent {method} {path} failed with HTTP {status}"
        if code:
            text += f" ({code})"
        if detail:
            text += f": {detail}"
        super().__init__(text)
        self.status = status
        self.code = code
        self.detail = detail


class BadRequestError(ConfluentApiError):
    """HTTP 400: the request is invalid, or (Kafka REST) the object already exists."""


class AuthenticationError(ConfluentApiError):
    """HTTP 401/403: wrong or not-yet-synced credentials, or a missing role."""


class ForbiddenError(AuthenticationError):
    """HTTP 403: a missing role, or (clusters, role bindings, API keys) an object that was
    deleted; :mod:`~privnet.providers.confluent.gone` tells the two apart."""


class NotFoundError(ConfluentApiError):
    """HTTP 404: the object does not exist (deleting it again is success)."""


class AlreadyExistsError(ConfluentApiError):
    """HTTP 409: an object with this name exists already (find it and adopt it)."""


class NotImplementedByServerError(ConfluentApiError):
    """HTTP 501: the server does not implement the operation (the local emulator says so for
    documented operations it does not serve); unlike other 5xx, asking again cannot help."""


class QuotaExceededError(ConfluentApiError):
    """HTTP 402 ``quota_exceeded``: one more object would pass a service quota. Retrying
    cannot help; the message says how to make ``validate`` see the account's real quota."""

    def __init__(self, status: int, method: str, path: str, code: str, detail: str) -> None:
        super().__init__(status, method, path, code, detail)
        self.args = (f"{self.args[0]}. Ask Confluent Support to raise the quota, or change "
                     "the design; declare the account's quota under confluent.quotas so "
                     "`privnet validate` (the QUOTA rules) checks designs against it",)


class ForeignObjectError(PrivnetError):
    """A same-named object exists in an environment privnet did not create: it may be
    someone else's, so privnet neither adopts nor replaces it."""


ERRORS_BY_STATUS: dict[int, type[ConfluentApiError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: ForbiddenError,
    402: QuotaExceededError,
    404: NotFoundError,
    409: AlreadyExistsError,
    501: NotImplementedByServerError,
}


class RateLimitedError(TransientError):
    """HTTP 429: the rate limiter turned the request away before it was processed, so even a
    create may be sent again."""
