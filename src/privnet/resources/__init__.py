"""Resource kinds (desired properties) and the compiler from a topology to a dependency graph."""

from privnet.resources.model import Ref, Resource, ResourceGraph

__all__ = ["Ref", "Resource", "ResourceGraph"]
