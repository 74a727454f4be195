"""Found by search engines, one location at a time: titles, descriptions, link previews,
the clinic's JSON-LD, the sitemap and robots.txt of every demo site, checked against the data."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import edit, line_of
from support.files import png
from support.html import pages_of, soup

from generator import pipeline
from generator.model.scalars import DAY_NAMES
from generator.paths import Project
from generator.render.config import site_url
from generator.render.markup import DESCRIPTION_LIMIT, shorten
from generator.render.structured_data import therapy_type
from generator.resolve import SiteSpec


def meta(html: BeautifulSoup, key: str) -> str | None:
    tag = html.find("meta", attrs={"property": key}) or html.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def jsonld(page: Path) -> list[dict[str, Any]]:
    return [json.loads(s.string) for s in soup(page).find_all("script", type="application/ld+json")]


# `site` (tests/conftest.py) runs a test once per demo site


def test_every_page_has_a_unique_title_and_a_short_description(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    titles: dict[str, Path] = {}
    for page in pages_of(folder):
        html = soup(page)
        title = html.title.get_text()
        assert title not in titles, f"{page} has the title of {titles.get(title)}: {title}"
        titles[title] = page
        assert title.endswith(f"{spec.clinic.name}: {spec.location.name}"), title
        descriptions = html.find_all("meta", attrs={"name": "description"})
        assert len(descriptions) == 1, page
        text = descriptions[0]["content"]
        assert text.strip() and len(text) <= DESCRIPTION_LIMIT and "\n" not in text, (page, text)
    home = soup(folder / "index.html")
    assert meta(home, "description") == shorten(spec.program.summary)
    cbt = spec.therapies.get("cbt")
    if cbt:
        assert meta(soup(folder / "therapies/cbt.html"), "description") == cbt.summary
    week = soup(folder / "weeks/week-1.html")
    assert meta(week, "description").startswith(f"Week 1 of {spec.length}: {spec.weeks[0].title}. ")


def test_canonical_and_link_preview_tags_name_the_page(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    base = site_url(spec)
    for page in pages_of(folder):
        html = soup(page)
        path = page.relative_to(folder).as_posix()
        canonical = html.find("link", rel="canonical")["href"]
        assert canonical == base + path
        assert meta(html, "og:url") == canonical
        assert meta(html, "og:type") == "website"
        assert meta(html, "og:site_name") == f"{spec.clinic.name}: {spec.location.name}"
        assert meta(html, "og:title") == meta(html, "twitter:title") == html.title.get_text()
        assert meta(html, "og:description") == meta(html, "twitter:description") == meta(html, "description")
        assert meta(html, "twitter:card") == "summary"
        # the demo logos are SVG, which link previews do not show, and the demo has no share image
        assert meta(html, "og:image") is None and meta(html, "twitter:image") is None
        # the clinic's JSON-LD is on the home page only
        assert bool(jsonld(page)) == (path == "index.html"), page


def test_clinic_json_ld_matches_the_data(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    [data] = jsonld(folder / "index.html")
    location, address = spec.location, spec.location.address
    url = site_url(spec)
    assert data["@context"] == "https://schema.org" and data["@type"] == "MedicalClinic"
    assert data["@id"] == url + "#clinic" and data["url"] == url
    assert spec.clinic.name in data["name"] and location.name in data["name"]
    assert data["telephone"] == "+1" + re.sub(r"\D", "", location.phone)
    assert data["address"] == {"@type": "PostalAddress", "streetAddress": address.street,
                               "addressLocality": address.city, "addressRegion": address.region,
                               "postalCode": address.postal_code, "addressCountry": address.country}
    hours = data["openingHoursSpecification"]
    assert len(hours) == len(location.tracks)
    for spec_hours, track in zip(hours, location.tracks, strict=True):
        assert spec_hours["@type"] == "OpeningHoursSpecification"
        assert spec_hours["dayOfWeek"] == [f"https://schema.org/{DAY_NAMES[d.value]}" for d in track.days]
        assert (spec_hours["opens"], spec_hours["closes"]) == (track.start, track.end)
    services = {service["name"]: service for service in data["availableService"]}
    assert sorted(services) == sorted(t.name for t in spec.therapies.values())
    for therapy in spec.therapies.values():
        assert services[therapy.name]["description"] == therapy.summary
        assert services[therapy.name]["@type"] == therapy_type(therapy)
    assert data["medicalSpecialty"] == ["https://schema.org/Psychiatric"]
    assert data["parentOrganization"]["name"] == spec.clinic.name
    assert data["parentOrganization"].get("url") == spec.clinic.contact.website
    assert data["logo"] == url + f"assets/logo{spec.logo.suffix}"
    assert (folder / data["logo"].removeprefix(url)).is_file()


def test_talk_therapies_are_psychological_treatments(demo_specs: dict[str, SiteSpec]) -> None:
    spec = demo_specs["harbor-light/pasadena"]
    assert therapy_type(spec.therapies["cbt"]) == "PsychologicalTreatment"
    assert therapy_type(spec.therapies["art-therapy"]) == "MedicalTherapy"


def test_sitemap_lists_every_page_and_robots_names_it(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    base = site_url(spec)
    locs = re.findall(r"<loc>([^<]+)</loc>", (folder / "sitemap.xml").read_text(encoding="utf-8"))
    assert all(loc.startswith(base) for loc in locs), locs
    assert sorted(loc.removeprefix(base) for loc in locs) == \
        sorted(p.relative_to(folder).as_posix() for p in pages_of(folder))
    robots = (folder / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert robots == ["User-agent: *", "Allow: /", f"Sitemap: {base}sitemap.xml"]


def append(file: Path, text: str) -> None:
    with file.open("a", encoding="utf-8") as out:
        out.write(text)




ODD = 'Learn "how" <b>thoughts</b> & feelings </script> work together.'


def test_site_url_share_image_and_odd_text_from_the_data(data: Path, project: Project, tmp_path: Path) -> None:
    clinic = data / "clinics/harbor-light"
    # quotes and markup in the data stay text in every tag and in the JSON-LD
    edit(data / "therapies/cbt.yaml", "summary: Learn how your thoughts shape your feelings and actions, "
         "and how to change the ones that hold you back.", f"summary: '{ODD}'")
    (clinic / "share.png").write_bytes(png())
    edit(clinic / "clinic.yaml", "  logo_alt:", "  share_image: share.png\n  logo_alt:")
    # without the final slash: the generator adds it
    append(clinic / "locations/pasadena.yaml", "site_url: https://pasadena.harborlight.example/guide\n")
    result = pipeline.build_sites(project, data, tmp_path / "out", ["harbor-light/pasadena"])
    assert not result.failed and not result.errors, (result.failed, result.errors)
    folder = tmp_path / "out/harbor-light/pasadena"
    base = "https://pasadena.harborlight.example/guide/"
    week = soup(folder / "weeks/week-2.html")
    assert week.find("link", rel="canonical")["href"] == base + "weeks/week-2.html"
    assert meta(week, "og:image") == meta(week, "twitter:image") == base + "assets/share.png"
    assert meta(week, "twitter:card") == "summary_large_image"
    assert (folder / "assets/share.png").read_bytes() == png()
    locs = re.findall(r"<loc>([^<]+)</loc>", (folder / "sitemap.xml").read_text(encoding="utf-8"))
    assert locs and all(loc.startswith(base) for loc in locs)
    assert f"Sitemap: {base}sitemap.xml" in (folder / "robots.txt").read_text(encoding="utf-8")
    [clinic_data] = jsonld(folder / "index.html")
    assert clinic_data["url"] == base and clinic_data["@id"] == base + "#clinic"
    assert clinic_data["image"] == base + "assets/share.png"
    cbt = soup(folder / "therapies/cbt.html")
    assert meta(cbt, "description") == meta(cbt, "og:description") == meta(cbt, "twitter:description") == ODD
    assert cbt.head.find("b") is None
    assert {"name": "Cognitive Behavioral Therapy", "description": ODD, "@type": "PsychologicalTreatment"} \
        in clinic_data["availableService"]
    assert "</script> work" not in (folder / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("value", "message"), [
    ("../cedar-path/logo.svg", "the share image '../cedar-path/logo.svg' is outside the clinic folder"),
    ("logo.svg", "the share image 'logo.svg' must be an .png, .jpg or .jpeg file"),
    ("share.jpg", "the share image file 'share.jpg' does not exist"),
])
def test_bad_share_image_is_a_located_error(data: Path, value: str, message: str) -> None:
    file = data / "clinics/harbor-light/clinic.yaml"
    edit(file, "  logo_alt:", f"  share_image: {value}\n  logo_alt:")
    _, diagnostics = pipeline.check(data)
    found = [d.format(root=data) for d in diagnostics]
    assert [d.split("\n")[0] for d in found] == \
        [f"clinics/harbor-light/clinic.yaml:{line_of(file, 'share_image:')}:16: error: {message}"]


def test_site_url_with_a_query_is_a_located_error(data: Path) -> None:
    file = data / "clinics/harbor-light/locations/pasadena.yaml"
    append(file, "site_url: https://pasadena.harborlight.example/?from=ads\n")
    _, diagnostics = pipeline.check(data)
    found = [d.format(root=data) for d in diagnostics]
    assert len(found) == 1 and found[0].startswith(f"clinics/harbor-light/locations/pasadena.yaml:"
                                                   f"{line_of(file, 'site_url:')}:")
    assert "has a ? or #" in found[0]
