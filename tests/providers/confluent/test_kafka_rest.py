"""The Kafka REST client: its own error shape, unreachable clusters, pagination."""

from __future__ import annotations

import httpx
import pytest

from privnet.providers.base import TransientError, UnreachableError
from privnet.providers.confluent.errors import BadRequestError, NotFoundError
from privnet.providers.confluent.kafka_rest import KafkaRest

SECRET = "kafka-secret-value"


def rest(transport: httpx.MockTransport) -> KafkaRest:
    return KafkaRest("https://lkc-1.us-east-1.aws.private.confluent.cloud:443", "K", SECRET,
                     transport=transport)


def answering(status: int, body: object, headers: dict[str, str] | None = None
              ) -> httpx.MockTransport:
    return httpx.MockTransport(lambda r: httpx.Response(status, json=body, headers=headers))


def test_kafka_error_shape_is_parsed() -> None:
    body = {"error_code": 40002, "message": "A cluster link already exists with the provided "
                                            "link name: x"}
    with pytest.raises(BadRequestError) as caught:
        rest(answering(400, body)).post("/kafka/v3/clusters/lkc-1/links", {})
    assert caught.value.code == "40002"
    assert "already exists" in str(caught.value)


def test_not_found_and_throttled() -> None:
    with pytest.raises(NotFoundError):
        rest(answering(404, {"error_code": 40403, "message": "no topic"})).get("/x")
    with pytest.raises(TransientError) as caught:
        rest(answering(429, {"error_code": 429, "message": "slow"},
                       {"Retry-After": "3"})).get("/x")
    assert caught.value.retry_after == 3.0


def test_dns_or_connect_failure_is_unreachable() -> None:
    def no_such_host(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno -2] Name or service not known", request=request)

    with pytest.raises(UnreachableError) as caught:
        rest(httpx.MockTransport(no_such_host)).get("/kafka/v3/clusters/lkc-1/topics")
    assert "lkc-1.us-east-1.aws.private.confluent.cloud" in str(caught.value)


def test_list_all_follows_next_links() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.params.get("page_token") == "2":
            return httpx.Response(200, json={"data": [{"topic_name": "b"}], "metadata": {}})
        return httpx.Response(200, json={
            "data": [{"topic_name": "a"}],
            "metadata": {"next": "https://elsewhere/kafka/v3/clusters/lkc-1/topics?page_token=2"},
        })

    names = [t["topic_name"] for t in
             rest(httpx.MockTransport(answer)).list_all("/kafka/v3/clusters/lkc-1/topics")]
    assert names == ["a", "b"]


def test_repr_hides_secret() -> None:
    assert SECRET not in repr(rest(answering(200, {})))
