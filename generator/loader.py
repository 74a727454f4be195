"""Load one YAML file into plain data and a map of every node to its line and column.

Safe loading only. Scalars follow YAML 1.2 rules (so `10:00` stays text and `no`
stays text), duplicate keys are errors, merge keys are refused, and alias
expansion is bounded so that a "billion laughs" file fails fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Diagnostic

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 100_000
MAX_DEPTH = 60

Path_ = tuple[str | int, ...]


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of one file sits: 1-based line and column."""

    file: Path
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

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
        return Diagnostic(self.file, line, col, message, hint=hint, **kw)


@dataclass
class Document:
    """One loaded file: its plain data and where each node came from."""

    data: Any
    source: SourceMap


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema scalars: no sexagesimal numbers, yes/no or dates."""


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
            raise _Problem(*_pos(node), f"the file expands to more than {MAX_NODES} values",
                           "repeated aliases (*name) multiply the data; write the values out instead")
        if len(path) > MAX_DEPTH:
            raise _Problem(*_pos(node), f"the data is nested more than {MAX_DEPTH} levels deep",
                           "an alias (*name) may point back into itself")
        self.source.values.setdefault(path, _pos(node))
        if node.tag not in _SAFE_TAGS:
            raise _Problem(*_pos(node), f"the tag {node.tag} is not allowed here",
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
    """Parse YAML text; raise a located Diagnostic (wrapped in ValueError) on any failure."""
    source = SourceMap(file)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise _Problem(1, 1, "the file is empty", "a file here must hold a mapping of keys and values")
        return Document(_Builder(loader, source).build(node, ()), source)
    except _Problem as p:
        raise LoadError(Diagnostic(file, p.line, p.col, p.message, hint=p.hint)) from None
    except yaml.MarkedYAMLError as e:
        raise LoadError(_syntax_diagnostic(e, file, text)) from None
    except yaml.YAMLError as e:  # reader errors (control characters) carry no mark
        raise LoadError(Diagnostic(file, 1, 1, f"this is not valid YAML: {e}")) from None
    finally:
        loader.dispose()


def _syntax_diagnostic(e: yaml.MarkedYAMLError, file: Path, text: str) -> Diagnostic:
    mark = e.problem_mark or e.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (e.problem or "").strip()
    hint = None
    lines = text.splitlines()
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in source_line or "found character '\\t'" in problem:
        problem = "a tab character is used for indentation"
        hint = "indent with spaces only (YAML does not allow tabs)"
        col = (source_line.index("\t") + 1) if "\t" in source_line else col
    elif "found unexpected end of stream" in problem or "found unexpected end" in problem:
        problem = "a quote is opened but never closed"
        hint = "close the quote (\" or ') at the end of the text"
        if e.context_mark:
            line, col = e.context_mark.line + 1, e.context_mark.column + 1
    elif "mapping values are not allowed here" in problem:
        problem = "a ':' appears where YAML does not expect one"
        hint = "check the indentation of this line, or put text containing ': ' in quotes"
    elif "expected <block end>" in problem or "did not find expected key" in problem:
        problem = "this line is not indented like the lines around it"
        hint = "line up keys of the same mapping at the same column, using spaces"
    elif "could not find expected ':'" in problem:
        problem = "a key has no ':' after it"
        hint = "write 'key: value'"
    return Diagnostic(file, line, col, f"YAML syntax: {problem}", hint=hint)


class LoadError(Exception):
    """Raised when a file cannot be read as YAML; carries one Diagnostic."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def load_file(file: Path) -> Document:
    """Read and parse one YAML file, with limits on size and encoding checked first."""
    try:
        raw = file.read_bytes()
    except OSError as e:
        raise LoadError(Diagnostic(file, 1, 1, f"cannot read the file: {e.strerror}")) from None
    if len(raw) > MAX_FILE_BYTES:
        raise LoadError(Diagnostic(file, 1, 1, f"the file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}",
                                   hint="split the content, or look for text pasted by mistake"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        message = f"the file is not UTF-8 text (byte {e.start} is 0x{raw[e.start]:02x})"
        raise LoadError(Diagnostic(file, line, col, message,
                                   hint="save the file as UTF-8 in your editor")) from None
    return load_text(text.removeprefix("\ufeff"), file)
