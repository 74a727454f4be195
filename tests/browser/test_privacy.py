"""Privacy, proved in the browser: no request leaves the site, no cookies, nothing stored on a visit alone,
and only what the patient chose is kept, until they clear it."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from browser.conftest import PAGE_KINDS, SITES, aliases, page_path


def allowed_keys(page, site: str) -> set[str]:
    """What the guide may keep, all chosen by the patient (see storage.js): its two keys and the theme's."""
    # the theme names its key after the site's own path (the 404 page uses the public one)
    scope = page.evaluate("__md_scope.pathname")
    assert scope in (f"/{site}/", {v: k for k, v in aliases().items()}[f"/{site}/"])
    return {f"iop-guide:{site}:checklists", f"iop-guide:{site}:plan", f"{scope}.__palette"}


def switch(page) -> Any:
    """The theme's light/dark switch, once the theme has set it up (and so has saved what it saves unasked)."""
    label = page.locator("label.md-header__button[for^='__palette']:visible")
    label.wait_for()
    return label


def read_and_search(page) -> None:
    """What a patient does on any page without choosing anything: read to the end, search."""
    switch(page)
    page.mouse.wheel(0, 20000)
    page.keyboard.press("/")
    page.keyboard.type("week")
    page.locator(".md-search-result__meta").wait_for()
    # the theme opens the dialog a moment after the search field takes focus (its results may show,
    # transparent, before): an Escape pressed earlier is lost and the dialog then covers the header
    search = page.locator("#__search")
    expect(search).to_be_checked()
    page.keyboard.press("Escape")
    expect(search).not_to_be_checked()


def nothing_stored(page) -> bool:
    """No local or session storage and no cookie, in the whole browser context."""
    return (page.evaluate("localStorage.length + sessionStorage.length") == 0
            and page.context.cookies() == [] and page.evaluate("document.cookie") == "")


def scheme(page) -> str | None:
    """The color scheme the page shows ("default" is light, "slate" dark)."""
    return page.locator("body").get_attribute("data-md-color-scheme")


def use(page) -> None:
    """What a patient might do on any page: read to the end, search, tick a box, switch colors."""
    read_and_search(page)
    assert nothing_stored(page), "reading and searching alone must store nothing"
    box = page.locator("article input[type=checkbox]")
    if box.count():
        box.first.check()
    switch(page).click()


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("site", SITES)
def test_nothing_leaves_the_site_and_only_chosen_things_are_kept(open_page, server: str, site: str,
                                                                  kind: str) -> None:
    requests: list[str] = []
    page = open_page(page_path(site, kind), requests=requests)
    use(page)
    origin = urlparse(server).netloc
    outside = [url for url in requests if urlparse(url).scheme not in ("data", "blob")
               and urlparse(url).netloc != origin]
    assert outside == []
    assert page.context.cookies() == [] and page.evaluate("document.cookie") == ""
    stored = set(page.evaluate("Object.keys(localStorage)"))
    assert stored, "using the page stored nothing: the palette switch should have been remembered"
    assert stored <= allowed_keys(page, site)
    assert page.evaluate("sessionStorage.length") == 0
    assert page.evaluate("indexedDB.databases().then(found => found.length)") == 0
    assert page.evaluate("caches.keys().then(found => found.length)") == 0
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then(found => found.length)") == 0


@pytest.mark.parametrize("site", SITES)
def test_a_visit_alone_stores_nothing(open_page, server: str, site: str) -> None:
    page = open_page(page_path(site, "home"))
    for kind in ("home", "week", "therapies", "print", "not-found"):
        page.goto(f"{server}/{page_path(site, kind)}")
        read_and_search(page)
        assert nothing_stored(page), f"the {kind} page stored something: {page.evaluate('Object.keys(localStorage)')}"


@pytest.mark.parametrize("site", SITES)
def test_the_footer_says_so_and_clears_what_was_kept_for_good(open_page, server: str, site: str) -> None:
    page = open_page(page_path(site, "week"), color_scheme="light")
    note = page.locator("#iop-privacy")
    assert "no cookies" in note.inner_text() and "no tracking" in note.inner_text()
    page.locator("article input[type=checkbox]").first.check()
    assert scheme(page) == "default"
    switch(page).click()
    assert scheme(page) == "slate"
    scope = page.evaluate("__md_scope.pathname")
    assert set(page.evaluate("Object.keys(localStorage)")) == {f"iop-guide:{site}:checklists", f"{scope}.__palette"}

    # the chosen scheme is kept on the next page
    page.goto(f"{server}/{page_path(site, 'home')}")
    switch(page)
    assert scheme(page) == "slate"

    page.get_by_role("button", name="Clear what this guide saved").click()
    assert page.evaluate("localStorage.length") == 0
    assert "nothing from this guide is saved" in page.get_by_role("status").last.inner_text()
    # and it stays cleared: more pages store nothing again, and show the browser's own scheme
    for kind in ("week", "home", "therapies"):
        page.goto(f"{server}/{page_path(site, kind)}")
        read_and_search(page)
        assert nothing_stored(page), f"the {kind} page stored something again after clearing"
        assert scheme(page) == "default"


def test_without_javascript_there_is_no_clear_button(open_page) -> None:
    page = open_page(page_path(SITES[0], "home"), java_script_enabled=False)
    assert "no cookies" in page.locator("#iop-privacy").inner_text()
    assert page.get_by_role("button", name="Clear what this guide saved").count() == 0


SITE_DATA = re.compile(r'<script type="application/json" id="iop-site-data">.*?</script>', re.S)
# the page's facts for its scripts, spoiled three ways: cut short, without the site's key, gone
SPOILED = {
    "cut short": '<script type="application/json" id="iop-site-data">{"site": "harbor-</script>',
    "no site": '<script type="application/json" id="iop-site-data">{"tracks": []}</script>',
    "missing": "",
}


@pytest.mark.parametrize("spoiled", SPOILED)
def test_without_site_data_pages_stay_as_without_script_and_say_why(open_page, server: str, spoiled: str) -> None:
    site = SITES[0]
    errors: list[str] = []
    warnings: list[str] = []
    page = open_page(page_path(site, "home"), errors=errors)

    def spoil(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=SITE_DATA.sub(SPOILED[spoiled], response.text(), count=1))

    page.context.route(lambda url: url.startswith(f"{server}/{site}/") and url.endswith(".html"), spoil)
    page.on("console", lambda message: warnings.append(message.text) if message.type == "warning" else None)
    page.goto(f"{server}/{page_path(site, 'home')}")
    assert page.locator("#iop-site-data").count() == (0 if spoiled == "missing" else 1)
    expect(page.locator("[data-iop-plan]")).to_be_hidden()
    assert page.get_by_role("button", name="Clear what this guide saved").count() == 0

    # every feature that keeps something is off the same way: plain lists, no dates, nothing stored
    page.goto(f"{server}/{page_path(site, 'week')}")
    expect(page.locator(".iop-checklist li").first).to_be_visible()
    assert page.locator("article input, article button, .iop-checklist__progress").count() == 0
    expect(page.locator("[data-iop-week-plan]")).to_be_hidden()
    read_and_search(page)
    assert nothing_stored(page)

    # what needs no data works on
    page.goto(f"{server}/{page_path(site, 'print')}")
    expect(page.get_by_role("button", name="Print the whole guide")).to_be_visible()
    assert errors == []
    assert len([w for w in warnings if "site data is missing or broken" in w]) == 3
