"""The emulator's public doors: lazy server import, health, bad input answered cleanly."""

from __future__ import annotations

import subprocess
import sys

from privnet.local.ccloud import EmulatorSettings, create_app
from tests.local.ccloud.client import ContractClient


def test_importing_the_emulator_does_not_import_uvicorn() -> None:
    code = "import sys, privnet.local.ccloud; print('uvicorn' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_malformed_bodies_and_queries_are_400_in_the_right_dialect() -> None:
    client = ContractClient(create_app(EmulatorSettings.instant()), validate=False)
    control = client.call(
        "POST",
        "/org/v2/environments",
        content=b"{not json",
        headers={"content-type": "application/json"},
    )
    assert control.status_code == 400 and control.json()["errors"][0]["status"] == "400"
    paged = client.call("GET", "/org/v2/environments", params={"page_token": "garbage"})
    assert paged.status_code == 400
    kafka = client.call("POST", "/kafka/v3/clusters/lkc-none/topics", json=[1])
    assert kafka.status_code in (400, 404) and "error_code" in kafka.json()


def test_health_and_unknown_paths() -> None:
    client = ContractClient(create_app(EmulatorSettings.instant()), validate=False)
    assert client.call("GET", "/healthz", auth=None).json() == {"status": "ok"}
    missing = client.call("GET", "/nowhere/v9/things")
    assert missing.status_code == 404 and "errors" in missing.json()
