"""The patched moto server as its own process (``python -m privnet.local.aws.server``), the
one ``privnet local up`` runs: answers cross HTTP and the server's own serialisation."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

CREDENTIALS = {"AWS_ACCESS_KEY_ID": "LOCAL" + secrets.token_hex(8).upper(),
               "AWS_SECRET_ACCESS_KEY": secrets.token_urlsafe(30)}
"""The only key the server accepts (it refuses every other one, as it does under local up)."""


@contextlib.contextmanager
def aws_server(workdir: Path, timeout: float = 60.0) -> Iterator[str]:
    """Start the server, wait for its ready file, yield its URL; stop it (by its pid) after."""
    ready = workdir / "aws.ready"
    credentials = workdir / "credentials.json"
    credentials.write_text(json.dumps({"aws": {
        "access_key_id": CREDENTIALS["AWS_ACCESS_KEY_ID"],
        "secret_access_key": CREDENTIALS["AWS_SECRET_ACCESS_KEY"]}}))
    process = subprocess.Popen(
        [sys.executable, "-m", "privnet.local.aws.server", "--ready-file", str(ready),
         "--credentials-file", str(credentials)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, **CREDENTIALS, "MOTO_EC2_LOAD_DEFAULT_AMIS": "false"})
    try:
        deadline = time.monotonic() + timeout
        delay = 0.05
        while not ready.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the AWS server did not start: {process.stderr}")
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
        answer = json.loads(ready.read_text())
        yield f"http://{answer['host']}:{answer['port']}"
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
