"""Load one YAML file into plain data and a map of every node to its line and column.

Safe loading only. Scalars follow YAML 1.2 rules (so `10:00` stays text and `no`
stays text), duplicate keys are errors, merge keys are refused, and alias
expansion is bounded so that a "billion laughs" file fails fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.diagnostics import Diagnostic, LoadError
from generator.load.reading import LINE_BREAK, MAX_FILE_BYTES, line_of, read_capped, split_lines

MAX_NODES = 50_000  # values in one file, aliases expanded; the largest demo file has under 600
MAX_DEPTH = 60
MAX_NUMBER_CHARS = 30  # the data's numbers are weeks and lengths; a longer one is text pasted by mistake

Path_ = tuple[str | int, ...]


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of one file sits: 1-based line and column."""

    file: Path
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
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


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema scalars: no sexagesimal numbers, yes/no or dates."""

    depth = 0
    first_alias: tuple[int, int] | None = None  # where the first *alias is: a file that expands too much is shown there

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.first_alias is None and self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            self.first_alias = (mark.line + 1, mark.column + 1)
        # PyYAML composes nested lists and mappings by recursion: stop deep nesting before Python's own limit
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise _Problem(mark.line + 1, mark.column + 1, f"the data is nested more than {MAX_DEPTH} levels deep",
                               "use fewer levels of indentation or brackets")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_Loader.yaml_implicit_resolvers = {}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    # YAML 1.2 core schema: "08" is eight (PyYAML's 1.1 reader takes a leading 0 as octal and fails on 8)
    text = str(loader.construct_scalar(node))
    if len(text.lstrip("+-")) > MAX_NUMBER_CHARS:
        # Python refuses to turn over 4,300 digits into a number or back into text
        raise _Problem(*_pos(node), "this number is too long",
                       f"numbers here have at most {MAX_NUMBER_CHARS} digits; if it is text, put it in quotes")
    sign, digits = (-1, text[1:]) if text.startswith("-") else (1, text.lstrip("+"))
    if digits.startswith("0o"):
        return sign * int(digits[2:], 8)
    if digits.startswith("0x"):
        return sign * int(digits[2:], 16)
    return sign * int(digits, 10)


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])

_SAFE_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class _Problem(Exception):
    def __init__(self, line: int, col: int, message: str, hint: str | None = None):
        super().__init__(message)
        self.line, self.col, self.message, self.hint = line, col, message, hint


def _written(tag: str) -> str:
    """A tag as it was written in the file: `!!python/object`, not `tag:yaml.org,2002:python/object`."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _pos(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Turn a composed node tree into plain data, recording positions as it goes."""

    def __init__(self, loader: _Loader, source: SourceMap):
        self.loader = loader
        self.source = source
        self.count = 0

    def build(self, node: Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _Problem(*(self.loader.first_alias or _pos(node)),
                           f"the file expands to more than {MAX_NODES} values",
                           "repeated aliases (*name) multiply the data; write the values out instead")
        if len(path) > MAX_DEPTH:
            raise _Problem(*_pos(node), f"the data is nested more than {MAX_DEPTH} levels deep",
                           "an alias (*name) may point back into itself")
        self.source.values.setdefault(path, _pos(node))
        if node.tag not in _SAFE_TAGS:
            raise _Problem(*_pos(node), f"the tag '{_written(node.tag)}' is not allowed",
                           "remove the '!' tag; plain text, numbers, lists and mappings are enough")
        if isinstance(node, ScalarNode):
            return self.loader.construct_object(node)
        if isinstance(node, SequenceNode):
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        return self._mapping(node, path)

    def _mapping(self, node: MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge" or (key_node.value == "<<" and not key_node.style):
                raise _Problem(*_pos(key_node), "merge keys (<<) are not supported",
                               "write the keys out in full")
            if not isinstance(key_node, ScalarNode):
                raise _Problem(*_pos(key_node), "a key must be plain text, not a list or mapping")
            key = key_node.value
            if key in result:
                first = self.source.keys[path + (key,)]
                raise _Problem(*_pos(key_node), f"duplicate key '{key}' (first set at line {first[0]})",
                               "keep one of them; YAML would silently drop the first")
            self.source.keys[path + (key,)] = _pos(key_node)
            result[key] = self.build(value_node, path + (key,))
        return result


def load_text(text: str, file: Path) -> Document:
    """Parse YAML text; raise a LoadError carrying a located Diagnostic, with its source line, on any failure."""
    lines = split_lines(text)
    try:
        return _parse(text, file, SourceMap(file, lines=lines))
    except LoadError as e:
        raise LoadError(replace(e.diagnostic, source_line=line_of(lines, e.diagnostic.line))) from None


def _parse(text: str, file: Path, source: SourceMap) -> Document:
    loader: _Loader | None = None
    try:
        loader = _Loader(text)  # checks for control characters first
        node = loader.get_single_node()
        if node is None:
            raise _Problem(1, 1, "the file is empty", "a file here must hold a mapping of keys and values")
        return Document(_Builder(loader, source).build(node, ()), source)
    except _Problem as p:
        raise LoadError(Diagnostic(file, p.line, p.col, p.message, hint=p.hint)) from None
    except yaml.MarkedYAMLError as e:
        raise LoadError(_syntax_diagnostic(e, file, text)) from None
    except yaml.reader.ReaderError as e:  # a control character: no mark, but a position in the text
        breaks = list(LINE_BREAK.finditer(text, 0, e.position))
        line = len(breaks) + 1
        col = e.position - (breaks[-1].end() if breaks else 0) + 1
        message = f"the file holds an invisible control character (U+{e.character:04X})"
        raise LoadError(Diagnostic(file, line, col, message,
                                   hint="delete it; it often comes with text copied from another program")) from None
    except yaml.YAMLError as e:
        raise LoadError(Diagnostic(file, 1, 1, f"this is not valid YAML: {e}")) from None
    finally:
        if loader is not None:
            loader.dispose()


QUOTES = "\"'"
EXAMPLES = {"*": "\"*really* helpful\"", "&": "\"& more\""}
AFTER_CLOSING = {
    "\"": "to quote words inside a text, put the whole text in single quotes: 'A \"new\" start'",
    "'": "inside '...' write an apostrophe twice, like 'Don''t worry', or use \"...\" around the text",
    "]": "text that starts with '[' goes in quotes, like \"[ ] Bring your ID\"",
    "}": "text that starts with '{' goes in quotes",
}


def _mark(mark: yaml.Mark | None) -> tuple[int, int] | None:
    return (mark.line + 1, mark.column + 1) if mark else None


@dataclass
class _Syntax:
    """A PyYAML syntax error being put in words: what is wrong, where to fix it, and how."""

    problem: str
    context: str
    line: int
    col: int
    opened: tuple[int, int] | None  # where the construct that failed opens
    lines: list[str]
    source_line: str  # the line PyYAML points at
    hint: str | None = None

    def at_opening(self) -> None:
        """Point at where the construct opens rather than where PyYAML gave up."""
        self.line, self.col = self.opened or (self.line, self.col)


def _syntax_diagnostic(e: yaml.MarkedYAMLError, file: Path, text: str) -> Diagnostic:
    """Say what a PyYAML syntax error means in words a clinician can act on, at the place to fix."""
    line, col = _mark(e.problem_mark) or _mark(e.context_mark) or (1, 1)
    lines = split_lines(text)
    s = _Syntax((e.problem or "").strip(), (e.context or "").strip(), line, col, _mark(e.context_mark), lines,
                line_of(lines, line) or "")
    if not _explain_layout(s):
        _explain_text(s)
    return Diagnostic(file, s.line, s.col, f"YAML syntax: {s.problem}", hint=s.hint)


def _explain_layout(s: _Syntax) -> bool:
    """Tabs, quotes, colons, documents and aliases; False if the error is none of these."""
    indent = s.source_line[: len(s.source_line) - len(s.source_line.lstrip())]
    problem, context = s.problem, s.context
    if "\t" in indent:
        s.col = indent.index("\t") + 1
        s.problem = "a tab character is used for indentation"
        s.hint = "indent with spaces only (YAML does not allow tabs)"
    elif "found character '\\t'" in problem:
        s.problem = "a tab character is used where YAML expects a space"
        s.hint = "replace the tab with a space (YAML does not allow tabs)"
    elif "found unexpected end" in problem:
        s.problem = "a quote is opened but never closed"
        s.hint = "close the quote (\" or ') at the end of the text"
        s.at_opening()
    elif "mapping values are not allowed here" in problem:
        s.problem = "a ':' appears where YAML does not expect one"
        s.hint = "check the indentation of this line, or put text containing ': ' in quotes"
    elif "could not find expected ':'" in problem:
        s.problem = "a key has no ':' after it"
        s.hint = "write 'key: value'"
        s.at_opening()
    elif "found another document" in problem:
        s.problem = "a second document starts here ('---'); a file holds only one"
        s.hint = "remove the '---' line, or move what follows into a file of its own"
    elif context.startswith(("while scanning an alias", "while scanning an anchor")) or "undefined alias" in problem:
        sign = "&" if "anchor" in context else "*"
        s.problem = f"text that starts with '{sign}' must be in quotes"
        s.hint = f"YAML reads '{sign}' at the start as an {'anchor' if sign == '&' else 'alias'}; " \
                 f"write the text in quotes, like {EXAMPLES[sign]}"
        s.at_opening()
    elif context.startswith("while scanning a block scalar"):
        opened = s.opened
        sign = ">" if opened and s.lines[opened[0] - 1][opened[1] - 1: opened[1]] == ">" else "|"
        s.problem = f"text that starts with '{sign}' must be in quotes"
        s.hint = f"a '{sign}' alone at the end of a line starts a block of text on the lines below; " \
                 "other text that starts with it goes in quotes"
        s.at_opening()
    else:
        return False
    return True


def _explain_text(s: _Syntax) -> bool:
    """Commas, list items, escapes, brackets and indentation; False if the error is none of these."""
    problem, context = s.problem, s.context
    before = s.source_line[: s.col - 1].rstrip()
    if "expected the node content, but found ','" in problem:
        s.problem = "a ',' appears where a value should be"
        s.hint = "remove the extra ',', or put text that starts with ',' in quotes"
    elif "sequence entries are not allowed here" in problem:
        s.problem = "a list item ('- ') must start on a line of its own"
        s.hint = "put each '- ' item on its own line, indented under its key"
    elif context.startswith("while scanning a double-quoted scalar") and "escape" in problem:
        s.problem = "a '\\' inside double quotes must be followed by a known letter, like \\n"
        s.hint = "write '\\\\' for a backslash, or put the text in single quotes"
        s.col = s.source_line.rfind("\\", 0, s.col - 1) + 1 or s.col
    elif "expected '<document start>'" in problem:
        s.problem = "the data cannot go on after a line that is only '...' or that starts with '%'"
        s.hint = "remove that '...' or '%' line"
    elif "duplicate anchor" in context:
        s.problem = "the same anchor (&name) is set twice"
        s.hint = "give each anchor its own name, or put text that starts with '&' in quotes"
    elif "that cannot start any token" in problem:
        char = problem.split("'")[1] if problem.count("'") >= 2 else "?"
        s.problem = f"text that starts with '{char}' must be in quotes"
        s.hint = f"write the whole text in quotes, like \"{char}...\""
    elif "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        pair = "[]" if "']'" in problem else "{}"
        kind = "list" if pair == "[]" else "mapping"
        s.problem = f"the {kind} that opens here with '{pair[0]}' is not closed by '{pair[1]}'"
        s.hint = f"close it with '{pair[1]}' on the same line; an item that contains ': ' or ',' goes in quotes"
        s.at_opening()
    elif "expected <block end>" in problem and "'<scalar>'" in problem and before[-1:] in AFTER_CLOSING:
        closer = before[-1]
        s.problem = f"text goes on after a closing {'quote' if closer in QUOTES else repr(closer)}"
        s.hint = AFTER_CLOSING[closer]
    elif "expected <block end>" in problem or "did not find expected key" in problem:
        s.problem = "this line is not indented like the lines around it"
        s.hint = "line up keys of the same mapping at the same column, using spaces"
    else:
        return False
    return True


def load_file(file: Path) -> Document:
    """Read and parse one YAML file, with limits on kind, size and encoding checked first."""
    raw = read_capped(file, MAX_FILE_BYTES)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        message = f"the file is not UTF-8 text (byte {e.start} is 0x{raw[e.start]:02x})"
        shown = line_of(split_lines(raw.decode("utf-8", errors="replace")), line)
        raise LoadError(Diagnostic(file, line, col, message, hint="save the file as UTF-8 in your editor",
                                   source_line=shown)) from None
    return load_text(text.removeprefix("\ufeff"), file)
