"""The program as a line of weeks: its phases in order, each with its weeks, grouped once for every page.

The home page's table and timeline, each week's strip and label, and the
navigation all show this one grouping.
"""

from __future__ import annotations

from typing import Any

from generator.render.pages import week_path
from generator.render.words import Words
from generator.resolve import SiteSpec

# timeline.css defines the colors .iop-phase-0 to .iop-phase-4; more phases cycle through them
PHASE_COLORS = 5


def weeks_label(first: int, last: int, _: Words) -> str:
    """Say which weeks: 'week 1' or 'weeks 2-3'."""
    return _("week {first}").format(first=first) if first == last else \
        _("weeks {first}-{last}").format(first=first, last=last)


def phases(spec: SiteSpec) -> list[dict[str, Any]]:
    """The phases of the site in order, each with its color, its label and its weeks as steps.

    A step is one week as the timeline shows it: its number, title, phase, the
    phase's color and the docs path of its page. Validation makes each phase
    one run of weeks, so a phase starts where the week's phase changes.
    """
    result: list[dict[str, Any]] = []
    for week in spec.weeks:
        if not result or result[-1]["id"] != week.phase.id:
            index = len(result)
            result.append({"id": week.phase.id, "title": week.phase.title, "summary": week.phase.summary,
                           "index": index, "color": index % PHASE_COLORS, "steps": []})
        phase = result[-1]
        phase["steps"].append({
            "number": week.number,
            "title": week.title,
            "phase_id": phase["id"],
            "phase": phase["title"],
            "phase_index": phase["index"],
            "color": phase["color"],
            "path": week_path(week.number),
            "first": not phase["steps"],
        })
    _ = Words(spec.language)
    for phase in result:
        phase["weeks"] = [step["number"] for step in phase["steps"]]
        phase["label"] = weeks_label(phase["weeks"][0], phase["weeks"][-1], _)
        phase["path"] = phase["steps"][0]["path"]
    return result


def steps(grouped: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every week in order, as the steps of the phases it is grouped in."""
    return [step for phase in grouped for step in phase["steps"]]
