"""The timeline on a 360px phone: it fits, each step is a real tap target, and the link names carry the phase."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser.conftest import SITES, page_path

PHONE = {"width": 360, "height": 740}

# for every step link of a list: its box, its text size, and whether the list scrolls sideways
MEASURE = """list => ({
  overflows: list.scrollWidth > list.clientWidth,
  width: window.innerWidth,
  links: [...list.querySelectorAll("a")].map(a => {
    const box = a.getBoundingClientRect();
    return {name: a.textContent, left: box.left, right: box.right, width: box.width, height: box.height,
            font: parseFloat(getComputedStyle(a).fontSize)};
  }),
})"""


def assert_fits_phone(list_locator, count: int) -> None:
    found = list_locator.evaluate(MEASURE)
    assert not found["overflows"]
    assert len(found["links"]) == count
    for link in found["links"]:
        assert 0 <= link["left"] and link["right"] <= found["width"], link
        assert link["width"] >= 44 and link["height"] >= 44, link
        assert link["font"] >= 16, link


@pytest.mark.parametrize("site", SITES)
def test_timeline_and_week_strip_fit_a_phone(open_page, demo_specs, site: str) -> None:
    spec = demo_specs[site]
    page = open_page(page_path(site, "home"), viewport=PHONE)
    timeline = page.locator("ol.iop-timeline")
    expect(timeline).to_be_visible()
    assert_fits_phone(timeline, spec.length)
    # the screen-reader name of a step says its phase, the visible label shows it once per phase
    last = spec.weeks[-1]
    step = timeline.get_by_role("link", name=f"Week {last.number}, {last.phase.title}", exact=True)
    expect(step).to_have_count(1)
    expect(timeline.locator(".iop-timeline__label").filter(has_text=last.phase.title)).to_be_visible()

    # by keyboard, so no pointer hovers a step of the next page
    step.press("Enter")
    expect(page).to_have_url(re.compile(rf"/{re.escape(site)}/weeks/week-{last.number}\.html$"))
    strip = page.locator("nav.iop-strip")
    expect(strip).to_contain_text(f"You are in week {last.number} of {spec.length}.")
    assert_fits_phone(strip.locator("ol"), spec.length)
    current = strip.get_by_role("link", name=f"Week {last.number}, {last.phase.title}", exact=True)
    expect(current).to_have_attribute("aria-current", "step")
    # this week stands out by more than color: bold, underlined and a thicker box
    other = strip.get_by_role("link", name=f"Week 1, {spec.weeks[0].phase.title}", exact=True)
    styles = "a => [getComputedStyle(a).fontWeight, getComputedStyle(a).textDecorationLine, " \
             "getComputedStyle(a).borderLeftWidth]"
    weight, decoration, border = current.evaluate(styles)
    other_weight, other_decoration, other_border = other.evaluate(styles)
    assert int(weight) >= 700 > int(other_weight)
    assert "underline" in decoration and "underline" not in other_decoration
    assert float(border.removesuffix("px")) > float(other_border.removesuffix("px"))
