"""``privnet doctor --bootstrap``/``--rest``: a malformed HOST:PORT is a usage message, exit 2."""

from __future__ import annotations

import pytest

from privnet.probe.endpoint import Endpoint, EndpointSyntaxError, parse_bootstrap, parse_rest
from tests.input_safety.cli import assert_no_traceback, privnet

BAD_BOOTSTRAPS = {
    "host:abc": "'abc' is not a number",
    "host:": "the port is missing",
    ":9092": "the host is missing",
    "host:99999": "outside 1-65535",
    "host:0": "outside 1-65535",
    "host": "the port is missing",
    "::1": "in brackets",
    "[::1]": "the port is missing",
    "[nothost]:9092": "must be an IPv6 address",
    "https://host:443": "URL scheme",
    "a:9092,b:9092": "not a list",
    "bad host:9092": "not a host name",
    "host:\uff19\uff10\uff19\uff12": "not a number",  # full-width digits
}


@pytest.mark.parametrize("value,why", BAD_BOOTSTRAPS.items(), ids=BAD_BOOTSTRAPS.keys())
def test_bad_bootstrap_is_a_usage_message(value: str, why: str) -> None:
    outcome = privnet("doctor", "--bootstrap", value)
    assert_no_traceback(outcome)
    assert outcome.code == 2
    assert "--bootstrap must be HOST:PORT" in outcome.stderr and why in outcome.stderr
    assert outcome.stdout == ""


def test_bad_rest_is_a_usage_message() -> None:
    outcome = privnet("doctor", "--bootstrap", "host:9092", "--rest", "https://host:http")
    assert outcome.code == 2 and "--rest must be https://HOST[:PORT]" in outcome.stderr


@pytest.mark.parametrize("value,expected", [
    ("lkc-1.us-east-1.aws.private.confluent.cloud:9092",
     Endpoint("lkc-1.us-east-1.aws.private.confluent.cloud", 9092)),
    ("[::1]:9092", Endpoint("::1", 9092)),
    ("10.0.0.5:9092", Endpoint("10.0.0.5", 9092)),
    ("localhost:1", Endpoint("localhost", 1)),
])
def test_good_bootstraps(value: str, expected: Endpoint) -> None:
    assert parse_bootstrap(value) == expected
    assert str(parse_bootstrap(value)) == value


@pytest.mark.parametrize("value,expected", [
    ("https://lkc-1.example:443", Endpoint("lkc-1.example", 443)),
    ("https://lkc-1.example/", Endpoint("lkc-1.example", 443)),
    ("lkc-1.example:8443", Endpoint("lkc-1.example", 8443)),
    ("https://[::1]", Endpoint("::1", 443)),
])
def test_good_rest_endpoints(value: str, expected: Endpoint) -> None:
    assert parse_rest(value) == expected


def test_the_error_is_privnet_s_own() -> None:
    with pytest.raises(EndpointSyntaxError, match="--bootstrap must be HOST:PORT"):
        parse_bootstrap("host:abc")
