"""A site's own findings, kept in build-report.json beside its fingerprint.

Rendering and proving a site's pages finds problems that loading the data does
not (a link to a section the page lacks, a list folded into a sentence). A site
built with such warnings records them; when its fingerprint shows that nothing
it is made from changed, `check` and `build` say the recorded warnings again
instead of rendering the site again. Only warnings are ever recorded (an error
fails the site, which then records no fingerprint), and an entry that cannot be
read back exactly is treated as missing: the site is rendered again.

A finding's file is kept relative to the data folder or to the project (a
template's own problem), never as a path of the machine that built it.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

from generator.build import fingerprint
from generator.diagnostics import Diagnostic, Severity

ROOTS = ("data", "project")


def to_report(found: list[Diagnostic], data_root: Path, project_root: Path) -> list[dict[str, Any]] | None:
    """The findings as report entries; None when one lies outside both folders (it cannot be said again)."""
    entries = []
    for diagnostic in found:
        place = _relative(diagnostic.file, {"data": data_root, "project": project_root})
        if place is None or diagnostic.severity is not Severity.WARNING:
            return None
        entries.append({"in": place[0], "file": place[1], "line": diagnostic.line, "col": diagnostic.col,
                        "message": diagnostic.message, "hint": diagnostic.hint})
    return entries


def _relative(file: Path, roots: dict[str, Path]) -> tuple[str, str] | None:
    for name, root in roots.items():
        if file.is_relative_to(root):
            return name, file.relative_to(root).as_posix()
        if file.resolve().is_relative_to(root.resolve()):
            return name, file.resolve().relative_to(root.resolve()).as_posix()
    return None


def from_report(entries: object, data_root: Path, project_root: Path) -> list[Diagnostic] | None:
    """The findings a report entry recorded; None when it has none on record or they are not as written."""
    if not isinstance(entries, list):
        return None
    roots = {"data": data_root, "project": project_root}
    found = []
    for entry in entries:
        if not (isinstance(entry, dict) and entry.get("in") in ROOTS and _plain(entry.get("file"))
                and all(_number(entry.get(key)) for key in ("line", "col"))
                and isinstance(entry.get("message"), str) and isinstance(entry.get("hint"), str | None)):
            return None
        found.append(Diagnostic(roots[entry["in"]] / entry["file"], entry["line"], entry["col"], entry["message"],
                                Severity.WARNING, entry["hint"]))
    return found


def _plain(name: object) -> bool:
    """A relative path that stays in its folder (the report could have been edited)."""
    if not isinstance(name, str) or not name or "\\" in name:
        return False
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts


def _number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def recorded(previous: dict[str, dict[str, Any]], prints: dict[str, str], data_root: Path,
             project_root: Path) -> dict[str, list[Diagnostic]]:
    """The findings of each site whose last good build was made from what it is made from now."""
    known = {}
    for key, made_from in prints.items():
        entry = previous.get(key, {})
        if not fingerprint.same_inputs(entry, made_from):
            continue
        found = from_report(entry.get("findings"), data_root, project_root)
        if found is not None:
            known[key] = found
    return known
