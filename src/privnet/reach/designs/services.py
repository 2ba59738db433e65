"""Private names needed besides the clusters' own: Flink's regional endpoint, and the source
cluster's REST name privnet calls from the runner to create a source-initiated link.

Both are questions of the matrix with a column of their own (``flink``, ``link <name>``), so a
path "location -> flink" shows like a cluster's. The link's question is asked from the runner
only and expected reachable whatever ``verify.expect`` says: privnet makes that call itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from privnet.facts.confluent_dns import flink_endpoint
from privnet.facts.dns_names import relative_name
from privnet.facts.ports import HTTPS_PORT
from privnet.reach.snapshot import Expectation, NetworkSnapshot, Service
from privnet.reach.trace import Question
from privnet.topology.confluent import Access, LinkMode
from privnet.topology.model import Topology

FLINK = "flink"

Expected = Callable[[Sequence[Expectation], str, str], bool]


def link_column(link: str) -> str:
    return f"link {link}"


def design_services(topology: Topology) -> tuple[Service, ...]:
    """Flink's private endpoint (private networking with a PrivateLink attachment) and the
    REST name of each source-initiated link's private source (when privnet makes its source
    side)."""
    found: list[Service] = []
    confluent = topology.confluent
    if confluent.flink.private_networking and confluent.connectivity.privatelink_attachments:
        regions = dict.fromkeys(p.region or topology.region for p in confluent.flink.compute_pools)
        for region in regions or (topology.region,):
            name = FLINK if len(regions) <= 1 else f"{FLINK} {region}"
            found.append(Service(name, flink_endpoint(region), HTTPS_PORT))
    private = {c.name for c in confluent.clusters if c.access is Access.PRIVATE}
    for link in confluent.cluster_links:
        if (link.mode is LinkMode.SOURCE_INITIATED and "source" in link.sides
                and link.source in private):
            found.append(Service(link_column(link.name), "", HTTPS_PORT, link.source,
                                 (topology.runner.location,), required=True))
    return tuple(found)


def design_questions(snapshot: NetworkSnapshot, expected: Expected) -> list[Question]:
    """One question per service and location that needs it."""
    clusters = {c.name: c for c in snapshot.clusters}
    questions = []
    for service in snapshot.services:
        host = service.host
        if not host:
            cluster = clusters.get(service.cluster)
            if cluster is None:
                continue
            host = cluster.rest
        for location in snapshot.locations:
            if service.sources and location.name not in service.sources:
                continue
            expect = service.required or expected(snapshot.expectations, location.name,
                                                  service.name)
            questions.append(Question(location.name, service.name, relative_name(host),
                                      service.port, expect))
    return questions
