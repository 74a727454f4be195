"""Keyboard and structure: a skip link first, every control reachable by Tab with a visible focus ring,
headings in order, the page's language, and alt text from the data."""

from __future__ import annotations

import pytest

from browser.conftest import SITES, page_path

# what a keyboard user must be able to reach, if it is on screen
FOCUSABLE = """() => [...document.querySelectorAll(
    "a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])")]
  .filter(e => !e.disabled && e.getClientRects().length && getComputedStyle(e).visibility !== "hidden")
  .filter(e => e.closest("article, .iop-crisis, .md-footer"))
  .map((e, i) => { e.dataset.kb = "k" + i; return e.dataset.kb; })"""

# the focused element, and whether a focus indicator is drawn around it
FOCUSED = """() => {
  const e = document.activeElement;
  // a visually hidden input (the theme's light/dark switch) shows its focus on the label after it
  const next = e.nextElementSibling;
  const shown = e.getBoundingClientRect().width < 2 && next && next.tagName === "LABEL" ? next : e;
  const style = getComputedStyle(shown);
  const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
  if (e === document.body) return [null, ring, ""];
  if (!e.dataset.seen) e.dataset.seen = String(Date.now() + Math.random());
  return [e.dataset.seen, ring, e.dataset.kb || "", e.outerHTML.slice(0, 120)];
}"""


def test_skip_link_is_first_and_jumps_to_the_content(open_page) -> None:
    page = open_page(page_path(SITES[0], "week"))
    page.keyboard.press("Tab")
    skip = page.locator(".md-skip")
    assert skip.evaluate("e => e === document.activeElement") and skip.is_visible()
    assert skip.inner_text().strip() == "Skip to content"
    page.keyboard.press("Enter")
    target = page.evaluate("location.hash")
    assert target and page.locator(target).is_visible()


@pytest.mark.parametrize("kind", ["home", "week", "preparing", "contact", "glossary"])
@pytest.mark.parametrize("site", SITES)
def test_tab_reaches_every_control_with_visible_focus(open_page, site: str, kind: str) -> None:
    page = open_page(page_path(site, kind))
    wanted = set(page.evaluate(FOCUSABLE))
    seen, reached, without_ring, last = set(), set(), [], None
    for _ in range(800):
        page.keyboard.press("Tab")
        element, ring, mark, html = (page.evaluate(FOCUSED) + [""])[:4]
        if element == last:
            continue  # Tab moves through the day, month and year of a date field
        last = element
        if element is None:
            continue  # focus left a control that hid itself; Tab goes on from where it was
        if element in seen:
            break  # back at the start: the whole tab order has been walked
        seen.add(element)
        reached.add(mark)
        if not ring:
            without_ring.append(html)
    missed = wanted - reached
    assert not missed, page.evaluate("ids => ids.map(i => document.querySelector(`[data-kb=${i}]`).outerHTML"
                                     ".slice(0, 120))", sorted(missed))
    assert without_ring == []


@pytest.mark.parametrize("site", SITES)
def test_structure_language_and_alt_text(open_page, demo_specs, site: str) -> None:
    spec = demo_specs[site]
    page = open_page(page_path(site, "week"))
    assert page.evaluate("document.documentElement.lang") == "en"
    levels = page.evaluate("[...document.querySelectorAll('article h1, article h2, article h3, article h4')]"
                           ".map(h => +h.tagName[1])")
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(after - before <= 1 for before, after in zip(levels, levels[1:], strict=False))
    alts = page.evaluate("[...document.images].map(i => i.alt)")
    assert alts and spec.clinic.brand.logo_alt in alts and all(alt.strip() for alt in alts)
