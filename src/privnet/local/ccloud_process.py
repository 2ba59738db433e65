"""The Confluent Cloud emulator as a process: ``python -m privnet.local.ccloud_process``.

Settings, including the control-plane key and secret, come from a 0600 file named on the
command line, never from the command line itself (which any local user can read).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
from pathlib import Path
from typing import Any

from privnet.local.idle import ActivityClock, TrackAsgi, add_idle_arguments, stop_when_idle

ORDER_SEED_ENV = "PRIVNET_LOCAL_CCLOUD_ORDER_SEED"
"""Overrides the config file's ``order_seed``: an integer, or ``none`` for creation order."""


def order_seed(config: dict[str, Any]) -> int | None:
    """The emulator's list/map ordering seed: the environment wins over the config file."""
    raw = os.environ.get(ORDER_SEED_ENV)
    value: Any = raw if raw is not None else config.get("order_seed", 0)
    if value is None or str(value).strip().lower() in ("none", ""):
        return None
    return int(value)


def load_settings(config_file: Path) -> Any:
    """Build the emulator's settings from the config file and the credentials it names."""
    from privnet.local.ccloud.settings import EmulatorSettings

    config = json.loads(config_file.read_text())
    credentials = json.loads(Path(config["credentials_file"]).read_text())["confluent"]
    return EmulatorSettings(
        api_key=credentials["api_key"],
        api_secret=credentials["api_secret"],
        scale=float(config.get("scale", 1.0)),
        fault_rate=float(config.get("fault_rate", 0.0)),
        seed=int(config.get("seed", 0)),
        default_region=str(config.get("region", "us-east-1")),
        base_url=str(config.get("base_url", "https://api.confluent.cloud")),
        order_seed=order_seed(config),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the Confluent Cloud emulator.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--config", type=Path, required=True)
    add_idle_arguments(parser)
    args = parser.parse_args(argv)
    emulator = importlib.import_module("privnet.local.ccloud")
    create_app = getattr(emulator, "create_app", None)
    if create_app is None:
        parser.error("the Confluent Cloud emulator (privnet.local.ccloud) is not installed")
    serve(create_app(load_settings(args.config)), args.host, args.port,
          args.activity_file, args.idle_seconds, args.pid_file)
    return 0


def serve(app: Any, host: str, port: int, activity_file: Path | None,
          idle_seconds: float | None, pid_file: Path | None) -> None:
    """Serve ``app`` with uvicorn until interrupted or, with an ``activity_file``, idle."""
    import uvicorn

    if activity_file is not None:
        clock = ActivityClock(activity_file)
        app = TrackAsgi(app, clock)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    if activity_file is not None:
        def stop() -> None:
            server.should_exit = True

        stop_when_idle(clock, idle_seconds, stop, pid_file)
    server.run()


if __name__ == "__main__":
    raise SystemExit(main())
