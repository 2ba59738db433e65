"""The contract checker itself rejects answers that break the OpenAPI files."""

from __future__ import annotations

import httpx
import pytest

from tests.local.ccloud.contract import validate_response


def test_a_missing_required_field_is_rejected() -> None:
    answer = httpx.Response(200, json={"api_version": "org/v2", "kind": "Environment", "id": "e"})
    with pytest.raises(AssertionError, match="does not match"):
        validate_response("org-v2.yaml", "GET", "/org/v2/environments/{id}", answer)


def test_a_wrong_error_dialect_is_rejected() -> None:
    answer = httpx.Response(404, json={"errors": [{"detail": "x"}]})
    with pytest.raises(AssertionError, match="does not match"):
        validate_response(
            "kafkarest-v3.yaml",
            "GET",
            "/kafka/v3/clusters/{cluster_id}/topics/{topic_name}",
            answer,
        )


def test_a_204_with_a_body_is_rejected() -> None:
    answer = httpx.Response(204, content=b"{}")
    with pytest.raises(AssertionError, match="no body"):
        validate_response("org-v2.yaml", "DELETE", "/org/v2/environments/{id}", answer)
