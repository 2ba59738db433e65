"""Making a new name on disk survive a power loss, not only a killed process.

``fsync`` of a file makes its bytes durable; the directory entry that names it (a file just
created, or renamed over another) is durable only once the directory itself is synced.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def sync_directory(directory: Path) -> None:
    """Sync ``directory``'s entries; a file system that cannot (some network mounts) is
    left as it is: the rename or creation has happened, only its durability is weaker."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
