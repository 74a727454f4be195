"""The coverage report of one site: which therapies meet in which weeks."""

from __future__ import annotations

from typing import Any

from generator.render.views import therapy_views
from generator.resolve import SiteSpec


def coverage(spec: SiteSpec) -> dict[str, Any]:
    """Weeks by therapies, with totals, unscheduled therapies and weeks without therapy."""
    weeks = [week.number for week in spec.weeks]
    rows = [{"id": t["id"], "name": t["model"].short_name or t["model"].name,
             "weeks": list(spec.therapy_weeks[t["id"]]),
             "total": len(spec.therapy_weeks[t["id"]])} for t in therapy_views(spec)]
    per_week = {week.number: len(week.therapies) for week in spec.weeks}
    return {
        "site": spec.key,
        "weeks": weeks,
        "therapies": rows,
        "therapies_per_week": per_week,
        "unscheduled": sorted(offered_therapies(spec) - set(spec.therapy_weeks)),
        "weeks_without_therapy": [n for n, count in per_week.items() if count == 0],
    }


def offered_therapies(spec: SiteSpec) -> set[str]:
    """Every therapy the data names for a site (phases, activities, additions), scheduled or not."""
    phases = spec.program.phases
    named = {t for phase in phases for t in phase.therapies}
    named |= {a.therapy for phase in phases for a in phase.activities if a.therapy}
    location = spec.location.therapies
    return (named - set(location.remove)) | {added.therapy for added in location.add}


def table_rows(report: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """The report as a header and rows of text: a mark where a therapy meets, totals last."""
    header = ["Therapy", *(str(n) for n in report["weeks"]), "Weeks"]
    rows = [[row["name"], *("●" if n in row["weeks"] else "·" for n in report["weeks"]), str(row["total"])]
            for row in report["therapies"]]
    rows.append(["Therapies per week", *(str(report["therapies_per_week"][n]) for n in report["weeks"]), ""])
    return header, rows
