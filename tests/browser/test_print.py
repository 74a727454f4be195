"""Print and PDF: the whole guide on paper, week by week, and every page without the site's chrome."""

from __future__ import annotations

import copy
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup, Tag
from pypdf import PdfReader

from browser.conftest import PAGE_KINDS, SITES, page_path, spec_of
from generator.render import markup
from generator.render.href import tel


def squeeze(text: str) -> str:
    return " ".join(text.split())


def pdf_pages(page: Any) -> list[str]:
    """Print the open page to PDF as the browser's print dialog would, and read back each page's text."""
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="Letter")))
    return [squeeze(sheet.extract_text()) for sheet in reader.pages]


@pytest.mark.parametrize("site", SITES)
def test_whole_guide_prints_every_week_from_a_new_page(open_page, site: str) -> None:
    spec = spec_of(site)
    page = open_page(page_path(site, "print"))
    crisis = squeeze(page.locator(".iop-crisis strong").inner_text())
    pages = pdf_pages(page)
    assert len(pages) >= spec.length
    assert spec.location.phone in pages[0] and "988" in pages[0] and crisis in pages[0]
    # every week after the first opens a printed page of its own
    headings = [f"Week {week.number}: {shown(week.title)}" for week in spec.weeks]
    starts = [next((i for i, text in enumerate(pages) if text.startswith(heading)), None)
              for heading in headings[1:]]
    assert None not in starts, list(zip(headings[1:], starts, strict=True))
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    whole = " ".join(pages)
    positions = [whole.find(heading) for heading in headings]
    assert -1 not in positions and positions == sorted(positions)


@pytest.mark.parametrize("site", SITES)
def test_printed_week_page_has_no_site_chrome(open_page, site: str) -> None:
    spec = spec_of(site)
    page = open_page(page_path(site, "week"))
    placeholder = page.locator(".md-search__input").get_attribute("placeholder")
    crisis = squeeze(page.locator(".iop-crisis strong").inner_text())
    pages = pdf_pages(page)
    whole = " ".join(pages)
    assert placeholder and placeholder not in whole
    assert "Your weeks" not in whole  # the navigation's section title
    assert "Skip to content" not in whole and "Table of contents" not in whole
    assert f"Week 1: {shown(spec.weeks[0].title)}" not in whole  # the previous-week link
    assert f"{spec.clinic.name}: {spec.location.name}" not in whole  # the header's site name
    assert "¶" not in whole  # permalink anchors
    assert "Week 2:" in whole
    assert spec.location.phone in pages[0] and crisis in pages[0] and "988" in pages[0]


CHROME = [".md-header", ".md-sidebar", ".md-footer", ".md-top", ".headerlink"]
# the selectors of which some element still takes up room on the page
CHROME_SHOWN = "sels => sels.filter(s => [...document.querySelectorAll(s)].some(e => e.getClientRects().length))"


def test_every_page_kind_prints_crisis_help_and_phone_without_chrome(open_page, server: str) -> None:
    spec = spec_of(SITES[0])
    page = open_page(page_path(SITES[0], "home"))
    contact = page.locator(".iop-print-contact")
    for kind in PAGE_KINDS:
        page.emulate_media(media="screen")
        page.goto(f"{server}/{page_path(SITES[0], kind)}")
        assert not contact.is_visible(), kind  # on screen the footer carries the phone
        page.emulate_media(media="print")
        assert page.locator(".iop-crisis a[href='tel:988']").is_visible(), kind
        assert contact.is_visible() and spec.location.phone in contact.inner_text(), kind
        assert page.evaluate(CHROME_SHOWN, CHROME) == [], kind
        # the text takes the whole width of the paper
        width = page.evaluate("document.querySelector('article').getBoundingClientRect().width")
        assert width >= 0.9 * page.viewport_size["width"], kind


# links whose text does not show their target, and one (the last) whose text does
LINKS = ('<p id="print-links">Read <a href="https://example.org/iop-help">our help pages</a>, write to '
         '<a href="mailto:desk@example.org">the front desk</a>, <a href="tel:+15555550100">call the desk</a> '
         'or see <a href="https://example.org/shown/">example.org/shown</a>.</p>')


@pytest.fixture
def week_page_with_links(browser: Any, server: str) -> Iterator[Any]:
    """A week page served with extra links in its text, as data may bring them."""
    context = browser.new_context()

    def add_links(route: Any) -> None:
        response = route.fetch()
        body = response.text().replace("</h1>", "</h1>" + LINKS, 1)
        route.fulfill(response=response, body=body)

    path = page_path(SITES[0], "week")
    context.route(f"{server}/{path}", add_links)
    page = context.new_page()
    page.goto(f"{server}/{path}")
    yield page
    context.close()


def test_printed_links_show_targets_the_text_does_not(week_page_with_links: Any) -> None:
    spec = spec_of(SITES[0])
    whole = " ".join(pdf_pages(week_page_with_links))
    tight = whole.replace(" ", "")  # the PDF's text may lose the space before "("
    assert "ourhelppages(https://example.org/iop-help)" in tight
    assert "thefrontdesk(desk@example.org)" in tight
    assert "callthedesk(+15555550100)" in tight
    assert "example.org/shown(" not in tight
    # phone links that show their number, and links inside the guide, stay as they are
    assert spec.location.phone in whole and str(tel(spec.location.phone)).removeprefix("tel:") not in whole
    assert ".html" not in whole and "(therapies/" not in whole


def test_print_button_is_made_by_script_and_stays_off_paper(open_page) -> None:
    path = page_path(SITES[0], "print")
    page = open_page(path, viewport={"width": 360, "height": 740})
    button = page.get_by_role("button", name="Print the whole guide")
    box = button.bounding_box()
    assert box and box["width"] >= 44 and box["height"] >= 44
    page.evaluate("window.print = () => { window.iopPrinted = true; }")
    button.click()
    assert page.evaluate("window.iopPrinted") is True
    page.emulate_media(media="print")
    assert not button.is_visible()
    without_js = open_page(path, java_script_enabled=False)
    assert without_js.locator("button.iop-print-button").count() == 0
    assert without_js.locator("article h1").is_visible()


def shown(text: str) -> str:
    """The words of one data item as the built page shows them."""
    html = markdown.markdown(markup.inline(text))
    return squeeze(BeautifulSoup(html, "html.parser").get_text(" "))


def heading_text(heading: Tag) -> str:
    """A heading's words, without its permalink sign."""
    heading = copy.copy(heading)
    for link in heading.select("a.headerlink"):
        link.decompose()
    return squeeze(heading.get_text(" "))


def items_after(heading: Tag) -> list[str]:
    """The texts of the list items under one heading, up to the next heading."""
    texts: list[str] = []
    for element in heading.find_next_siblings():
        if element.name in ("h2", "h3"):
            break
        texts += [squeeze(li.get_text(" ")) for li in element.find_all("li")]
    return texts


def test_whole_guide_holds_every_weeks_goals_and_checklist(built: Path, demo_specs: dict[str, Any]) -> None:
    for spec in demo_specs.values():
        html = (built / spec.key / "print.html").read_text(encoding="utf-8")
        weeks = BeautifulSoup(html, "html.parser").select("article section.iop-print-week")
        assert len(weeks) == spec.length, spec.key
        for week, section in zip(spec.weeks, weeks, strict=True):
            where = (spec.key, week.number)
            assert heading_text(section.find("h2")) == f"Week {week.number}: {shown(week.title)}", where
            headings = {heading_text(h): h for h in section.find_all("h3")}
            assert items_after(headings["Goals"]) == [shown(goal) for goal in week.phase.goals], where
            if week.checklist:
                checklist = items_after(headings[f"Your checklist for week {week.number}"])
                assert checklist == [shown(item) for item in week.checklist], where

