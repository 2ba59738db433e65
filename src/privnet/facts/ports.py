"""The ports a Confluent Cloud client uses on a private endpoint: Kafka on tcp 9092, the REST
API (topics, ACLs, cluster links) on tcp 443; clients resolve names over DNS (53, tcp and udp)."""

from __future__ import annotations

KAFKA_PORT = 9092
HTTPS_PORT = 443
DNS_PORT = 53
CLIENT_PORTS = (HTTPS_PORT, KAFKA_PORT)
"""What an endpoint's security group must admit from its clients."""
