"""The live preview's error page in Chromium: problems that quote hostile values show as text, and nothing runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from support.commands import fetch, previewing, wait_for
from test_serve import IMAGE_PAYLOAD, break_with_payloads

# resolves once the browser has fired the toggle event of a <details open> added now: toggle events are
# queued in order, so any <details open ontoggle> of the page has fired by then
_AFTER_TOGGLES = """() => new Promise(resolve => {
  const probe = document.createElement('details');
  probe.addEventListener('toggle', () => { probe.remove(); resolve(typeof window.__pwned); });
  document.body.append(probe);
  probe.open = true;
})"""
_HANDLERS = """() => [...document.querySelectorAll('*')].flatMap(
  el => [...el.attributes].filter(a => a.name.toLowerCase().startsWith('on')).map(a => `${el.tagName} ${a.name}`))"""
# a problem that needs a sideways scroll to be read
_UNWRAPPED = "() => [...document.querySelectorAll('article pre')].filter(p => p.scrollWidth > p.clientWidth).length"


def test_preview_error_page_shows_payloads_and_runs_none(browser: Any, workdir: Path) -> None:
    folder = workdir
    location = folder / "program_data/clinics/harbor-light/locations/pasadena.yaml"
    good = location.read_text(encoding="utf-8")
    with previewing(folder) as running:
        break_with_payloads(folder / "program_data")
        url = f"{running.url}/weeks/week-2.html"
        wait_for(lambda: "problem(s) to fix" in (fetch(url) or ""))
        context = browser.new_context(viewport={"width": 390, "height": 844})
        dialogs: list[str] = []
        context.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        try:
            page = context.new_page()
            page.goto(url)
            assert page.evaluate(_AFTER_TOGGLES) == "undefined"
            assert page.evaluate("typeof window.__pwned") == "undefined"
            assert page.evaluate(_HANDLERS) == []
            text = page.inner_text("article")
            assert page.evaluate(_UNWRAPPED) == 0
            # the next good save brings the guide back in the open page, which reloads by itself
            location.write_text(good, encoding="utf-8")
            # while the page reloads it has no body for a moment: wait on, do not fail
            page.wait_for_function("() => document.body !== null && document.body.innerText.includes('Week 2:')",
                                   timeout=60_000)
            assert "problem(s)" not in page.inner_text("article")
        finally:
            context.close()
    assert dialogs == []
    assert "problem(s) to fix" in text
    assert "<details open ontoggle=window.__pwned=1>" in text and IMAGE_PAYLOAD in text
