"""PyYAML syntax errors put in words a clinician can act on, at the place to fix.

One rule per kind of error, tried in order: how to recognise PyYAML's error, the message and
the hint (templates filled with the words the recogniser finds), and where to point.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.diagnostics import Diagnostic
from generator.load.reading import split_lines
from generator.source import line_of

QUOTES = "\"'"
# a line that opens a block of text: `key: >-`, `- |`, with an optional indent digit and comment
BLOCK_HEADER = re.compile(r"(?:^\s*-|:)\s+[|>][-+1-9]{0,2}\s*(?:#.*)?$")
EXAMPLES = {"*": "\"*really* helpful\"", "&": "\"& more\""}
AFTER_CLOSING = {
    "\"": "to quote words inside a text, put the whole text in single quotes: 'A \"new\" start'",
    "'": "inside '...' write an apostrophe twice, like 'Don''t worry', or use \"...\" around the text",
    "]": "text that starts with '[' goes in quotes, like \"[ ] Bring your ID\"",
    "}": "text that starts with '{' goes in quotes",
}


@dataclass(frozen=True)
class _Error:
    """What PyYAML says about a syntax error, and the text it is about."""

    problem: str
    context: str
    stopped: tuple[int, int]  # where PyYAML gave up
    opened: tuple[int, int] | None  # where the construct that failed opens
    lines: list[str]

    @property
    def source_line(self) -> str:
        """The line PyYAML points at."""
        return line_of(self.lines, self.stopped[0]) or ""

    @property
    def indent(self) -> str:
        """The indentation of that line."""
        return self.source_line[: len(self.source_line) - len(self.source_line.lstrip())]


# the words a message needs if the error is of a rule's kind, or None if it is not
Recognise = Callable[[_Error], dict[str, str] | None]


def _stopped(e: _Error) -> tuple[int, int]:
    return e.stopped


def _opening(e: _Error) -> tuple[int, int]:
    """Where the construct that failed opens, rather than where PyYAML gave up."""
    return e.opened or e.stopped


def _first_tab(e: _Error) -> tuple[int, int]:
    return e.stopped[0], e.indent.index("\t") + 1


def _backslash(e: _Error) -> tuple[int, int]:
    line, col = e.stopped
    return line, e.source_line.rfind("\\", 0, col - 1) + 1 or col


@dataclass(frozen=True)
class _Rule:
    """One kind of PyYAML syntax error: how to recognise it, what to say, and where to point."""

    recognise: Recognise
    problem: str  # the message, with a {word} for each word the recogniser gives
    hint: str
    point: Callable[[_Error], tuple[int, int]] = _stopped


def _says(*texts: str) -> Recognise:
    """Recognise an error whose problem holds one of texts."""
    return lambda e: {} if any(text in e.problem for text in texts) else None


def _tab_in_indent(e: _Error) -> dict[str, str] | None:
    return {} if "\t" in e.indent else None


def _alias_or_anchor(e: _Error) -> dict[str, str] | None:
    if not (e.context.startswith(("while scanning an alias", "while scanning an anchor"))
            or "undefined alias" in e.problem):
        return None
    sign = "&" if "anchor" in e.context else "*"
    return {"sign": sign, "meaning": "an anchor" if sign == "&" else "an alias", "example": EXAMPLES[sign]}


def _block_scalar(e: _Error) -> dict[str, str] | None:
    if not e.context.startswith("while scanning a block scalar"):
        return None
    opened = e.opened
    return {"sign": ">" if opened and e.lines[opened[0] - 1][opened[1] - 1: opened[1]] == ">" else "|"}


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _outdented_block_line(e: _Error) -> tuple[int, int, int] | None:
    """A line less indented than the block of text (`>-` or `|`) above it: (its line, the block's first line,
    the block's indent); None if the error is of another kind.

    PyYAML ends the block at that line and then reads the line as a key without ':' or as a misplaced value.
    """
    at = e.opened if "could not find expected ':'" in e.problem else \
        e.stopped if "expected <block end>, but found '<scalar>'" in e.problem else None
    if at is None or not (line := line_of(e.lines, at[0])) or not line.strip():
        return None
    above = [(number, text) for number, text in enumerate(e.lines[: at[0] - 1], start=1) if text.strip()]
    content: list[int] = []
    for number, text in reversed(above):
        if _indent(text) <= _indent(line):
            if content and BLOCK_HEADER.search(text):
                return at[0], number, _indent(e.lines[content[-1] - 1])
            return None
        content.append(number)
    return None


def _outdented(e: _Error) -> dict[str, str] | None:
    found = _outdented_block_line(e)
    if found is None:
        return None
    line, start, spaces = found
    # as far out as the block's key, it may be a key that lacks its ':' instead
    sibling = _indent(e.lines[line - 1]) == _indent(e.lines[start - 1])
    return {"start": str(start), "spaces": str(spaces),
            "or_key": " (or, if it starts a new key, write 'key: value')" if sibling else ""}


def _outdented_at(e: _Error) -> tuple[int, int]:
    found = _outdented_block_line(e)
    line = found[0] if found else e.stopped[0]
    return line, _indent(line_of(e.lines, line) or "") + 1


def _bad_escape(e: _Error) -> dict[str, str] | None:
    return {} if e.context.startswith("while scanning a double-quoted scalar") and "escape" in e.problem else None


def _duplicate_anchor(e: _Error) -> dict[str, str] | None:
    return {} if "duplicate anchor" in e.context else None


def _cannot_start(e: _Error) -> dict[str, str] | None:
    if "that cannot start any token" not in e.problem:
        return None
    return {"char": e.problem.split("'")[1] if e.problem.count("'") >= 2 else "?"}


def _unclosed_bracket(e: _Error) -> dict[str, str] | None:
    if "expected ',' or ']'" not in e.problem and "expected ',' or '}'" not in e.problem:
        return None
    pair = "[]" if "']'" in e.problem else "{}"
    return {"kind": "list" if pair == "[]" else "mapping", "open": pair[0], "close": pair[1]}


def _after_closing(e: _Error) -> dict[str, str] | None:
    before = e.source_line[: e.stopped[1] - 1].rstrip()
    if "expected <block end>" not in e.problem or "'<scalar>'" not in e.problem or before[-1:] not in AFTER_CLOSING:
        return None
    closer = before[-1]
    return {"closer": "quote" if closer in QUOTES else repr(closer), "advice": AFTER_CLOSING[closer]}


_IN_QUOTES = "text that starts with '{sign}' must be in quotes"

RULES = (
    _Rule(_tab_in_indent, "a tab character is used for indentation",
          "indent with spaces only (YAML does not allow tabs)", _first_tab),
    _Rule(_says("found character '\\t'"), "a tab character is used where YAML expects a space",
          "replace the tab with a space (YAML does not allow tabs)"),
    _Rule(_says("found unexpected end"), "a quote is opened but never closed",
          "close the quote (\" or ') at the end of the text", _opening),
    _Rule(_says("mapping values are not allowed here"), "a ':' appears where YAML does not expect one",
          "check the indentation of this line, or put text containing ': ' in quotes"),
    _Rule(_outdented, "this line is less indented than the block of text it continues, which starts on line {start}",
          "indent it by {spaces} spaces, like the lines above it{or_key}", _outdented_at),
    _Rule(_says("could not find expected ':'"), "a key has no ':' after it", "write 'key: value'", _opening),
    _Rule(_says("found another document"), "a second document starts here ('---'); a file holds only one",
          "remove the '---' line, or move what follows into a file of its own"),
    _Rule(_alias_or_anchor, _IN_QUOTES,
          "YAML reads '{sign}' at the start as {meaning}; write the text in quotes, like {example}", _opening),
    _Rule(_block_scalar, _IN_QUOTES, "a '{sign}' alone at the end of a line starts a block of text on the lines "
          "below; other text that starts with it goes in quotes", _opening),
    _Rule(_says("expected the node content, but found ','"), "a ',' appears where a value should be",
          "remove the extra ',', or put text that starts with ',' in quotes"),
    _Rule(_says("sequence entries are not allowed here"), "a list item ('- ') must start on a line of its own",
          "put each '- ' item on its own line, indented under its key"),
    _Rule(_bad_escape, "a '\\' inside double quotes must be followed by a known letter, like \\n",
          "write '\\\\' for a backslash, or put the text in single quotes", _backslash),
    _Rule(_says("expected '<document start>'"),
          "the data cannot go on after a line that is only '...' or that starts with '%'",
          "remove that '...' or '%' line"),
    _Rule(_duplicate_anchor, "the same anchor (&name) is set twice",
          "give each anchor its own name, or put text that starts with '&' in quotes"),
    _Rule(_cannot_start, "text that starts with '{char}' must be in quotes",
          "write the whole text in quotes, like \"{char}...\""),
    _Rule(_unclosed_bracket, "the {kind} that opens here with '{open}' is not closed by '{close}'",
          "close it with '{close}' on the same line; an item that contains ': ' or ',' goes in quotes", _opening),
    _Rule(_after_closing, "text goes on after a closing {closer}", "{advice}"),
    _Rule(_says("expected <block end>", "did not find expected key"),
          "this line is not indented like the lines around it",
          "line up keys of the same mapping at the same column, using spaces"),
)


def _mark(mark: yaml.Mark | None) -> tuple[int, int] | None:
    return (mark.line + 1, mark.column + 1) if mark else None


def explain(error: yaml.MarkedYAMLError, file: Path, text: str) -> Diagnostic:
    """Say what a PyYAML syntax error means, by the first rule that recognises it, at the place to fix."""
    e = _Error((error.problem or "").strip(), (error.context or "").strip(),
               _mark(error.problem_mark) or _mark(error.context_mark) or (1, 1), _mark(error.context_mark),
               split_lines(text))
    for rule in RULES:
        words = rule.recognise(e)
        if words is not None:
            line, col = rule.point(e)
            return Diagnostic(file, line, col, f"YAML syntax: {rule.problem.format(**words)}",
                              hint=rule.hint.format(**words))
    # an error no rule knows: PyYAML's own words, where it gave up
    return Diagnostic(file, *e.stopped, f"YAML syntax: {e.problem}", hint=None)
