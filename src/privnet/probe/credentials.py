"""Where doctor finds an API key: the environment, or a privnet secret in Secrets Manager."""

from __future__ import annotations

import json
import os
import re

from privnet.errors import PrivnetError
from privnet.probe.kafka_probe import KafkaCredentials

KEY_ENV = "PRIVNET_KAFKA_API_KEY"
SECRET_ENV = "PRIVNET_KAFKA_API_SECRET"
_JAAS = re.compile(r"username='(?P<user>[^']*)'\s+password='(?P<password>[^']*)'")


def from_environment() -> KafkaCredentials | None:
    key, secret = os.environ.get(KEY_ENV), os.environ.get(SECRET_ENV)
    return KafkaCredentials(key, secret) if key and secret else None


def from_java_client_secret(secret_string: str) -> KafkaCredentials:
    """Parse the ``java_client`` secret privnet stores (``sasl.jaas.config`` holds the key)."""
    try:
        jaas = json.loads(secret_string)["sasl.jaas.config"]
    except (ValueError, KeyError, TypeError):
        raise PrivnetError("the secret is not a privnet java_client secret") from None
    match = _JAAS.search(str(jaas))
    if match is None:
        raise PrivnetError("the secret's sasl.jaas.config has no username/password")
    return KafkaCredentials(match["user"], match["password"])


def from_secrets_manager(secret_name: str, region: str | None = None) -> KafkaCredentials:
    """Read with the AWS default credential chain (never from command-line flags)."""
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    from privnet.targets.aws_retries import aws_client

    try:
        session = boto3.session.Session()
        client = aws_client(session, "secretsmanager", region)
        value = client.get_secret_value(SecretId=secret_name)["SecretString"]
    except (BotoCoreError, ClientError) as exc:
        raise PrivnetError(f"cannot read secret {secret_name}: {exc.__class__.__name__}") from None
    return from_java_client_secret(value)
