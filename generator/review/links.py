"""Links in data text: only web, mail, phone and relative targets; warn at every other one.

A clinician may link with Markdown (`[words](https://...)`). A link to any other
kind of address (`javascript:`, `data:`, `vbscript:`, ...) could run code in a
patient's browser, so the site shows such a link as plain words (see
generator/markdown/safe_links.py, which does that when the page is made) and `check`
warns at the value that holds it; `check --strict` fails on it. The build goes on.

A relative link into the site's own assets/ folder (its logo, fonts, scripts) is
an error: such a file opened as a page runs on the site's own address, where the
patient's plan is stored. It is shown as plain words too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel

from generator.diagnostics import Diagnostic, Severity
from generator.load.dataset import DataSet
from generator.markdown.link_targets import XREF, allowed
from generator.resolve import SiteSpec
from generator.review.readability import prose

# the targets a Markdown text may hold: inline links and images, autolinks, reference definitions
_INLINE = re.compile(r"\]\(\s*<?((?:[^()<>\"]|\([^()]*\))*?)>?(?:\s+[\"'(][^)]*)?\s*\)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]*:[^\s>]*)>")
_REFERENCE = re.compile(r"(?:^|\s)\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
HINT = "link only to web (https://), email (mailto:) or phone (tel:) addresses; the site shows this link as plain text"



def targets(text: str) -> Iterator[str]:
    """Every link target written in a Markdown text."""
    for pattern in (_INLINE, _AUTOLINK, _REFERENCE):
        for match in pattern.finditer(text):
            yield match[1]


def unsafe(text: str) -> list[str]:
    """The link targets of a text that are not allowed."""
    return [target for target in targets(text) if not allowed(target) and not XREF.match(target)]


def check_sites(data: DataSet, specs: list[SiteSpec]) -> list[Diagnostic]:
    """Warn at every text value, in every file a site is made from, that links to a target not allowed."""
    found = []
    for entry in (data.entry_at(file) for file in dict.fromkeys(f for spec in specs for f in spec.files)):
        model: BaseModel = entry.model
        for path, text in prose(model, keys=None):
            for target in dict.fromkeys(unsafe(text)):
                found.append(entry.source.diagnostic(
                    path, f"link to '{_shown(target)}' is not allowed: it is shown as plain text",
                    severity=Severity.WARNING, hint=HINT))
    return sorted(set(found))


def _shown(target: str) -> str:
    """A target for a one-line message: hidden characters as "?", at most 40 characters."""
    shown = "".join(c if c.isprintable() else "?" for c in target)
    return shown if len(shown) <= 40 else shown[:39] + "…"
