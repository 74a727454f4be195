"""Each clinic's brand on the built sites: favicon, own fonts, the call row, legal words and disclaimer.

And each bad file reference in a clinic's brand is a located error.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import DEMO_DATA, ROOT, edit, line_of, only_problem, problems
from support import html as built_html

from generator.render.href import tel
from generator.resolve import SiteSpec


class _BaseConfigLoader(yaml.SafeLoader):
    """Reads the shared mkdocs.yml, whose MkDocs-only tags do not matter here."""


_BaseConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
BASE_EXTRA = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_BaseConfigLoader)["extra"]


# each page is read by several tests here: parse it once (the tests only read what they get)
soup = cache(built_html.soup)


def words(element: object) -> str:
    return built_html.words(element.get_text(" ", strip=True))  # type: ignore[attr-defined]


def pages_of(folder: Path) -> list[Path]:
    return built_html.pages_of(folder, with_404=True)


def clinic_folder(spec: SiteSpec) -> Path:
    return DEMO_DATA / "clinics" / spec.clinic_id


# -- the built sites ---------------------------------------------------------------------


def test_favicon_is_the_clinics_own_file_on_every_page(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    assert spec.clinic.brand.favicon, "both demo clinics have a favicon"
    expected = (clinic_folder(spec) / spec.clinic.brand.favicon).read_bytes()
    for page in pages_of(folder):
        if page.name == "404.html":
            continue  # its links are absolute, to the public address
        icon = soup(page).find("link", rel="icon")
        assert icon is not None, page
        copied = (page.parent / icon["href"]).resolve()
        assert copied.is_file() and copied.read_bytes() == expected, (page, icon["href"])


def test_fonts_are_copied_and_declared(built: Path, demo_specs: dict[str, SiteSpec]) -> None:
    spec = next(s for s in demo_specs.values() if s.clinic.brand.fonts)
    fonts = spec.clinic.brand.fonts
    assert fonts is not None and fonts.headings is not None
    assets = built / spec.key / "assets"
    css = (assets / "brand.css").read_text(encoding="utf-8")
    faces = re.findall(r"@font-face \{(.*?)\}", css, re.S)
    declared = [item for font in (fonts.text, fonts.headings) for item in font.files]
    assert len(faces) == len(declared)
    for face, item in zip(faces, declared, strict=True):
        url = re.search(r'src: url\("([^"]+)"\) format\("(woff2?)"\)', face)
        assert url is not None, face
        copied = assets / url[1]
        assert copied.is_file() and copied.read_bytes() == (clinic_folder(spec) / item.file).read_bytes()
        assert f"font-weight: {item.weight};" in face and "font-display: swap;" in face
    assert f'--md-text-font: "{fonts.text.family}";' in css
    assert re.search(r'\.md-typeset h1, \.md-typeset h2, \.md-typeset h3 \{\s*font-family: "'
                     + re.escape(fonts.headings.family) + '"', css)


def test_every_page_preloads_the_clinics_woff2_fonts(built: Path, demo_specs: dict[str, SiteSpec]) -> None:
    spec = next(s for s in demo_specs.values() if s.clinic.brand.fonts)
    folder = built / spec.key
    for page in (folder / "index.html", folder / "weeks/week-2.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        preloads = soup.select('link[rel="preload"][as="font"]')
        assert len(preloads) == sum(1 for font in (spec.clinic.brand.fonts.text, spec.clinic.brand.fonts.headings)
                                    if font for _ in font.files)
        for link in preloads:
            assert link["type"] == "font/woff2" and link.has_attr("crossorigin")
            assert (page.parent / link["href"]).resolve().is_file()


def test_a_clinic_without_fonts_gets_no_font_rules(built: Path, demo_specs: dict[str, SiteSpec]) -> None:
    spec = next(s for s in demo_specs.values() if not s.clinic.brand.fonts)
    assets = built / spec.key / "assets"
    assert "@font-face" not in (assets / "brand.css").read_text(encoding="utf-8")
    assert not (assets / "fonts").exists()


# a stylesheet or page that reaches another host: a font service, or any url() or src/href to http(s)
EXTERNAL_CSS = re.compile(r"fonts\.googleapis|fonts\.gstatic"
                          r"|url\(\s*[\"']?(?:https?:)?//|@import\s+[\"']?(?:https?:)?//")

LOADED_LINKS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon"}


def test_no_font_or_style_from_another_host(site: tuple[SiteSpec, Path]) -> None:
    _, folder = site
    for sheet in folder.rglob("*.css"):
        assert not EXTERNAL_CSS.search(sheet.read_text(encoding="utf-8")), sheet
    for page in pages_of(folder):
        html = soup(page)
        assert "fonts.googleapis" not in str(html) and "fonts.gstatic" not in str(html), page
        for tag in html.find_all(["link", "script", "img", "source", "style"]):
            if tag.name == "link" and not LOADED_LINKS.intersection(tag.get("rel", [])):
                continue  # a canonical or alternate link names an address; the browser loads nothing
            ref = tag.get("href") or tag.get("src") or ""
            assert not re.match(r"(?:https?:)?//", ref), (page, ref)
            if tag.name == "style":
                assert not EXTERNAL_CSS.search(tag.get_text()), page


def test_call_row_in_the_header_of_every_page(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    for page in pages_of(folder):
        link = soup(page).select_one("header.md-header .iop-call a.iop-call__link")
        assert link is not None, page
        assert link["href"] == str(tel(spec.location.phone)), page
        assert words(link) == f"Call {spec.location.name}: {spec.location.phone}", page


def test_call_line_ends_every_week_page(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    for week in spec.weeks:
        article = soup(folder / "weeks" / f"week-{week.number}.html").find("article")
        nav = article.find("nav", class_="iop-week-nav")
        line = nav.find_previous("p")
        assert "iop-week-call" in line.get("class", []), week.number
        assert words(line) == f"Questions? Call {spec.location.name}: {spec.location.phone}"
        assert line.find("a")["href"] == str(tel(spec.location.phone))


def test_legal_line_and_disclaimer_in_every_footer(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    assert spec.clinic.legal, "both demo clinics have a legal line"
    disclaimer = spec.clinic.disclaimer or BASE_EXTRA["disclaimer"]
    for page in pages_of(folder):
        footer = soup(page).select_one("footer .md-copyright")
        assert footer is not None, page
        assert words(footer.select_one(".iop-legal")) == spec.clinic.legal, page
        assert words(footer.select_one(".iop-disclaimer")) == " ".join(disclaimer.split()), page
        # what was there before stays
        assert footer.select_one(".iop-footer-contact") and footer.select_one("#iop-privacy"), page


def test_a_clinic_may_replace_the_shared_disclaimer(demo_specs: dict[str, SiteSpec]) -> None:
    own = [spec for spec in demo_specs.values() if spec.clinic.disclaimer]
    shared = [spec for spec in demo_specs.values() if not spec.clinic.disclaimer]
    assert own and shared, "the demo shows both"
    assert own[0].clinic.disclaimer != BASE_EXTRA["disclaimer"]


def test_the_two_clinics_look_different(built: Path, demo_specs: dict[str, SiteSpec]) -> None:
    by_clinic = {spec.clinic_id: built / spec.key / "assets" for spec in demo_specs.values()}
    first, second = sorted(by_clinic.values())[:2]
    assert (first / "brand.css").read_text() != (second / "brand.css").read_text()
    assert (first / "favicon.svg").read_bytes() != (second / "favicon.svg").read_bytes()


# -- bad file references -------------------------------------------------------------------

CLINIC = "clinics/cedar-path/clinic.yaml"
FAVICON = "favicon: favicon.svg"
FONT = "file: fonts/DejaVuSerif-Bold.woff2"


@pytest.mark.parametrize(("old", "new", "message"), [
    (FAVICON, "favicon: ../harbor-light/favicon.svg",
     "the favicon '../harbor-light/favicon.svg' is outside the clinic folder"),
    (FAVICON, "favicon: favicon.gif", "the favicon 'favicon.gif' must be an .svg, .png or .ico file"),
    (FAVICON, "favicon: favicon.ico", "the favicon file 'favicon.ico' does not exist"),
    (FONT, "file: ../../../../usr/share/fonts/x.woff",
     "the font file '../../../../usr/share/fonts/x.woff' is outside the clinic folder"),
    (FONT, "file: fonts/DejaVuSerif-Bold.ttf",
     "the font file 'fonts/DejaVuSerif-Bold.ttf' must be an .woff2 or .woff file"),
    (FONT, "file: fonts/Missing.woff2", "the font file 'fonts/Missing.woff2' does not exist"),
], ids=["favicon-outside", "favicon-suffix", "favicon-missing", "font-outside", "font-suffix", "font-missing"])
def test_bad_brand_file_is_a_located_error(data: Path, old: str, new: str, message: str) -> None:
    clinic = data / CLINIC
    edit(clinic, old, new)
    line = line_of(clinic, new)
    column = (clinic.read_text(encoding="utf-8").splitlines()[line - 1].index(new.split(": ", 1)[1]) + 1)
    found = problems(data)
    assert len(found) == 1, found
    assert found[0].startswith(f"{CLINIC}:{line}:{column}: error: {message}\n    hint: "), found


def test_the_same_font_face_twice_is_an_error(data: Path) -> None:
    clinic = data / CLINIC
    edit(clinic, "          weight: 700\n    headings:", "          weight: 400\n    headings:")
    found = problems(data)
    assert len(found) == 1 and "'weight 400, normal' is listed twice" in found[0], found
    assert found[0].startswith(f"{CLINIC}:"), found


def test_a_font_family_name_cannot_break_out_of_the_css(data: Path) -> None:
    clinic = data / CLINIC
    edit(clinic, "family: DejaVu Serif\n", 'family: "Evil\\"; } body { display: none"\n')
    assert "is not a font family name" in only_problem(data, CLINIC, "family: \"Evil")
