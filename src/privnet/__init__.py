"""privnet: private networking between AWS and Confluent Cloud, designed, provisioned, verified.

Public surface (kept small on purpose; heavy SDKs are imported lazily by the commands):

- :func:`privnet.topology.load_spec` reads a topology file into a
  :class:`privnet.topology.Topology`.
- :func:`privnet.rules.validate` runs the rule catalogue and returns findings.

Errors: every error privnet raises on purpose is a :class:`PrivnetError`; the whole tree, with
the exit code of each branch, is drawn in :mod:`privnet.errors`.
"""

from privnet.errors import PrivnetError, SpecError

__version__ = "0.1.0"
__all__ = ["PrivnetError", "SpecError", "__version__"]
