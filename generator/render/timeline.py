"""The program as a line of weeks: the steps the home timeline and each week's strip show."""

from __future__ import annotations

from typing import Any

from generator.render import views
from generator.resolve import SiteSpec

# timeline.css defines the colors .iop-phase-0 to .iop-phase-4; more phases cycle through them
PHASE_COLORS = 5


def steps(spec: SiteSpec) -> list[dict[str, Any]]:
    """Every week in order, with its phase, the phase's color and the link to its page.

    `path` is the docs path (for Markdown links); `href` is the built page from the
    docs root, for raw HTML, where MkDocs does not turn .md links into .html.
    """
    result: list[dict[str, Any]] = []
    phase_index = -1
    for week in spec.weeks:
        first = not result or result[-1]["phase_id"] != week.phase.id
        if first:
            phase_index += 1
        path = views.week_path(week.number)
        result.append({
            "number": week.number,
            "title": week.title,
            "phase_id": week.phase.id,
            "phase": week.phase.title,
            "phase_index": phase_index,
            "color": phase_index % PHASE_COLORS,
            "path": path,
            "href": path.removesuffix(".md") + ".html",
            "first": first,
        })
    return result
