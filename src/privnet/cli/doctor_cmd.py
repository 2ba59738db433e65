"""``privnet doctor``: probe a cluster for real from this machine and explain each failure."""

from __future__ import annotations

import json
import sys

from privnet.cli.errors import EXIT_FINDINGS, EXIT_OK
from privnet.probe.result import ProbeResult, ProbeStatus


def run_doctor(bootstrap: str, rest: str | None, nameserver: str | None, ca_file: str | None,
               timeout: float, secret_name: str | None, region: str | None,
               security_protocol: str, output: str) -> int:
    from privnet.probe import credentials
    from privnet.probe.doctor import DoctorOptions, DoctorTarget, doctor
    from privnet.probe.endpoint import parse_bootstrap, parse_rest

    parse_bootstrap(bootstrap)  # a usage error (exit 2) before credentials are looked up
    if rest is not None:
        parse_rest(rest)
    creds = credentials.from_environment()
    if creds is None and secret_name:
        creds = credentials.from_secrets_manager(secret_name, region)
    options = DoctorOptions(nameserver=nameserver, ca_file=ca_file, timeout=timeout,
                            security_protocol=security_protocol, credentials=creds)
    results = doctor(DoctorTarget(bootstrap=bootstrap, rest=rest), options)
    if output == "json":
        sys.stdout.write(json.dumps([r.as_dict() for r in results], indent=2) + "\n")
    else:
        sys.stdout.write(render_results(results) + "\n")
    failed = any(r.status is ProbeStatus.FAILED for r in results)
    return EXIT_FINDINGS if failed else EXIT_OK


def render_results(results: list[ProbeResult]) -> str:
    marks = {ProbeStatus.OK: "ok  ", ProbeStatus.FAILED: "FAIL", ProbeStatus.SKIPPED: "skip"}
    lines = []
    for number, result in enumerate(results, start=1):
        lines.append(f"{number:>2}. [{marks[result.status]}] {result.step}: {result.detail}")
        if result.likely_cause and result.status is not ProbeStatus.OK:
            lines.append(f"       likely cause: {result.likely_cause}")
    return "\n".join(lines)
