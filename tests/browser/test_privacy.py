"""Privacy, proved in the browser: no request leaves the site, no cookies, and only what the patient chose is stored."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from browser.conftest import ALIASES, PAGE_KINDS, SITES, page_path


def allowed_keys(page, site: str) -> set[str]:
    """What the guide may keep, all chosen by the patient (see storage.js): its two keys and the theme's."""
    # the theme names its key after the site's own path (the 404 page uses the public one)
    scope = page.evaluate("__md_scope.pathname")
    assert scope in (f"/{site}/", {v: k for k, v in ALIASES.items()}[f"/{site}/"])
    return {f"iop-guide:{site}:checklists", f"iop-guide:{site}:plan", f"{scope}.__palette"}


def use(page) -> None:
    """What a patient might do on any page: read to the end, search, tick a box, switch colors."""
    page.mouse.wheel(0, 20000)
    page.keyboard.press("/")
    page.keyboard.type("week")
    page.locator(".md-search-result__meta").wait_for()
    page.keyboard.press("Escape")
    box = page.locator("article input[type=checkbox]")
    if box.count():
        box.first.check()
    page.locator("label.md-header__button[for^='__palette']:visible").click()


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
def test_the_footer_says_so_and_clears_what_was_kept(open_page, site: str) -> None:
    page = open_page(page_path(site, "week"))
    note = page.locator("#iop-privacy")
    assert "no cookies" in note.inner_text() and "no tracking" in note.inner_text()
    page.locator("article input[type=checkbox]").first.check()
    page.locator("label.md-header__button[for^='__palette']:visible").click()
    assert page.evaluate("localStorage.length") >= 2
    page.get_by_role("button", name="Clear what this guide saved").click()
    assert page.evaluate("localStorage.length") == 0
    assert "nothing from this guide is saved" in page.get_by_role("status").last.inner_text()


def test_without_javascript_there_is_no_clear_button(open_page) -> None:
    page = open_page(page_path(SITES[0], "home"), java_script_enabled=False)
    assert "no cookies" in page.locator("#iop-privacy").inner_text()
    assert page.get_by_role("button", name="Clear what this guide saved").count() == 0
