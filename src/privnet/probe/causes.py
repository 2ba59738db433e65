"""What usually explains each failure of private connectivity to Confluent Cloud.

Kept as data in one place so the probes stay about measuring and the advice stays consistent.
"""

from __future__ import annotations

NXDOMAIN_PRIVATE = (
    "the private hosted zone for the Confluent domain is not associated with this VPC, or a "
    "Resolver FORWARD rule for a parent domain shadows it (add the SYSTEM rule for the domain)"
)
PUBLIC_ANSWER_FOR_PRIVATE = (
    "the name resolved through public DNS, not the private zone: associate the zone with this "
    "VPC and make sure the SYSTEM resolver rule for the Confluent domain is associated"
)
NO_ANSWER = "the zone has no record matching this name (wildcard or zonal CNAME missing)"
DNS_TIMEOUT = "no DNS server answered: check the resolver address and UDP/TCP 53 reachability"
TCP_TIMEOUT = (
    "no answer on the port: the endpoint's security group does not allow this client's CIDR, "
    "a NACL drops the traffic, or a route (subnet route table / Transit Gateway) is missing"
)
TCP_REFUSED = "the IP answers but nothing listens on that port: the name points at the wrong IP"
TLS_NAME_MISMATCH = (
    "the certificate does not cover the name: the DNS records point at an endpoint that is not "
    "the cluster's"
)
TLS_UNTRUSTED = "the certificate is not trusted here (intercepting proxy or wrong CA bundle)"
TLS_FAILED = "the TLS handshake failed: something other than the Confluent endpoint answered"
KAFKA_AUTH = (
    "the cluster rejected the credentials: the API key is not synced yet, was deleted, or "
    "belongs to another cluster"
)
KAFKA_TIMEOUT = (
    "the bootstrap answered but brokers did not: broker (zonal) names may not resolve or route "
    "from here; check the zonal CNAME records and every AZ's endpoint IP"
)
NO_CREDENTIALS = (
    "no API key: set PRIVNET_KAFKA_API_KEY / PRIVNET_KAFKA_API_SECRET or give --secret-name"
)
