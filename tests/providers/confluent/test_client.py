"""The control-plane client: auth, pagination, error mapping, secrets kept out of sight."""

from __future__ import annotations

import json

import httpx
import pytest

from privnet.providers.base import TransientError
from privnet.providers.confluent.client import ConfluentCloud
from privnet.providers.confluent.control_plane import cloud
from privnet.providers.confluent.errors import (
    AlreadyExistsError,
    AuthenticationError,
    ConfluentApiError,
    NotFoundError,
    NotImplementedByServerError,
)
from privnet.targets.context import CloudContext

SECRET = "s3cr3t-value"


def client_for(handler: httpx.MockTransport) -> ConfluentCloud:
    return ConfluentCloud("https://api.example.test", "KEY", SECRET, transport=handler)


def errors(status: int, code: str, detail: str, headers: dict[str, str] | None = None
           ) -> httpx.MockTransport:
    body = {"errors": [{"id": "x", "status": str(status), "code": code, "title": "t",
                        "detail": detail}]}
    return httpx.MockTransport(lambda request: httpx.Response(status, json=body,
                                                              headers=headers or {}))


def test_basic_auth_and_json_body_are_sent() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json={"id": "env-1"})

    result = client_for(httpx.MockTransport(answer)).post("/org/v2/environments",
                                                          {"display_name": "x"})
    assert result == {"id": "env-1"}
    assert seen[0].headers["authorization"].startswith("Basic ")
    assert json.loads(seen[0].content) == {"display_name": "x"}


def test_pagination_follows_metadata_next_through_the_same_transport() -> None:
    pages = {
        "": {"data": [{"id": "a"}, {"id": "b"}],
             "metadata": {"next": "https://api.confluent.cloud/iam/v2/service-accounts?page_token=p2"}},
        "p2": {"data": [{"id": "c"}],
               "metadata": {"next": "https://api.confluent.cloud/iam/v2/service-accounts?page_token=p3"}},
        "p3": {"data": [{"id": "d"}], "metadata": {}},
    }
    hosts: set[str] = set()

    def answer(request: httpx.Request) -> httpx.Response:
        hosts.add(request.url.host)
        return httpx.Response(200, json=pages[request.url.params.get("page_token", "")])

    items = client_for(httpx.MockTransport(answer)).list_all("/iam/v2/service-accounts")
    assert [i["id"] for i in items] == ["a", "b", "c", "d"]
    assert hosts == {"api.example.test"}


def test_409_is_already_exists_with_code_and_detail() -> None:
    client = client_for(errors(409, "resource_already_exists", "name taken"))
    with pytest.raises(AlreadyExistsError) as caught:
        client.post("/org/v2/environments", {})
    assert caught.value.status == 409
    assert caught.value.code == "resource_already_exists"
    assert "name taken" in str(caught.value)


def test_401_and_404_map_to_their_types() -> None:
    with pytest.raises(AuthenticationError):
        client_for(errors(401, "unauthorized", "bad key")).get("/org/v2/environments")
    with pytest.raises(NotFoundError):
        client_for(errors(404, "not_found", "gone")).get("/org/v2/environments/env-9")


def test_429_is_transient_and_honours_retry_after() -> None:
    client = client_for(errors(429, "too_many_requests", "slow down", {"Retry-After": "7"}))
    with pytest.raises(TransientError) as caught:
        client.get("/cmk/v2/clusters")
    assert caught.value.retry_after == 7.0


def test_5xx_is_transient_without_retry_after() -> None:
    with pytest.raises(TransientError) as caught:
        client_for(errors(503, "unavailable", "later")).get("/cmk/v2/clusters")
    assert caught.value.retry_after is None


def test_501_is_final_and_names_the_call() -> None:
    """Not Implemented is an answer about the operation itself: asking again cannot help."""
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(501, json={"errors": [{"status": "501", "code": "not_implemented",
                                                     "detail": "not served"}]})

    with pytest.raises(NotImplementedByServerError) as caught:
        client_for(httpx.MockTransport(answer)).patch("/fcpm/v2/compute-pools/lfcp-1", {})
    assert not isinstance(caught.value, TransientError)
    assert caught.value.status == 501 and len(sent) == 1
    assert "PATCH /fcpm/v2/compute-pools/lfcp-1" in str(caught.value)
    assert "not served" in str(caught.value)


def test_other_4xx_is_a_plain_api_error() -> None:
    with pytest.raises(ConfluentApiError) as caught:
        client_for(errors(422, "invalid", "bad region")).post("/cmk/v2/clusters", {})
    assert caught.value.status == 422
    assert not isinstance(caught.value, AlreadyExistsError | NotFoundError)


def test_network_failure_is_transient() -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("boom", request=request)

    with pytest.raises(TransientError):
        client_for(httpx.MockTransport(fail)).get("/org/v2/environments")


def test_secret_never_in_repr_nor_error_text() -> None:
    client = client_for(errors(400, "bad", f"echo {SECRET} back"))
    assert SECRET not in repr(client)
    with pytest.raises(ConfluentApiError) as caught:
        client.get("/org/v2/environments")
    assert SECRET not in str(caught.value)
    assert "***" in str(caught.value)


def test_an_operation_the_emulator_does_not_serve_fails_at_once(ctx: CloudContext) -> None:
    """The emulator's 501 for a documented but unserved operation stops the caller."""
    env = cloud(ctx).post("/org/v2/environments", {"display_name": "paused"})["id"]
    path = f"/connect/v1/environments/{env}/clusters/lkc-1/connectors/c/pause"
    with pytest.raises(NotImplementedByServerError) as caught:
        cloud(ctx).request("PUT", path)
    assert f"PUT {path} failed with HTTP 501" in str(caught.value)


def answers_then_ok(*statuses: int, retry_after: str | None = None
                    ) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    """A server failing with ``statuses`` in turn, then answering 200."""
    sent: list[httpx.Request] = []
    pending = list(statuses)

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        if pending:
            status = pending.pop(0)
            headers = {"Retry-After": retry_after} if retry_after is not None else {}
            return httpx.Response(status, headers=headers, json={"errors": [
                {"status": str(status), "code": "later", "detail": "try again"}]})
        return httpx.Response(200, json={"id": "env-1"})

    return httpx.MockTransport(answer), sent


def test_an_idempotent_call_is_sent_again_briefly_before_failing() -> None:
    transport, sent = answers_then_ok(503, 500)
    assert client_for(transport).get("/org/v2/environments/env-1") == {"id": "env-1"}
    assert len(sent) == 3


def test_a_create_that_may_have_taken_effect_is_not_sent_again() -> None:
    transport, sent = answers_then_ok(503)
    with pytest.raises(TransientError):
        client_for(transport).post("/org/v2/environments", {"display_name": "e"})
    assert len(sent) == 1  # the executor looks for it before creating again


def test_a_create_the_rate_limiter_turned_away_is_sent_again() -> None:
    transport, sent = answers_then_ok(429, retry_after="0")
    assert client_for(transport).post("/org/v2/environments", {"display_name": "e"}) == {
        "id": "env-1"}
    assert len(sent) == 2


def test_a_long_retry_after_is_left_to_the_executor() -> None:
    transport, sent = answers_then_ok(429, retry_after="30")
    with pytest.raises(TransientError) as caught:
        client_for(transport).get("/org/v2/environments")
    assert caught.value.retry_after == 30.0 and len(sent) == 1
