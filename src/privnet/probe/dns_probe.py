"""Resolve a name the way a client would, recording the CNAME chain."""

from __future__ import annotations

import ipaddress

from privnet.facts.confluent_dns import PRIVATE_SUFFIXES
from privnet.probe import causes
from privnet.probe.result import ProbeResult, ProbeStatus


def resolve(name: str, nameserver: str | None = None, timeout: float = 3.0) -> ProbeResult:
    """A records of ``name`` (through CNAMEs) from the system resolver or ``host[:port]``."""
    import dns.exception
    import dns.rdatatype
    import dns.resolver

    resolver = dns.resolver.Resolver(configure=nameserver is None)
    if nameserver is not None:
        host, _, port = nameserver.partition(":")
        resolver.nameservers = [host]
        resolver.port = int(port or 53)
    resolver.lifetime = timeout
    step = f"dns {name}"
    try:
        answer = resolver.resolve(name, "A")
    except dns.resolver.NXDOMAIN:
        private = name.rstrip(".").endswith(PRIVATE_SUFFIXES)
        return ProbeResult(step, ProbeStatus.FAILED, "NXDOMAIN",
                           causes.NXDOMAIN_PRIVATE if private else "the name does not exist")
    except dns.resolver.NoAnswer:
        return ProbeResult(step, ProbeStatus.FAILED, "no A record", causes.NO_ANSWER)
    except (dns.exception.Timeout, dns.resolver.NoNameservers) as exc:
        return ProbeResult(step, ProbeStatus.FAILED, exc.__class__.__name__, causes.DNS_TIMEOUT)
    chain = [str(rrset.name).rstrip(".") for rrset in answer.response.answer
             if rrset.rdtype == dns.rdatatype.CNAME]
    if chain:
        chain.append(str(answer.canonical_name).rstrip("."))
    ips = sorted({rdata.address for rdata in answer})
    data: dict[str, object] = {"ips": ips, "cname_chain": chain}
    detail = " -> ".join([*chain, ", ".join(ips)]) if chain else ", ".join(ips)
    if name.rstrip(".").endswith(PRIVATE_SUFFIXES) and not any(
        ipaddress.ip_address(ip).is_private for ip in ips
    ):
        return ProbeResult(step, ProbeStatus.FAILED, f"public answer {detail}",
                           causes.PUBLIC_ANSWER_FOR_PRIVATE, data)
    return ProbeResult(step, ProbeStatus.OK, detail, data=data)
