"""Links in data text: only web, mail, phone and relative targets; warn at every other one.

A clinician may link with Markdown (`[words](https://...)`). A link to any other
kind of address (`javascript:`, `data:`, `vbscript:`, ...) could run code in a
patient's browser, so the site shows such a link as plain words (see
generator/safe_links.py, which does that when the page is made) and `check`
warns at the value that holds it; `check --strict` fails on it. The build goes on.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from .dataset import DataSet, Entry
from .diagnostics import Diagnostic, Severity
from .readability import prose
from .resolve import SiteSpec

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# browsers drop these anywhere in an address (tab, newline) or at its ends (controls, space)
_DROPPED = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200d\ufeff]")
# the targets a Markdown text may hold: inline links and images, autolinks, reference definitions
_INLINE = re.compile(r"\]\(\s*<?((?:[^()<>\"]|\([^()]*\))*?)>?(?:\s+[\"'(][^)]*)?\s*\)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]*:[^\s>]*)>")
_REFERENCE = re.compile(r"(?:^|\s)\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
HINT = "link only to web (https://), email (mailto:) or phone (tel:) addresses; the site shows this link as plain text"


def scheme(target: str) -> str | None:
    """The scheme a browser would see in a link target (entities decoded, hidden characters dropped), lowercase."""
    for _ in range(5):  # entities may be escaped more than once
        decoded = html.unescape(target)
        if decoded == target:
            break
        target = decoded
    match = _SCHEME.match(_DROPPED.sub("", target).lower())
    return match[1] if match else None


def allowed(target: str) -> bool:
    """True for http, https, mailto, tel and relative targets (no scheme)."""
    found = scheme(target)
    return found is None or found in ALLOWED_SCHEMES


def targets(text: str) -> Iterator[str]:
    """Every link target written in a Markdown text."""
    for pattern in (_INLINE, _AUTOLINK, _REFERENCE):
        for match in pattern.finditer(text):
            yield match[1]


def unsafe(text: str) -> list[str]:
    """The link targets of a text that are not allowed."""
    return [target for target in targets(text) if not allowed(target)]


def check_sites(data: DataSet, specs: list[SiteSpec]) -> list[Diagnostic]:
    """Warn at every text value, in every file a site is made from, that links to a target not allowed."""
    entries: dict[Any, Entry[Any]] = {}
    for spec in specs:
        site: list[Entry[Any]] = [data.programs[spec.program_id], data.clinics[spec.clinic_id],
                                  data.locations[(spec.clinic_id, spec.location_id)]]
        for entry in site + [data.therapies[t] for t in spec.therapies]:
            entries[entry.source.file] = entry
    found = []
    for entry in entries.values():
        model: BaseModel = entry.model
        for path, text in prose(model, keys=None):
            for target in dict.fromkeys(unsafe(text)):
                # hidden characters are shown as "?", so the message stays on one line
                shown = "".join(c if c.isprintable() else "?" for c in target)
                shown = shown if len(shown) <= 40 else shown[:39] + "…"
                found.append(entry.source.diagnostic(
                    path, f"link to '{shown}' is not allowed: it is shown as plain text",
                    severity=Severity.WARNING, hint=HINT))
    return sorted(set(found))
