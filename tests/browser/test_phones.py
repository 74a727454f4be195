"""Phones: at 360x740 every page kind fits the width, reads at 16px or more, and has thumb-sized targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser.conftest import PAGE_KINDS, SITES, page_path

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
SMALLEST_TEXT = 16
SMALLEST_TARGET = 44

# every visible piece of text with the size it is drawn at, and the element that holds it
TEXT_SIZES = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const element = node.parentElement;
    if (!node.textContent.trim() || !element) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    const style = getComputedStyle(element);
    if (box.width === 0 || box.height === 0 || style.visibility === "hidden") continue;
    if (element.closest("[aria-hidden=true], .md-sidebar, .md-search, .md-tooltip, svg")) continue;
    // text moved off screen on purpose (skip link, screen-reader text) is not read by eye
    if (box.right <= 0 || box.bottom <= 0 || box.left >= innerWidth) continue;
    const clip = style.clip !== "auto" && style.clip !== "";
    if (clip) continue;
    found.push([parseFloat(style.fontSize), node.textContent.trim().slice(0, 40),
                element.tagName + "." + element.className]);
  }
  return found;
}"""


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("site", SITES)
def test_phone_width_fits_and_reads(open_page, site: str, kind: str) -> None:
    page = open_page(page_path(site, kind), viewport=PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    small = [found for found in page.evaluate(TEXT_SIZES) if found[0] < SMALLEST_TEXT]
    assert small == []
    targets = page.locator(".iop-crisis a, article a[href^='tel:'], .md-footer a[href^='tel:'], "
                           "article input[type=checkbox]")
    assert targets.count() >= 2  # the crisis lines at least
    for i in range(targets.count()):
        target = targets.nth(i)
        if not target.is_visible():
            continue
        # a checkbox's target is the row its label makes clickable
        box = target.evaluate("""e => (e.labels && e.labels.length ? e.labels[0] : e)
                                      .getBoundingClientRect().toJSON()""")
        assert box["height"] >= SMALLEST_TARGET and box["width"] >= SMALLEST_TARGET, target.evaluate("e => e.outerHTML")


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("kind", ["home", "week"])
@pytest.mark.parametrize("site", SITES)
def test_screenshots_for_review(open_page, site: str, kind: str, size: str) -> None:
    page = open_page(page_path(site, kind), viewport=PHONE if size == "phone" else DESKTOP)
    target = SCREENSHOTS / f"{site.replace('/', '-')}-{kind}-{size}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000  # a real picture of the page, not an empty canvas
