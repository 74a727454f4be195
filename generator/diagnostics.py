"""Diagnostics: one located message per problem, and the exception tree."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem found in the data, at the file, line and column that caused it."""

    file: Path
    line: int
    col: int
    message: str
    severity: Severity = Severity.ERROR
    hint: str | None = None

    def format(self, root: Path | None = None, source: bool = False) -> str:
        """Render as `path:line:col: severity: message`; with source, show the line and a caret under the column."""
        text = f"{display_path(self.file, root)}:{self.line}:{self.col}: {self.severity.value}: {self.message}"
        if source:
            text += _excerpt(self.file, self.line, self.col)
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


@lru_cache(maxsize=64)
def _lines(file: Path, stamp: float) -> list[str]:
    try:
        return file.read_bytes().decode("utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _excerpt(file: Path, line: int, col: int) -> str:
    """The source line of a diagnostic and a caret under its column, as compilers show them."""
    try:
        lines = _lines(file, file.stat().st_mtime)
    except OSError:
        return ""
    if not 0 < line <= len(lines):
        return ""
    shown = lines[line - 1][:200]
    # keep tabs under tabs so the caret lines up in any terminal
    pad = "".join(c if c == "\t" else " " for c in shown[: col - 1])
    gutter = " " * len(str(line))
    return f"\n  {line} | {shown}\n  {gutter} | {pad}^"


def display_path(path: Path, root: Path | None = None) -> str:
    """Show a path relative to root (or the working directory) when it lies below it."""
    base = (root or Path.cwd()).resolve()
    # the link's own name first: a link that leads out of the data folder is shown where it sits
    for shown in (path.parent.resolve() / path.name, path.resolve()):
        if shown.is_relative_to(base):
            return str(shown.relative_to(base))
    return str(path)


def errors_in(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Keep only the diagnostics that fail a build."""
    return [d for d in diagnostics if d.severity is Severity.ERROR]


class GuideError(Exception):
    """Raised when the generator cannot go on; the base of every error it raises."""


class DataError(GuideError):
    """Raised when the program data holds errors; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{len(errors_in(diagnostics))} error(s) in the program data")
        self.diagnostics = sorted(diagnostics)


class ProjectError(GuideError):
    """Raised when the project folder lacks mkdocs.yml, content/ or overrides/."""


class SiteBuildError(GuideError):
    """Raised when MkDocs fails to build one site; carries MkDocs' own output."""

    def __init__(self, site: str, output: str):
        super().__init__(f"{site}: MkDocs build failed")
        self.site = site
        self.output = output


class UsageError(GuideError):
    """Raised when the command line asks for something that does not exist."""
