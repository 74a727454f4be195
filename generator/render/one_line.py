"""Block Markdown in text that a page shows on one line: a warning at the value.

A list, heading or table written into a field the guide shows as one line (a
title, a list item, a table cell) runs together into one line of words and marks.
"""

from __future__ import annotations

import re

from generator.diagnostics import Severity
from generator.render import markup
from generator.render.xrefs import Findings
from generator.source import origin_of

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
    """Warn when a value shown on one line holds lines that would make a block of their own."""
    if paragraphs or "\n" not in text:
        return
    starts = [line.lstrip() for line in text.split("\n")[1:] if _BLOCK.match(line)]
    if not starts:
        return
    kind = next((name for mark, name in _KINDS if starts[0].startswith(mark)), "list")
    findings.add(origin_of(text), f"this text is shown on one line, so its {kind} runs together with the words "
                 "around it", hint="write it as one or two sentences; a list belongs in a field that takes items",
                 severity=Severity.WARNING)
