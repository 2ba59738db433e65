"""Run the probes in the order a client depends on them; later steps need earlier ones."""

from __future__ import annotations

from dataclasses import dataclass

from privnet.facts.ports import HTTPS_PORT
from privnet.probe.dns_probe import resolve
from privnet.probe.endpoint import Endpoint, parse_bootstrap, parse_rest
from privnet.probe.kafka_probe import KafkaCredentials, metadata
from privnet.probe.net_probe import tcp_connect, tls_handshake
from privnet.probe.result import ProbeResult, ProbeStatus


@dataclass(frozen=True)
class DoctorTarget:
    """A cluster seen from a client: ``bootstrap`` and ``rest`` are ``host:port``."""

    bootstrap: str
    rest: str | None = None


@dataclass(frozen=True)
class DoctorOptions:
    nameserver: str | None = None
    ca_file: str | None = None
    timeout: float = 3.0
    security_protocol: str = "SASL_SSL"
    credentials: KafkaCredentials | None = None
    resolve_names: bool = True


def doctor(target: DoctorTarget, options: DoctorOptions) -> list[ProbeResult]:
    """DNS, then TCP to Kafka and REST ports, then TLS with SNI, then Kafka metadata.

    A malformed ``bootstrap`` or ``rest`` raises
    :class:`~privnet.probe.endpoint.EndpointSyntaxError` before anything is probed."""
    results: list[ProbeResult] = []
    bootstrap_endpoint = parse_bootstrap(target.bootstrap)
    endpoints = [(bootstrap_endpoint.host, bootstrap_endpoint.port, "kafka")]
    if target.rest:
        rest = parse_rest(target.rest, default_port=HTTPS_PORT)
        endpoints.append((rest.host, rest.port, "rest"))
    kafka_ip = ""
    for host, port, role in endpoints:
        ips = _addresses(host, options, results)
        if not ips:
            continue
        ip = ips[0]
        kafka_ip = kafka_ip or ip
        connected = tcp_connect(ip, port, options.timeout)
        results.append(connected)
        if not connected.ok:
            continue
        if options.security_protocol != "PLAINTEXT" or role == "rest":
            results.append(tls_handshake(ip, port, host, options.ca_file, options.timeout))
    if all(r.ok for r in results):
        # librdkafka uses the system resolver; with --nameserver it is given the address found
        bootstrap = target.bootstrap
        if options.nameserver is not None and kafka_ip:
            bootstrap = str(Endpoint(kafka_ip, bootstrap_endpoint.port))
        results.append(metadata(bootstrap, options.credentials, options.security_protocol,
                                max(options.timeout, 5.0), options.ca_file))
    else:
        results.append(ProbeResult(f"kafka metadata {target.bootstrap}", ProbeStatus.SKIPPED,
                                   "an earlier step failed"))
    return results


def _addresses(host: str, options: DoctorOptions, results: list[ProbeResult]) -> list[str]:
    if not options.resolve_names or _is_ip(host):
        return [host]
    answer = resolve(host, options.nameserver, options.timeout)
    results.append(answer)
    ips = answer.data.get("ips", []) if answer.ok else []
    return [str(ip) for ip in ips] if isinstance(ips, list) else []


def _is_ip(host: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
