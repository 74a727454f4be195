"""The journey as a picture: the home timeline and each week's strip, on the built HTML of every demo site."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from bs4 import Tag
from support.html import soup

from generator.render import pages, timeline
from generator.render.words import Words
from generator.resolve import SiteSpec

# `site` (tests/conftest.py) runs a test once per demo site


def text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def target(folder: Path, page: Path, href: str) -> Path:
    """The file a relative link of a built page points to."""
    url = urljoin(page.relative_to(folder).as_posix(), href)
    return folder / url


def test_home_timeline_lists_every_week_in_order_under_its_phase(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    home = folder / "index.html"
    lists = soup(home).select("article ol.iop-timeline")
    assert len(lists) == 1
    timeline_list = lists[0]
    assert timeline_list["aria-label"].startswith(f"Your {spec.length} weeks")

    links = timeline_list.select("a")
    assert [text(a) for a in links] == [f"Week {w.number}" for w in spec.weeks]
    # the link's name for screen readers also says the phase
    assert [a["aria-label"] for a in links] == [f"Week {w.number}, {w.phase.title}" for w in spec.weeks]
    for week, link in zip(spec.weeks, links, strict=True):
        page = target(folder, home, link["href"])
        assert page == folder / "weeks" / f"week-{week.number}.html" and page.is_file(), link["href"]

    # one visible label per phase, in the order of the data's phases, over that phase's weeks
    groups = timeline_list.select(":scope > li")
    phases = []
    for week in spec.weeks:
        if not phases or phases[-1][0] != week.phase.title:
            phases.append((week.phase.title, []))
        phases[-1][1].append(f"Week {week.number}")
    assert [(text(g.select_one(".iop-timeline__label")), [text(a) for a in g.select("a")])
            for g in groups] == [(title, weeks) for title, weeks in phases]


def test_week_strip_marks_the_current_week(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    for week in spec.weeks:
        page = folder / "weeks" / f"week-{week.number}.html"
        strip = soup(page).select("article nav.iop-strip")
        assert len(strip) == 1, page
        assert text(strip[0].select_one(".iop-strip__where")) == f"You are in week {week.number} of {spec.length}."
        links = strip[0].select("ol a")
        assert [text(a) for a in links] == [str(w.number) for w in spec.weeks]
        assert [a["aria-label"] for a in links] == [f"Week {w.number}, {w.phase.title}" for w in spec.weeks]
        assert [target(folder, page, a["href"]).name for a in links] == [f"week-{w.number}.html" for w in spec.weeks]
        assert all(target(folder, page, a["href"]).is_file() for a in links)
        current = [a for a in links if a.has_attr("aria-current")]
        assert len(current) == 1 and current[0]["aria-current"] == "step", page
        assert text(current[0]) == str(week.number)


def test_steps_start_each_phase_and_cycle_colors(demo_specs: dict[str, SiteSpec]) -> None:
    spec = next(s for s in demo_specs.values() if len({w.phase.id for w in s.weeks}) > 1)
    phases = timeline.phases(spec)
    steps = timeline.steps(phases)
    assert [s["number"] for s in steps] == list(range(1, spec.length + 1))
    assert steps[0]["first"] and steps[0]["phase_index"] == 0
    for before, step in zip(steps, steps[1:], strict=False):
        changed = step["phase_id"] != before["phase_id"]
        assert step["first"] == changed
        assert step["phase_index"] == before["phase_index"] + changed
        assert step["color"] == step["phase_index"] % timeline.PHASE_COLORS
    assert steps[2]["path"] == "weeks/week-3.md" and pages.html_url(steps[2]["path"], "index.md") == "weeks/week-3.html"
    # the phases are the same grouping: each holds its own run of steps
    assert [p["steps"] for p in phases] == [[s for s in steps if s["phase_index"] == i] for i in range(len(phases))]


def test_links_start_from_the_page_they_are_on() -> None:
    assert pages.md_url("weeks/week-3.md", "index.md") == "weeks/week-3.md"
    assert pages.md_url("weeks/week-3.md", "therapies/cbt.md") == "../weeks/week-3.md"
    assert pages.md_url("weeks/week-3.md", "weeks/week-2.md") == "week-3.md"
    assert pages.md_url("therapies/cbt.md", "therapies/index.md") == "cbt.md"
    assert pages.md_url(pages.PLAN_YOUR_DATES, "weeks/week-1.md") == "../index.md#plan-your-dates"
    # raw HTML names the built page, from the docs root, as MkDocs would not rewrite it
    assert pages.html_url("weeks/week-3.md", "weeks/week-1.md") == "../weeks/week-3.html"
    english = Words("en")
    assert timeline.weeks_label(2, 2, english) == "week 2" and timeline.weeks_label(2, 3, english) == "weeks 2-3"
