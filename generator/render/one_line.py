"""Block Markdown in text that a page shows on one line: a warning at the value.

A list, heading or table written into a field the guide shows as one line (a
title, a list item, a table cell) runs together into one line of words and marks.
"""

from __future__ import annotations

import re

from generator.diagnostics import Severity
from generator.render import markup
from generator.render.xrefs import Findings
from generator.source import Origin, origin_of

# a line that would start a block: heading, list item, numbered item, table row, quote
_BLOCK = re.compile(r"^\s{0,3}(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|\||>)")
_KINDS = (("#", "heading"), ("|", "table"), (">", "quote"))


def check_title(text: str, findings: Findings) -> None:
    """Warn at a title with marks: the navigation, the timeline and aria-labels show titles as plain words."""
    if markup.has_marks(text):
        findings.add(origin_of(text), "a title is shown as plain words, so its *, _, ` and link marks are left out",
                     hint="write the title without marks; put emphasis or links in the text under it",
                     severity=Severity.WARNING)


def check(text: str, paragraphs: bool, findings: Findings) -> None:
    """Warn when a value shown on one line holds lines that would make a block of their own, or lost them."""
    folded(text, findings)
    if paragraphs or "\n" not in text:
        return
    starts = [line.lstrip() for line in text.split("\n")[1:] if _BLOCK.match(line)]
    if not starts:
        return
    kind = next((name for mark, name in _KINDS if starts[0].startswith(mark)), "list")
    findings.add(origin_of(text), f"this text is shown on one line, so its {kind} runs together with the words "
                 "around it", hint="write it as one or two sentences; a list belongs in a field that takes items",
                 severity=Severity.WARNING)


def folded(text: str, findings: Findings) -> None:
    """Warn when YAML joined a list or heading into the line before it (a `>` block, or a plain value on lines).

    The lines were written as a block, but the value holds them as words of one
    line: the page shows "Bring - your ID - a list" in any field.
    """
    origin = origin_of(text)
    if origin is None:
        return
    for number, line in origin.spanned()[1:]:
        written = line.strip()
        # a line starting with # is a note for the team there, warned at load (load/comments.py)
        if _BLOCK.match(written) and not written.startswith("#") and "\n" + written not in text \
                and not text.startswith(written):
            kind = next((name for mark, name in _KINDS if written.startswith(mark)), "list")
            findings.add(Origin(origin.file, number, len(line) - len(line.lstrip()) + 1, line, origin.lines),
                         f"YAML joins this {kind} line to the line before it, so the page shows it inside a sentence",
                         hint="start the text with | instead of > (or after the key) to keep each line; in a field "
                              "shown on one line, write it as sentences", severity=Severity.WARNING)
            return
