"""Hostile data, proved harmless in the browser: every payload of tests/data/payloads.txt is shown as text, none runs.

The payloads go into many text fields, names and URL fields of one site's files
(see tests/payloads.py); the site is built and every one of its pages loaded.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from conftest import DEMO_DATA
from payloads import MARKER, SITE, hostile_copy, text_payloads, url_payloads
from support import static_host

from browser.conftest import SCAN
from generator import pipeline
from generator.paths import Project


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, project: Project) -> Iterator[tuple[str, list[str]]]:
    """One site built from data full of payloads, served; yields its base URL and its pages."""
    data = hostile_copy(DEMO_DATA, tmp_path_factory.mktemp("hostile") / "program_data")
    out = tmp_path_factory.mktemp("hostile-site")
    result = pipeline.build_sites(project, data, out, [SITE])
    assert result.built == [SITE], result.failed
    # the link check warns at the payloads' unsafe links, but does not block the build
    assert any("is not allowed" in d.message for d in result.warnings)
    pages = sorted(str(p.relative_to(out)) for p in (out / SITE).rglob("*.html"))
    with static_host.serving(out, {}) as url:
        yield url, pages


def test_no_payload_runs_and_every_payload_shows_as_text(browser: Any, hostile_site: tuple[str, list[str]]) -> None:
    url, pages = hostile_site
    assert len(pages) > 20
    context = browser.new_context()
    dialogs: list[str] = []
    context.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page = context.new_page()
    text = ""
    try:
        for path in pages:
            page.goto(f"{url}/{path}")
            assert page.evaluate("typeof window.__pwned") == "undefined", path
            assert page.evaluate(SCAN) == [], path
            text += page.evaluate("document.title + '\\n' + document.body.innerText") + "\n"
        # the search results show titles and text from the data too
        page.goto(f"{url}/{SITE}/index.html")
        page.keyboard.press("/")
        page.keyboard.type("pwn01")
        page.locator(".md-search-result__meta").wait_for()
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.evaluate(SCAN) == []
    finally:
        context.close()
    assert dialogs == []
    wanted = {m for p in text_payloads() + url_payloads() for m in MARKER.findall(p)}
    assert len(wanted) >= 40
    assert wanted - set(MARKER.findall(text)) == set()
    # script tags, template syntax and entities read exactly as written; templates never ran on the data
    for literal in ("<script>window.__pwned=1</script>", "{{ 7*7 }}", "{% raw %}{{ ''.", "{% endraw %}",
                    "{% for x in range(3) %}loop{% endfor %}", "&lt;script&gt;", "*[pwn24]:", "{: onmouseover=",
                    "</title><script>"):
        assert literal in text, literal
    assert "49" not in text.split("pwn33", 1)[1][:20]
    assert "<class" not in text and "looplooploop" not in text
