"""The call row in the header and the clinic's own fonts, in the browser."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from browser.conftest import SITES, page_path
from browser.test_accessibility import RULES, describe

AXE = Axe()
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# one location of each clinic: they differ in colors, logo and fonts
ONE_PER_CLINIC = [next(key for key in SITES if key.startswith(f"{clinic}/"))
                  for clinic in ("harbor-light", "cedar-path")]


def assert_call_in_view(page, name: str, phone: str) -> None:
    link = page.locator("header.md-header .iop-call__link")
    expect(link).to_be_visible()
    expect(link).to_have_text(f"Call {name}: {phone}")
    box = link.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, box
    # in view, whole: a phone number cut off at the screen's edge cannot be read or tapped
    viewport = page.viewport_size
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], box
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], box


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["home", "week"])
@pytest.mark.parametrize("site", ONE_PER_CLINIC)
def test_call_row_is_always_in_view_and_accessible(open_page, demo_specs, site: str, kind: str, scheme: str) -> None:
    spec = demo_specs[site]
    page = open_page(page_path(site, kind), color_scheme=scheme, viewport=PHONE)
    name, phone = spec.location.name, spec.location.phone
    assert_call_in_view(page, name, phone)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    font_size = page.locator(".iop-call__link").evaluate("a => parseFloat(getComputedStyle(a).fontSize)")
    assert font_size >= 16
    violations = AXE.run(page, options=RULES).response["violations"]
    assert violations == [], describe(violations)
    # still there at the foot of the page: the header row stays in view while the patient scrolls
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function("window.scrollY > 0")
    assert_call_in_view(page, name, phone)
    page.set_viewport_size(DESKTOP)
    page.evaluate("window.scrollTo(0, 0)")
    assert_call_in_view(page, name, phone)
    # the theme animates the search field into its desktop look; judge colors once it has settled
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    violations = AXE.run(page, options=RULES).response["violations"]
    assert violations == [], describe(violations)


def test_the_call_row_can_be_reached_by_keyboard(open_page) -> None:
    page = open_page(page_path(ONE_PER_CLINIC[0], "home"))
    link = page.locator(".iop-call__link")
    for _ in range(30):
        page.keyboard.press("Tab")
        if link.evaluate("a => a === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the call link")
    outline = link.evaluate("a => getComputedStyle(a).outlineStyle")
    assert outline not in ("none", ""), outline


def test_the_clinics_own_fonts_load_from_the_site(open_page, demo_specs) -> None:
    spec = next(s for s in demo_specs.values() if s.clinic.brand.fonts)
    fonts = spec.clinic.brand.fonts
    requests: list[str] = []
    page = open_page(page_path(spec.key, "week"), requests=requests)
    text, headings = fonts.text.family, fonts.headings.family
    # FontFaceSet.load rejects, or finds no face, when a file is missing or the browser refuses it
    for family, weight in ((text, 400), (text, 700), (headings, 700)):
        loaded = page.evaluate("([family, weight]) => document.fonts.load(`${weight} 16px \"${family}\"`)"
                               ".then(faces => faces.length)", [family, weight])
        assert loaded == 1, (family, weight)
    assert page.locator("article p").first.evaluate("p => getComputedStyle(p).fontFamily").startswith(f'"{text}"')
    assert page.locator("article h1").evaluate("h => getComputedStyle(h).fontFamily").startswith(f'"{headings}"')
    server = page.url.split("/")[2]
    fonts_requested = [url for url in requests if "/fonts/" in url]
    assert fonts_requested and all(url.split("/")[2] == server for url in fonts_requested), fonts_requested
