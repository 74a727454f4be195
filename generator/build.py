"""Build a staging folder with MkDocs and put the result in place: old or new, never half."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .diagnostics import SiteBuildError

TEMP_PREFIX = ".iop-tmp-"


def mkdocs_build(staging: Path, target: Path, site: str) -> None:
    """Run `mkdocs build --strict` on a staging folder into target; raise SiteBuildError on failure."""
    # strict and never -q: mkdocs ignores strict when warnings are silenced
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
               "-f", str(staging.resolve() / "mkdocs.yml"), "-d", str(target.resolve())]
    # Material prints an end-of-life banner on every build; it is noise in our output
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, capture_output=True, text=True, cwd=staging, env=env, check=False)
    if result.returncode != 0:
        raise SiteBuildError(site, _mkdocs_problems(result.stdout + result.stderr))


def _mkdocs_problems(output: str) -> str:
    lines = [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR", "Error", "Aborted"))]
    return "\n".join(lines) or output.strip()


def publish(staging: Path, destination: Path, site: str) -> None:
    """Build into a temporary folder beside destination, then swap it in."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{destination.name}-", dir=destination.parent))
    try:
        mkdocs_build(staging, fresh, site)
        swap_in(fresh, destination)
    finally:
        if fresh.exists():
            shutil.rmtree(fresh, ignore_errors=True)


def swap_in(fresh: Path, destination: Path) -> None:
    """Replace destination with fresh; the old folder is moved aside first and removed last."""
    old = None
    if destination.exists():
        old = destination.with_name(f"{TEMP_PREFIX}{destination.name}-old-{os.getpid()}")
        os.replace(destination, old)
    os.replace(fresh, destination)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def clean_leftovers(folder: Path) -> None:
    """Remove temporary folders an interrupted build left behind."""
    for leftover in [*folder.glob(f"{TEMP_PREFIX}*"), *folder.glob(f"*/{TEMP_PREFIX}*")]:
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)
