"""The patched moto server as a process: ``python -m privnet.local.aws.server``.

It binds first (port 0 lets the OS choose a free port, so no two servers race for one),
then writes the port it got to a ready file; whoever started it waits for that file rather
than guessing how long start-up takes. It serves until SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

from privnet.local.aws.behaviour import AwsBehaviour
from privnet.local.aws.patches import apply_patches


def write_ready_file(path: Path, host: str, port: int) -> None:
    """Write atomically, so a reader never sees half a file."""
    partial = path.with_suffix(path.suffix + ".partial")
    partial.write_text(json.dumps({"host": host, "port": port, "pid": os.getpid()}))
    partial.replace(path)


def serve(host: str, port: int, ready_file: Path | None) -> int:
    """Run the patched moto server until told to stop; returns the exit code."""
    from moto.server import ThreadedMotoServer

    apply_patches(AwsBehaviour.from_env())
    server = ThreadedMotoServer(ip_address=host, port=port, verbose=False)
    server.start()
    bound_host, bound_port = server.get_host_and_port()
    stop = threading.Event()

    def on_signal(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    if ready_file is not None:
        write_ready_file(ready_file, bound_host, bound_port)
    sys.stdout.write(f"moto server (patched) listening on http://{bound_host}:{bound_port}\n")
    sys.stdout.flush()
    stop.wait()
    server.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the patched moto server.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--ready-file", type=Path, default=None)
    args = parser.parse_args(argv)
    return serve(args.host, args.port, args.ready_file)


if __name__ == "__main__":
    raise SystemExit(main())
