"""The Secrets Manager layout: names per client format and account, and the contents clients
read (each format gives back the key it was written with)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privnet.keys.layout import (
    CLIENT_FORMATS,
    JAVA_CLIENT,
    LIBRDKAFKA,
    SCHEMA_REGISTRY,
    SCHEMA_REGISTRY_CLIENT,
    KeyCredentials,
    client_properties,
    client_secret_names,
    credentials_in,
    key_secret_name,
    key_secret_prefix,
    layout_name,
    root_path,
    vpc_secret_name,
    vpc_secret_prefix,
)

ROOT = "/confluent_cloud_resource/demo"

key_ids = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=24)
secrets = st.text(alphabet=[chr(c) for c in range(32, 127) if chr(c) != "'"],
                  min_size=1, max_size=80)
"""Confluent issues base64-like secrets; anything printable but a quote (the JAAS delimiter),
including ``:`` (the Schema Registry user-info separator) and ``;``."""


@given(key_ids, secrets, st.sampled_from(CLIENT_FORMATS))
def test_each_format_gives_back_the_key_it_was_written_with(key: str, secret: str,
                                                             client_format: str) -> None:
    creds = KeyCredentials(key, secret)
    written = client_properties(client_format, creds, "lkc-1.example:9092")
    assert credentials_in(written) == creds
    assert credentials_in(json.loads(json.dumps(written))) == creds  # as stored and read


def test_the_three_formats_hold_what_their_clients_read() -> None:
    creds = KeyCredentials("KEY1", "s3cr3t")
    java = client_properties(JAVA_CLIENT, creds, "lkc-1.example:9092")
    assert java == {
        "bootstrap.servers": "lkc-1.example:9092",
        "sasl.jaas.config": "org.apache.kafka.common.security.plain.PlainLoginModule "
                            "required username='KEY1' password='s3cr3t';"}
    assert client_properties(LIBRDKAFKA, creds, "lkc-1.example:9092") == {
        "bootstrap.servers": "lkc-1.example:9092", "security.protocol": "SASL_SSL",
        "sasl.mechanisms": "PLAIN", "sasl.username": "KEY1", "sasl.password": "s3cr3t"}
    assert client_properties(SCHEMA_REGISTRY_CLIENT, creds, "https://psrc-1.example") == {
        "schema.registry.url": "https://psrc-1.example",
        "schema.registry.basic.auth.credentials.source": "USER_INFO",
        "schema.registry.basic.auth.user.info": "KEY1:s3cr3t"}


@pytest.mark.parametrize("value", [
    {},
    {"bootstrap.servers": "x:9092"},
    {"sasl.jaas.config": "PlainLoginModule required;"},
    {"sasl.jaas.config": 42},
    {"sasl.username": "KEY1"},  # no password
    {"sasl.username": "KEY1", "sasl.password": None},
    {"schema.registry.basic.auth.user.info": "no separator"},
    {"key": "KEY1", "secret": "s"},  # a per-key secret is not a client secret
])
def test_a_secret_holding_no_key_gives_none(value: dict[str, object]) -> None:
    assert credentials_in(value) is None


def test_credentials_never_show_the_secret() -> None:
    creds = KeyCredentials("KEY1", "do-not-print")
    assert "do-not-print" not in repr(creds)
    assert "do-not-print" not in str(creds) and "KEY1" in repr(creds)


def test_cluster_keys_have_a_java_and_a_librdkafka_secret() -> None:
    names = client_secret_names(ROOT, "sandbox", "app")
    assert names == {JAVA_CLIENT: f"{ROOT}/sandbox/app/java_client",
                     LIBRDKAFKA: f"{ROOT}/sandbox/app/librdkafka"}
    assert next(iter(names)) == JAVA_CLIENT  # the one privnet reads the active key from
    assert layout_name(ROOT, "sandbox", "app") == names[JAVA_CLIENT]


def test_schema_registry_secrets_are_per_account() -> None:
    first = client_secret_names(ROOT, SCHEMA_REGISTRY, "one")
    second = client_secret_names(ROOT, SCHEMA_REGISTRY, "two")
    assert first == {SCHEMA_REGISTRY_CLIENT: f"{ROOT}/schema_registry_cluster/one"}
    assert set(first.values()).isdisjoint(second.values())
    assert layout_name(ROOT, SCHEMA_REGISTRY, "one") == first[SCHEMA_REGISTRY_CLIENT]


@given(st.lists(st.tuples(st.sampled_from(["sandbox", "shared", SCHEMA_REGISTRY]),
                          st.sampled_from(["app", "manager", "consumer"])), unique=True))
def test_distinct_keys_never_share_a_secret_name(pairs: list[tuple[str, str]]) -> None:
    names = [n for resource, account in pairs
             for n in client_secret_names(ROOT, resource, account).values()]
    assert len(names) == len(set(names))


def test_key_and_vpc_names_sit_under_their_client_secret() -> None:
    layout = layout_name(ROOT, "sandbox", "app")
    assert key_secret_name(layout, "KEY1") == f"{layout}/keys/KEY1"
    assert key_secret_name(layout, "KEY1").startswith(key_secret_prefix(layout))
    assert vpc_secret_name(layout, "vpc-a") == f"{layout}/vpcs/vpc-a"
    assert vpc_secret_name(layout, "vpc-a").startswith(vpc_secret_prefix(layout))
    assert not key_secret_name(layout, "K").startswith(vpc_secret_prefix(layout))


@pytest.mark.parametrize(("template", "expected"), [
    ("/confluent_cloud_resource/{stack}", "/confluent_cloud_resource/demo"),
    ("/confluent_cloud_resource/{stack}/", "/confluent_cloud_resource/demo"),
    ("/fixed/root", "/fixed/root"),
    ("/{stack}/x/{stack}", "/demo/x/demo"),
])
def test_root_path_substitutes_the_stack(template: str, expected: str) -> None:
    assert root_path(template, "demo") == expected
