"""A guide in English and Spanish, built: the theme's words, the language switch, the alternates and the sitemaps.

The Spanish data here is the demo's with its prose made unreadable (support/languages.py),
so an English word the theme shows on a Spanish page is one of our own.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from lxml import etree
from support.html import pages_of, soup, words
from support.languages import build_guide, english_fragments, unreadable

from generator.paths import Project
from generator.render.config import root_url
from generator.resolve import SiteSpec

SITE = "harbor-light/pasadena"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def guide(demo_specs: dict[str, SiteSpec], project: Project, tmp_path_factory: pytest.TempPathFactory) \
        -> tuple[SiteSpec, Path]:
    spec = unreadable(demo_specs[SITE])
    return spec, build_guide(spec, project, tmp_path_factory.mktemp("languages"))


def folder_of(site: Path, url: str, spec: SiteSpec) -> Path:
    """The built file an absolute address of the guide names."""
    root = root_url(spec)
    assert url.startswith(root), url
    return site / url.removeprefix(root)


def test_each_page_names_its_language_and_links_the_same_page_in_the_other(guide: tuple[SiteSpec, Path]) -> None:
    spec, site = guide
    for language, other, label, folder in [("en", "es", "Español", site), ("es", "en", "English", site / "es")]:
        pages = [p for p in pages_of(folder) if language == "es" or not p.is_relative_to(site / "es")]
        assert len(pages) == len(pages_of(site / "es")) > 30
        for page in pages:
            html = soup(page)
            assert html.html["lang"] == language
            assert html.find("meta", property="og:locale")["content"] == f"{language}_US"
            [switch] = html.select(".iop-language a")
            assert (switch["hreflang"], switch["lang"], switch.get_text(strip=True)) == (other, other, label)
            target = (page.parent / switch["href"]).resolve()
            mirror = site / page.relative_to(folder) if language == "es" else site / "es" / page.relative_to(site)
            assert target == mirror.resolve() and target.is_file(), (page, switch["href"])
            alternates = {link["hreflang"]: link["href"] for link in html.find_all("link", rel="alternate")
                          if link.get("hreflang")}
            assert sorted(alternates) == ["en", "es", "x-default"] and alternates["x-default"] == alternates["en"]
            # relative, so the guide loads nothing from its public host when served elsewhere (config.languages_extra)
            assert not any(urlsplit(href).netloc for href in alternates.values())
            assert (page.parent / alternates[language]).resolve() == page.resolve()
            assert (page.parent / alternates[other]).resolve() == mirror.resolve()


def test_each_sitemap_lists_every_page_with_its_alternates(guide: tuple[SiteSpec, Path]) -> None:
    spec, site = guide
    for folder in (site, site / "es"):
        urls = etree.parse(folder / "sitemap.xml").getroot().findall(f"{SITEMAP}url")
        assert len(urls) == len(pages_of(site / "es")) > 30
        for url in urls:
            loc = url.find(f"{SITEMAP}loc").text
            links = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
            assert sorted(links) == ["en", "es", "x-default"] and loc in links.values()
            assert all(folder_of(site, href, spec).is_file() for href in links.values())


def spanish_page(site: Path, path: str = "weeks/week-3.html") -> BeautifulSoup:
    return soup(site / "es" / path)


def test_the_spanish_crisis_banner_and_footer(guide: tuple[SiteSpec, Path]) -> None:
    _, site = guide
    html = spanish_page(site)
    banner = html.select_one(".iop-crisis")
    assert banner["aria-label"] == "Ayuda en una crisis"
    assert [(a.get_text(strip=True), a["href"]) for a in banner.find_all("a")][:3] == [
        ("Llame al 988 y oprima el 2", "tel:988"), ("Envíe AYUDA por mensaje de texto al 988", "sms:988?body=AYUDA"),
        ("Llame al 911", "tel:911")]
    help_line = html.select_one(".iop-language-help")
    assert words(help_line.get_text()) == "Hay ayuda gratuita con el idioma. Llame al (626) 555-0142 para pedir " \
                                          "un intérprete."
    assert help_line.a["href"] == "tel:+16265550142"
    assert words(html.select_one(".iop-call__link").get_text()).startswith("Llame a ")
    assert words(html.select_one(".iop-privacy").get_text()).startswith("Su privacidad:")
    assert html.select_one("[data-iop-clear]").get_text(strip=True) == "Borrar lo que guardó esta guía"
    english = soup(site / "weeks/week-3.html").select_one(".iop-language-help")
    assert words(english.get_text()) == "Free language help is available. Call (626) 555-0142 to ask for an " \
                                        "interpreter."


def test_the_theme_says_nothing_in_english_on_a_spanish_page(guide: tuple[SiteSpec, Path]) -> None:
    _, site = guide
    for path in ["index.html", "weeks/week-3.html", "contact.html", "print.html"]:
        html = spanish_page(site, path)
        for script in html.find_all(["script", "style"]):
            script.decompose()
        shown = words(html.get_text(" ")) + " " + " ".join(
            str(value) for tag in html.find_all(True) for name, value in tag.attrs.items()
            if name in ("aria-label", "title", "alt", "placeholder"))
        left = [f for f in english_fragments() if re.search(rf"(?<![A-Za-z]){re.escape(f)}(?![A-Za-z])", shown)]
        assert not left, (path, left)
    # Material's own words follow the theme's language
    html = spanish_page(site)
    assert html.select_one(".md-search__input")["placeholder"] == "Búsqueda"
    assert words(html.select_one(".md-skip").get_text()) == "Saltar a contenido"


def test_spanish_search_stems_spanish(guide: tuple[SiteSpec, Path]) -> None:
    _, site = guide
    index = json.loads((site / "es/search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["es"]
    assert (site / "es/assets/javascripts/lunr/min/lunr.es.min.js").is_file()


def test_the_scripts_get_their_words_in_the_pages_language(guide: tuple[SiteSpec, Path]) -> None:
    _, site = guide
    for folder, word in [(site, "Clear my ticks"), (site / "es", "Borrar mis marcas")]:
        node = soup(folder / "index.html").find("script", id="iop-site-data")
        assert json.loads(node.string)["words"]["ticks_clear"] == word




def test_an_english_only_guide_offers_language_help_and_no_other_language(
        demo_specs: dict[str, SiteSpec], built: Path) -> None:
    spec = demo_specs["cedar-path/sacramento"]  # Cedar Path publishes English only
    assert spec.guide_languages == ("en",)
    folder = built / spec.key
    for page in pages_of(folder):
        html = soup(page)
        help_line = html.select_one(".iop-language-help")
        assert words(help_line.get_text()) == f"Free language help is available. Call {spec.location.phone} to " \
                                              "ask for an interpreter.", page
        assert help_line.a["href"].startswith("tel:+1")
        assert html.select(".iop-language") == [] and html.find("link", rel="alternate", hreflang=True) is None
    assert "xhtml" not in (folder / "sitemap.xml").read_text(encoding="utf-8")

