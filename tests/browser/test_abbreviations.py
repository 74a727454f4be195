"""Abbreviations show their meaning without a mouse: by Tab, by hover and by a tap, in both color schemes."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from browser.conftest import SITES, page_path

SITE = SITES[0]
NARROW = {"width": 360, "height": 740}
# the box under the abbreviation is its ::after: what it shows and how
BOX = """el => { const s = getComputedStyle(el, '::after');
  return {content: s.content, display: s.display, visibility: s.visibility, color: s.color,
          background: s.backgroundColor, fontSize: parseFloat(s.fontSize)}; }"""


def rgba(text: str) -> tuple[float, ...]:
    parts = [float(x) for x in re.findall(r"[\d.]+", text)]
    return tuple(parts[:3]) + ((parts[3],) if len(parts) > 3 else (1.0,))


def luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: str, bg: str) -> float:
    front, back = rgba(fg), rgba(bg)
    assert back[3] == 1.0, "the box needs a solid background"
    alpha = front[3]
    seen = tuple(front[i] * alpha + back[i] * (1 - alpha) for i in range(3))
    light, dark = sorted((luminance(seen), luminance(back)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def shows_meaning(page: Any, abbr: Any) -> None:
    box = abbr.evaluate(BOX)
    assert box["content"] == f'"{abbr.get_attribute("title")}"', box
    assert box["display"] != "none" and box["visibility"] == "visible", box


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tab_reaches_an_abbreviation_and_shows_its_meaning(open_page, scheme: str) -> None:
    page = open_page(page_path(SITE, "home"), viewport=NARROW, color_scheme=scheme)
    abbr = page.locator("article p abbr[tabindex='0']").first
    assert abbr.evaluate(BOX)["content"] == "none"
    # start the Tab order at the paragraph, as a reader who clicked into the text would
    abbr.locator("xpath=..").click(position={"x": 2, "y": 2})
    page.keyboard.press("Tab")
    expect(abbr).to_be_focused()
    shows_meaning(page, abbr)
    box = abbr.evaluate(BOX)
    assert box["fontSize"] >= 16
    assert contrast(box["color"], box["background"]) >= 4.5, box
    # Tab moves on, and the box goes with the focus
    page.keyboard.press("Tab")
    assert abbr.evaluate(BOX)["content"] == "none"


def test_no_box_runs_past_a_narrow_screen(open_page, server: str) -> None:
    page = open_page(page_path(SITE, "glossary"), viewport=NARROW)
    for kind in ("glossary", "home"):
        page.goto(f"{server}/{page_path(SITE, kind)}")
        abbrs = page.locator("article abbr[tabindex='0']")
        assert abbrs.count() >= 4
        for i in range(abbrs.count()):
            abbrs.nth(i).focus()
            shows_meaning(page, abbrs.nth(i))
            assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth"), (kind, i)


def test_hover_shows_the_meaning(open_page) -> None:
    page = open_page(page_path(SITE, "levels-of-care"))
    abbr = page.locator("article p abbr").first
    abbr.hover()
    shows_meaning(page, abbr)
    page.mouse.move(0, 0)
    assert abbr.evaluate(BOX)["content"] == "none"


def test_a_tap_shows_the_meaning(open_page) -> None:
    page = open_page(page_path(SITE, "therapy").replace("group-therapy", "cbt"), viewport=NARROW,
                     has_touch=True, is_mobile=True)
    abbr = page.locator("article p abbr[tabindex='0']").first
    abbr.tap()
    expect(abbr).to_be_focused()
    shows_meaning(page, abbr)
