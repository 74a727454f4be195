"""Where each value of the data came from: its file, and the line and column of every node.

The loader fills these in; every later stage makes its diagnostics through them,
so a problem found anywhere points at the value that caused it. A module of its
own, below the stages, so that the models can name a document without importing
the loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import Diagnostic

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Origin:
    """Where one value was written: its file, and the line and column of its first character."""

    file: Path
    line: int
    col: int
    # the line as it was read, for the diagnostic's quote
    text: str | None = None
    # the file's lines (shared with its SourceMap), to find a piece of a value that spans lines
    lines: tuple[str, ...] | list[str] = field(default=(), compare=False, repr=False)

    def spanned(self) -> list[tuple[int, str]]:
        """The numbered lines the value is written on: its first, then those indented deeper than that one."""
        if not self.lines:
            return []
        first = self.lines[self.line - 1]
        # a value's lines go deeper than its key; in "- key: value" the key stands after the dash, and
        # a value that is itself the item ("- >") goes deeper than the dash
        margin = len(first) - len(first.lstrip())
        key = len(first) - len(first.lstrip(" -")) if first.lstrip().startswith("- ") else margin
        indent = key if key < self.col - 1 else margin
        if not first[:self.col - 1].strip():
            indent = self.col - 2  # the value starts its own line (its key is above): lines as deep are its own
        found = []
        for number in range(self.line, len(self.lines) + 1):
            text = self.lines[number - 1]
            if number > self.line and text.strip() and len(text) - len(text.lstrip()) <= indent:
                break  # the next key: the value ended
            found.append((number, text))
        return found

    def at(self, needle: str) -> Origin:
        """The origin of a piece of this value: where its lines hold it, else the value's own."""
        if not needle:
            return self
        for number, text in self.spanned():
            found = text.find(needle, self.col - 1 if number == self.line else 0)
            if found >= 0:
                return Origin(self.file, number, found + 1, text, self.lines)
        return self

    def diagnostic(self, message: str, hint: str | None = None, **kw: Any) -> Diagnostic:
        """A diagnostic at this value."""
        return Diagnostic(self.file, self.line, self.col, message, hint=hint, source_line=self.text, **kw)


class Located(str):
    """A text value of the data that remembers where it was written.

    A str in every other way, so the models, resolve and the templates use it as
    they would any text; a problem the render stage finds in it is reported at
    its origin, whichever page shows it. Text made from it (joined, stripped)
    is a plain str again, with no origin.
    """

    origin: Origin
    # the language the text is written in when it differs from its page's: English shown on a Spanish
    # page because its translation is missing (translate/overlay.py); None is the page's own language
    lang: str | None

    def __new__(cls, value: str, origin: Origin, lang: str | None = None) -> Located:
        made = super().__new__(cls, value)
        made.origin = origin
        made.lang = lang
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Located, (str(self), self.origin, self.lang))


# written out (a generated mkdocs.yml, a report) a Located text is the plain text it holds
yaml.SafeDumper.add_representer(Located, yaml.SafeDumper.represent_str)


def origin_of(value: object) -> Origin | None:
    """The origin of a data value, or None for text the generator made."""
    return value.origin if isinstance(value, Located) else None


def line_of(lines: list[str], line: int) -> str | None:
    """One line (1-based) of a text split into lines, or None if there is no such line."""
    return lines[line - 1] if 0 < line <= len(lines) else None


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of one file sits: 1-based line and column."""

    file: Path
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # where each text or number value ends (just after its last character): words inside it are found there
    ends: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # the text of the file, line by line, as it was read: diagnostics quote it without reading the file again
    lines: list[str] = field(default_factory=list, repr=False)

    def line_text(self, line: int) -> str | None:
        """The text of one line (1-based), or None if the file has no such line."""
        return line_of(self.lines, line)

    def locate(self, loc: tuple[Any, ...], at_key: bool = False) -> tuple[int, int]:
        """Find the closest known position for a path; parts the data lacks are skipped."""
        known: Path_ = ()
        for part in loc:
            if known + (part,) in self.values:
                known = known + (part,)
        if at_key and known in self.keys:
            return self.keys[known]
        return self.values.get(known, (1, 1))

    def origin(self, loc: tuple[Any, ...]) -> Origin:
        """The origin of the value a path points to (or of the closest node the data has)."""
        line, col = self.locate(loc)
        return Origin(self.file, line, col, self.line_text(line), self.lines)

    def find(self, loc: Path_, text: str) -> tuple[int, int]:
        """Where text first shows inside the value at loc, so a word on the third line of a block is shown there.

        The value's own position when text is not written as such in the file (an escape wrote it).
        """
        start, end = self.values.get(loc), self.ends.get(loc)
        if start is None or end is None:
            return self.locate(loc)
        for number in range(start[0], end[0] + 1):
            line = self.line_text(number) or ""
            first = start[1] - 1 if number == start[0] else 0
            last = end[1] - 1 if number == end[0] else len(line)
            at = line.find(text, first, last)
            if at >= 0:
                return number, at + 1
        return start

    def diagnostic(self, loc: tuple[Any, ...], message: str, hint: str | None = None,
                   at_key: bool = False, **kw: Any) -> Diagnostic:
        """Make a diagnostic at the node a path points to."""
        line, col = self.locate(loc, at_key=at_key)
        return Diagnostic(self.file, line, col, message, hint=hint, source_line=self.line_text(line), **kw)



@dataclass
class Document:
    """One loaded file: its plain data and where each node came from."""

    data: Any
    source: SourceMap
    # what loading saw in the raw text that the data itself no longer shows (see load/comments.py)
    warnings: list[Diagnostic] = field(default_factory=list)
