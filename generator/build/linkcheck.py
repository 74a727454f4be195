"""Check every link of a built site before it goes online: each page, file and #anchor must exist.

MkDocs' own validation sees only the links written in Markdown; this checker reads
the finished HTML, so links that come from templates, theme overrides or raw HTML
in the content are checked too. Links to other hosts (and tel:, mailto:) cannot be
checked offline; they are collected so the build report can list them for review.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html

from generator.diagnostics import SiteBuildError

EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel", "sms")
# the attributes that make the browser fetch or navigate, by tag
LINK_ATTRIBUTES = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src",
                   "iframe": "src", "source": "src", "embed": "src", "track": "src", "audio": "src", "video": "src"}
# a stand-in address for a site built without site_url; it never leaves this module
NO_SITE_URL = "https://site.invalid/site/"


@dataclass
class Page:
    """What one HTML file offers (its ids) and asks for (its links)."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    canonical: str = ""


def parse(file: Path) -> Page:
    """The ids and links of one HTML file (lxml's HTML parser: five times Python's, on a hundred sites a minute)."""
    page = Page()
    text = file.read_text(encoding="utf-8", errors="replace")
    if not text.strip():
        return page  # lxml refuses an empty document; it has nothing to offer or ask for
    for element in lxml.html.fromstring(text).iter():
        if not isinstance(element.tag, str):
            continue  # a comment or a processing instruction
        values = element.attrib
        if "id" in values:
            page.ids.add(values["id"])
        if element.tag == "a" and "name" in values:
            page.ids.add(values["name"])
        wanted = LINK_ATTRIBUTES.get(element.tag)
        if wanted and wanted in values:
            page.links.append(values[wanted].strip())
        if element.tag == "link" and values.get("rel") == "canonical":
            page.canonical = values.get("href", "")
    return page


@dataclass
class Report:
    """A site's broken links ("page: broken link to href") and its external links with the pages using them."""

    broken: list[str] = field(default_factory=list)
    external: dict[str, list[str]] = field(default_factory=dict)


def site_root(pages: dict[str, Page]) -> str:
    """The address the site will live at, from the home page's canonical link (MkDocs writes it from site_url).

    Links to that address, and the root-relative links MkDocs writes into 404.html,
    are links into this very site, so they are checked like relative ones.
    """
    home = pages.get("index.html")
    if home and home.canonical.endswith("/index.html") and urlsplit(home.canonical).scheme in ("http", "https"):
        return home.canonical[: -len("index.html")]
    return NO_SITE_URL


def scan(folder: Path) -> Report:
    """Check every internal link and anchor of every HTML file below folder; collect the external links."""
    pages = {file.relative_to(folder).as_posix(): parse(file) for file in sorted(folder.rglob("*.html"))}
    root = site_root(pages)
    report = Report()
    external: dict[str, set[str]] = defaultdict(set)
    for name, page in pages.items():
        for href in page.links:
            problem = _problem(href, name, root, folder, pages, external)
            if problem:
                report.broken.append(f"{name}: broken link to {href} ({problem})")
    report.external = {url: sorted(used) for url, used in sorted(external.items())}
    return report


def _problem(href: str, name: str, root: str, folder: Path, pages: dict[str, Page],
             external: dict[str, set[str]]) -> str:
    """Why href on page name is broken, or "" when it is fine (external ones are recorded, not checked)."""
    written = urlsplit(href)
    if written.scheme == "data":
        return ""  # inline content, nothing to fetch
    if written.scheme and written.scheme not in EXTERNAL_SCHEMES:
        return f"{written.scheme}: links are not allowed"
    if root == NO_SITE_URL and href.startswith("/") and not href.startswith("//"):
        href = root + href[1:]  # without site_url, MkDocs roots 404.html's links at "/"
    target = urlsplit(urljoin(root + name, href))
    address = target._replace(fragment="", query="").geturl()
    if not address.startswith(root):
        if written.scheme or written.netloc:
            external[href].add(name)
            return ""
        return "outside the site"
    path = unquote(address[len(root):])
    if path == "" or path.endswith("/"):
        path += "index.html"
    file = folder / path
    if not file.is_file():
        if file.is_dir() and (file / "index.html").is_file():
            path, file = f"{path}/index.html", file / "index.html"
        else:
            return "no such file"
    fragment = unquote(target.fragment)
    if fragment and path in pages and fragment not in pages[path].ids:
        return f"no #{fragment} in {path}"
    return ""


def check(folder: Path, site: str) -> Report:
    """Scan a built site; raise SiteBuildError listing every broken link, so the old site stays online."""
    return verdict(scan(folder), site)


def verdict(report: Report, site: str) -> Report:
    """The report of a site without a broken link; else SiteBuildError listing each, so the old site stays online."""
    if report.broken:
        raise SiteBuildError(site, "\n".join(report.broken))
    return report
