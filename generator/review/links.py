"""Links in data text: only web, mail, phone and relative targets; warn at every other one.

A clinician may link with Markdown (`[words](https://...)`). A link to any other
kind of address (`javascript:`, `data:`, `vbscript:`, ...) could run code in a
patient's browser, so the site shows such a link as plain words (see
generator/safe_links.py, which does that when the page is made) and `check`
warns at the value that holds it; `check --strict` fails on it. The build goes on.

A relative link into the site's own assets/ folder (its logo, fonts, scripts) is
an error: such a file opened as a page runs on the site's own address, where the
patient's plan is stored. It is shown as plain words too.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import unquote

from pydantic import BaseModel

from generator.diagnostics import Diagnostic, Severity
from generator.load.dataset import DataSet, Entry
from generator.resolve import SiteSpec
from generator.review.readability import prose

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# browsers drop these anywhere in an address (tab, newline) or at its ends (controls, space)
_DROPPED = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200d\ufeff]")
# the targets a Markdown text may hold: inline links and images, autolinks, reference definitions
_INLINE = re.compile(r"\]\(\s*<?((?:[^()<>\"]|\([^()]*\))*?)>?(?:\s+[\"'(][^)]*)?\s*\)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]*:[^\s>]*)>")
_REFERENCE = re.compile(r"(?:^|\s)\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
HINT = "link only to web (https://), email (mailto:) or phone (tel:) addresses; the site shows this link as plain text"


ASSETS_HINT = ("link to a page of the guide (like contact.html) or to a web address; the site's own files "
               "(assets/) are not pages, and the site shows this link as plain text")


def _decoded(target: str, decode: Callable[[str], str] = html.unescape) -> str:
    """A target decoded until it no longer changes (entities, or percent escapes, may be applied several times)."""
    for _ in range(5):
        decoded = decode(target)
        if decoded == target:
            break
        target = decoded
    return target


def scheme(target: str) -> str | None:
    """The scheme a browser would see in a link target (entities decoded, hidden characters dropped), lowercase."""
    match = _SCHEME.match(_DROPPED.sub("", _decoded(target)).lower())
    return match[1] if match else None


def into_assets(target: str) -> bool:
    """True for a relative target whose path, as a browser and a web server read it, has an 'assets' folder."""
    if scheme(target) is not None:
        return False
    path = re.split(r"[?#]", _DROPPED.sub("", _decoded(target)), maxsplit=1)[0]
    # a web server decodes %61ssets to assets, and many read a backslash as a slash
    path = posixpath.normpath(_decoded(path, unquote).replace("\\", "/") or ".")
    # hosts on Windows and macOS ignore case and trailing dots or spaces: ASSETS. is assets there
    return any(part.rstrip(". ").casefold() == "assets" for part in path.split("/"))


def safe(target: str) -> bool:
    """True for a target the site keeps as a link: allowed, and not into the site's own files."""
    return allowed(target) and not into_assets(target)


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
    """Warn at every text value, in every file a site is made from, that links to a target not allowed.

    A link into the site's own files (assets/) is an error.
    """
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
                found.append(entry.source.diagnostic(
                    path, f"link to '{_shown(target)}' is not allowed: it is shown as plain text",
                    severity=Severity.WARNING, hint=HINT))
            for target in dict.fromkeys(t for t in targets(text) if allowed(t) and into_assets(t)):
                found.append(entry.source.diagnostic(
                    path, f"link to '{_shown(target)}' leads into the site's own files (assets/), not to a page",
                    hint=ASSETS_HINT))
    return sorted(set(found))


def _shown(target: str) -> str:
    """A target for a one-line message: hidden characters as "?", at most 40 characters."""
    shown = "".join(c if c.isprintable() else "?" for c in target)
    return shown if len(shown) <= 40 else shown[:39] + "…"
