"""Load one YAML file into plain data and a map of every node to its line and column.

Safe loading only. Scalars follow YAML 1.2 rules (so `10:00` stays text and `no`
stays text), duplicate keys are errors, merge keys are refused, and alias
expansion is bounded so that a "billion laughs" file fails fast.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.diagnostics import Diagnostic, LoadError
from generator.load import comments, yaml_syntax
from generator.load.reading import LINE_BREAK, MAX_FILE_BYTES, read_capped, split_lines
from generator.source import Document, Path_, SourceMap, line_of

MAX_NODES = 50_000  # values in one file, aliases expanded; the largest demo file has under 600
MAX_DEPTH = 60
MAX_NUMBER_CHARS = 30  # the data's numbers are weeks and lengths; a longer one is text pasted by mistake

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
            self.source.ends.setdefault(path, (node.end_mark.line + 1, node.end_mark.column + 1))
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
        data = _Builder(loader, source).build(node, ())
        return Document(data, source, comments.notes(node, source))
    except _Problem as p:
        raise LoadError(Diagnostic(file, p.line, p.col, p.message, hint=p.hint)) from None
    except yaml.MarkedYAMLError as e:
        raise LoadError(yaml_syntax.explain(e, file, text)) from None
    except yaml.reader.ReaderError as e:  # a control character: no mark, but a position in the text
        line, col = _line_col(text[: e.position])
        message = f"the file holds an invisible control character (U+{e.character:04X})"
        raise LoadError(Diagnostic(file, line, col, message,
                                   hint="delete it; it often comes with text copied from another program")) from None
    except yaml.YAMLError as e:
        raise LoadError(Diagnostic(file, 1, 1, f"this is not valid YAML: {e}")) from None
    finally:
        if loader is not None:
            loader.dispose()


def _line_col(before: str) -> tuple[int, int]:
    """The line and column (1-based, in characters) of the place that the text before it ends at."""
    breaks = list(LINE_BREAK.finditer(before))
    return len(breaks) + 1, len(before) - (breaks[-1].end() if breaks else 0) + 1


def load_file(file: Path) -> Document:
    """Read and parse one YAML file, with limits on kind, size and encoding checked first."""
    raw = read_capped(file, MAX_FILE_BYTES)
    wide = _wide_encoding(raw)
    if wide:
        # its lines are letters between NUL bytes: quoting one would show only noise
        raise LoadError(Diagnostic(file, 1, 1, f"this file is saved as {wide}; save it as UTF-8",
                                   hint="in your editor, use Save As and pick the encoding UTF-8"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise LoadError(_not_utf8(file, raw, e)) from None
    return load_text(text.removeprefix("\ufeff"), file)


def _wide_encoding(raw: bytes) -> str | None:
    """UTF-16 or UTF-32 if the bytes are saved so (Windows Notepad's "Unicode"), else None."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    sample = raw[:4096]
    # without a mark: YAML is mostly ASCII, so a NUL stands beside nearly every letter, on the same side
    for width in (4, 2):
        if len(sample) < 2 * width:
            continue
        nul_columns = [sample[i::width].count(0) * 2 >= len(sample[i::width]) for i in range(width)]
        if sum(nul_columns) == width - 1:
            return f"UTF-{8 * width}"
    return None


def _not_utf8(file: Path, raw: bytes, e: UnicodeDecodeError) -> Diagnostic:
    """The error for bytes that are not UTF-8, at the character where they start."""
    line, col = _line_col(raw[:e.start].decode("utf-8"))  # all valid: the first bad byte is e.start
    # each bad byte written as \xe9, never raw: a terminal would show noise or take it as a command
    shown = line_of(split_lines(raw.decode("utf-8", errors="backslashreplace")), line)
    return Diagnostic(file, line, col, f"the file is not UTF-8 text (byte {e.start} is 0x{raw[e.start]:02x})",
                      hint="save the file as UTF-8 in your editor", source_line=shown)
