"""The OpenAPI data packaged with the emulator is complete, licensed and current."""

from __future__ import annotations

import importlib.util
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest

from privnet.local.ccloud.openapi import load_spec
from privnet.local.ccloud.operations import USED_OPERATIONS

ROOT = Path(__file__).resolve().parents[3]
REFERENCE = ROOT.parent / "shared" / "reference" / "confluent-cloud-openapi"
PACKAGED = resources.files("privnet.local.ccloud.openapi")


def _vendor_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("vendor_openapi", ROOT / "scripts" /
                                                  "vendor_openapi.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_used_operation_is_packaged_with_its_responses() -> None:
    for (method, template), file in USED_OPERATIONS.items():
        operation = load_spec(file)["paths"][template][method.lower()]
        assert operation["responses"], (method, template)


def test_the_license_and_source_travel_with_the_data() -> None:
    notice = PACKAGED.joinpath("NOTICE").read_text()
    assert "confluentinc/ccloud-sdk-go-v2" in notice and "b5d63ec" in notice
    assert "Apache License" in PACKAGED.joinpath("LICENSE").read_text()


@pytest.mark.skipif(not REFERENCE.is_dir(), reason=f"no OpenAPI reference at {REFERENCE}")
def test_packaged_data_is_current_with_the_reference() -> None:
    expected = _vendor_script().vendored(REFERENCE)
    packaged = {p.name for p in PACKAGED.iterdir() if p.name.endswith(".json")}
    assert packaged == set(expected), "run scripts/vendor_openapi.py"
    for name, text in expected.items():
        assert PACKAGED.joinpath(name).read_text() == text + "\n", (
            f"{name} is stale: run scripts/vendor_openapi.py"
        )
