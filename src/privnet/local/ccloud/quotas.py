"""Service quotas the emulator enforces, as Confluent Cloud refuses a create past one.

The real API answers ``402`` with ``code: quota_exceeded`` and a detail naming the quota
(the examples of ``cmk-v2.yaml``: "The request would exceed the quota:
kafka_clusters_per_environment"). The defaults are the published ones privnet's QUOTA rules
cite (Service Quotas for Confluent Cloud: 20 Kafka clusters per environment,
``kafka.max_kafka_clusters.per_env``; 100 cluster API keys per service account,
``iam.max_cluster_api_keys.per_service_account``); a test keeps the two in step.
``EmulatorSettings.quotas`` lowers or raises them.
"""

from __future__ import annotations

from privnet.local.ccloud.errors import ApiError

DEFAULT_QUOTAS: dict[str, int] = {
    "kafka_clusters_per_environment": 20,
    "api_keys_per_service_account": 100,
}


def refuse_past(quotas: dict[str, int], quota: str, existing: int) -> None:
    """Raise the API's 402 when one more object would exceed ``quota``."""
    limit = quotas.get(quota, DEFAULT_QUOTAS[quota])
    if existing + 1 > limit:
        raise ApiError(402, f"The request would exceed the quota: {quota}",
                       code="quota_exceeded")
