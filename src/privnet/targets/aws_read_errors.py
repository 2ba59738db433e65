"""Why reading AWS failed, in words a user can act on.

A region botocore does not know, an endpoint that is not AWS (a web server answering 404
pages) or one that keeps failing with 5xx all come from the user's input or environment, not
from privnet: they are input errors ("cannot read AWS ..."), never "a bug in privnet".
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

COMMERCIAL = "aws"


@lru_cache(maxsize=1)
def known_regions() -> dict[str, tuple[str, ...]]:
    """Partition name -> the EC2 regions botocore's endpoint data lists for it."""
    import boto3

    session = boto3.session.Session()
    return {partition: tuple(session.get_available_regions("ec2", partition_name=partition))
            for partition in session.get_available_partitions()}


def unknown_region(region: str) -> str | None:
    """None for a region botocore knows; else the message saying what regions there are."""
    regions = known_regions()
    if any(region in names for names in regions.values()):
        return None
    commercial = ", ".join(sorted(regions.get(COMMERCIAL, ())))
    shaped = re.fullmatch(r"[a-z]{2,5}(-[a-z]+)+-\d+", region) is not None
    hint = ("; a region newer than this botocore needs an upgrade (pip install -U botocore)"
            if shaped else "")
    return f"{region} is not an AWS region (known: {commercial}){hint}"


def _where(endpoint: str | None) -> str:
    return f"AWS at {endpoint}" if endpoint else "AWS"


def not_aws_answer(exc: BaseException, endpoint: str | None) -> str | None:
    """The message for an answer that is not AWS's (unparsable, or a bare HTTP error), or for
    a server error that outlived the retries; None for any other failure."""
    from botocore.exceptions import ClientError
    from botocore.parsers import ResponseParserError

    if isinstance(exc, ResponseParserError):
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        return (f"cannot read {_where(endpoint)}: it does not answer as AWS "
                f"(ResponseParserError: {first[:200]}): check --aws-endpoint and --region")
    if isinstance(exc, ClientError):
        response: dict[str, Any] = dict(exc.response)
        status = int(response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)
        code = str(response.get("Error", {}).get("Code", ""))
        if not code or code.isdigit():
            return (f"cannot read {_where(endpoint)}: it does not answer as AWS (HTTP "
                    f"{status or code} without an AWS error): check --aws-endpoint and "
                    "--region")
        if status >= 500:
            return (f"cannot read {_where(endpoint)}: it answered HTTP {status} {code} after "
                    "retries: try again later")
    return None
