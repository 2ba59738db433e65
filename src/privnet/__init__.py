"""privnet: private networking between AWS and Confluent Cloud, designed, provisioned, verified.

Public surface (kept small on purpose; heavy SDKs are imported lazily by the commands):

- :func:`privnet.topology.load_spec` reads a topology file into a
  :class:`privnet.topology.Topology`.
- :func:`privnet.rules.validate` runs the rule catalogue and returns findings.

Exception tree::

    PrivnetError                 base of every error privnet raises on purpose
    +-- SpecError                the topology file cannot be read, parsed or typed (exit 2)
"""

from privnet.errors import PrivnetError, SpecError

__version__ = "0.1.0"
__all__ = ["PrivnetError", "SpecError", "__version__"]
