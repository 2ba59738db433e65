"""TCP connect and TLS handshake (with SNI and certificate name check) to one IP and port."""

from __future__ import annotations

import socket
import ssl

from privnet.probe import causes
from privnet.probe.result import ProbeResult, ProbeStatus


def tcp_connect(ip: str, port: int, timeout: float = 3.0) -> ProbeResult:
    step = f"tcp {ip}:{port}"
    try:
        with socket.create_connection((ip, port), timeout=timeout):
            return ProbeResult(step, ProbeStatus.OK, "connected")
    except TimeoutError:
        return ProbeResult(step, ProbeStatus.FAILED, "timed out", causes.TCP_TIMEOUT)
    except ConnectionRefusedError:
        return ProbeResult(step, ProbeStatus.FAILED, "connection refused", causes.TCP_REFUSED)
    except OSError as exc:
        return ProbeResult(step, ProbeStatus.FAILED, exc.strerror or str(exc), causes.TCP_TIMEOUT)


def tls_handshake(ip: str, port: int, server_name: str, ca_file: str | None = None,
                  timeout: float = 3.0) -> ProbeResult:
    """Handshake with SNI ``server_name`` and verify the certificate covers that name."""
    step = f"tls {server_name} via {ip}:{port}"
    context = ssl.create_default_context(cafile=ca_file)
    try:
        with socket.create_connection((ip, port), timeout=timeout) as raw, \
                context.wrap_socket(raw, server_hostname=server_name) as tls:
            cert = tls.getpeercert() or {}
            alt_names = cert.get("subjectAltName", ())
            names = [str(entry[1]) for entry in alt_names if entry[0] == "DNS"]
            return ProbeResult(step, ProbeStatus.OK, f"{tls.version()}, certificate {names}",
                               data={"names": names})
    except ssl.SSLCertVerificationError as exc:
        cause = causes.TLS_NAME_MISMATCH if "match" in str(exc.verify_message or exc) \
            else causes.TLS_UNTRUSTED
        return ProbeResult(step, ProbeStatus.FAILED, exc.verify_message or str(exc), cause)
    except ssl.SSLError as exc:
        return ProbeResult(step, ProbeStatus.FAILED, exc.reason or str(exc), causes.TLS_FAILED)
    except TimeoutError:
        return ProbeResult(step, ProbeStatus.FAILED, "timed out", causes.TCP_TIMEOUT)
    except OSError as exc:
        return ProbeResult(step, ProbeStatus.FAILED, exc.strerror or str(exc), causes.TCP_TIMEOUT)
