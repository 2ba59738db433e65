"""doctor against real local servers: DNS with wildcard CNAMEs, TLS with SNI, a Kafka mock."""

from __future__ import annotations

import socket
from pathlib import Path

from privnet.probe import causes
from privnet.probe.dns_probe import resolve
from privnet.probe.doctor import DoctorOptions, DoctorTarget, doctor
from privnet.probe.net_probe import tcp_connect, tls_handshake
from privnet.probe.result import ProbeStatus
from tests.probe.servers import (
    DOMAIN,
    ENDPOINT,
    dns_server,
    kafka_mock_cluster,
    self_signed_certificate,
    tls_server,
)

RECORDS = {
    f"*.{DOMAIN}": ("CNAME", ENDPOINT),
    ENDPOINT: ("A", "127.0.0.1"),
    "lkc-public.aws.confluent.cloud": ("A", "3.3.3.3"),
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_dns_follows_wildcard_cname_to_endpoint_ip() -> None:
    with dns_server(RECORDS) as nameserver:
        result = resolve(f"lkc-abc123.{DOMAIN}", nameserver)
    assert result.ok, result
    assert result.data["ips"] == ["127.0.0.1"]
    assert result.data["cname_chain"] == [f"lkc-abc123.{DOMAIN}", ENDPOINT]


def test_dns_nxdomain_on_private_name_points_at_zone_association() -> None:
    with dns_server({}) as nameserver:
        result = resolve(f"lkc-abc123.{DOMAIN}", nameserver)
    assert result.status is ProbeStatus.FAILED
    assert result.detail == "NXDOMAIN"
    assert result.likely_cause == causes.NXDOMAIN_PRIVATE


def test_dns_public_answer_for_private_name_is_a_failure() -> None:
    with dns_server({f"*.{DOMAIN}": ("A", "3.3.3.3")}) as nameserver:
        result = resolve(f"lkc-abc123.{DOMAIN}", nameserver)
    assert result.status is ProbeStatus.FAILED
    assert result.likely_cause == causes.PUBLIC_ANSWER_FOR_PRIVATE


def test_tcp_refused_is_explained() -> None:
    result = tcp_connect("127.0.0.1", _free_port(), timeout=1)
    assert result.status is ProbeStatus.FAILED
    assert result.likely_cause == causes.TCP_REFUSED


def test_tls_handshake_checks_the_certificate_name(tmp_path: Path) -> None:
    cert, key = self_signed_certificate(tmp_path, [f"*.{DOMAIN}"])
    with tls_server(cert, key) as port:
        good = tls_handshake("127.0.0.1", port, f"lkc-abc123.{DOMAIN}", str(cert))
        wrong = tls_handshake("127.0.0.1", port, "lkc-abc123.other.confluent.cloud", str(cert))
        untrusted = tls_handshake("127.0.0.1", port, f"lkc-abc123.{DOMAIN}", None)
    assert good.ok, good
    assert f"*.{DOMAIN}" in good.data["names"]  # type: ignore[operator]
    assert wrong.status is ProbeStatus.FAILED and wrong.likely_cause == causes.TLS_NAME_MISMATCH
    assert untrusted.status is ProbeStatus.FAILED
    assert untrusted.likely_cause == causes.TLS_UNTRUSTED


def test_doctor_end_to_end_dns_tcp_tls_and_kafka_metadata(tmp_path: Path) -> None:
    cert, key = self_signed_certificate(tmp_path, [f"*.{DOMAIN}"])
    with dns_server(RECORDS) as nameserver, tls_server(cert, key) as rest_port, \
            kafka_mock_cluster() as kafka_port:
        target = DoctorTarget(bootstrap=f"lkc-abc123.{DOMAIN}:{kafka_port}",
                              rest=f"https://lkc-abc123.{DOMAIN}:{rest_port}")
        options = DoctorOptions(nameserver=nameserver, ca_file=str(cert),
                                security_protocol="PLAINTEXT", timeout=3)
        results = doctor(target, options)
    steps = [r.step.split()[0] for r in results]
    assert steps == ["dns", "tcp", "dns", "tcp", "tls", "kafka"], results
    assert all(r.ok for r in results), [r for r in results if not r.ok]
    assert "1 brokers" in results[-1].detail


def test_doctor_stops_at_dns_and_says_why() -> None:
    with dns_server({}) as nameserver:
        results = doctor(DoctorTarget(bootstrap=f"lkc-abc123.{DOMAIN}:9092"),
                         DoctorOptions(nameserver=nameserver, timeout=2))
    assert results[0].status is ProbeStatus.FAILED
    assert results[0].likely_cause == causes.NXDOMAIN_PRIVATE
    assert results[-1].status is ProbeStatus.SKIPPED


def test_sasl_without_credentials_is_skipped_not_crashed() -> None:
    from privnet.probe.kafka_probe import metadata

    result = metadata("127.0.0.1:9", None, "SASL_SSL", timeout=1)
    assert result.status is ProbeStatus.SKIPPED
    assert result.likely_cause == causes.NO_CREDENTIALS
