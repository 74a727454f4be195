"""Live preview of one site: render, serve with MkDocs, and render again when a source changes."""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from .diagnostics import DataError, SiteBuildError
from .render import Project

POLL_SECONDS = 0.5


def fingerprint(folders: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every file below the folders."""
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                stat = path.stat()
                found.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def watch(folders: list[Path], on_change: Callable[[], None], stop: threading.Event) -> None:
    """Call on_change whenever a file below the folders changes, until stop is set."""
    last = fingerprint(folders)
    while not stop.wait(POLL_SECONDS):
        now = fingerprint(folders)
        if now != last:
            last = now
            on_change()


def serve(project: Project, data_dir: Path, site: str, address: str,
          render: Callable[[Path], None], echo: Callable[[str], None]) -> None:
    """Serve one site at address until interrupted; re-render on every change of data or templates."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    staging = Path(tempfile.mkdtemp(prefix="iop-serve-"))
    stop = threading.Event()

    def rerender() -> None:
        try:
            fresh = Path(tempfile.mkdtemp(prefix="iop-serve-next-"))
            render(fresh)
        except (DataError, SiteBuildError) as e:
            shutil.rmtree(fresh, ignore_errors=True)
            echo(str(e))
            for diagnostic in getattr(e, "diagnostics", []):
                echo(diagnostic.format())
            echo("The preview keeps the last good version until the errors are fixed.")
            return
        # replace the pages in place: MkDocs watches this folder and reloads the browser
        shutil.rmtree(staging / "docs", ignore_errors=True)
        shutil.copytree(fresh, staging, dirs_exist_ok=True)
        shutil.rmtree(fresh, ignore_errors=True)
        echo(f"{site}: rendered again")

    render(staging)
    watcher = threading.Thread(target=watch, args=([data_dir, project.content, project.overrides], rerender, stop),
                               daemon=True)
    watcher.start()
    echo(f"Previewing {site} at http://{address}/ (Ctrl-C to stop)")
    try:
        # served at the root, whatever the site's public address, so the preview URL stays simple
        mkdocs_serve(config_file=str(staging / "mkdocs.yml"), dev_addr=address, livereload=True,
                     site_url=f"http://{address}/")
    finally:
        stop.set()
        shutil.rmtree(staging, ignore_errors=True)
        sys.stdout.flush()
