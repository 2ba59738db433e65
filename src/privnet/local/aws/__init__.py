"""The local AWS: moto with the gaps privnet depends on closed (see ``patches``)."""

from privnet.local.aws.behaviour import AwsBehaviour
from privnet.local.aws.patches import apply_patches

__all__ = ["AwsBehaviour", "apply_patches"]
