"""Every page kind of every demo site loads in a real browser and shows what it should."""

from __future__ import annotations

import pytest

from browser.conftest import PAGE_KINDS, SITES, page_path


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("site", SITES)
def test_page_kind_loads_with_crisis_help(open_page, site: str, kind: str) -> None:
    errors: list[str] = []
    page = open_page(page_path(site, kind), errors=errors)
    heading = page.locator("article h1")
    assert heading.count() == 1 and heading.inner_text().strip()
    crisis = page.locator(".iop-crisis a[href='tel:988']")
    assert crisis.is_visible()
    assert page.evaluate("document.documentElement.lang") == "en"
    assert errors == []
