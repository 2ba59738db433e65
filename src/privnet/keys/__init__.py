"""API key rotation policy and the Secrets Manager layout of Confluent credentials."""

from privnet.keys.rotation import KeyRecord, RotationDecision, RotationPolicy, decide

__all__ = ["KeyRecord", "RotationDecision", "RotationPolicy", "decide"]
