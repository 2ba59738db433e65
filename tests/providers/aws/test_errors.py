"""Throttling and 5xx are retried by the executor; other refusals are clean, final errors."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from privnet.providers.aws.errors import AwsRequestError, aws_errors
from privnet.providers.base import TransientError


def _client_error(code: str, status: int) -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": f"{code} happened"},
                        "ResponseMetadata": {"HTTPStatusCode": status}}, "CreateVpc")


@pytest.mark.parametrize("code", ["Throttling", "RequestLimitExceeded",
                                  "PriorRequestNotComplete", "ThrottlingException"])
def test_throttling_is_transient(code: str) -> None:
    with pytest.raises(TransientError, match=code), aws_errors():
        raise _client_error(code, 400)


def test_server_errors_are_transient() -> None:
    with pytest.raises(TransientError), aws_errors():
        raise _client_error("SomethingBroke", 503)


def test_other_refusals_are_final_and_name_the_operation() -> None:
    with pytest.raises(AwsRequestError) as caught, aws_errors():
        raise _client_error("InvalidParameterValue", 400)
    assert caught.value.code == "InvalidParameterValue"
    assert "CreateVpc" in str(caught.value)


def test_place_specific_transient_codes() -> None:
    dependency = frozenset({"DependencyViolation"})
    with pytest.raises(TransientError), aws_errors(also_transient=dependency):
        raise _client_error("DependencyViolation", 400)
    with pytest.raises(AwsRequestError), aws_errors():
        raise _client_error("DependencyViolation", 400)


def test_not_implemented_is_final_even_with_a_5xx_status() -> None:
    with pytest.raises(AwsRequestError) as caught, aws_errors():
        raise _client_error("InvalidAction", 501)
    assert caught.value.code == "InvalidAction"
