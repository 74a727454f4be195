"""Diagnostics: one located message per problem, the exception tree, and text made safe for a terminal."""

from __future__ import annotations

import errno
import os
import re
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

MAX_EXCERPT = 200  # characters of a source line shown under a diagnostic

# control characters, the marks that reorder text (a line could read backwards), line and paragraph
# separators, and lone surrogates (a file name that is not UTF-8): a terminal would obey or choke on them
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE_IN_LINE = re.compile(f"[\n{_UNSAFE}]")
_UNSAFE_IN_LINES = re.compile(f"[{_UNSAFE}]")


def for_terminal(text: str, lines: bool = False) -> str:
    """Escape the characters a terminal would obey (ESC, BEL, CR, bidi marks...), like `\\x1b` or `\\u202e`.

    Only tabs are kept, and line feeds too when lines is true (for text that is made of lines).
    The result holds only characters a terminal shows, so escaping it again changes nothing.
    """
    return (_UNSAFE_IN_LINES if lines else _UNSAFE_IN_LINE).sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


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
    # the text of that line, kept when the file was read: printing never opens a file, which could be
    # a link to a secret, a device or a pipe
    source_line: str | None = field(default=None, compare=False, repr=False)

    def format(self, root: Path | None = None, source: bool = False) -> str:
        """Render as `path:line:col: severity: message`; with source, show the line and a caret under the column."""
        where = for_terminal(display_path(self.file, root))
        text = f"{where}:{self.line}:{self.col}: {self.severity.value}: {for_terminal(self.message)}"
        if source and self.source_line is not None:
            text += excerpt(self.source_line, self.line, self.col)
        if self.hint:
            text += f"\n    hint: {for_terminal(self.hint)}"
        return text


def excerpt(text: str, line: int, col: int) -> str:
    """A source line and a caret under its column, as compilers show them, escaped for a terminal."""
    shown = text[:MAX_EXCERPT]
    # keep tabs under tabs, and give an escaped character its escape's width, so the caret lines up
    pad = "".join("\t" if c == "\t" else " " * len(for_terminal(c)) for c in shown[: col - 1])
    gutter = " " * len(str(line))
    return f"\n  {line} | {for_terminal(shown)}\n  {gutter} | {pad}^"


def resolved_or_none(path: Path) -> Path | None:
    """The real path of path, following links; None when a loop of links leaves it without one."""
    try:
        resolved = path.resolve()
    except (RuntimeError, OSError):  # Python 3.11 raises RuntimeError on a loop of links
        return None
    try:
        os.stat(path)
    except OSError as e:  # newer Pythons resolve a loop without a word: the system still says ELOOP
        if e.errno == errno.ELOOP:
            return None
    return resolved


def display_path(path: Path, root: Path | None = None) -> str:
    """Show a path relative to root (or the working directory) when it lies below it."""
    base = resolved_or_none(root or Path.cwd())
    parent = resolved_or_none(path.parent)
    # the link's own name first: a link that leads out of the data folder is shown where it sits
    for shown in (parent / path.name if parent else None, resolved_or_none(path)):
        if base and shown and shown.is_relative_to(base):
            return str(shown.relative_to(base))
    return str(path)


def errors_in(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Keep only the diagnostics that fail a build."""
    return [d for d in diagnostics if d.severity is Severity.ERROR]


def guarded(file: Path, checks: Callable[[], Iterable[Diagnostic]]) -> list[Diagnostic]:
    """Run the checks of one file; an unexpected exception becomes an error at that file, and the others go on."""
    try:
        return list(checks())
    except Exception as e:  # a bug of ours that this file's data brings out: say so there, hide nothing else
        if os.environ.get("IOP_GUIDE_DEBUG"):
            traceback.print_exc()
        said = str(e)
        said = said if len(said) <= MAX_EXCERPT else said[:MAX_EXCERPT] + "..."
        return [Diagnostic(file, 1, 1, f"internal error while checking this file: {type(e).__name__}: {said}; "
                           "please report it", hint="set IOP_GUIDE_DEBUG=1 to see where it happened")]


class GuideError(Exception):
    """Raised when the generator cannot go on; the base of every error it raises."""


class DataError(GuideError):
    """Raised when the program data holds errors; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{len(errors_in(diagnostics))} error(s) in the program data")
        self.diagnostics = sorted(diagnostics)


class LoadError(Exception):
    """Raised when a file cannot be read as YAML; carries one Diagnostic."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


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
