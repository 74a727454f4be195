"""Checklists patients can tick: kept across visits, counted aloud, cleared, plain without script, printable."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from browser.conftest import SITES, page_path
from browser.test_accessibility import RULES, describe

SITE = SITES[0]
WEEK = page_path(SITE, "week")  # week 2
LIST = '.iop-checklist[data-checklist="week-2"]'
STORE = f"iop-guide:{SITE}:checklists"


def stored(page: Any) -> Any:
    return json.loads(page.evaluate(f"localStorage.getItem({STORE!r}) || 'null'"))


def boxes(page: Any) -> Any:
    return page.locator(f"{LIST} input[type=checkbox]")


def test_ticks_are_kept_counted_and_cleared(open_page, server: str) -> None:
    page = open_page(WEEK)
    items = page.locator(f"{LIST} li")
    total = items.count()
    assert total >= 3
    expect(boxes(page)).to_have_count(total)
    progress = page.locator(f"{LIST} .iop-checklist__progress")
    expect(progress).to_have_text(f"0 of {total} done")
    assert progress.get_attribute("aria-live") == "polite"
    # each box has a label holding the item's words: clicking the words ticks it
    first_words = page.locator(f"{LIST} li .iop-checklist__text").first.inner_text()
    expect(page.get_by_label(first_words, exact=True)).to_be_visible()

    page.locator(f"{LIST} li .iop-checklist__text").nth(0).click()
    boxes(page).nth(2).check()
    expect(progress).to_have_text(f"2 of {total} done")
    keys = [items.nth(i).get_attribute("data-item") for i in (0, 2)]
    assert stored(page) == {"week-2": keys}
    # ticks add one key for the site and nothing else (the theme may keep its color scheme), no cookies
    keys_kept = page.evaluate("Object.keys(localStorage)")
    assert [key for key in keys_kept if not key.endswith(".__palette")] == [STORE]
    assert page.context.cookies() == []

    page.reload()
    expect(progress).to_have_text(f"2 of {total} done")
    assert [boxes(page).nth(i).is_checked() for i in range(total)] == [i in (0, 2) for i in range(total)]

    # another page of the same browser sees the same ticks, on the week page and in the whole guide
    other = page.context.new_page()
    other.goto(f"{server}/{page_path(SITE, 'week')}")
    expect(other.locator(f"{LIST} .iop-checklist__progress")).to_have_text(f"2 of {total} done")
    expect(boxes(other).nth(2)).to_be_checked()
    other.goto(f"{server}/{page_path(SITE, 'print')}")
    expect(other.locator(f"{LIST} input:checked")).to_have_count(2)
    other.close()

    page.get_by_role("button", name="Clear my ticks").click()
    expect(progress).to_have_text(f"0 of {total} done")
    expect(page.locator(f"{LIST} input:checked")).to_have_count(0)
    assert stored(page) in (None, {})
    page.reload()
    expect(page.locator(f"{LIST} input:checked")).to_have_count(0)


def test_a_tick_for_old_words_does_not_land_on_new_ones(open_page) -> None:
    page = open_page(WEEK)
    first = page.locator(f"{LIST} li").first.get_attribute("data-item")
    # "0000dead" stands for an item whose words changed since it was ticked
    page.evaluate(f"localStorage.setItem({STORE!r}, JSON.stringify({{'week-2': ['0000dead', {first!r}]}}))")
    page.reload()
    expect(page.locator(f"{LIST} input:checked")).to_have_count(1)
    expect(boxes(page).first).to_be_checked()
    # saving the list again forgets the stale tick
    boxes(page).last.check()
    assert stored(page)["week-2"] == [first, page.locator(f"{LIST} li").last.get_attribute("data-item")]
    # "forget everything" (the footer's button) empties the boxes on the open page too
    page.evaluate("window.iopGuide.store.clearAll()")
    expect(page.locator(f"{LIST} input:checked")).to_have_count(0)
    expect(page.locator(f"{LIST} .iop-checklist__progress")).to_have_text(re.compile(r"^0 of \d+ done$"))


def test_keyboard_reaches_and_ticks_a_box(open_page) -> None:
    page = open_page(WEEK)
    # start from the last link before the list: its heading's permalink
    page.locator("h2:has(+ .iop-checklist) a.headerlink").focus()
    page.keyboard.press("Tab")
    first = boxes(page).first
    expect(first).to_be_focused()
    # focus shows on the box and around its whole row
    outlines = page.evaluate("""[document.activeElement, document.activeElement.closest('label')]
        .map(el => getComputedStyle(el).outlineStyle)""")
    assert outlines == ["solid", "solid"]
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    expect(page.locator(f"{LIST} .iop-checklist__progress")).to_have_text(
        f"1 of {boxes(page).count()} done")
    page.keyboard.press("Tab")
    expect(boxes(page).nth(1)).to_be_focused()


def test_without_script_a_plain_list(open_page) -> None:
    page = open_page(WEEK, java_script_enabled=False)
    expect(page.locator(f"{LIST} li").first).to_be_visible()
    assert page.locator(f"{LIST} li").count() >= 3
    assert page.locator("article input, article button, .iop-checklist__progress").count() == 0
    # on paper each item gets an empty square to tick by hand
    page.emulate_media(media="print")
    square = page.evaluate(f"""(() => {{
        const style = getComputedStyle(document.querySelector('{LIST} li'), '::before');
        return [style.content, style.borderTopStyle, parseFloat(style.width)];
    }})()""")
    assert square[0] == '""' and square[1] == "solid" and square[2] > 0


def test_printed_boxes_show_the_ticks_and_nothing_to_press(open_page) -> None:
    page = open_page(WEEK)
    boxes(page).first.check()
    page.emulate_media(media="print")
    expect(boxes(page).first).to_be_visible()
    expect(boxes(page).first).to_be_checked()
    expect(boxes(page).nth(1)).to_be_visible()
    expect(page.locator(f"{LIST} .iop-checklist__progress")).to_be_hidden()
    expect(page.get_by_role("button", name="Clear my ticks")).to_be_hidden()


@pytest.mark.parametrize("kind", ["week", "preparing"])
def test_rows_are_big_enough_for_fingers_on_a_phone(open_page, kind: str) -> None:
    page = open_page(page_path(SITE, kind), viewport={"width": 360, "height": 740})
    rows = page.locator(".iop-checklist__item")
    assert rows.count() >= 3
    for i in range(rows.count()):
        box = rows.nth(i).bounding_box()
        assert box is not None and box["height"] >= 44, (i, box)
    button = page.locator(".iop-checklist__clear").first.bounding_box()
    assert button is not None and button["height"] >= 44 and button["width"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    sizes = page.evaluate("""[...document.querySelectorAll(
        '.iop-checklist__text, .iop-checklist__progress, .iop-checklist__clear')]
        .map(el => parseFloat(getComputedStyle(el).fontSize))""")
    assert min(sizes) >= 16


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_ticked_list_passes_axe(open_page, scheme: str) -> None:
    page = open_page(page_path(SITE, "preparing"), color_scheme=scheme)
    page.locator(".iop-checklist input").first.check()
    page.keyboard.press("Tab")
    violations = Axe().run(page, context=".iop-checklist", options=RULES).response["violations"]
    assert violations == [], describe(violations)
