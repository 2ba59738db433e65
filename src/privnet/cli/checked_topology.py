"""Commands that build, change or judge a network take only a topology that passes
``validate``.

Without this gate a design the rule catalogue refuses (two VPCs on one CIDR, a /33) was planned
and partly applied before a cloud refused it, or crashed the plan-mode verifier. destroy is
gated too: the file says what the stack is, and an invalid one may name the wrong objects;
fix the file (its findings say how) and destroy again. verify is a diagnosis of what exists,
so it goes on past design findings (a network built elsewhere may well break the rules) and
stops only where the file leaves the network undefined. Warnings never stop a command; they
are printed on stderr, as ``validate`` prints them, so plan and apply do not hide them.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from privnet.errors import PrivnetError

if TYPE_CHECKING:
    from privnet.rules.base import Finding
    from privnet.topology.model import Topology


UNDEFINED_NETWORK = frozenset({"ADDR-004", "CONF-005"})
"""Findings that leave nothing to analyse: an address that is no CIDR, a region that is no
AWS region."""


class TopologyRejected(PrivnetError):
    """The topology has rule findings of severity error; the message lists them, and
    ``findings`` holds them (for a JSON error document)."""

    def __init__(self, message: str, findings: Sequence[Finding] = ()) -> None:
        super().__init__(message)
        self.findings = list(findings)


def load_checked_topology(path: Path, verb: str,
                          blocking: frozenset[str] | None = None) -> Topology:
    """The topology of ``path`` unless it has error findings (only those of the ``blocking``
    rules, when given); else ``TopologyRejected`` listing them."""
    from privnet.render.findings import findings_text
    from privnet.rules import validate
    from privnet.rules.base import Severity
    from privnet.topology import load_spec

    spec = load_spec(path)
    findings = validate(spec)
    errors = [f for f in findings if f.severity is Severity.ERROR
              and (blocking is None or f.rule in blocking)]
    if not errors:
        warnings = [f for f in findings if f.severity is Severity.WARNING]
        if warnings:  # said once, on stderr: the run goes on, the user is not left unaware
            sys.stderr.write(findings_text(warnings, [str(path)]) + "\n")
        _refuse_existing_clusters(spec.topology, path, verb)
        return spec.topology
    raise TopologyRejected(
        f"{path} does not pass validation, so privnet will not {verb} it:\n"
        + findings_text(errors, [str(path)])
        + f"\nfix the findings above (details: privnet validate {path})", errors)


def _refuse_existing_clusters(topology: Topology, path: Path, verb: str) -> None:
    """A cluster given by ``id`` exists already (a file from ``privnet discover``): privnet
    cannot adopt clusters, so only verify may use the file."""
    adopted = [c.name for c in topology.confluent.clusters if c.id]
    if adopted and verb != "verify":
        raise TopologyRejected(
            f"{path}: confluent.clusters {', '.join(adopted)} give the id of an existing "
            f"cluster, and privnet cannot adopt a cluster, so it will not {verb} this file "
            "(verify reads it); to let privnet build the clusters, remove their 'id' lines")
