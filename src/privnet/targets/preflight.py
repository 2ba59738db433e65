"""Prove both clouds' credentials with one cheap call each, before anything changes.

Without it a run with missing or wrong credentials only finds out resource by resource:
``target: cloud`` without AWS credentials ran ~50 s, failed 6 resources, skipped 34, and
told the user to run the same command again. Here, before the first change (``apply``,
``destroy``, and ``plan`` when it refreshes), two calls run side by side:

- AWS: STS ``GetCallerIdentity`` (needs no permission; proves the default chain found
  credentials and that AWS accepts them);
- Confluent Cloud: ``GET /org/v2/environments?page_size=1`` (proves the Cloud API key).

A service that answers but is busy (throttling, a 5xx, even after a retry) has not refused the
credentials: the check passes and the run's own retries deal with it. Only a refusal or no
answer at all stops the run.

Every problem is named with what to set or fix, in one :class:`PreflightError` (a
``PrivnetError``: the CLI prints it and exits 2). Secrets are never part of a message; the
Confluent key id and the AWS credential source (``env``, ``shared-credentials-file``, ...)
are, since they say which credentials were tried. The same check runs against the local
cloud, where it must pass with the local cloud's own keys.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from privnet.engine.errors import ConfigurationError
from privnet.targets.context import CONFLUENT_KEY_ENV, CONFLUENT_SECRET_ENV, CONFLUENT_URL_ENV

if TYPE_CHECKING:
    from privnet.targets.context import CloudContext

CONNECT_TIMEOUT = 3.0
READ_TIMEOUT = 5.0
ATTEMPTS = 2
"""Throttling or a 5xx is asked again once; everything else is an answer."""

AWS_CHAIN_HINT = ("set AWS_PROFILE (after `aws configure` or `aws sso login`), or "
                  "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where an instance or "
                  "task role is available")


@dataclass(frozen=True)
class Problem:
    cloud: str
    message: str

    def render(self) -> str:
        return f"{self.cloud}: {self.message}"


class PreflightError(ConfigurationError):
    """The clouds' credentials were not proven; nothing was changed."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n  ".join(problem.render() for problem in problems)
        super().__init__(f"credentials check failed, nothing was changed:\n  {lines}")


def preflight_context(ctx: object) -> None:
    """:func:`check_clouds` for a :class:`CloudContext` (real or local servers, or the
    in-process local cloud); other contexts (test doubles) have no clouds to check."""
    from privnet.targets.context import CloudContext

    if isinstance(ctx, CloudContext):
        try:
            check_clouds(ctx)
        except PreflightError:
            ctx.close()
            raise


def check_clouds(ctx: CloudContext) -> None:
    """Raise :class:`PreflightError` naming every cloud whose credentials do not work."""
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="preflight") as pool:
        aws = pool.submit(check_aws, ctx)
        confluent = pool.submit(check_confluent, ctx)
        problems = [p for p in (aws.result(), confluent.result()) if p is not None]
    if problems:
        raise PreflightError(problems)


def _where(ctx: CloudContext) -> str:
    return f"the local AWS at {ctx.aws_endpoint}" if ctx.aws_endpoint else "AWS"


def check_aws(ctx: CloudContext) -> Problem | None:
    """STS GetCallerIdentity through the context's credentials; None when it answers."""
    from botocore.exceptions import (
        BotoCoreError,
        ClientError,
        EndpointConnectionError,
        NoCredentialsError,
        PartialCredentialsError,
    )
    from botocore.exceptions import (
        ConnectTimeoutError as BotoConnectTimeout,
    )

    try:
        client, source = ctx.aws_probe("sts", attempts=ATTEMPTS,
                                       connect_timeout=CONNECT_TIMEOUT,
                                       read_timeout=READ_TIMEOUT)
        if source is None:
            return Problem("AWS", f"no credentials found in the default chain: {AWS_CHAIN_HINT}")
        client.get_caller_identity()
    except NoCredentialsError:
        return Problem("AWS", f"no credentials found in the default chain: {AWS_CHAIN_HINT}")
    except PartialCredentialsError as exc:
        return Problem("AWS", f"incomplete credentials ({exc}): {AWS_CHAIN_HINT}")
    except ClientError as exc:
        error = exc.response.get("Error", {})
        code = error.get("Code", "error")
        message = error.get("Message", "")
        if _busy(exc, code):
            return None  # AWS answered but is shedding load: not a credentials problem
        fix = ("the local cloud accepts only the key of its current start "
               "(see `privnet local status`): was it restarted?" if ctx.aws_endpoint
               else "renew or correct them (e.g. `aws sso login`, or new access keys)")
        return Problem("AWS", f"{_where(ctx)} refused the credentials from {source}: "
                              f"{code}: {message}; {fix}")
    except (EndpointConnectionError, BotoConnectTimeout) as exc:
        return Problem("AWS", f"cannot reach {_where(ctx)} ({type(exc).__name__}: {exc}); "
                              "check the network, a proxy, or AWS_ENDPOINT_URL")
    except BotoCoreError as exc:
        return Problem("AWS", f"the credentials check failed: {type(exc).__name__}: {exc}")
    return None


def _busy(exc: Any, code: str) -> bool:
    from privnet.providers.aws.errors import TRANSIENT_CODES

    status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)
    return code in TRANSIENT_CODES or (500 <= status != 501)


def check_confluent(ctx: CloudContext) -> Problem | None:
    """List one environment with the context's Cloud API key; None when it answers."""
    from privnet.providers.base import TransientError
    from privnet.providers.confluent.errors import (
        AuthenticationError,
        ConfluentApiError,
        ForbiddenError,
    )

    if not ctx.confluent_key or not ctx.confluent_secret:
        missing = [name for name, value in ((CONFLUENT_KEY_ENV, ctx.confluent_key),
                                            (CONFLUENT_SECRET_ENV, ctx.confluent_secret))
                   if not value]
        return Problem("Confluent Cloud", f"{' and '.join(missing)} not set: set "
                       f"{CONFLUENT_KEY_ENV} and {CONFLUENT_SECRET_ENV} to a Cloud API key "
                       "(OrganizationAdmin or EnvironmentAdmin)")
    where = ctx.confluent_url
    client: Any = ctx.confluent_probe(timeout=READ_TIMEOUT)
    try:
        for attempt in range(ATTEMPTS):
            try:
                client.get("/org/v2/environments", params={"page_size": 1})
                return None
            except TransientError as exc:
                if exc.status is not None:
                    return None  # it answered (busy, 5xx): not a credentials problem
                if attempt + 1 == ATTEMPTS:
                    hint = "" if ctx.aws_endpoint else f" (or {CONFLUENT_URL_ENV})"
                    return Problem("Confluent Cloud", f"cannot reach {where}: {exc}; check "
                                   f"the network or a proxy{hint}")
                time.sleep(0.5)
    except ForbiddenError as exc:
        return Problem("Confluent Cloud", f"{CONFLUENT_KEY_ENV} {ctx.confluent_key} may not "
                       f"list environments (HTTP {exc.status}): give it OrganizationAdmin or "
                       "EnvironmentAdmin")
    except AuthenticationError as exc:
        return Problem("Confluent Cloud", f"{where} refused {CONFLUENT_KEY_ENV} "
                       f"{ctx.confluent_key} (HTTP {exc.status}): check {CONFLUENT_KEY_ENV} "
                       f"and {CONFLUENT_SECRET_ENV} are a Cloud API key and its secret (not a "
                       "cluster key), and that the key was not deleted")
    except ConfluentApiError as exc:
        return Problem("Confluent Cloud", f"the credentials check failed: {exc}")
    finally:
        client.close()
    return None
