"""Checklists in the built HTML: plain lists with a stable id per list and per item, nothing to click.

checklists.js turns them into boxes patients can tick (tests/browser/test_checklists.py);
here the build's side of the contract is checked without a browser.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
from bs4 import BeautifulSoup
from conftest import ROOT
from support.html import article, words

from generator.render.templates import environment
from generator.render.views import tick_key, tick_list
from generator.render.xrefs import Findings, SiteTargets
from generator.resolve import SiteSpec

KEY = re.compile(r"^[0-9a-f]{8}(-[0-9]+)?$")


def check_list(page: Path, list_id: str, tag: str, expected: list[tuple[str | None, str]]) -> None:
    """The page holds one plain list `list_id` with the expected items, keyed by their words."""
    body = article(page)
    wrappers = body.select(f'.iop-checklist[data-checklist="{list_id}"]')
    assert len(wrappers) == 1, page
    items = wrappers[0].select(f":scope > {tag} > li")
    assert len(items) == len(expected), page
    for item, (title, text) in zip(items, expected, strict=True):
        assert item["data-item"] == tick_key(f"{title}\n{text}" if title else text)
        shown = words(item.get_text(" ", strip=True))
        assert shown == words(f"{title}. {text}" if title else text)
    # the build writes a plain list: the script adds the boxes, the progress and the button
    assert wrappers[0].select("input, button, label, [disabled]") == []
    assert body.select("input[type=checkbox], .task-list") == []


def test_week_checklists_are_plain_lists_keyed_by_their_words(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    with_lists = [week for week in spec.weeks if week.checklist]
    assert with_lists, "the demo data should have week checklists"
    for week in spec.weeks:
        page = folder / "weeks" / f"week-{week.number}.html"
        if week.checklist:
            check_list(page, f"week-{week.number}", "ul", [(None, item) for item in week.checklist])
        else:
            assert article(page).select(".iop-checklist") == []


def test_preparation_steps_are_a_numbered_checklist(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    steps = [(step.title, step.text) for step in spec.program.preparation]
    assert steps
    check_list(folder / "preparing.html", "preparing", "ol", steps)
    strong = article(folder / "preparing.html").select(".iop-checklist li > strong")
    assert [s.get_text() for s in strong] == [f"{title}." for title, _ in steps]


def test_item_keys_follow_the_words_not_the_place() -> None:
    first = tick_list("week-1", [(None, "Call your sponsor"), (None, "Go to group")])
    moved = tick_list("week-1", [(None, "Go to group"), (None, "Call  your\nsponsor")])
    reworded = tick_list("week-1", [(None, "Call your sponsor twice"), (None, "Go to group")])
    keys = [e["key"] for e in first["entries"]]
    assert all(KEY.match(k) for k in keys)
    # moving an item or re-wrapping its line keeps its key; new words make a new key
    assert [e["key"] for e in moved["entries"]] == keys[::-1]
    assert reworded["entries"][0]["key"] != keys[0]
    assert reworded["entries"][1]["key"] == keys[1]
    # the same words twice are still two items
    twice = tick_list("x", [(None, "Rest"), (None, "Rest")])
    assert len({e["key"] for e in twice["entries"]}) == 2


def test_checklist_text_stays_text() -> None:
    """Item words can neither add attributes nor HTML to the list."""
    page = environment(ROOT / "content").from_string(
        '{% import "_macros.md.jinja" as m with context %}{{ m.checklist(items, numbered=True) }}')
    evil = '<img src=x onerror="alert(1)"> {: onclick="alert(2)" } *kept*'
    items = tick_list("week-9", [(None, evil), ("Step <b>", "two {: .x }")])
    source = page.render(items=items, here="index.md", targets=SiteTargets("c/l", 8, frozenset()), findings=Findings())
    html = markdown.markdown(str(source), extensions=["attr_list", "md_in_html"])
    soup = BeautifulSoup(html, "html.parser")
    items = soup.select('.iop-checklist[data-checklist="week-9"] > ol > li')
    assert len(items) == 2
    assert soup.find("img") is None and soup.find("b") is None
    assert not [attr for tag in soup.find_all(True) for attr in tag.attrs if attr.startswith("on")]
    assert soup.select(".x") == []
    assert "<img" in items[0].get_text() and items[0].find("em").get_text() == "kept"
    assert sorted(items[0].attrs) == ["data-item"] and sorted(items[1].attrs) == ["data-item"]
