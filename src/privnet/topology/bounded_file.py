"""Read a file only if it is a regular file of bounded size.

``open()`` on a FIFO blocks until a writer comes, and ``/dev/zero`` never ends; both are
refused from ``stat`` before the file is opened. The size is checked twice (``stat`` and
while reading), so a file that grows in between still costs at most the limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from privnet.topology.input_limits import MAX_FILE_BYTES, MAX_FILE_TEXT


class FileRefused(Exception):
    """Why a file was not read (``message``) and what to do about it (``fix``)."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix


def read_bounded(path: str | Path, limit: int = MAX_FILE_BYTES,
                 limit_text: str = MAX_FILE_TEXT) -> bytes:
    """The bytes of ``path``; :class:`FileRefused` for anything but a regular file within
    ``limit`` bytes."""
    try:
        _check(os.stat(path), limit, limit_text)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise FileRefused(f"cannot read the file: {exc.strerror or type(exc).__name__}",
                          "check the path and its permissions") from None
    with os.fdopen(fd, "rb") as handle:
        _check(os.fstat(handle.fileno()), limit, limit_text)  # the path may have been swapped
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise FileRefused(f"cannot read the file: {exc.strerror or type(exc).__name__}",
                              "check the path and its permissions") from None
    if len(data) > limit:
        raise _too_large(len(data), limit_text)
    return data


def _check(info: os.stat_result, limit: int, limit_text: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise FileRefused("this is a directory, not a file", "give the path of a file")
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused("this is not a regular file (a pipe, device or socket)",
                          "save the content to a file and give that file's path")
    if info.st_size > limit:
        raise _too_large(info.st_size, limit_text)


def _too_large(size: int, limit_text: str) -> FileRefused:
    return FileRefused(f"the file is {size:,} bytes, larger than the limit of {limit_text}",
                       f"split the file or remove what is not needed (at most {limit_text})")
