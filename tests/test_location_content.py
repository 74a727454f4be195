"""What each location tells patients about itself: intro, getting here, languages, insurance, nearby support.

The demo sites carry every field (pasadena, sacramento) or only some (riverside); copies of the data
cover the variants and the errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import DEMO_DATA, edit, line_of, only_problem, problems

from generator import pipeline
from generator.load.loader import load_file
from generator.paths import Project
from generator.render.views import site_view
from generator.resolve import SiteSpec

FULL = ["harbor-light/pasadena", "cedar-path/sacramento"]
RIVERSIDE = "harbor-light/riverside"
SITES = [*FULL, RIVERSIDE]
PASADENA = "clinics/harbor-light/locations/pasadena.yaml"


def yaml_of(site: str) -> dict[str, Any]:
    clinic, location = site.split("/")
    data: dict[str, Any] = load_file(DEMO_DATA / "clinics" / clinic / "locations" / f"{location}.yaml").data
    return data


def clinic_yaml(site: str) -> dict[str, Any]:
    data: dict[str, Any] = load_file(DEMO_DATA / "clinics" / site.split("/")[0] / "clinic.yaml").data
    return data


def article(built: Path, site: str, page: str) -> Tag:
    html = BeautifulSoup((built / site / page).read_text(encoding="utf-8"), "html.parser")
    found = html.find("article")
    assert isinstance(found, Tag)
    return found


def section(page: Tag, heading: str) -> list[Tag]:
    """The elements under an h2, up to the next h2."""
    h2 = next((h for h in page.find_all("h2") if h.get_text(strip=True).rstrip("¶") == heading), None)
    assert h2 is not None, f"no heading {heading!r}"
    found = []
    for sibling in h2.find_next_siblings():
        if sibling.name == "h2":
            break
        found.append(sibling)
    return found


def words(text: str) -> str:
    return " ".join(text.split())


def text_of(tags: list[Tag]) -> str:
    return words(" ".join(t.get_text(" ") for t in tags))


def headings(page: Tag) -> list[str]:
    return [h.get_text(strip=True).rstrip("¶") for h in page.find_all(["h2", "h3"])]


def osm_search(address: dict[str, str]) -> str:
    full = f"{address['street']}, {address['city']}, {address['region']} {address['postal_code']}, " \
           f"{address.get('country', 'US')}"
    return "https://www.openstreetmap.org/search?query=" + quote(full, safe="")


@pytest.mark.parametrize("site", FULL)
def test_every_field_shows_on_its_page(built: Path, site: str) -> None:
    data = yaml_of(site)
    home, contact = article(built, site, "index.html"), article(built, site, "contact.html")
    home_text = words(home.get_text(" "))
    for paragraph in data["intro"].split("\n\n"):
        assert words(paragraph) in home_text

    here = section(contact, "Getting here")
    here_text = text_of(here)
    assert f"Parking. {words(data['getting_here']['parking'])}" in here_text
    assert f"Public transit. {words(data['getting_here']['transit'])}" in here_text
    maps = [a for tag in here for a in tag.find_all("a") if a.get_text() == "See the address on a map"]
    assert [a["href"] for a in maps] == [data["getting_here"]["map_url"]]

    insurance = section(contact, "Insurance and payment")
    insurance_text = text_of(insurance)
    assert all(words(p) in insurance_text for p in data["insurance"]["text"].split("\n\n"))
    plans = [li.get_text(strip=True) for tag in insurance if tag.name == "ul" for li in tag.find_all("li")]
    assert plans == data["insurance"]["plans"]

    support = section(contact, "Nearby support")
    items = [li for tag in support if tag.name == "ul" for li in tag.find_all("li")]
    assert len(items) == len(data["resources"])
    for li, resource in zip(items, data["resources"], strict=True):
        assert words(li.get_text(" ")).startswith(f"{resource['name']}. {words(resource['text'])}")
        links = {a["href"]: a.get_text() for a in li.find_all("a")}
        digits = "".join(c for c in resource["phone"] if c.isdigit())
        assert links[f"tel:+1{digits}"] == resource["phone"]
        assert resource["url"] in links


@pytest.mark.parametrize("site", SITES)
def test_languages_of_the_location_replace_the_clinics(built: Path, site: str) -> None:
    data = yaml_of(site)
    expected = ", ".join(data.get("languages") or clinic_yaml(site).get("languages") or ["English"])
    for page in ("index.html", "contact.html"):
        lines = [words(li.get_text(" ")) for li in article(built, site, page).find_all("li")]
        assert f"Languages spoken: {expected}" in lines, page
    if site == "harbor-light/pasadena":
        # the demo's clinic speaks English and Spanish; this location adds Armenian, by replacing the list
        assert clinic_yaml(site)["languages"] != data["languages"]


def test_home_points_to_getting_here(built: Path) -> None:
    for site in SITES:
        where = next(li for li in article(built, site, "index.html").find_all("li")
                     if li.get_text().startswith("Where:"))
        assert [a["href"] for a in where.find_all("a")] == ["contact.html#getting-here"]
        assert article(built, site, "contact.html").find(id="getting-here") is not None


def test_absent_fields_leave_nothing_behind(built: Path) -> None:
    data = yaml_of(RIVERSIDE)
    assert not {"insurance", "resources", "languages"} & set(data) and "transit" not in data["getting_here"]
    contact = article(built, RIVERSIDE, "contact.html")
    assert headings(contact) == ["Harbor Light Recovery, Riverside", "Getting here", "Schedule tracks"]
    here_text = text_of(section(contact, "Getting here"))
    assert f"Parking. {words(data['getting_here']['parking'])}" in here_text
    assert "Public transit" not in here_text
    # the intro it has is on its home page
    assert words(data["intro"]) in words(article(built, RIVERSIDE, "index.html").get_text(" "))
    for site in SITES:
        for page in ("index.html", "contact.html"):
            body = article(built, site, page)
            assert "None" not in body.get_text(), (site, page)
            for tag in body.find_all(["p", "li", "h2", "h3", "ul", "strong"]):
                if {"hidden", "class", "role"} & set(tag.attrs) or tag.find_parent("form"):
                    continue  # the plan form's places for messages: filled by its script, not by data
                assert tag.get_text(strip=True), (site, page, str(tag))


def test_map_link_searches_the_address_when_no_map_url_is_given(built: Path) -> None:
    data = yaml_of(RIVERSIDE)
    assert "map_url" not in data["getting_here"]
    links = [a for tag in section(article(built, RIVERSIDE, "contact.html"), "Getting here")
             for a in tag.find_all("a") if a.get_text() == "See the address on a map"]
    assert [a["href"] for a in links] == [osm_search(data["address"])]
    assert links[0]["href"] == ("https://www.openstreetmap.org/search?query="
                                "3750%20Mission%20Inn%20Ave%2C%20Riverside%2C%20CA%2092501%2C%20US")


def test_no_page_embeds_a_map_or_loads_from_another_host(built: Path) -> None:
    for site in SITES:
        for page in (built / site).rglob("*.html"):
            html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            assert not html.find_all(["iframe", "embed", "object"]), page
            for tag in html.find_all(src=True):
                assert not tag["src"].startswith(("http:", "https:", "//")), (page, tag["src"])


# -- variants on copies of the data ----------------------------------------------------------------------------


def spec_of(data: Path, site: str) -> SiteSpec:
    specs, _ = pipeline.resolve_all(data)
    return next(s for s in specs if s.key == site)


def test_without_its_own_languages_a_location_shows_the_clinics(data: Path) -> None:
    edit(data / PASADENA, "languages:\n  - English\n  - Spanish\n  - Armenian\n", "")
    assert site_view(spec_of(data, "harbor-light/pasadena"))["local"]["languages"] == "English, Spanish"


def test_without_a_map_url_the_map_link_searches_the_address(data: Path) -> None:
    file = data / PASADENA
    lines = [line for line in file.read_text(encoding="utf-8").splitlines() if "map_url:" not in line]
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    local = site_view(spec_of(data, "harbor-light/pasadena"))["local"]
    assert str(local["map_url"]) == osm_search(yaml_of("harbor-light/pasadena")["address"])


def test_a_bad_map_url_is_an_error_at_its_line(data: Path) -> None:
    file = data / PASADENA
    text = file.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if "map_url:" in line)
    edit(file, old, "  map_url: www.openstreetmap.org/somewhere")
    found = only_problem(data, PASADENA, "map_url:", 12)
    assert "error: " in found and "is not a web address" in found


def test_a_bad_resource_url_is_an_error_at_its_line(data: Path) -> None:
    file = data / PASADENA
    edit(file, "url: https://family.pasadena.example/", "url: family.pasadena.example")
    assert ": error: " in only_problem(data, PASADENA, "url: family.pasadena.example", 10)


def test_data_text_and_odd_urls_cannot_become_markup(data: Path, project: Project, tmp_path: Path) -> None:
    file = data / PASADENA
    lines = file.read_text(encoding="utf-8").splitlines()
    edit(file, next(line for line in lines if "parking:" in line), "  parking: '<b onclick=x>Park</b> {: onclick=x }'")
    edit(file, next(line for line in lines if "map_url:" in line), "  map_url: https://maps.example/a)(y)z")
    pipeline.render_to(spec_of(data, "harbor-light/pasadena"), project, tmp_path)
    markdown = next(tmp_path.rglob("contact.md")).read_text(encoding="utf-8")
    assert "**Parking.** &lt;b onclick=x&gt;Park&lt;/b&gt; \\{: onclick=x \\}\n" in markdown
    # parentheses are allowed in an address, and encoded so that none can end the Markdown link
    assert "[See the address on a map](https://maps.example/a%29%28y%29z)" in markdown


@pytest.mark.parametrize("url", ["https://maps.example/a)<b>[x](y)|z", "https://maps.example/\"onclick=x",
                                 "https://maps.example/a b", "javascript://maps.example/%0aalert(1)"])
def test_a_map_url_that_could_break_out_is_refused_at_its_line(data: Path, url: str) -> None:
    file = data / PASADENA
    old = next(line for line in file.read_text(encoding="utf-8").splitlines() if "map_url:" in line)
    edit(file, old, f"  map_url: '{url}'")
    found = problems(data)
    assert len(found) == 1 and found[0].startswith(f"{PASADENA}:{line_of(file, 'map_url:')}:12: error: "
                                                   "getting_here.map_url: "), found


@pytest.mark.parametrize("site", SITES)
def test_the_clinics_own_phone_and_website_are_on_the_contact_page(built: Path, site: str) -> None:
    contact, location = clinic_yaml(site)["contact"], yaml_of(site)
    page = article(built, site, "contact.html")
    links = {a.get_text(" ", strip=True): a["href"] for a in page.find_all("a")}
    main = [li for li in page.find_all("li") if "main office" in li.get_text()]
    if contact["phone"] == location["phone"]:
        assert main == []
    else:  # a tappable number, labelled as the clinic's
        assert len(main) == 1 and links[contact["phone"]] == "tel:+1" + "".join(filter(str.isdigit, contact["phone"]))
    website = contact.get("website")
    footer = BeautifulSoup((built / site / "index.html").read_text(encoding="utf-8"), "html.parser")
    shown = footer.select_one(".iop-footer-contact")
    assert shown is not None
    if website:
        label = website.removeprefix("https://").rstrip("/")
        assert links[label] == website
        assert shown.find("a", href=website) is not None and label in shown.get_text()
    else:
        assert not [li for li in page.find_all("li") if li.get_text().startswith("Website")]
        assert "Website" not in shown.get_text()
