"""The benchmark generator (scripts/gen_topology.py), loaded the way the scripts run it."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from tests.conftest import ROOT


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_topology",
                                                  ROOT / "scripts" / "gen_topology.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
