"""Secrets Manager: one call at a time, names checked and scheduled deletions kept, as in AWS.

privnet's executor creates, lists and deletes API-key secrets from several threads. moto's
backend iterates its ``secrets`` dict on every lookup and listing, so a delete in another
thread broke a listing ("dictionary changed size during iteration"). AWS serialises its own
state; here one re-entrant lock around every public backend method does the same (re-entrant
because some methods call others, and one lock for all regions because replicas write into
another region's backend).

Two CreateSecret rules moto lacks (AWS Secrets Manager API reference, CreateSecret): a name is
1-512 ASCII letters, digits and ``/_+=.@-`` (``ValidationException`` otherwise), and a name
whose secret is scheduled for deletion cannot be reused until the deletion completes
(``InvalidRequestException``); moto accepted any name and answered the second case with
``ResourceExistsException``.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable
from typing import Any

Method = Callable[..., Any]

BACKEND_LOCK = threading.RLock()

_NAME = re.compile(r"[A-Za-z0-9/_+=.@-]{1,512}")


def public_methods(backend_class: type) -> list[str]:
    """The backend's own callable API (what the response layer and other services call)."""
    return sorted(name for name, value in vars(backend_class).items()
                  if not name.startswith("_") and callable(value))


def serialised(original: Method) -> Method:
    """``original`` run under the one Secrets Manager lock."""
    @functools.wraps(original)
    def locked(*args: Any, **kwargs: Any) -> Any:
        with BACKEND_LOCK:
            return original(*args, **kwargs)

    return locked


def check_name(name: str | None) -> None:
    """Refuse a name AWS refuses (CreateSecret, ``Name``: length 1-512, the pattern above)."""
    from moto.secretsmanager.exceptions import ValidationException

    if name is None or not _NAME.fullmatch(name):
        raise ValidationException(
            "Invalid name. Must be a valid name containing alphanumeric characters, or any of "
            "the following: /_+=.@- (1 to 512 characters).")


def check_not_scheduled_for_deletion(backend: Any, name: str) -> None:
    """A secret pending deletion keeps its name (CreateSecret, ``InvalidRequestException``)."""
    from moto.secretsmanager.exceptions import InvalidRequestException

    existing = backend.secrets.get(name)
    if existing is not None and existing.is_deleted():
        raise InvalidRequestException(
            "You can't create this secret because a secret with this name is already "
            "scheduled for deletion.")


def make_create_secret(original: Method) -> Method:
    """CreateSecret with AWS's name rule and its refusal of a name pending deletion."""
    def create_secret(self: Any, name: str, *args: Any, **kwargs: Any) -> Any:
        check_name(name)
        check_not_scheduled_for_deletion(self, name)
        return original(self, name, *args, **kwargs)

    return create_secret


CORRECTIONS: dict[str, Callable[[Method], Method]] = {"create_secret": make_create_secret}


def make_backend_method(name: str) -> Callable[[Method], Method]:
    """A builder for ``name``: moto's method, corrected where AWS differs, then serialised."""
    correct = CORRECTIONS.get(name, _unchanged)
    return lambda original: serialised(correct(original))


def _unchanged(original: Method) -> Method:
    return original
