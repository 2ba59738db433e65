"""API key rotation policy, its clock, and the Secrets Manager layout of Confluent
credentials."""

from privnet.keys.rotation import KeyRecord, RotationPolicy, RotationStep, decide

__all__ = ["KeyRecord", "RotationPolicy", "RotationStep", "decide"]
