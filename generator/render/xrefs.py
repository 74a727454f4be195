"""Links in data text, made right for the page that shows them.

A clinician links inside the guide with a cross-reference: `[week 3](week:3)`,
`[DBT](therapy:dbt)`, `[how to reach us](page:contact)`, `[your checklist](week:2#checklist)`.
The same text appears on pages at different depths (a therapy's own page, the
week pages, the whole guide), so the generator writes the real target for each
page it renders. A plain relative link (`faq`, `contact.html`, `../weeks/week-3.md`,
`#checklist`) would be right from one page and broken from the others: it is an
error at the value, with a hint naming the cross-reference to write, and the
page shows its words. So is an image from another site (nothing loads from
elsewhere) or from a path: text shows a picture as `![what it shows](picture:room.jpg)`,
a file of the folder the clinic declares (brand.pictures), read through the same
checked reader as the logo and published as the very bytes that were checked.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.diagnostics import Diagnostic, Severity
from generator.load import brand_files
from generator.markdown.link_targets import XREF, scheme
from generator.render import pages
from generator.source import Origin, origin_of

# the links and images a value can write: [words](target "title"), ![alt](target), and [label]: target
_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]"  # ![words] or [words]
                   r"\(\s*(<?)((?:[^()<>\s]|\([^()\s]*\))*)(>?)((?:\s+[\"'(][^)]*)?\s*)\)")  # (<target> "title")
_REFERENCE = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*<?)(\S+?)(>?(?:\s.*)?)$", re.MULTILINE)
_ANCHOR = re.compile(r"^[A-Za-z0-9_-]*$")
PICTURE = re.compile(r"^picture:(.*)$")
_PICTURE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
PICTURES = "pictures"  # the docs folder the pictures are published in (not assets/, which links may not name)

XREF_HELP = ("link inside the guide with a cross-reference: week:3, therapy:dbt, page:contact, or one with a "
             "section, like week:2#checklist")


@dataclass
class Findings:
    """What rendering the pages of one site found in the data, at each value's origin."""

    diagnostics: set[Diagnostic] = field(default_factory=set)
    # for each page, the targets written from data and the value each came from: a target the
    # page check finds broken is reported at that value
    written: dict[str, dict[str, tuple[Origin, str]]] = field(default_factory=dict)
    # problems in text that has no origin (the generator made it from data, by joining values):
    # by page, reported at the page's template rather than lost
    unplaced: dict[str, set[tuple[str, str | None, Severity]]] = field(default_factory=dict)
    # the page being rendered: the filters set it before they look at a value
    page: str = ""
    # the pictures the text shows, by docs path: the checked bytes the build publishes
    files: dict[str, bytes] = field(default_factory=dict)
    # the pages that show a text in English where its translation is missing: each says so at its top
    untranslated: set[str] = field(default_factory=set)

    def add(self, origin: Origin | None, message: str, hint: str | None = None,
            severity: Severity = Severity.ERROR, at: str = "") -> None:
        """A problem with a value (pointing at the piece `at` of it, when its line shows it)."""
        if origin is not None:
            self.diagnostics.add(origin.at(at).diagnostic(message, hint=hint, severity=severity))
        else:
            self.unplaced.setdefault(self.page, set()).add((message, hint, severity))

    def wrote(self, here: str, target: str, origin: Origin | None, written: str) -> None:
        """Remember that a value's link (as written in the data) became target on the page here."""
        if origin is not None:
            self.written.setdefault(here, {})[target] = (origin, written)


@dataclass(frozen=True)
class SiteTargets:
    """What a cross-reference may name in one site: its weeks, therapies and guide pages."""

    site: str
    length: int
    therapies: frozenset[str]
    # the folder the clinic declares for pictures (brand.pictures), if it declares one
    pictures: Path | None = None

    def path(self, kind: str, name: str) -> str | None:
        """The docs path a cross-reference names, or None if the site has no such page."""
        if kind == "week":
            return pages.week_path(int(name)) if name.isdigit() and 1 <= int(name) <= self.length else None
        if kind == "therapy":
            return pages.therapy_path(name) if name in self.therapies else None
        return PAGE_NAMES.get(name)

    def choices(self, kind: str) -> str:
        if kind == "week":
            return f"a week from 1 to {self.length}"
        if kind == "therapy":
            return "one of " + ", ".join(sorted(self.therapies))
        return "one of " + ", ".join(sorted(PAGE_NAMES))


# the guide pages a cross-reference names, by the name a clinician sees in the page's address
PAGE_NAMES = {"home": pages.HOME, "therapies": pages.THERAPIES,
              **{path.removesuffix(".md"): path for path in pages.GUIDE}}


def rewrite(text: str, here: str, targets: SiteTargets, findings: Findings) -> str:
    """The text with every link target made right for the page `here`; refused links become their words."""
    origin = origin_of(text)

    def one(match: re.Match[str]) -> str:
        image, words, open_, target, close, title = match.groups()
        if image and not words.strip():
            findings.add(origin, f"the picture '{_shown(target)}' has no words that say what it shows",
                         hint="write them between the brackets, for people who cannot see it: "
                              "![our group room](picture:group-room.jpg)", at=target)
            return ""
        made = _target(target, bool(image), here, targets, findings, origin)
        if made is None:
            return words  # the page shows the link's words; the error says why
        return f"{image}[{words}]({open_}{made}{close}{title})"

    def reference(match: re.Match[str]) -> str:
        made = _target(match[2], False, here, targets, findings, origin)
        return "" if made is None else match[1] + made + match[3]

    return _REFERENCE.sub(reference, _LINK.sub(one, str(text)))


def _target(target: str, image: bool, here: str, targets: SiteTargets, findings: Findings,
            origin: Origin | None) -> str | None:
    """The target to write on this page, or None when the link is refused (and why, in findings)."""
    found = scheme(target)
    if image:
        return _picture(target, here, targets, findings, origin)
    if PICTURE.match(target):
        findings.add(origin, f"'{_shown(target)}' is a picture, written as a link",
                     hint="write ! before the [ to show the picture: ![what it shows](picture:file-name.jpg)",
                     at=target)
        return None
    if found is not None and not XREF.match(target):
        return target  # web, mail and phone links; other schemes are the safe_links extension's to refuse
    xref = XREF.match(target)
    if xref is None:
        findings.add(origin, f"link to '{_shown(target)}' would break on some of the pages that show this text",
                     hint=f"write the cross-reference instead: {suggest(target)} ({XREF_HELP})", at=target)
        return None
    kind, name, anchor = xref[1], xref[2], xref[3]
    path = targets.path(kind, name)
    if path is None:
        findings.add(origin, f"'{_shown(target)}' names no page of the site {targets.site}",
                     hint=f"after '{kind}:' write {targets.choices(kind)}", at=target)
        return None
    if anchor is not None and not _ANCHOR.match(anchor):
        findings.add(origin, f"'{_shown(target)}' names a section with characters a section name never has",
                     hint="a section name is the heading in lowercase, with hyphens for spaces: week:2#checklist",
                     at=target)
        return None
    made = pages.md_url(path, here) + ("#" + anchor if anchor else "")
    findings.wrote(here, made, origin, target)
    return made


def _picture(target: str, here: str, targets: SiteTargets, findings: Findings, origin: Origin | None) -> str | None:
    """The published path of a picture the text shows, once its file passed the checks; else None and why."""
    picture = PICTURE.match(target)
    if picture is None:
        where = "another site" if scheme(target) else "a path"
        findings.add(origin, f"image '{_shown(target)}' from {where} cannot be shown in the guide",
                     hint="nothing on a patient's page loads from elsewhere: put the picture in the clinic's "
                          "pictures folder (brand.pictures) and write ![what it shows](picture:file-name.jpg)",
                     at=target)
        return None
    name = picture[1]
    if targets.pictures is None:
        findings.add(origin, f"'{_shown(target)}' needs a pictures folder, and the clinic of {targets.site} "
                     "names none", hint="add `pictures: pictures` under brand: in clinic.yaml and put the "
                     "picture in that folder", at=target)
        return None
    if not _PICTURE_NAME.match(name):
        findings.add(origin, f"'{_shown(target)}' is not the name of a file in the pictures folder",
                     hint="write the picture's file name alone, like picture:group-room.jpg", at=target)
        return None
    path = f"{PICTURES}/{name}"
    if path not in findings.files:
        try:
            findings.files[path] = brand_files.read(targets.pictures, name, brand_files.PICTURE)
        except brand_files.BrandFileError as e:
            findings.add(origin, e.message, hint=e.hint, at=target)
            return None
    return pages.md_url(path, here)


def suggest(target: str) -> str:
    """The cross-reference a plain relative link most likely means, whichever page shows it."""
    path, _, anchor = target.partition("#")
    section = "#" + anchor if anchor else ""
    if not path:
        return f"page:NAME{section} (the page that has the section)"
    stem = posixpath.splitext(posixpath.basename(posixpath.normpath(path)))[0]
    week = re.fullmatch(r"week-?(\d+)", stem)
    if week:
        return f"week:{week[1]}{section}"
    if "therap" in path and stem not in ("index", "therapies"):
        return f"therapy:{stem}{section}"
    return f"page:{stem if stem in PAGE_NAMES else 'contact'}{section}"


def _shown(target: str) -> str:
    shown = "".join(c if c.isprintable() else "?" for c in target)
    return shown if len(shown) <= 40 else shown[:39] + "…"

