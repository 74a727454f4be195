"""The output folder is ours alone: never the project or the data, never another's files, one build at a time."""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.build.publish import FILE_MODE, make_folder
from generator.diagnostics import UsageError
from generator.paths import Project

# says the output folder is ours; also the file a build locks, so two builds never write one folder
MARKER = ".iop-guide-output"
MARKER_TEXT = ("Written by iop-guide build: this folder holds its sites, index.html and build-report.json.\n"
               "Keep this file: without it, a build refuses to write into a folder that is not empty.\n")


def refuse_shared_output(out: Path, project: Project, data_dir: Path) -> None:
    """Raise UsageError if out is, holds or lies inside the project, the data, content/ or overrides/.

    A build replaces folders in its output folder, so the output folder must never
    hold anything that is not a build (the data, the templates, the project).
    """
    target = out.resolve()
    reason = ""
    for name, folder in (("the project folder", project.root), ("the data folder", data_dir)):
        place = folder.resolve()
        if target == place:
            reason = f"it is {name}"
        elif place.is_relative_to(target):
            reason = reason or f"it holds {name}, {folder}"
    for name, folder in (("the data folder", data_dir), ("the project's content/ folder", project.content),
                         ("the project's overrides/ folder", project.overrides)):
        if not reason and target.is_relative_to(folder.resolve()):
            reason = f"it is inside {name}, {folder}"
    if reason:
        raise UsageError(f"cannot build into {out}: {reason}. A build replaces what is in its output folder, "
                         "so give it a folder of its own with --out (the default, site/, is fine)")
    if out.exists() and not out.is_dir():
        raise UsageError(f"cannot build into {out}: it is a file, not a folder; name a folder with --out")


def owned(out: Path) -> bool:
    """Whether out was written by iop-guide: it has the marker, or a report of an earlier version."""
    if (out / MARKER).is_file():
        return True
    try:
        report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(report, dict) and report.get("generator") == "iop-guide"


@contextmanager
def claim(out: Path, force: bool = False) -> Iterator[None]:
    """Hold out for one build: refuse others' files (unless force) and a folder another build is writing.

    The marker file is the lock: flock on it ends with the process, even when it is killed.
    """
    if out.is_dir() and not force and not owned(out) and any(out.iterdir()):
        raise UsageError(f"cannot build into {out}: it holds files that iop-guide did not write (it has no "
                         f"{MARKER} file). Name a new or empty folder with --out, or add --force to build into "
                         "it anyway: the sites, index.html and build-report.json are then written into it")
    make_folder(out)
    # never follow a link planted in the folder's place: the marker is created here and nowhere else
    handle = os.open(out / MARKER, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(f"another build is writing to {out}; wait for it to end, then build again") from None
        if os.fstat(handle).st_size == 0:
            os.write(handle, MARKER_TEXT.encode("utf-8"))
            os.fchmod(handle, FILE_MODE)
        yield
    finally:
        os.close(handle)  # releases the lock
