"""Build a staging folder with MkDocs and put the result in place: old or new, never half."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import linkcheck
from .diagnostics import SiteBuildError

TEMP_PREFIX = ".iop-tmp-"
STAGING_PREFIX = "iop-staging-"
# files written beside their target and renamed over it (see outcome.write_report and portal.write)
PARTIAL_FILES = (".index.html.*", ".build-report.json.*")


class Interrupted(Exception):
    """The build was stopped (Ctrl-C): no site is swapped in after this."""


class Stopper:
    """The MkDocs processes a build runs, so that an interrupt can end them all and stop every swap."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen[str]] = set()
        self.stopped = False

    def run(self, command: list[str], **options: object) -> tuple[int, str]:
        """Run a command to its end, or until stop(); return its exit code and output."""
        with self._lock:
            if self.stopped:
                raise Interrupted
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                       **options)  # type: ignore[call-overload]
            self._running.add(process)
        try:
            output, _ = process.communicate()
        finally:
            with self._lock:
                self._running.discard(process)
        if self.stopped:
            raise Interrupted
        return process.returncode, output

    def stop(self) -> None:
        """End every running process (terminate, then kill what is still there) and refuse new ones."""
        with self._lock:
            self.stopped = True
            running = list(self._running)
        for process in running:
            process.terminate()
        for process in running:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()

    def check(self) -> None:
        """Raise Interrupted once stop() was called."""
        if self.stopped:
            raise Interrupted


_active = Stopper()  # the build under way; one build runs at a time in a process


@contextmanager
def stoppable() -> Iterator[Stopper]:
    """A fresh Stopper for the MkDocs processes of one build."""
    global _active
    previous, _active = _active, Stopper()
    try:
        yield _active
    finally:
        _active = previous


def mkdocs_build(staging: Path, target: Path, site: str) -> None:
    """Run `mkdocs build --strict` on a staging folder into target; raise SiteBuildError on failure."""
    # strict and never -q: mkdocs ignores strict when warnings are silenced
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
               "-f", str(staging.resolve() / "mkdocs.yml"), "-d", str(target.resolve())]
    # Material prints an end-of-life banner on every build; it is noise in our output
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    code, output = _active.run(command, cwd=staging, env=env)
    if code != 0:
        raise SiteBuildError(site, _mkdocs_problems(output))


def _mkdocs_problems(output: str) -> str:
    lines = [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR", "Error", "Aborted"))]
    return "\n".join(lines) or output.strip()


def publish(staging: Path, destination: Path, site: str) -> None:
    """Build into a temporary folder beside destination, then swap it in."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{destination.name}-", dir=destination.parent))
    try:
        mkdocs_build(staging, fresh, site)
        _active.check()
        linkcheck.check(fresh, site)  # a broken link fails the site before it replaces the old one
        swap_in(fresh, destination)
    finally:
        if fresh.exists():
            shutil.rmtree(fresh, ignore_errors=True)


def _exchange() -> object | None:
    """Linux's renameat2(RENAME_EXCHANGE): swaps two folders in one step; None where it is missing."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.renameat2
    except (OSError, AttributeError):
        return None


_RENAMEAT2 = _exchange()
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def _swap(a: Path, b: Path) -> bool:
    """Exchange two existing folders atomically; False if the system cannot."""
    if _RENAMEAT2 is None:
        return False
    result = _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)  # type: ignore[operator]
    return result == 0


def swap_in(fresh: Path, destination: Path) -> None:
    """Replace destination with fresh in one step where the system allows, so a kill leaves old or new.

    Elsewhere the old folder is moved aside first and removed last; clean_leftovers
    moves it back if a kill came between the two renames.
    """
    if destination.exists() and _swap(fresh, destination):
        shutil.rmtree(fresh, ignore_errors=True)  # fresh now holds the old site
        return
    old = None
    if destination.exists():
        old = destination.with_name(f"{TEMP_PREFIX}{destination.name}-old-{os.getpid()}")
        os.replace(destination, old)
    os.replace(fresh, destination)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def clean_leftovers(folder: Path) -> None:
    """Remove temporary files an interrupted build left behind, and put back a site moved aside."""
    for leftover in sorted([*folder.glob(f"{TEMP_PREFIX}*"), *folder.glob(f"*/{TEMP_PREFIX}*")]):
        name, _, pid = leftover.name.removeprefix(TEMP_PREFIX).rpartition("-old-")
        if name and pid.isdigit() and leftover.is_dir() and not (leftover.parent / name).exists():
            os.replace(leftover, leftover.parent / name)  # killed between the two renames of swap_in
        elif leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)
    for pattern in PARTIAL_FILES:
        for partial in folder.glob(pattern):
            partial.unlink(missing_ok=True)
    clean_stale_staging()


def staging_folder() -> tempfile.TemporaryDirectory[str]:
    """A staging folder in the system's temp folder, named with this process id (see clean_stale_staging)."""
    return tempfile.TemporaryDirectory(prefix=f"{STAGING_PREFIX}{os.getpid()}-")


def clean_stale_staging() -> None:
    """Remove staging folders of builds whose process no longer runs (killed before they could clean up)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{STAGING_PREFIX}*-*"):
        pid = folder.name.removeprefix(STAGING_PREFIX).split("-", 1)[0]
        if pid.isdigit() and folder.is_dir() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def inside(root: Path, target: Path) -> Path:
    """Return target if it resolves inside root; raise otherwise.

    The last guard of every writer: ids and file names are checked long before,
    so this only fails on a bug, never on data.
    """
    resolved = target.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise RuntimeError(f"refusing to write {target}: it is outside {root}")
    return target
