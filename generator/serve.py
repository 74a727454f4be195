"""Live preview of one site that survives mistakes.

The site is rendered into a staging folder that `mkdocs serve` watches. When a
file in the data, content/ or overrides/ changes, the site is rendered again;
if the data now has errors, every page of the preview is replaced by a page
listing them, and the next good save brings the guide back, with no restart.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import yaml

from .diagnostics import GuideError
from .render import GENERATED, Project
from .templates import environment

POLL_SECONDS = 0.3


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


def show_errors(project: Project, staging: Path, problems: list[str]) -> None:
    """Replace every page of the staging folder with the list of problems."""
    if not (staging / "mkdocs.yml").exists():
        # the data was broken from the start: a bare project that can show the errors
        shutil.copyfile(project.base_config, staging / "base.yml")
        shutil.copytree(project.overrides, staging / "overrides", dirs_exist_ok=True)
        config = {"INHERIT": "base.yml", "site_name": "Preview", "docs_dir": "docs"}
        (staging / "mkdocs.yml").write_text(GENERATED + yaml.safe_dump(config), encoding="utf-8")
    page = environment(project.content).get_template("errors.md.jinja").render(
        count=len(problems), diagnostics=problems)
    docs = staging / "docs"
    pages = [p for p in docs.rglob("*.md")] if docs.is_dir() else []
    for target in pages or [docs / "index.md"]:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")


def refresh(project: Project, staging: Path, render: Callable[[Path], None], echo: Callable[[str], None]) -> bool:
    """Render the site again into staging; on data errors show them instead. True when the guide is shown."""
    fresh = Path(tempfile.mkdtemp(prefix="iop-serve-next-"))
    try:
        render(fresh)
    except GuideError as e:
        problems = [d.format(source=True) for d in getattr(e, "diagnostics", [])] or [str(e)]
        for problem in problems:
            echo(problem)
        echo(f"{e}: the preview lists the problems until they are fixed")
        show_errors(project, staging, problems)
        return False
    else:
        # replace the pages in place: MkDocs watches this folder and reloads the browser
        shutil.rmtree(staging / "docs", ignore_errors=True)
        shutil.copytree(fresh, staging, dirs_exist_ok=True)
        return True
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def serve(project: Project, data_dir: Path, address: str, render: Callable[[Path], None],
          echo: Callable[[str], None]) -> None:
    """Serve one site at address until interrupted; render it again on every change."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    staging = Path(tempfile.mkdtemp(prefix="iop-serve-"))
    stop = threading.Event()

    def on_change() -> None:
        if refresh(project, staging, render, echo):
            echo("rendered again")

    refresh(project, staging, render, echo)
    watcher = threading.Thread(target=watch, args=([data_dir, project.content, project.overrides], on_change, stop),
                               daemon=True)
    watcher.start()
    echo(f"Previewing at http://{address}/ (Ctrl-C to stop)")
    try:
        # served at the root, whatever the site's public address, so the preview URL stays simple
        mkdocs_serve(config_file=str(staging / "mkdocs.yml"), dev_addr=address, livereload=True,
                     site_url=f"http://{address}/")
    finally:
        stop.set()
        shutil.rmtree(staging, ignore_errors=True)
