"""Live probes from the machine privnet runs on: DNS, TCP, TLS (SNI) and Kafka metadata."""

from privnet.probe.doctor import DoctorTarget, doctor
from privnet.probe.result import ProbeResult, ProbeStatus

__all__ = ["DoctorTarget", "ProbeResult", "ProbeStatus", "doctor"]
