"""What each Confluent network design adds to verify, one module per design.

A design contributes facts to the snapshot (``pni``: the access point interfaces), names that
only it makes resolvable (``pni``: public names answering with those interfaces), checks on an
answer (``ingress``: a VPC's own access point) and questions beyond the clusters' own names
(``flink``, ``source_link``). ``expand`` and ``design_questions`` are the two hooks the
verifier calls.

Dedicated networks (Confluent's ``networks`` with PRIVATELINK, PEERING or TRANSITGATEWAY
connections) are the next design: their clusters would get the network's ``dns_domain`` and
``zonal_subdomains`` in :class:`~privnet.reach.snapshot.ClusterFacts` (the PrivateLink case is
then the attachment case), and a module here would add what peering or a Transit Gateway
attachment to Confluent's side changes in the routes.
"""

from __future__ import annotations

from privnet.reach.designs.pni import with_pni_names
from privnet.reach.designs.services import design_questions
from privnet.reach.snapshot import NetworkSnapshot


def expand(snapshot: NetworkSnapshot) -> NetworkSnapshot:
    """The snapshot with what the designs make resolvable (PNI public names)."""
    return with_pni_names(snapshot)


__all__ = ["design_questions", "expand"]
