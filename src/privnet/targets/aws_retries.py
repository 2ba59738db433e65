"""Which failed AWS calls the client sends again by itself, and how soon.

A handler's action is several calls; if the executor had to retry the whole action, every one
of its calls would have to get through in the same attempt, which under heavy throttling
almost never happens. So, like the AWS SDKs, each call is repeated a few times, briefly, before
its error reaches the handler. privnet replaces botocore's own retry handler with this one for
two reasons:

- botocore's standard mode stops retrying once its retry quota is spent (a few hundred
  throttles into a run), exactly when retrying matters most, and its waits (up to 20 s) are
  not the executor's cancellable waits; longer waits are left to the executor.
- only what cannot have taken effect twice is repeated: any call AWS refused before acting
  (a throttling code; a connection that was never made), reads (``Describe``, ``Get``,
  ``List``), deletes (``Delete``: a repeat of one that took effect answers "not found",
  which every handler's delete takes as success) and calls carrying an idempotency token
  (botocore fills the token once, so each attempt carries the same one). A create that met a
  5xx or a dropped connection goes back to the handler, whose find-before-act step looks for
  its result first.
"""

from __future__ import annotations

import random
from functools import partial
from typing import Any

from privnet.providers.aws.errors import FINAL_CODES, THROTTLING_CODES, TRANSIENT_CODES

CALL_ATTEMPTS = 4
"""Attempts of one call (the first included) before its error reaches the handler."""
FIRST_WAIT = 0.05
"""Seconds before the first repeat; doubled each time, with jitter, so at most ~0.35 s in all."""


REPEATABLE_PREFIXES = ("Describe", "Get", "List", "Search", "Delete")

_NEVER_SENT = ("EndpointConnectionError", "ConnectTimeoutError")
_RNG = random.Random()


def _is_repeatable(operation: Any) -> bool:
    name = str(getattr(operation, "name", ""))
    tokened = bool(getattr(operation, "idempotent_members", []))
    return name.startswith(REPEATABLE_PREFIXES) or tokened


def _failure(response: Any, caught: Any) -> tuple[bool, bool]:
    """(worth another try at all, refused before anything happened)."""
    if caught is not None:
        name = type(caught).__name__
        if name in _NEVER_SENT:
            return True, True
        return name in {"ConnectionClosedError", "ReadTimeoutError"}, False
    if not response:
        return False, False
    http, parsed = response
    status = int(getattr(http, "status_code", 0) or 0)
    code = str((parsed or {}).get("Error", {}).get("Code", ""))
    if code in THROTTLING_CODES:
        return True, True
    if code in FINAL_CODES or status == 501:
        return False, False
    return code in TRANSIENT_CODES or status >= 500, False


def retry_delay(attempts: int, operation: Any, response: Any = None,
                caught_exception: Any = None, limit: int = CALL_ATTEMPTS,
                **_: Any) -> float | None:
    """The ``needs-retry`` answer: seconds to wait before attempt ``attempts + 1``, or None
    to let the error through (botocore calls this after every attempt, counting from 1)."""
    if attempts >= limit:
        return None
    worth_it, refused = _failure(response, caught_exception)
    if not worth_it or not (refused or _is_repeatable(operation)):
        return None
    return float(FIRST_WAIT * (2 ** (attempts - 1)) * _RNG.uniform(0.5, 1.0))


BOTOCORE_CONFIG: dict[str, Any] = {"retries": {"total_max_attempts": 1}}
"""botocore's own retry setting on every client privnet makes: none (this module retries)."""


def aws_client(session: Any, service: str, region: str | None, endpoint_url: str | None = None,
               attempts: int = CALL_ATTEMPTS, **config: Any) -> Any:
    """The one way privnet makes a boto3 client: botocore's retries off, this module's
    :func:`retry_delay` in their place (``attempts`` per call); ``config`` adds timeouts."""
    from botocore.config import Config

    made = session.client(service, region_name=region, endpoint_url=endpoint_url,
                          config=Config(**{**config, **BOTOCORE_CONFIG}))
    return install(made, attempts)


def install(client: Any, attempts: int = CALL_ATTEMPTS) -> Any:
    """Put :func:`retry_delay` in place of botocore's retry handler on ``client``."""
    events = client.meta.events
    service = client.meta.service_model.service_id.hyphenize()
    events.unregister(f"needs-retry.{service}", unique_id=f"retry-config-{service}")
    events.register(f"needs-retry.{service}", partial(retry_delay, limit=attempts),
                    unique_id=f"privnet-retry-{service}")
    return client
