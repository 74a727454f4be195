"""Read a data file safely: a plain file only, its kind and size checked before a byte is read.

The lines of what was read are kept, split where YAML breaks lines, so that a
diagnostic can quote its line without the file ever being opened again.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from generator.diagnostics import Diagnostic, LoadError

MAX_FILE_BYTES = 1_000_000
# line breaks as YAML counts them, so that a line number always finds its line
LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def split_lines(text: str) -> list[str]:
    """The lines of a text, broken where YAML breaks them (a final line break opens no new line)."""
    lines = LINE_BREAK.split(text)
    return lines[:-1] if lines and not lines[-1] else lines


def read_capped(file: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """Read a plain file of at most limit bytes; say what it is before reading a byte of it.

    A pipe would make a read wait forever and a device (/dev/zero) never ends: both are
    refused from what the file system says, and a pipe put in its place meanwhile opens
    without waiting and is refused too. Never more than limit + 1 bytes are read.
    """
    try:
        info = os.stat(file)
        if not stat.S_ISREG(info.st_mode):
            raise LoadError(_not_plain(file))
        if info.st_size > limit:
            raise LoadError(_too_large(file, f"{info.st_size:,} bytes", limit))
        with os.fdopen(os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as opened:
            if not stat.S_ISREG(os.fstat(opened.fileno()).st_mode):
                raise LoadError(_not_plain(file))
            raw = opened.read(limit + 1)
    except OSError as e:
        raise LoadError(_unreadable(file, e)) from None
    if len(raw) > limit:  # it grew since it was measured
        raise LoadError(_too_large(file, f"over {limit:,} bytes", limit))
    return raw


def _not_plain(file: Path) -> Diagnostic:
    return Diagnostic(file, 1, 1, "this is not a plain file (it is a pipe, a device or a folder), so it is not read",
                      hint="a data file must be a text file saved by an editor")


def _too_large(file: Path, size: str, limit: int) -> Diagnostic:
    return Diagnostic(file, 1, 1, f"the file is {size}; the limit is {limit:,}",
                      hint="split the content, or look for text pasted by mistake")


def _unreadable(file: Path, e: OSError) -> Diagnostic:
    if e.errno == errno.ELOOP:
        return link_loop(file)
    return Diagnostic(file, 1, 1, f"cannot read the file: {e.strerror}")


def link_loop(file: Path) -> Diagnostic:
    """The error for a link that leads, through other links or none, back to itself."""
    return Diagnostic(file, 1, 1, "this is a link that leads back to itself (a loop of links), so it is not read",
                      hint="remove the link, or point it at a file")
