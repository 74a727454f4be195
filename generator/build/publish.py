"""Put a built site in place: old or new, never half; and clean what an interrupted build left."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.build import linkcheck
from generator.build.mkdocs import Stopper, mkdocs_build
from generator.diagnostics import SiteBuildError

TEMP_PREFIX = ".iop-tmp-"
STAGING_PREFIX = "iop-staging-"
# files written beside their target and renamed over it (see outcome.write_report and portal.write)
PARTIAL_FILES = (".index.html.*", ".build-report.json.*")
# what a web server running as another user needs to read a published site
DIR_MODE, FILE_MODE = 0o755, 0o644


def publish(stagings: list[tuple[Path, str]], destination: Path, site: str, stopper: Stopper) -> linkcheck.Report:
    """Build each language's staging into a temporary folder beside destination, check the links, swap it in.

    stagings: (staging folder, folder below the site: "" for English, "es" for Spanish), English first,
    since MkDocs empties the folder it builds into. Every language goes online in one swap, or none.
    """
    with fresh_beside(destination) as fresh:
        links = linkcheck.Report()
        for number, (staging, below) in enumerate(stagings):
            # MkDocs and the link check, in a worker: a broken link fails the site before it replaces the old one;
            # the links are checked once all languages are there, since each links to the others
            last = number == len(stagings) - 1
            links = mkdocs_build(staging, fresh / below if below else fresh, site, stopper, scan=fresh,
                                 check_links=last)
            stopper.check()
        make_readable(fresh)
        stopper.check()  # a Ctrl-C during the checks above: no site goes in after it
        try:
            swap_in(fresh, destination)
        except (IncompleteSite, OSError) as e:
            raise SiteBuildError(site, f"the new site could not be put in place: {e}") from e
        return links


@contextmanager
def fresh_beside(destination: Path) -> Iterator[Path]:
    """A new temporary folder beside destination, to fill and swap in; removed after, if still there."""
    make_folder(destination.parent)
    fresh = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{destination.name}-", dir=destination.parent))
    try:
        yield fresh
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
