"""Options several commands share, declared once so that their help reads the same everywhere.

Only typer loads here: every command module imports it, and ``privnet --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path

import typer

STATE_DIR_HELP = "Directory holding each stack's state, as DIR/STACK/state.json."
STATE_DIR_OPTION = typer.Option(Path(".privnet"), "--state-dir", help=STATE_DIR_HELP)
"""``--state-dir``: plan, apply, destroy, output, state, import, refresh, verify, diagram."""

MAX_PARALLELISM = 64
"""More concurrent calls than this only meet the clouds' request throttling (AWS and
Confluent Cloud both answer bursts with 429/Throttling) and the retries it causes."""
PARALLELISM_HELP = (f"How many cloud calls may run at the same time (1 to {MAX_PARALLELISM}).")
PARALLELISM_OPTION = typer.Option(10, "--parallelism", min=1, max=MAX_PARALLELISM,
                                  help=PARALLELISM_HELP)
"""``--parallelism``: plan, apply, destroy, refresh."""
