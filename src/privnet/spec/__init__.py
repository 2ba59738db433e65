"""Typed models of the topology file, YAML loading with line marks, JSON Schema export."""

from privnet.spec.loader import LoadedSpec, load_spec, load_spec_text
from privnet.spec.topology import Topology

__all__ = ["LoadedSpec", "Topology", "load_spec", "load_spec_text"]
