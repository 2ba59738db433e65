"""Typed models of the topology file, YAML loading with line marks, JSON Schema export."""

from privnet.topology.loader import LoadedSpec, load_spec, load_spec_text
from privnet.topology.model import Topology

__all__ = ["LoadedSpec", "Topology", "load_spec", "load_spec_text"]
