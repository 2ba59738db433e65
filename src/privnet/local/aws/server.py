"""The patched moto server as a process: ``python -m privnet.local.aws.server``.

It binds first (port 0 lets the OS choose a free port, so no two servers race for one),
then writes the port it got to a ready file; whoever started it waits for that file rather
than guessing how long start-up takes. It serves until SIGTERM or SIGINT.

It answers only requests signed with the local cloud's own key (:mod:`privnet.local.aws.auth`),
read from ``--credentials-file`` (the ``aws`` entry of ``credentials.json``) or, without it,
from ``PRIVNET_LOCAL_AWS_ACCESS_KEY_ID`` / ``PRIVNET_LOCAL_AWS_SECRET_ACCESS_KEY``; with
neither it refuses to start. The key never appears on the command line (which every local
user can read).
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
from typing import Any

from privnet.local.aws.auth import ACCESS_KEY_ENV, SECRET_KEY_ENV, LocalAwsKey, SigV4Gate
from privnet.local.aws.behaviour import AwsBehaviour
from privnet.local.aws.patches import apply_patches
from privnet.local.idle import ActivityClock, add_idle_arguments, stop_when_idle, track_wsgi


def write_ready_file(path: Path, host: str, port: int) -> None:
    """Write atomically (owner-only), so a reader never sees half a file."""
    partial = path.with_suffix(path.suffix + ".partial")
    partial.unlink(missing_ok=True)
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(json.dumps({"host": host, "port": port, "pid": os.getpid()}))
    partial.replace(path)


def load_key(credentials_file: Path | None) -> LocalAwsKey:
    """The key the server accepts; SystemExit naming what is missing when there is none."""
    if credentials_file is not None:
        try:
            return LocalAwsKey.from_credentials_file(credentials_file)
        except (OSError, ValueError, KeyError) as exc:
            raise SystemExit(f"cannot read the local AWS key from {credentials_file}: "
                             f"{type(exc).__name__}") from None
    key_id, secret = os.environ.get(ACCESS_KEY_ENV), os.environ.get(SECRET_KEY_ENV)
    if not key_id or not secret:
        raise SystemExit(f"no key to accept: give --credentials-file or set {ACCESS_KEY_ENV} "
                         f"and {SECRET_KEY_ENV}")
    return LocalAwsKey(key_id, secret)


def _gated_server(host: str, port: int, key: LocalAwsKey,
                  clock: ActivityClock | None = None) -> Any:
    """moto's threaded server with every request passing :class:`SigV4Gate` first."""
    from moto.moto_server.threaded_moto_server import ThreadedMotoServer
    from moto.moto_server.werkzeug_app import (
        DomainDispatcherApplication,
        MotoRequestHandler,
        create_backend_app,
    )
    from werkzeug.serving import make_server

    from privnet.local.aws.serial_requests import SerialWsgi

    class GatedMotoServer(ThreadedMotoServer):
        def _server_entry(self) -> None:
            app: Any = SigV4Gate(SerialWsgi(DomainDispatcherApplication(create_backend_app)),
                                 key)
            if clock is not None:
                app = track_wsgi(app, clock)
            self._server = make_server(self._ip_address, self._port, app, True,
                                       request_handler=MotoRequestHandler)
            self._server_ready_event.set()
            self._server.serve_forever()

    return GatedMotoServer(ip_address=host, port=port, verbose=False)


def serve(host: str, port: int, ready_file: Path | None,
          credentials_file: Path | None = None, activity_file: Path | None = None,
          idle_seconds: float | None = None, pid_file: Path | None = None) -> int:
    """Run the patched moto server until told to stop (or idle, with an ``activity_file``
    and ``idle_seconds``: :mod:`privnet.local.idle`); returns the exit code."""
    key = load_key(credentials_file)
    apply_patches(AwsBehaviour.from_env())
    clock = ActivityClock(activity_file) if activity_file is not None else None
    server = _gated_server(host, port, key, clock)
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
    if clock is not None:
        stop_when_idle(clock, idle_seconds, stop.set, pid_file)
    stop.wait()
    server.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the patched moto server.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--ready-file", type=Path, default=None)
    parser.add_argument("--credentials-file", type=Path, default=None,
                        help="JSON whose aws.access_key_id / aws.secret_access_key are the "
                             "only credentials accepted")
    add_idle_arguments(parser)
    args = parser.parse_args(argv)
    return serve(args.host, args.port, args.ready_file, args.credentials_file,
                 args.activity_file, args.idle_seconds, args.pid_file)


if __name__ == "__main__":
    raise SystemExit(main())
