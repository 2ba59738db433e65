"""The Confluent Cloud OpenAPI data the emulator ships, trimmed by scripts/vendor_openapi.py.

Packaged (not read from a reference checkout) because the emulator checks every request
against it at runtime; see NOTICE for its source and license.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import PurePath
from typing import Any


@functools.cache
def load_spec(name: str) -> dict[str, Any]:
    """One trimmed OpenAPI file by its reference name (``org-v2.yaml``), parsed once."""
    text = resources.files(__name__).joinpath(PurePath(name).stem + ".json").read_text()
    spec: dict[str, Any] = json.loads(text)
    return spec
