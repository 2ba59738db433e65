"""The one place where botocore failures become privnet errors.

Throttling, concurrent-change refusals and 5xx answers are worth another try, so they become
:class:`~privnet.providers.base.TransientError` (the executor retries with backoff). Everything
else becomes :class:`AwsRequestError`, a clean one-line message without a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from privnet.errors import PrivnetError
from privnet.providers.base import TransientError

THROTTLING_CODES = frozenset({
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestLimitExceeded",
    "RequestThrottled",
    "RequestThrottledException",
    "TooManyRequestsException",
    "PriorRequestNotComplete",
    "SlowDown",
    "EC2ThrottledException",
})
"""AWS answers that the request was turned away before anything happened."""

TRANSIENT_CODES = THROTTLING_CODES | frozenset({
    "ServiceUnavailable",
    "ServiceUnavailableException",
    "InternalError",
    "InternalFailure",
    "InternalServiceError",
    "InternalServiceErrorException",
})
"""Error codes AWS documents as "try again later"."""

FINAL_CODES = frozenset({"InvalidAction", "NotImplemented", "UnsupportedOperation"})
"""Answered with a 5xx status by some endpoints (501), but retrying can never help."""


class AwsRequestError(PrivnetError):
    """An AWS call was refused for a reason retrying will not fix."""

    def __init__(self, operation: str, code: str, message: str) -> None:
        super().__init__(f"AWS {operation} failed: {code}: {message}")
        self.operation = operation
        self.code = code


def error_code(exc: BaseException) -> str:
    """The AWS error code of a botocore ClientError (empty for anything else)."""
    response: Any = getattr(exc, "response", None)
    if not isinstance(response, dict):
        return ""
    return str(response.get("Error", {}).get("Code", ""))


def _status(exc: BaseException) -> int:
    response: Any = getattr(exc, "response", None)
    if not isinstance(response, dict):
        return 0
    return int(response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)


def _operation(exc: BaseException) -> str:
    return str(getattr(exc, "operation_name", "") or "request")


@contextmanager
def aws_errors(also_transient: frozenset[str] = frozenset()) -> Iterator[None]:
    """Translate botocore errors raised inside the block.

    ``also_transient`` names codes that mean "not yet" in one particular place, such as
    ``DependencyViolation`` while an endpoint's network interfaces are still being removed.
    """
    from botocore.exceptions import (
        BotoCoreError,
        ClientError,
    )
    from botocore.exceptions import (
        ConnectionError as BotoConnectionError,
    )

    try:
        yield
    except ClientError as exc:
        code = error_code(exc)
        message = str(exc.response.get("Error", {}).get("Message", "")) or code
        retryable = code in TRANSIENT_CODES or code in also_transient or _status(exc) >= 500
        if retryable and code not in FINAL_CODES and _status(exc) != 501:
            raise TransientError(f"AWS {_operation(exc)}: {code}: {message}") from exc
        raise AwsRequestError(_operation(exc), code, message) from exc
    except BotoConnectionError as exc:
        raise TransientError(f"AWS endpoint unreachable: {exc}") from exc
    except BotoCoreError as exc:
        raise AwsRequestError("request", exc.__class__.__name__, str(exc)) from exc
