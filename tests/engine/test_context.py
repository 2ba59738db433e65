"""Real-cloud context: credentials only from the environment, never shown."""

from __future__ import annotations

import pytest

from privnet.engine.errors import ConfigurationError
from privnet.targets.context import real_context


def test_missing_confluent_credentials_name_the_variables() -> None:
    ctx = real_context("demo", "us-east-1", environ={"CONFLUENT_CLOUD_API_KEY": "KEY"})
    with pytest.raises(ConfigurationError, match="CONFLUENT_CLOUD_API_KEY and "
                                                 "CONFLUENT_CLOUD_API_SECRET"):
        ctx.confluent()


def test_real_context_uses_the_environment_and_hides_the_secret() -> None:
    env = {"CONFLUENT_CLOUD_API_KEY": "KEY123", "CONFLUENT_CLOUD_API_SECRET": "hidden-value"}
    ctx = real_context("demo", "eu-west-1", environ=env)
    assert (ctx.stack, ctx.region) == ("demo", "eu-west-1")
    assert ctx.confluent_url == "https://api.confluent.cloud"
    assert ctx.aws_endpoint is None and ctx.transport_factory is None
    client = ctx.confluent()
    assert client.api_key == "KEY123"
    assert "hidden-value" not in repr(ctx) and "hidden-value" not in repr(client)
    ctx.close()
