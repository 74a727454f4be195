"""The guarantee the product is named for, checked on the built HTML of every demo site."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

from support.html import article, pages_of, soup

from generator.resolve import SiteSpec

# `site` (tests/conftest.py) runs each test once per demo site


def nav_sections(page: Path) -> dict[str, list[str]]:
    """Section label -> the labels of the pages under it, from the primary navigation."""
    primary = soup(page).select_one("nav.md-nav--primary")
    sections: dict[str, list[str]] = {}
    for item in primary.select("li.md-nav__item--nested"):
        label = item.find("label", class_="md-nav__link")
        if label is None:
            continue
        title = " ".join(label.get_text(" ", strip=True).split())
        children = item.select(":scope > nav > ul > li > a.md-nav__link")
        sections[title] = [" ".join(a.get_text(" ", strip=True).split()) for a in children]
    return sections


def test_every_week_has_its_page_under_its_phase(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    sections = nav_sections(folder / "index.html")
    for week in spec.weeks:
        page = folder / "weeks" / f"week-{week.number}.html"
        assert page.is_file(), page
        heading = article(page).find("h1").get_text(" ", strip=True)
        assert heading.startswith(f"Week {week.number}:"), heading
        phase_sections = [title for title in sections if title.startswith(week.phase.title)]
        assert len(phase_sections) == 1, (week.phase.title, list(sections))
        assert f"Week {week.number}" in sections[phase_sections[0]]
    assert not (folder / "weeks" / f"week-{spec.length + 1}.html").exists()


def test_every_therapy_of_a_week_is_linked_from_it(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    for week in spec.weeks:
        page = folder / "weeks" / f"week-{week.number}.html"
        links = {urljoin(f"weeks/week-{week.number}.html", a["href"]) for a in article(page).find_all("a", href=True)}
        for therapy in week.therapies:
            assert f"therapies/{therapy}.html" in links, (week.number, therapy)


def test_every_offered_therapy_has_a_page_and_meets_in_a_week(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    assert spec.therapies, "a site offers at least one therapy"
    for therapy_id, therapy in spec.therapies.items():
        page = folder / "therapies" / f"{therapy_id}.html"
        assert page.is_file()
        assert therapy.name in article(page).find("h1").get_text()
        week_links = [a["href"] for a in article(page).find_all("a", href=re.compile(r"week-\d+\.html$"))]
        assert week_links, therapy_id
        for href in week_links:
            assert (page.parent / href).resolve().is_file()
    offered_pages = {p.stem for p in (folder / "therapies").glob("*.html")} - {"index"}
    assert offered_pages == set(spec.therapies)


def test_crisis_line_is_on_every_page(site: tuple[SiteSpec, Path]) -> None:
    _, folder = site
    for page in pages_of(folder, with_404=True):
        banner = soup(page).select_one(".iop-crisis")
        assert banner is not None, page
        assert banner.find("a", href="tel:988") is not None, page
        assert "988" in banner.get_text()


def test_no_page_loads_anything_from_another_host(site: tuple[SiteSpec, Path]) -> None:
    _, folder = site
    for page in pages_of(folder):
        html = soup(page)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
                          ("source", "src"), ("video", "src"), ("audio", "src")):
            for element in html.find_all(tag):
                target = element.get(attr)
                if not target or (tag == "link" and "canonical" in element.get("rel", [])):
                    continue
                assert not urlparse(target).netloc, f"{page}: <{tag} {attr}={target}>"
                assert not target.startswith("//"), page
    for css in folder.rglob("*.css"):
        for url in re.findall(r"url\(([^)]+)\)", css.read_text(encoding="utf-8")):
            assert not urlparse(url.strip("'\"")).netloc, f"{css}: {url}"


def test_home_page_shows_the_program_at_a_glance(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    home = article(folder / "index.html")
    text = " ".join(home.get_text(" ", strip=True).split())
    assert f"{spec.length} weeks" in text
    assert home.find("a", href=re.compile(r"^tel:\+1\d{10}$")).get_text() == spec.location.phone
    assert spec.location.address.street in text
    for track in spec.location.tracks:
        assert track.name in text
    for page in ("preparing.html", "weeks/week-1.html", "contact.html"):
        assert home.find("a", href=page) is not None, page


def test_week_pages_link_to_the_previous_and_next_week(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    for week in spec.weeks:
        nav = article(folder / "weeks" / f"week-{week.number}.html").find("nav", class_="iop-week-nav")
        hrefs = [a["href"] for a in nav.find_all("a")]
        expected = ([f"week-{week.number - 1}.html"] if week.number > 1 else []) + \
                   ([f"week-{week.number + 1}.html"] if week.number < spec.length else [])
        assert hrefs == expected


def test_clinic_brand_on_every_page(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    css = (folder / "assets" / "brand.css").read_text()
    assert spec.clinic.brand.primary in css
    for page in pages_of(folder):
        html = soup(page)
        assert spec.clinic.name in html.title.get_text(), page
        logo = html.select_one(".md-logo img")
        assert logo is not None and (page.parent / logo["src"]).resolve().is_file(), page
        assert any("brand.css" in link.get("href", "") for link in html.find_all("link")), page


def test_contact_page_has_tracks_table_and_phone(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    contact = article(folder / "contact.html")
    rows = contact.find("table").find("tbody").find_all("tr")
    assert [row.find("td").get_text(strip=True) for row in rows] == [t.name for t in spec.location.tracks]
    assert contact.find("a", href=re.compile("^tel:")) is not None


def test_sitemap_lists_absolute_urls_under_the_site_url(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    sitemap = (folder / "sitemap.xml").read_text()
    urls = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    base = spec.clinic.base_url.rstrip("/") + f"/{spec.location_id}/"
    assert urls and all(url.startswith(base) for url in urls)
    for url in urls:
        assert (folder / (url.removeprefix(base) or "index.html")).is_file(), url


def test_portal_links_every_site(built: Path, demo_specs: dict[str, SiteSpec]) -> None:
    portal = soup(built / "index.html")
    hrefs = [a["href"] for a in portal.find_all("a")]
    assert sorted(hrefs) == sorted(f"{key}/index.html" for key in demo_specs)
    for href in hrefs:
        assert (built / href).is_file()
