"""``HOST:PORT`` as users type it on the command line, checked before any probe runs.

A typo in ``--bootstrap`` should be a usage message, not a DNS failure for the name ``host:``
nor an ``int()`` error: the host must be a DNS name or an address (IPv6 in brackets, as
``[::1]:9092``), the port a number from 1 to 65535.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from dataclasses import dataclass

from privnet.errors import PrivnetError

_NAME = re.compile(r"^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})?"
                   r"(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})?)*\.?$")
_URL_SCHEME = "https://"


class EndpointSyntaxError(PrivnetError):
    """A ``--bootstrap`` or ``--rest`` value that is not a usable ``HOST:PORT``."""


@dataclass(frozen=True)
class Endpoint:
    host: str
    port: int

    def __str__(self) -> str:
        """``host:port``, brackets around an IPv6 address (as Kafka clients expect)."""
        return f"{format_host(self.host)}:{self.port}"


def format_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def parse_bootstrap(text: str, option: str = "--bootstrap") -> Endpoint:
    """A Kafka bootstrap: ``HOST:PORT``, the port required."""
    return _parse(text, option, None, f"{option} must be HOST:PORT (e.g. "
                  "lkc-abc12.us-east-1.aws.private.confluent.cloud:9092, [::1]:9092)")


def parse_rest(text: str, option: str = "--rest", default_port: int = 443) -> Endpoint:
    """A REST endpoint: ``https://HOST[:PORT][/]`` or ``HOST[:PORT]``."""
    bare = text.removeprefix(_URL_SCHEME).rstrip("/")
    return _parse(bare, option, default_port,
                  f"{option} must be https://HOST[:PORT] (e.g. https://lkc-abc12.example:443)")


def _parse(text: str, option: str, default_port: int | None, usage: str) -> Endpoint:
    def refuse(why: str) -> EndpointSyntaxError:
        return EndpointSyntaxError(f"{usage}; got '{text[:80]}': {why}")

    if "://" in text:
        raise refuse("leave out the URL scheme")
    if "," in text:
        raise refuse("give one HOST:PORT, not a list")
    if text.startswith("["):
        host, closing, rest = text[1:].partition("]")
        if not closing or not _is_ipv6(host):
            raise refuse("a bracketed host must be an IPv6 address")
        if not rest and default_port is not None:
            return Endpoint(host, default_port)
        if not rest.startswith(":"):
            raise refuse("the port is missing after the address")
        port_text = rest[1:]
    elif text.count(":") > 1:
        raise refuse("write an IPv6 address in brackets, as [::1]:9092")
    else:
        host, colon, port_text = text.partition(":")
        if not colon:
            if default_port is None:
                raise refuse("the port is missing")
            port_text = str(default_port)
        if not host:
            raise refuse("the host is missing")
        if not (_NAME.match(host) or _is_ipv4(host)):
            raise refuse(f"'{host[:80]}' is not a host name or address")
    return Endpoint(host, _port(port_text, refuse))


def _port(text: str, refuse: Callable[[str], EndpointSyntaxError]) -> int:
    if not text:
        raise refuse("the port is missing")
    if not text.isascii() or not text.isdigit() or len(text) > 5:
        raise refuse(f"the port '{text[:20]}' is not a number")
    port = int(text)
    if not 1 <= port <= 65535:
        raise refuse(f"the port {port} is outside 1-65535")
    return port


def _is_ipv6(text: str) -> bool:
    try:
        return isinstance(ipaddress.ip_address(text), ipaddress.IPv6Address)
    except ValueError:
        return False


def _is_ipv4(text: str) -> bool:
    try:
        return isinstance(ipaddress.ip_address(text), ipaddress.IPv4Address)
    except ValueError:
        return False
