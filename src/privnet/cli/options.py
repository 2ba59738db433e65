"""Options several commands share, declared once so that their help reads the same everywhere.

Only typer loads here: every command module imports it, and ``privnet --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path

import typer

STATE_DIR_HELP = "Directory holding each stack's state, as DIR/STACK/state.json."
STATE_DIR_OPTION = typer.Option(Path(".privnet"), "--state-dir", help=STATE_DIR_HELP)
"""``--state-dir``: plan, apply, destroy, output, state, import, refresh, verify, diagram."""
