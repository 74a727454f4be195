"""Every sink, every field, in Chromium: the build with a hostile value in every string field (tests/hostile.py),
its portal and the preview's page of problems run no script, and the calendar file a patient downloads holds the
hostile track name as text only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import pytest
from hostile import MARK, PLAIN, shown
from support import static_host

from browser.conftest import SCAN
from generator.paths import Project
from generator.tools import preview


@pytest.fixture(scope="module")
def preview_page(hostile_build: Any, project: Project, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The preview's page of problems, made from what `check` said of the refused payloads, built by MkDocs."""
    folder = tmp_path_factory.mktemp("preview")
    staging = folder / "staging"
    staging.mkdir()
    problems = [d.format(source=True) for found in hostile_build.verdicts.refused.values() for d in found]
    assert len(problems) > 100 and any(MARK.search(p) for p in problems)
    preview.show_errors(project, staging, problems)
    preview.build_site(staging, folder / "site", "http://127.0.0.1/")
    return folder / "site"


@pytest.fixture(scope="module")
def hosts(hostile_build: Any, preview_page: Path) -> Iterator[tuple[str, str]]:
    """The hostile build and the preview page, each served on 127.0.0.1."""
    with static_host.serving(hostile_build.out, {}) as sites, static_host.serving(preview_page, {}) as preview:
        yield sites, preview


def _visit(context: Any, urls: list[str]) -> list[str]:
    """Load each page; return what ran or could run on any of them."""
    problems = []
    page = context.new_page()
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    for url in urls:
        page.goto(url)
        if page.evaluate("typeof window.__pwned") != "undefined":
            problems.append(f"{url}: a payload ran")
        problems += [f"{url}: {found}" for found in page.evaluate(SCAN)]
    return problems


def _pages_showing_every_value(out: Path) -> list[str]:
    """The portal and, of every site in each of its languages, each page but the weeks (the whole-guide page
    shows every week) and the therapies another site already showed in that language (a therapy's page comes
    from its one file and its translation)."""
    found, therapies = ["index.html"], set()
    for page in sorted(out.glob("*/*/**/*.html")):
        parts = page.relative_to(out).parts
        # a guide in another language is a site of its own below the English one (es/)
        cut = 3 if len(parts) > 3 and re.fullmatch(r"[a-z]{2}", parts[2]) else 2
        site, within = "/".join(parts[:cut]), "/".join(parts[cut:])
        if within.startswith("weeks/") and within != "weeks/week-1.html":
            continue
        if within.startswith("therapies/") and within != "therapies/index.html":
            if (parts[2:cut], within) in therapies:
                continue
            therapies.add((parts[2:cut], within))
        found.append(f"{site}/{within}")
    return found


def test_no_page_portal_or_preview_runs_a_payload(browser: Any, hostile_build: Any, hosts: tuple[str, str],
                                                  preview_page: Path) -> None:
    sites, preview = hosts
    urls = [f"{sites}/{page}" for page in _pages_showing_every_value(hostile_build.out)]
    urls += [f"{preview}/{p.relative_to(preview_page).as_posix()}" for p in sorted(preview_page.rglob("*.html"))]
    assert len(urls) > 80
    context = browser.new_context()
    dialogs: list[str] = []
    context.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        assert _visit(context, urls) == []
        # search shows titles and text from the data too
        page = context.new_page()
        page.goto(f"{sites}/harbor-light/pasadena/index.html")
        page.keyboard.press("/")
        page.keyboard.type("pwn")
        page.locator(".md-search-result__item").first.wait_for()
        assert page.evaluate("typeof window.__pwned") == "undefined" and page.evaluate(SCAN) == []
    finally:
        context.close()
    assert dialogs == []


def test_a_hostile_track_name_is_chosen_and_stays_one_text_in_the_calendar(browser: Any, hostile_build: Any,
                                                                           hosts: tuple[str, str]) -> None:
    sites, _ = hosts
    site = next(key for key in hostile_build.result.built if key.startswith("harbor-light/") and PLAIN not in key)
    context = browser.new_context(accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(f"{sites}/{site}/index.html")
        track = page.get_by_label("Schedule track")
        names = track.evaluate("select => [...select.options].map(o => o.value)")
        chosen = next(name for name in names if MARK.search(name))
        page.get_by_label("First day of week 1").fill(date(2026, 3, 2).isoformat())
        track.select_option(chosen)
        page.get_by_role("button", name="Save my plan").click()
        page.get_by_role("button", name="Add to my calendar").wait_for()
        with page.expect_download() as info:
            page.get_by_role("button", name="Add to my calendar").click()
        raw = Path(info.value.path()).read_bytes()
    finally:
        context.close()
    calendar = icalendar.Calendar.from_ical(raw)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    # the week's title (hostile too) is the summary; the track's name is in the description, whole
    assert events and all(MARK.search(str(e["SUMMARY"])) for e in events)
    assert all(shown(chosen) in shown(str(e["DESCRIPTION"])) for e in events)
    # the name's characters made no line of their own: every line is a property, a folded line or a BEGIN/END
    lines = raw.decode("utf-8").split("\r\n")
    names = {line.split(":", 1)[0].split(";", 1)[0] for line in lines if line and not line.startswith(" ")}
    assert names <= {"BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "METHOD", "UID", "DTSTAMP", "DTSTART", "DTEND",
                     "SUMMARY", "LOCATION", "DESCRIPTION", "X-WR-CALNAME"}, names
