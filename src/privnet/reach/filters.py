"""Security groups (stateful, allow-only) and network ACLs (stateless, ordered, allow/deny)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from privnet.reach.index import covers, span
from privnet.reach.snapshot import Nacl, NaclEntry, SecurityGroup, SgRule
from privnet.reach.trace import Step

EPHEMERAL_PORT = 49152
"""A client source port inside both the Linux (32768-60999) and Windows (49152-65535) ranges:
a NACL must let it through on the way back."""

_TCP = {"-1", "tcp", "6", "all"}


@dataclass(frozen=True)
class FilterResult:
    allowed: bool
    step: Step


def _proto_matches(protocol: str) -> bool:
    return protocol.lower() in _TCP


def _rule_text(rule: SgRule) -> str:
    ports = "all ports" if rule.protocol == "-1" else (
        f"{rule.protocol}/{rule.from_port}" if rule.from_port == rule.to_port
        else f"{rule.protocol}/{rule.from_port}-{rule.to_port}")
    sources = ", ".join((*rule.cidrs, *rule.group_ids)) or "nothing"
    return f"{ports} from {sources}"


def sg_allows_ingress(groups: Iterable[SecurityGroup], source_cidr: str,
                      port: int) -> FilterResult:
    """TCP ``port`` from every address of ``source_cidr`` must be allowed by the groups' rules.

    Matching rules' CIDRs are merged, so a client range split over two rules still passes.
    Group references cannot be checked (client groups are unknown) and never match.
    """
    groups = list(groups)
    names = ", ".join(g.id for g in groups) or "no security group"
    if not groups:
        return FilterResult(False, Step("security groups", f"{names} on the interface"))
    client = span(source_cidr)
    matched: list[tuple[SecurityGroup, SgRule, tuple[int, int]]] = []
    for group in groups:
        for rule in group.ingress:
            if not _proto_matches(rule.protocol):
                continue
            if rule.protocol != "-1" and not rule.from_port <= port <= rule.to_port:
                continue
            for cidr in rule.cidrs:
                block = span(cidr)
                if block[0] <= client[1] and client[0] <= block[1]:
                    matched.append((group, rule, block))
    if _covered(client, [m[2] for m in matched]):
        group, rule, _ = matched[0]
        return FilterResult(True, Step(f"security group {group.id}",
                                       f"ingress {_rule_text(rule)} allows tcp/{port} from "
                                       f"{source_cidr}"))
    return FilterResult(False, Step(f"security group {names}",
                                    f"no ingress rule allows tcp/{port} from {source_cidr}"))


def _covered(target: tuple[int, int], blocks: list[tuple[int, int]]) -> bool:
    """Whether the union of ``blocks`` contains every address of ``target``."""
    reached = target[0]
    for start, end in sorted(blocks):
        if start > reached:
            break
        reached = max(reached, end + 1)
        if reached > target[1]:
            return True
    return False


def nacl_decides(nacl: Nacl | None, egress: bool, peer_cidr: str, port: int) -> FilterResult:
    """Lowest rule number that matches decides; a deny touching any part of the peer denies."""
    direction = "outbound" if egress else "inbound"
    if nacl is None:
        return FilterResult(True, Step("network ACL", f"none recorded: {direction} allowed"))
    peer = span(peer_cidr)
    for entry in sorted((e for e in nacl.entries if e.egress == egress),
                        key=lambda e: e.rule_number):
        if not _entry_matches(entry, port):
            continue
        block = span(entry.cidr)
        if block[0] > peer[1] or peer[0] > block[1]:
            continue
        if not entry.allow:
            return FilterResult(False, _nacl_step(nacl, entry, direction, peer_cidr, port))
        if covers(entry.cidr, peer_cidr):
            return FilterResult(True, _nacl_step(nacl, entry, direction, peer_cidr, port))
    return FilterResult(False, Step(f"network ACL {nacl.id}",
                                    f"no {direction} entry matches {peer_cidr} tcp/{port}"))


def _entry_matches(entry: NaclEntry, port: int) -> bool:
    if entry.protocol == "-1":
        return True
    return _proto_matches(entry.protocol) and entry.from_port <= port <= entry.to_port


def _nacl_step(nacl: Nacl, entry: NaclEntry, direction: str, peer: str, port: int) -> Step:
    verdict = "allows" if entry.allow else "denies"
    return Step(f"network ACL {nacl.id} rule {entry.rule_number}",
                f"{direction} {entry.cidr} {verdict} {peer} tcp/{port}")
