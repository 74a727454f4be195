"""How `build` shows its work: a progress bar on a terminal, plain lines elsewhere, and a closing table."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from generator.build.outcome import Outcome
from generator.diagnostics import for_terminal

FINISHED = ("built", "unchanged", "failed")


@contextmanager
def tracker(total: int, console: Console) -> Iterator[Callable[[str, str], None]]:
    """Yield report(site, status): a live bar with the sites being built, or one line per event."""
    if not console.is_terminal:
        lock = threading.Lock()

        def plain(site: str, status: str) -> None:
            with lock:
                console.print(for_terminal(f"{site}: {status}"), markup=False, highlight=False)

        yield plain
        return
    building: list[str] = []
    lock = threading.Lock()
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task("building", total=total)

        def live(site: str, status: str) -> None:
            with lock:
                if status == "building":
                    building.append(site)
                elif site in building:
                    building.remove(site)
                if status in FINISHED:
                    bar.advance(task)
                    console.print(Text(for_terminal(f"{site}: {status}")))
                # the bar's column reads its description as markup: a name is shown, never obeyed
                bar.update(task, description=escape(for_terminal(", ".join(building))) or "finishing")

        yield live


def summary(outcomes: dict[str, Outcome], console: Console) -> None:
    """One row per site: pages, size, time and result."""
    table = Table(title="Build", title_justify="left")
    for column in ("site", "pages", "size", "time", "result"):
        table.add_column(column, justify="right" if column in ("pages", "size", "time") else "left")
    for site, done in sorted(outcomes.items()):
        ok = done.result in ("built", "unchanged")
        # a Text cell is shown as written: no markup, no control character
        table.add_row(Text(for_terminal(site)), str(len(done.pages)) if ok else "-",
                      f"{done.bytes / 1024:,.0f} KiB" if ok else "-", f"{done.seconds:.1f} s" if done.seconds else "-",
                      done.result if ok else "[red]failed: previous output kept[/red]")
    console.print(table)
