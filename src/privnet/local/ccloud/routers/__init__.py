"""One router per Confluent Cloud API (control plane) or Kafka REST resource (data plane)."""
