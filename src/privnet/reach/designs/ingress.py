"""Ingress PrivateLink gateways: each access point's domain belongs to its own endpoint.

Every access point is bound to one VPC endpoint and gets a domain of its own; a name under
that domain is served through that endpoint. A zone that answers a domain with the interfaces
of another VPC's endpoint sends clients through an access point that does not carry the name,
even when the route there exists, so verify stops it at the answer.
"""

from __future__ import annotations

from privnet.facts.dns_names import relative_name
from privnet.reach.dns import Resolution, in_domain
from privnet.reach.index import SnapshotIndex
from privnet.reach.snapshot import ClusterFacts
from privnet.reach.trace import Question, Step


def foreign_access_point(index: SnapshotIndex, cluster: ClusterFacts | None,
                         question: Question,
                         resolution: Resolution) -> tuple[Step, str, str] | None:
    """The step, culprit and fix when an access point's name is answered by an endpoint
    outside the VPC of that access point (None when it is not an access point name)."""
    if cluster is None or not cluster.domains:
        return None
    name = relative_name(question.name)
    owners = {vpc_id: relative_name(domain) for vpc_id, domain in cluster.domains
              if in_domain(name, relative_name(domain))}
    if not owners:
        return None
    deciding = next((s.subject for s in reversed(resolution.steps)
                     if s.subject.startswith("record ")), "the answer")
    for ip in resolution.addresses:
        found = index.endpoint_by_ip.get(ip)
        if found is None or found[0].vpc_id in owners:
            continue
        endpoint = found[0]
        owner, domain = next(iter(owners.items()))
        detail = (f"{ip} is an interface of endpoint {endpoint.id} in "
                  f"{index.vpc_label(endpoint.vpc_id)}, but {domain} is the domain of the "
                  f"access point of the endpoint in {index.vpc_label(owner)}: only that "
                  "endpoint serves it")
        fix = (f"answer {domain} with the endpoint of {index.vpc_label(owner)}, or ask for "
               f"the names of the access point of {endpoint.id}")
        return Step(deciding, detail), deciding, fix
    return None
