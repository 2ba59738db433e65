"""Real servers on 127.0.0.1 for the doctor tests: DNS (dnslib), TLS, and a Kafka mock cluster."""

from __future__ import annotations

import datetime
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

DOMAIN = "us-east-1.aws.private.confluent.cloud"
ENDPOINT = "vpce-0a1b2c3d4e5f-abcdefgh.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com"


class ZoneWithChasing:
    """A tiny authoritative+recursive view: wildcard CNAMEs chased to A records."""

    def __init__(self, records: dict[str, tuple[str, str]]) -> None:
        self.records = records  # name (may start with "*.") -> (type, value)

    def _lookup(self, name: str) -> tuple[str, str] | None:
        if name in self.records:
            return self.records[name]
        labels = name.split(".")
        for cut in range(1, len(labels)):
            wildcard = "*." + ".".join(labels[cut:])
            if wildcard in self.records:
                return self.records[wildcard]
        return None

    def resolve(self, request: Any, handler: Any) -> Any:
        from dnslib import CNAME, QTYPE, RCODE, RR, A

        reply = request.reply()
        name = str(request.q.qname).rstrip(".")
        for _ in range(8):
            found = self._lookup(name)
            if found is None:
                if not reply.rr:
                    reply.header.rcode = RCODE.NXDOMAIN
                return reply
            kind, value = found
            if kind == "CNAME":
                reply.add_answer(RR(name, QTYPE.CNAME, rdata=CNAME(value), ttl=60))
                name = value
                continue
            reply.add_answer(RR(name, QTYPE.A, rdata=A(value), ttl=60))
            return reply
        return reply


@contextmanager
def dns_server(records: dict[str, tuple[str, str]]) -> Iterator[str]:
    """Serve ``records`` over UDP on a free port; yields ``127.0.0.1:<port>``."""
    from dnslib.server import DNSLogger, DNSServer

    server = DNSServer(ZoneWithChasing(records), port=0, address="127.0.0.1",
                       logger=DNSLogger(log="-request,-reply,-truncated,-error,-recv,-send,-data"))
    server.start_thread()
    try:
        yield f"127.0.0.1:{server.server.server_address[1]}"
    finally:
        server.stop()


def self_signed_certificate(tmp: Path, names: list[str]) -> tuple[Path, Path]:
    """A certificate for ``names`` signed by its own key; returns (cert, key) PEM paths."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject).issuer_name(subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp / "cert.pem", tmp / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@contextmanager
def tls_server(cert: Path, key: Path) -> Iterator[int]:
    """Accept TLS connections on a free port until closed; yields the port."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                with context.wrap_socket(conn, server_side=True) as tls:
                    tls.recv(1)
            except (ssl.SSLError, OSError):
                pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        listener.close()
        thread.join(timeout=2)


@contextmanager
def kafka_mock_cluster() -> Iterator[int]:
    """librdkafka's built-in mock cluster; yields the port of its (single) broker."""
    from confluent_kafka import Producer

    holder = Producer({"test.mock.num.brokers": 1, "log_level": 0})
    brokers = holder.list_topics(timeout=10).brokers
    port = next(iter(brokers.values())).port
    try:
        yield port
    finally:
        holder.flush(1)
