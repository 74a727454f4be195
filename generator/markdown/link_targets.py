"""Which link targets a page may keep: web, mail, phone and relative addresses, never into the site's files.

One judgment for both places that need it: `check` warns at a data value that
links elsewhere (review/links.py), and the safe_links extension turns such a
link into plain words when the page is made.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from urllib.parse import unquote

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# a cross-reference inside the guide (week:3, therapy:dbt, page:contact, week:2#checklist): the render
# stage writes the real target for each page before Markdown sees it (generator/render/xrefs.py)
XREF = re.compile(r"^(week|therapy|page):([^#]*)(?:#(.*))?$")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# browsers drop these anywhere in an address (tab, newline) or at its ends (controls, space)
_DROPPED = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200d\ufeff]")


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
