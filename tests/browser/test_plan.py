"""The plan of my own weeks: start date and track on home, dates on week pages, a calendar file.

Expected dates come from the same YAML facts (the resolved specs) through Python's
datetime, in a browser set to Los Angeles time so that the chosen starts cross a
daylight-saving change (8 March and 1 November 2026).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import icalendar
import pytest
from playwright.sync_api import expect

from browser.conftest import page_path, spec_of
from browser.test_accessibility import AXE, RULES, describe
from generator.render.views import session_time
from generator.render.words import Words
from generator.resolve import SiteSpec

ZONE = "America/Los_Angeles"
DAY_IDS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]  # date.weekday() order
# (site, first day of week 1, track): a Monday, and Wednesdays whose programs cross a clock change
PLANS = [
    ("harbor-light/pasadena", date(2026, 3, 4), 1),
    ("cedar-path/sacramento", date(2026, 1, 12), 0),
    ("harbor-light/riverside", date(2026, 10, 28), 0),
]


def long(day: date) -> str:
    """A date as Intl.DateTimeFormat("en-US", weekday long, month long, day) writes it."""
    return f"{day:%A}, {day:%B} {day.day}"


def long_year(day: date) -> str:
    return f"{long(day)}, {day.year}"


@dataclass
class Expected:
    """What one plan must give, worked out from the spec's facts."""

    spec: SiteSpec
    start: date
    track_index: int

    @property
    def track(self) -> Any:
        return self.spec.location.tracks[self.track_index]

    def week(self, number: int) -> tuple[date, date, list[date]]:
        first = self.start + timedelta(days=7 * (number - 1))
        days = [first + timedelta(days=i) for i in range(7)]
        ids = {d.value for d in self.track.days}
        return first, days[-1], [d for d in days if DAY_IDS[d.weekday()] in ids]

    def sessions(self) -> list[tuple[int, date]]:
        return [(n, day) for n in range(1, self.spec.length + 1) for day in self.week(n)[2]]

    def at(self, day: date, clock: str) -> datetime:
        hours, minutes = (int(x) for x in clock.split(":"))
        return datetime(day.year, day.month, day.day, hours, minutes)


def address(spec: SiteSpec) -> str:
    a = spec.location.address
    return f"{a.street}, {a.city}, {a.region} {a.postal_code}"


def stored_keys(page: Any) -> list[str]:
    return page.evaluate("Object.keys(window.localStorage).filter(k => k.startsWith('iop-guide:'))")


def save_plan(page: Any, expected: Expected) -> None:
    page.get_by_label("First day of week 1").fill(expected.start.isoformat())
    page.get_by_label("Schedule track").select_option(expected.track.name)
    page.get_by_role("button", name="Save my plan").click()


def assert_week_shows(page: Any, expected: Expected, number: int) -> None:
    first, last, sessions = expected.week(number)
    box = page.locator("[data-iop-week-plan]")
    expect(box).to_be_visible()
    expect(box.locator(".iop-week-plan__dates")).to_have_text(f"Your week {number}: {long(first)} to {long_year(last)}")
    time = session_time(expected.track, Words("en"))
    expect(box).to_contain_text(f"Your sessions ({expected.track.name}, {time}):")
    expect(box.locator(".iop-week-plan__sessions li")).to_have_text([long(day) for day in sessions])
    expect(box.get_by_role("link", name="Change your plan")).to_have_attribute("href", "../index.html#plan-your-dates")


def check_calendar(raw: bytes, expected: Expected) -> list[str]:
    """Check one downloaded calendar file against the plan; give its UIDs in order."""
    text = raw.decode("utf-8")
    assert text.replace("\r\n", "").count("\n") == 0 and text.count("\r") == text.count("\r\n"), "CRLF only"
    lines = text.split("\r\n")
    assert lines[-1] == "", "the file ends with CRLF"
    assert all(len(line.encode("utf-8")) <= 75 for line in lines), "lines folded at 75 octets"
    assert any(line.startswith(" ") for line in lines), "long lines are folded, not cut"

    cal = icalendar.Calendar.from_ical(raw)
    assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"])
    events = list(cal.walk("VEVENT"))
    sessions = expected.sessions()
    assert len(events) == len(sessions)
    assert len({str(e["UID"]) for e in events}) == len(events)

    weeks = {w.number: w.title for w in expected.spec.weeks}
    track = expected.track
    by_start = {e.decoded("DTSTART"): e for e in events}
    for number, day in [sessions[0], sessions[len(sessions) // 2], sessions[-1]]:
        event = by_start[expected.at(day, track.start)]
        assert event.decoded("DTEND") == expected.at(day, track.end)
        assert event.decoded("DTSTART").tzinfo is None, "floating local time: the data has no time zone"
        assert str(event["SUMMARY"]) == f"IOP week {number}: {weeks[number]}"
    for event in events:
        assert address(expected.spec) in str(event["LOCATION"])
        assert expected.spec.location.phone in str(event["DESCRIPTION"])
        assert "\n" in str(event["DESCRIPTION"]), "an escaped newline reads back as one"
        stamp = event.decoded("DTSTAMP")
        assert stamp.utcoffset() == timedelta(0), "DTSTAMP is UTC"
    return [str(e["UID"]) for e in events]


@pytest.mark.parametrize(("site", "start", "track_index"), PLANS)
def test_plan_dates_calendar_and_clearing(open_page, server: str, site: str, start: date, track_index: int) -> None:
    expected = Expected(spec_of(site), start, track_index)
    errors: list[str] = []
    page = open_page(page_path(site, "home"), timezone_id=ZONE, accept_downloads=True)
    page.on("pageerror", lambda error: errors.append(str(error)))
    save_plan(page, expected)

    last_day = start + timedelta(days=7 * expected.spec.length - 1)
    expect(page.locator("[data-iop-plan-status]")).to_have_text(f"Plan saved. Your program ends {long_year(last_day)}.")
    expect(page.locator("[data-iop-plan-facts]")).to_contain_text(
        f"Program ends: {long_year(last_day)} (end of week {expected.spec.length})")
    assert stored_keys(page) == [f"iop-guide:{site}:plan"]
    stored = json.loads(page.evaluate(f"localStorage.getItem('iop-guide:{site}:plan')"))
    assert stored == {"start": start.isoformat(), "track": expected.track.name}

    # the plan outlives a reload: home keeps it, week pages show their own dates
    page.reload()
    expect(page.get_by_label("First day of week 1")).to_have_value(start.isoformat())
    with page.expect_download() as info:
        page.get_by_role("button", name="Add to my calendar").click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    uids = check_calendar(download.path().read_bytes(), expected)
    expect(page.locator("[data-iop-plan-status]")).to_contain_text(f"{len(uids)} sessions")
    with page.expect_download() as again:
        page.get_by_role("button", name="Add to my calendar").click()
    assert check_calendar(again.value.path().read_bytes(), expected) == uids, "UIDs are stable"

    for number in (2, expected.spec.length):
        page.goto(f"{server}/{site}/weeks/week-{number}.html")
        assert_week_shows(page, expected, number)

    # on paper the week keeps its dates but not the link to change them
    page.emulate_media(media="print")
    expect(page.locator(".iop-week-plan__dates")).to_be_visible()
    expect(page.get_by_role("link", name="Change your plan")).to_be_hidden()
    page.emulate_media(media="screen")

    page.get_by_role("link", name="Change your plan").click()
    expect(page.locator("[data-iop-plan-facts]")).to_contain_text(f"Week 1 starts: {long_year(start)}")
    page.get_by_role("button", name="Clear my plan").click()
    expect(page.locator("[data-iop-plan-status]")).to_contain_text("Your plan is cleared")
    expect(page.get_by_role("button", name="Add to my calendar")).to_be_hidden()
    expect(page.get_by_label("First day of week 1")).to_be_focused()
    assert stored_keys(page) == []

    page.goto(f"{server}/{page_path(site, 'week')}")
    box = page.locator("[data-iop-week-plan]")
    expect(box).to_contain_text("choose your start date")
    assert box.locator(".iop-week-plan__dates, .iop-week-plan__sessions").count() == 0
    assert str(expected.week(2)[0].year) not in box.inner_text()
    assert errors == []


# hostile track names, put into a built page's form and site data (as the generator writes them) in
# place of the tracks' own names; the third is a copy of the first track, under its own name
HOSTILE = ["Evening\r\nDTSTART:19700101T000000Z", "A\rB", "Night\x0bX-VT:1\x85X-NEL:1\u2028X-LS:1\x00"]
SAME_AS = [0, 1, 0]
SITE_DATA = re.compile(r'(<script type="application/json" id="iop-site-data">)(.*?)(</script>)', re.S)
# every property the guide writes; anything else in the file came from data
PROPERTIES = {"BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME", "UID", "DTSTAMP",
              "DTSTART", "DTEND", "SUMMARY", "LOCATION", "DESCRIPTION"}


def with_hostile_names(page: str) -> str:
    """A built page whose schedule tracks carry the HOSTILE names, in its form and in its site data."""
    match = SITE_DATA.search(page)
    assert match, "the page has its site data"
    data = json.loads(match[2])
    data["tracks"].append(dict(data["tracks"][SAME_AS[2]]))
    for track, name in zip(data["tracks"], HOSTILE, strict=True):
        old = html.escape(track["name"])
        option = f'<option value="{html.escape(name)}">{html.escape(name)}:'
        if track is data["tracks"][-1]:  # the copy gets an option of its own
            page = page.replace("</select>", f"{option} a copy</option>\n</select>")
        else:
            page = page.replace(f'<option value="{old}">{old}:', option)
        track["name"] = name
    script = json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return SITE_DATA.sub(lambda found: found[1] + script + found[3], page, count=1)


def ics_text(name: str) -> str:
    """A name as a calendar TEXT value: line breaks escaped, other control characters made spaces."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", re.sub(r"\r\n|[\r\n\x85\u2028\u2029]", r"\\n", name))


def check_no_injection(raw: bytes, name: str) -> None:
    """The calendar holds only the guide's own properties, once per event, and the name as escaped text."""
    text = raw.decode("utf-8")
    assert not re.search(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]", text), "no control characters"
    lines = [line for line in text.replace("\r\n ", "").split("\r\n") if line]
    names = [re.split(r"[:;]", line, maxsplit=1)[0] for line in lines]
    assert set(names) <= PROPERTIES, set(names) - PROPERTIES
    events = names.count("BEGIN") - 1
    assert all(names.count(p) == events for p in ("UID", "DTSTAMP", "DTSTART", "DTEND", "DESCRIPTION"))
    assert sum(ics_text(name) in line for line in lines) == events
    for event in icalendar.Calendar.from_ical(raw).walk("VEVENT"):
        assert ics_text(name).replace("\\n", "\n") in str(event["DESCRIPTION"])


def test_hostile_track_names_are_selectable_and_stay_text_in_the_calendar(open_page, server: str) -> None:
    site, start = "harbor-light/pasadena", date(2026, 3, 4)
    errors: list[str] = []
    page = open_page(page_path(site, "home"), timezone_id=ZONE, accept_downloads=True, errors=errors)

    def hostile(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=with_hostile_names(response.text()))

    page.context.route(lambda url: url.startswith(f"{server}/{site}/") and url.endswith(".html"), hostile)
    for index, name in enumerate(HOSTILE):
        expected = Expected(spec_of(site), start, SAME_AS[index])
        page.goto(f"{server}/{page_path(site, 'home')}")
        page.get_by_label("First day of week 1").fill(start.isoformat())
        page.get_by_label("Schedule track").select_option(index=index)
        page.get_by_role("button", name="Save my plan").click()
        expect(page.locator("[data-iop-plan-status]")).to_contain_text("Plan saved.")
        stored = json.loads(page.evaluate(f"localStorage.getItem('iop-guide:{site}:plan')"))
        assert stored == {"start": start.isoformat(), "track": name}

        page.reload()
        expect(page.locator("[data-iop-plan-facts]")).to_contain_text(f"Week 1 starts: {long_year(start)}")
        assert page.get_by_label("Schedule track").evaluate("select => select.selectedIndex") == index
        with page.expect_download() as info:
            page.get_by_role("button", name="Add to my calendar").click()
        raw = info.value.path().read_bytes()
        check_calendar(raw, expected)
        check_no_injection(raw, name)

        page.goto(f"{server}/{site}/weeks/week-2.html")
        first, last, sessions = expected.week(2)
        box = page.locator("[data-iop-week-plan]")
        expect(box.locator(".iop-week-plan__dates")).to_have_text(f"Your week 2: {long(first)} to {long_year(last)}")
        expect(box.locator(".iop-week-plan__sessions li")).to_have_text([long(day) for day in sessions])
    assert errors == []


def test_start_date_is_checked_inline(open_page) -> None:
    site = "harbor-light/pasadena"
    page = open_page(page_path(site, "home"))
    date_field = page.get_by_label("First day of week 1")
    save = page.get_by_role("button", name="Save my plan")

    save.click()
    error = page.locator("#iop-plan-start-error")
    expect(error).to_have_text("Enter the first day of your week 1.")
    expect(date_field).to_have_attribute("aria-invalid", "true")
    expect(date_field).to_be_focused()
    assert "iop-plan-start-error" in (date_field.get_attribute("aria-describedby") or "")

    # only the month typed: the browser holds a part of a date, which is no date
    date_field.press_sequentially("03")
    save.click()
    expect(error).to_contain_text("not a whole date")
    expect(date_field).to_be_focused()
    assert stored_keys(page) == []

    date_field.fill("2026-01-12")
    expect(error).to_be_hidden()
    expect(date_field).not_to_have_attribute("aria-invalid", "true")


@pytest.mark.parametrize("site", ["harbor-light/pasadena", "cedar-path/sacramento"])
def test_without_javascript_no_dead_form(open_page, server: str, site: str) -> None:
    page = open_page(page_path(site, "home"), java_script_enabled=False)
    expect(page.locator("[data-iop-plan]")).to_be_hidden()
    assert page.locator("form:visible, input:visible, select:visible").count() == 0
    expect(page.locator(".iop-plan__noscript")).to_be_visible()
    expect(page.locator(".iop-plan__noscript")).to_contain_text("Planning your dates needs JavaScript")
    page.goto(f"{server}/{page_path(site, 'week')}")
    expect(page.locator("[data-iop-week-plan]")).to_be_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("site", ["harbor-light/pasadena", "cedar-path/sacramento"])
def test_planned_pages_accessible_and_fit_a_phone(open_page, server: str, site: str, scheme: str) -> None:
    expected = Expected(spec_of(site), date(2026, 1, 12), 0)
    page = open_page(page_path(site, "home"), color_scheme=scheme)
    save_plan(page, expected)
    expect(page.get_by_role("button", name="Add to my calendar")).to_be_visible()
    for path in ("index.html", "weeks/week-3.html"):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"{server}/{site}/{path}")
        expect(page.locator("[data-iop-plan], [data-iop-week-plan]").first).to_be_visible()
        # the whole pages are checked without a plan in test_accessibility; here what a plan adds
        mine = {"include": [["#plan-your-dates"], ["[data-iop-plan]"], ["[data-iop-week-plan]"]]}
        violations = AXE.run(page, context=mine, options=RULES).response["violations"]
        assert violations == [], describe(violations)
        page.set_viewport_size({"width": 360, "height": 740})
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        controls = page.locator(".iop-plan input, .iop-plan select, .iop-plan button, .iop-week-plan a").filter(
            visible=True)
        assert controls.count() >= (5 if path == "index.html" else 1)
        for i in range(controls.count()):
            control = controls.nth(i)
            box = control.bounding_box()
            assert box and box["width"] >= 44 and box["height"] >= 44, control.evaluate("e => e.outerHTML")
            size = control.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
            assert size >= 16, control.evaluate("e => e.outerHTML")
