"""Build a staging folder with MkDocs and put the result in place: old or new, never half."""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from . import linkcheck
from .diagnostics import SiteBuildError, UsageError

if TYPE_CHECKING:
    from .render import Project

TEMP_PREFIX = ".iop-tmp-"
STAGING_PREFIX = "iop-staging-"
# files written beside their target and renamed over it (see outcome.write_report and portal.write)
PARTIAL_FILES = (".index.html.*", ".build-report.json.*")
# says the output folder is ours; also the file a build locks, so two builds never write one folder
MARKER = ".iop-guide-output"
MARKER_TEXT = ("Written by iop-guide build: this folder holds its sites, index.html and build-report.json.\n"
               "Keep this file: without it, a build refuses to write into a folder that is not empty.\n")
# what a web server running as another user needs to read a published site
DIR_MODE, FILE_MODE = 0o755, 0o644


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


class _Current:
    """The build under way; one build runs at a time in a process."""

    stopper = Stopper()


_current = _Current()


@contextmanager
def stoppable() -> Iterator[Stopper]:
    """A fresh Stopper for the MkDocs processes of one build."""
    previous = _current.stopper
    _current.stopper = Stopper()
    try:
        yield _current.stopper
    finally:
        _current.stopper = previous


def mkdocs_build(staging: Path, target: Path, site: str) -> None:
    """Run `mkdocs build --strict` on a staging folder into target; raise SiteBuildError on failure."""
    # strict and never -q: mkdocs ignores strict when warnings are silenced
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
               "-f", str(staging.resolve() / "mkdocs.yml"), "-d", str(target.resolve())]
    # Material prints an end-of-life banner on every build; it is noise in our output
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    code, output = _current.stopper.run(command, cwd=staging, env=env)
    if code != 0:
        raise SiteBuildError(site, _mkdocs_problems(output))


def _mkdocs_problems(output: str) -> str:
    lines = [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR", "Error", "Aborted"))]
    return "\n".join(lines) or output.strip()


def publish(staging: Path, destination: Path, site: str) -> None:
    """Build into a temporary folder beside destination, then swap it in."""
    make_folder(destination.parent)
    fresh = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{destination.name}-", dir=destination.parent))
    try:
        mkdocs_build(staging, fresh, site)
        _current.stopper.check()
        linkcheck.check(fresh, site)  # a broken link fails the site before it replaces the old one
        make_readable(fresh)
        _current.stopper.check()  # a Ctrl-C during the checks above: no site goes in after it
        try:
            swap_in(fresh, destination)
        except (IncompleteSite, OSError) as e:
            raise SiteBuildError(site, f"the new site could not be put in place: {e}") from e
    finally:
        if fresh.exists():
            shutil.rmtree(fresh, ignore_errors=True)


def make_folder(folder: Path) -> None:
    """Create a folder (and its parents) that a web server running as another user can read."""
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, DIR_MODE)


def make_readable(folder: Path) -> None:
    """Give a built site folders 0755 and files 0644: mkdtemp makes its folder 0700, which web servers refuse."""
    os.chmod(folder, DIR_MODE)
    for root, folders, files in os.walk(folder):
        for name, mode in [*((name, DIR_MODE) for name in folders), *((name, FILE_MODE) for name in files)]:
            path = os.path.join(root, name)
            if not os.path.islink(path):  # chmod follows links: never change a file outside the site
                os.chmod(path, mode)


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


class IncompleteSite(Exception):
    """The folder meant to replace a site is not a complete site: the live one is left in place."""


def swap_in(fresh: Path, destination: Path) -> None:
    """Replace destination with fresh in one step where the system allows, so a kill leaves old or new.

    Elsewhere the old folder is moved aside first and removed last; if the second
    rename fails it is put back, and clean_leftovers moves it back if a kill came
    between the two renames. The live site is never moved for an incomplete one.
    """
    if fresh.is_symlink() or not fresh.is_dir() or not (fresh / "index.html").is_file():
        raise IncompleteSite(f"{fresh} is not a complete site (a folder with its index.html)")
    if destination.exists() and _swap(fresh, destination):
        shutil.rmtree(fresh, ignore_errors=True)  # fresh now holds the old site
        return
    old = None
    if destination.exists():
        old = destination.with_name(f"{TEMP_PREFIX}{destination.name}-old-{os.getpid()}")
        os.replace(destination, old)
    try:
        os.replace(fresh, destination)
    except OSError:
        if old is not None:
            os.replace(old, destination)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def clean_leftovers(folder: Path, clinics: Iterable[str] | None = None) -> None:
    """Remove temporary files an interrupted build left behind, and put back a site moved aside.

    Only folder itself and the clinic folders named (every sub-folder when None) are looked at.
    """
    inner = folder.glob(f"*/{TEMP_PREFIX}*") if clinics is None else \
        (found for clinic in sorted(set(clinics)) for found in (folder / clinic).glob(f"{TEMP_PREFIX}*"))
    for leftover in sorted([*folder.glob(f"{TEMP_PREFIX}*"), *inner]):
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


# -- the output folder is ours alone --------------------------------------------------------


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
