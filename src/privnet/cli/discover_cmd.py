"""``privnet discover``: describe a network privnet did not build as a topology verify reads.

The account is read like ``verify --source aws`` reads it: ``--aws-endpoint`` with the boto3
default credential chain; without it, the project's running local cloud (with its own
credentials) when there is one, else the account of the default chain.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from privnet.cli.errors import EXIT_OK
from privnet.errors import PrivnetError

if TYPE_CHECKING:
    from privnet.reach.discover import DiscoveredNetwork
    from privnet.reach.discover_confluent import Get

DISCOVERED_STACK = "discovered"
AWS_SERVICES = ("ec2", "route53", "route53resolver")


class DiscoverInputError(PrivnetError):
    """The account cannot be read, or the output cannot be written."""


def _local_cloud() -> Any:
    """The running local cloud's endpoints (None when it does not run: never started here)."""
    from privnet.local.cloud import LocalCloud

    status = LocalCloud().status()
    if not status.running or status.endpoints is None:
        return None
    return status.endpoints


def _confluent_get(local: Any) -> Get | None:
    """How to read the Confluent API: the local cloud's emulator with its own keys when the
    local cloud is read; else CONFLUENT_CLOUD_API_KEY/SECRET (and CONFLUENT_CLOUD_URL) from
    the environment; None without keys (the Confluent side is then left to stand-ins)."""
    import os

    from privnet.providers.confluent.client import DEFAULT_BASE_URL, ConfluentCloud
    from privnet.targets.context import CONFLUENT_KEY_ENV, CONFLUENT_SECRET_ENV, CONFLUENT_URL_ENV

    if local is not None and local.confluent_url:
        key, secret = local.confluent_credentials()
        url = local.confluent_url
    else:
        key, secret = os.environ.get(CONFLUENT_KEY_ENV, ""), os.environ.get(
            CONFLUENT_SECRET_ENV, "")
        url = os.environ.get(CONFLUENT_URL_ENV, DEFAULT_BASE_URL)
    if not key or not secret:
        return None
    client = ConfluentCloud(url, key, secret, timeout=30)
    return lambda path, params: client.get(path, params=params)


def discovered_yaml(region: str, aws_endpoint: str | None, stack: str, file: str,
                    environment: str | None = None) -> str:
    """The topology text of the live network of ``region`` (stderr says what was read)."""
    import re

    import boto3
    from botocore.exceptions import BotoCoreError, ClientError
    from botocore.parsers import ResponseParserError

    from privnet.reach.aws_snapshot import snapshot_from_aws
    from privnet.reach.discover import discover
    from privnet.render.discovered_topology import topology_yaml
    from privnet.targets.aws_read_errors import not_aws_answer, unknown_region
    from privnet.targets.aws_retries import aws_client

    if not re.fullmatch(r"[a-z]{2}(-[a-z]+)+-\d+", region):
        raise DiscoverInputError(f"--region {region!r} is not an AWS region name: give one "
                                 "such as us-east-1 or eu-west-2")
    unknown = unknown_region(region)
    if unknown is not None:
        raise DiscoverInputError(f"--region {unknown}")
    credentials: dict[str, str] = {}
    url = aws_endpoint
    target = "cloud"
    local = None if aws_endpoint else _local_cloud()
    if local is not None:
        credentials = dict(local.aws_credentials())
        url = credentials.pop("endpoint_url", None)
        target = "local"
    elif aws_endpoint and boto3.session.Session().get_credentials() is None:
        from privnet.cli.verify_cmd import _endpoint_credentials

        credentials = _endpoint_credentials(aws_endpoint)  # the local cloud's, if it is that
    where = url or "the account of the AWS default credential chain"
    sys.stderr.write(f"discover: reading {where}, region {region}\n")
    session = boto3.session.Session(**credentials)
    try:
        snapshot = snapshot_from_aws(*(aws_client(session, name, region, url, connect_timeout=5,
                                                  read_timeout=30) for name in AWS_SERVICES))
    except (ClientError, ResponseParserError) as exc:
        message = not_aws_answer(exc, url)
        if message is not None or not isinstance(exc, ClientError):
            raise DiscoverInputError(message or f"cannot read AWS: {exc}") from None
        error = exc.response.get("Error", {})
        raise DiscoverInputError(f"AWS refused a describe call: {error.get('Code', 'error')}: "
                                 f"{error.get('Message', '')}") from None
    except BotoCoreError as exc:
        raise DiscoverInputError(f"cannot read AWS: {exc.__class__.__name__}: {exc}") from None
    network = with_confluent_side(discover(snapshot, region), _confluent_get(local),
                                  environment)
    if not network.vpcs:
        sys.stderr.write(f"discover: no Confluent endpoint, zone or Client VPN found in "
                         f"{region}\n")
    return topology_yaml(network, stack, target, file)


def with_confluent_side(network: DiscoveredNetwork, get: Get | None,
                        environment: str | None = None) -> DiscoveredNetwork:
    """Confluent's environment, attachments and clusters when its API can be read."""
    from privnet.reach.discover_confluent import (
        EnvironmentChoiceError,
        read_confluent,
        with_confluent,
    )

    if get is None:
        sys.stderr.write("discover: no Confluent API key (CONFLUENT_CLOUD_API_KEY/SECRET): "
                         "one stand-in cluster per attachment\n")
        return network
    try:
        side = read_confluent(get, network, environment)
    except EnvironmentChoiceError:
        raise
    except PrivnetError as exc:
        raise DiscoverInputError(f"cannot read Confluent Cloud: {exc}") from None
    if side is None:
        sys.stderr.write("discover: no Confluent environment has an attachment to these "
                         "endpoints: one stand-in cluster per attachment\n")
        return network
    return with_confluent(network, side)


def run_discover(region: str, out: Path | None, aws_endpoint: str | None,
                 stack: str = DISCOVERED_STACK, environment: str | None = None) -> int:
    import re

    if not re.fullmatch(r"[a-z][a-z0-9_-]{0,62}", stack):
        raise DiscoverInputError(f"--stack {stack!r}: a stack name is lower case letters, "
                                 "digits, '-' and '_', starting with a letter (at most 63)")
    if out is not None and not out.parent.is_dir():
        raise DiscoverInputError(f"--out {out}: the folder {out.parent} does not exist: "
                                 "create it or name a file in an existing folder")
    if out is not None and out.is_dir():
        raise DiscoverInputError(f"--out {out} is a folder: name a file")
    text = discovered_yaml(region, aws_endpoint, stack, str(out) if out else "FILE",
                           environment)
    if out is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise DiscoverInputError(f"cannot write {out}: {exc.strerror or exc}: name a "
                                 "writable file with --out") from None
    sys.stderr.write(f"discover: wrote {out}\n")
    return EXIT_OK


def verify_discovered(region: str | None, aws_endpoint: str | None,
                      run: Callable[[Path], int]) -> int:
    """``verify --source aws`` with no topology file: discover, then verify what was found
    (the file lives in a temporary folder for the length of the run)."""
    import tempfile

    if not region:
        raise DiscoverInputError("no topology file given and ./privnet.yaml does not exist: "
                                 "name the file, or give --region to discover the network "
                                 "(privnet verify --source aws --region REGION)")
    with tempfile.TemporaryDirectory(prefix="privnet-discover-") as folder:
        path = Path(folder) / "discovered.yaml"
        path.write_text(discovered_yaml(region, aws_endpoint, DISCOVERED_STACK,
                                        "discovered.yaml"), encoding="utf-8")
        sys.stderr.write("verify: no topology file: verifying the discovered network, written "
                         f"for this run only to {path} (findings below name that file; "
                         f"privnet discover --region {region} --out FILE keeps it)\n")
        return run(path)


def refuse_region_with_file(region: str | None) -> None:
    """``verify --region`` only chooses what to discover: with a topology file the regions
    are the file's (``region`` and each VPC's), so a given one would be silently ignored."""
    if region:
        raise DiscoverInputError(
            f"--region {region} is for verify without a topology file (it discovers that "
            "region with --source aws); with a file the regions are the file's: drop --region "
            "or edit the file's region")
