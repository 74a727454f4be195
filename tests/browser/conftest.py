"""Browser harness: the demo sites served on 127.0.0.1 and opened in Debian's headless Chromium.

Playwright drives the system Chromium (`apt-get install -y chromium`); it never
downloads a browser. Without Chromium the browser tests skip with a message
saying how to install it, except where IOP_REQUIRE_BROWSER is set (as CI does),
where a missing browser is an error.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import DEMO_SITES
from support import demo, static_host

from generator.resolve import SiteSpec

CHROMIUM = Path(os.environ.get("IOP_CHROMIUM", "/usr/bin/chromium"))
INSTALL = "install Debian's Chromium with: sudo apt-get install -y chromium"
# keep the browser itself from reaching any host but this one
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync", "--disable-component-update",
        "--disable-background-networking", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]

SITES = DEMO_SITES
# every event handler, and every address that could run code, as the browser sees the page after its scripts ran
SCAN = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    if (el.matches('[data-md-component="search-share"]')) continue;  // the theme's own copy-link button
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\x00-\\x20]/g, '').toLowerCase();
      if (name.startsWith('on')) found.push(`${el.tagName} ${name}`);
      if (/^(href|src|action|formaction|data|xlink:href|poster|srcset)$/.test(name)
          && /^(javascript|data|vbscript):/.test(value)) found.push(`${el.tagName} ${name}=${attr.value}`);
    }
  }
  return found;
}"""

PAGE_KINDS = {
    "home": "index.html",
    "week": "weeks/week-2.html",
    "last-week": "weeks/week-{last}.html",
    "therapies": "therapies/index.html",
    "therapy": "therapies/group-therapy.html",
    "preparing": "preparing.html",
    "tips": "tips.html",
    "progress": "progress.html",
    "challenges": "challenges.html",
    "faq": "faq.html",
    "after": "after.html",
    "levels-of-care": "levels-of-care.html",
    "contact": "contact.html",
    "glossary": "glossary.html",
    "print": "print.html",
    "not-found": "no-such-page.html",
}


def spec_of(site: str) -> SiteSpec:
    """The resolved demo site of a key, for helpers that cannot take the `demo_specs` fixture (the same run)."""
    return demo.specs()[site]


def page_path(site: str, kind: str) -> str:
    """The path of one page kind of one site, below the server root."""
    path = PAGE_KINDS[kind]
    # only the last week's path needs the data: module-level paths stay cheap to collect
    return f"{site}/{path.format(last=spec_of(site).length) if '{last}' in path else path}"


def aliases() -> dict[str, str]:
    """The public path of each demo site, mapped to its folder below the server root."""
    return static_host.site_aliases(demo.specs().values())


@pytest.fixture(scope="session")
def server(built: Path) -> Iterator[str]:
    """The built demo sites served like a static host on a free port of 127.0.0.1; yields the base URL."""
    # each site also answers at its public path, so the 404 page (absolute links) finds its styles
    with static_host.serving(built, aliases()) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium, shared by the session."""
    if not CHROMIUM.exists():
        if os.environ.get("IOP_REQUIRE_BROWSER"):
            pytest.fail(f"Chromium is required here but missing at {CHROMIUM}: {INSTALL}")
        pytest.skip(f"browser tests need Chromium at {CHROMIUM}: {INSTALL}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser: Any, server: str) -> Iterator[Callable[..., Any]]:
    """Open a page of the demo sites in a fresh browser context.

    open_page(path, requests=list, errors=list, **context options): the lists, when
    given, collect every request URL and every script error from the first byte on.
    """
    contexts = []

    def opener(path: str, *, requests: list[str] | None = None, errors: list[str] | None = None,
               **options: Any) -> Any:
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        contexts.append(context)
        if requests is not None:
            context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        if errors is not None:
            page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{server}/{path}")
        return page

    yield opener
    for context in contexts:
        context.close()
