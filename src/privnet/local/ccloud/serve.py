"""Serve the emulator over HTTP (``privnet local up``); uvicorn is imported only here."""

from __future__ import annotations

from privnet.local.ccloud.app import create_app
from privnet.local.ccloud.settings import EmulatorSettings


def run(host: str, port: int, settings: EmulatorSettings | None = None) -> None:
    """Block serving the emulator on ``host:port`` until interrupted."""
    import uvicorn

    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
