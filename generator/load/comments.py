"""What the raw text says that the loaded data no longer shows: comments that cut a value, notes in text.

PyYAML drops comments, so a value that a ` #` cuts short loads without a word: the
rest of the line is lost. Inside `|` and `>` text it is the other way round: a line
starting with `#` or an HTML comment is not a comment at all, and patients would
read it. Each scalar node still has its style and where it starts and ends, so the
raw line around it tells both.
"""

from __future__ import annotations

from collections.abc import Iterator

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.diagnostics import Diagnostic, Severity
from generator.source import SourceMap

SHOWN = 40  # characters of a cut value a warning quotes: its end is what tells where it was cut
NOTE = "this looks like a note for the team: patients would read it"


def notes(root: Node, source: SourceMap) -> list[Diagnostic]:
    """Warn at each value a comment cuts short and at each note for the team inside text."""
    found: list[Diagnostic] = []
    for node in _values(root):
        if node.style is None and node.value:
            found += _cut_short(node, source)
        elif node.style in ("|", ">"):
            found += _block_notes(node, source)
    return sorted(found)


def _values(root: Node) -> Iterator[ScalarNode]:
    """Every scalar value (never a key), each once: an alias repeats a node, and is checked where it is written."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            todo += [value for _, value in node.value]
        elif isinstance(node, SequenceNode):
            todo += node.value
        elif isinstance(node, ScalarNode):
            yield node


def _warning(source: SourceMap, line: int, col: int, message: str, hint: str) -> Diagnostic:
    return Diagnostic(source.file, line, col, message, Severity.WARNING, hint, source.line_text(line))


def _cut_short(node: ScalarNode, source: SourceMap) -> list[Diagnostic]:
    """A plain value with one space and a `#` after it: yamllint's rule asks two spaces before a comment.

    With one, the `#` most often belongs to the value (`Suite #200`, `form #3`) and YAML cut it off there.
    """
    line, col = node.end_mark.line + 1, node.end_mark.column + 1
    rest = (source.line_text(line) or "")[col - 1:]
    if not rest.startswith(" #"):
        return []
    value = str(node.value)
    shown = value if len(value) <= SHOWN else "..." + value[-SHOWN:].lstrip()
    return [_warning(source, line, col + 1, f"the value stops at '{shown}': YAML reads ' #' as the start of a "
                     "comment and leaves the rest of the line out", "put the whole value in quotes to keep it; "
                     "if it is a comment, put two spaces before the '#'")]


def _block_notes(node: ScalarNode, source: SourceMap) -> list[Diagnostic]:
    """Lines starting with `#` and HTML comments inside `|` or `>` text, at their own line and column."""
    found: list[Diagnostic] = []
    # the text starts on the line after the `|` or `>`; a last line that ends the file (no line break) counts
    last = node.end_mark.line + (1 if node.end_mark.column > 0 else 0)
    for line in range(node.start_mark.line + 2, last + 1):
        text = source.line_text(line) or ""
        body = text.lstrip(" \t")
        if body.startswith("#"):
            found.append(_warning(source, line, len(text) - len(body) + 1, NOTE,
                                  "inside '|' or '>' text a '#' does not start a comment: remove the line, or "
                                  "move it above the key as a YAML comment"))
        elif (at := text.find("<!--")) >= 0:
            found.append(_warning(source, line, at + 1, "this HTML comment looks like a note for the team; the guide "
                                  "leaves it out", "move it above the key as a YAML comment (a line starting with "
                                  "'#'), where the team keeps notes"))
    return found
