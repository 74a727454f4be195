"""Decide what each page shows: the ready-made data the templates only lay out."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any

from .markup import clock
from .models import Track
from .resolve import SiteSpec, Week
from .scalars import DAY_NAMES, tel_link

KIND_TITLES = {"core": "Core therapies", "support": "Support", "complementary": "Complementary therapies"}

# the fixed pages of every site: (path, template, navigation label)
GUIDE_PAGES = [
    ("preparing.md", "preparing.md.jinja", "Preparing to start"),
    ("tips.md", "tips.md.jinja", "Tips for success"),
    ("progress.md", "progress.md.jinja", "How progress is measured"),
    ("challenges.md", "challenges.md.jinja", "Common challenges"),
    ("faq.md", "faq.md.jinja", "Questions and answers"),
    ("after.md", "after.md.jinja", "After the program"),
    ("levels-of-care.md", "levels-of-care.md.jinja", "Levels of care"),
    ("contact.md", "contact.md.jinja", "Contact and schedule"),
    ("glossary.md", "glossary.md.jinja", "Words to know"),
    ("print.md", "print.md.jinja", "The whole guide"),
]


@dataclass(frozen=True)
class Page:
    """One Markdown page to write: where, with which template and what it shows."""

    path: str
    template: str
    context: dict[str, Any]

    @property
    def root(self) -> str:
        """The relative way from this page back to the docs root ('' or '../')."""
        depth = self.path.count("/")
        return "../" * depth


def week_path(number: int) -> str:
    """The docs path of a week page."""
    return f"weeks/week-{number}.md"


def therapy_path(therapy_id: str) -> str:
    """The docs path of a therapy page."""
    return f"therapies/{therapy_id}.md"


def weeks_label(first: int, last: int) -> str:
    """Say which weeks: 'week 1' or 'weeks 2-3'."""
    return f"week {first}" if first == last else f"weeks {first}-{last}"


def track_view(track: Track) -> dict[str, Any]:
    """A schedule track as patients read it, with its hours per week."""
    start_h, start_m = (int(x) for x in track.start.split(":"))
    end_h, end_m = (int(x) for x in track.end.split(":"))
    hours = ((end_h * 60 + end_m) - (start_h * 60 + start_m)) / 60 * len(track.days)
    return {
        "name": track.name,
        "days": ", ".join(DAY_NAMES[d.value] for d in track.days),
        "time": f"{clock(track.start)} to {clock(track.end)}",
        "weekly_hours": f"{hours:g}",
    }


def phase_views(spec: SiteSpec) -> list[dict[str, Any]]:
    """The phases of this site, each with its weeks (numbers) and a label."""
    result: list[dict[str, Any]] = []
    for week in spec.weeks:
        if not result or result[-1]["id"] != week.phase.id:
            result.append({"id": week.phase.id, "title": week.phase.title, "summary": week.phase.summary,
                           "weeks": []})
        result[-1]["weeks"].append(week.number)
    for phase in result:
        phase["label"] = weeks_label(phase["weeks"][0], phase["weeks"][-1])
    return result


def therapy_views(spec: SiteSpec) -> list[dict[str, Any]]:
    """The therapies offered at this site, core first, then by name."""
    order = list(KIND_TITLES)
    result = []
    for tid, therapy in spec.therapies.items():
        label = f"{therapy.name} ({therapy.short_name})" if therapy.short_name else therapy.name
        result.append({"id": tid, "label": label, "model": therapy, "kind_title": KIND_TITLES[therapy.kind.value],
                       "path": therapy_path(tid), "weeks": list(spec.therapy_weeks[tid])})
    return sorted(result, key=lambda t: (order.index(t["model"].kind.value), t["model"].name))


def site_view(spec: SiteSpec) -> dict[str, Any]:
    """Everything about the site that every page may show."""
    location = spec.location
    address = location.address
    return {
        "clinic": spec.clinic,
        "location": location,
        "program": spec.program,
        "length": spec.length,
        "phone": location.phone,
        "tel": tel_link(location.phone),
        "address_lines": [address.street, f"{address.city}, {address.region} {address.postal_code}"],
        "tracks": [track_view(track) for track in location.tracks],
        "phases": phase_views(spec),
        "therapies": therapy_views(spec),
        "first_week": week_path(1),
    }


def _week_context(spec: SiteSpec, week: Week) -> dict[str, Any]:
    labels = {t["id"]: t for t in therapy_views(spec)}
    phase_weeks = [w.number for w in spec.weeks if w.phase.id == week.phase.id]
    prev_week = spec.weeks[week.number - 2] if week.number > 1 else None
    next_week = spec.weeks[week.number] if week.number < spec.length else None
    return {
        "number": week.number,
        "title": week.title,
        "phase": week.phase,
        "phase_label": weeks_label(phase_weeks[0], phase_weeks[-1]),
        "note": week.note,
        "activities": [{"text": a.text, "therapy": labels.get(a.therapy) if a.therapy else None}
                       for a in week.activities],
        "therapies": [labels[t] for t in week.therapies],
        "sections": week.sections,
        "checklist": week.checklist,
        "prev": {"path": posixpath.basename(week_path(prev_week.number)), "number": prev_week.number,
                 "title": prev_week.title} if prev_week else None,
        "next": {"path": posixpath.basename(week_path(next_week.number)), "number": next_week.number,
                 "title": next_week.title} if next_week else None,
    }


def glossary_terms(spec: SiteSpec) -> list[dict[str, str]]:
    """Abbreviations patients meet, with their meaning: the therapies' short names first."""
    terms = {t.short_name: t.name for t in spec.therapies.values() if t.short_name}
    return [{"term": term, "meaning": meaning} for term, meaning in sorted(terms.items())]


def pages(spec: SiteSpec) -> list[Page]:
    """Every page of the site."""
    weeks = [_week_context(spec, w) for w in spec.weeks]
    special = {"glossary.md": {"terms": glossary_terms(spec)}, "print.md": {"weeks": weeks}}
    result = [Page("index.md", "home.md.jinja", {})]
    result += [Page(path, template, {"title": label, **special.get(path, {})})
               for path, template, label in GUIDE_PAGES]
    result += [Page(week_path(w["number"]), "week.md.jinja", w) for w in weeks]
    result.append(Page("therapies/index.md", "therapies.md.jinja", {}))
    result += [Page(t["path"], "therapy.md.jinja", {"therapy": t}) for t in therapy_views(spec)]
    return result


def nav(spec: SiteSpec) -> list[Any]:
    """The navigation: guide pages, weeks grouped by phase, therapies."""
    labels = {path: label for path, _, label in GUIDE_PAGES}
    weeks = [{f"{p['title']} ({p['label']})": [{f"Week {n}": week_path(n)} for n in p["weeks"]]}
             for p in phase_views(spec)]
    therapies = [{"All therapies": "therapies/index.md"}] + [{t["label"]: t["path"]} for t in therapy_views(spec)]
    return [
        {"Home": "index.md"},
        {labels["preparing.md"]: "preparing.md"},
        {"Your weeks": weeks},
        {"Therapies": therapies},
        {"Help along the way": [{labels[p]: p} for p in ("tips.md", "progress.md", "challenges.md", "faq.md")]},
        {labels["after.md"]: "after.md"},
        {labels["levels-of-care.md"]: "levels-of-care.md"},
        {labels["contact.md"]: "contact.md"},
        {labels["glossary.md"]: "glossary.md"},
        {labels["print.md"]: "print.md"},
    ]


def site_data(spec: SiteSpec) -> dict[str, Any]:
    """The facts the page scripts need (the plan of weeks, storage keys), embedded as JSON."""
    address = spec.location.address
    return {
        "site": spec.key,
        "clinic": spec.clinic.name,
        "location": spec.location.name,
        "address": f"{address.street}, {address.city}, {address.region} {address.postal_code}",
        "length": spec.length,
        "tracks": [{"name": t.name, "days": [d.value for d in t.days], "start": t.start, "end": t.end}
                   for t in spec.location.tracks],
        "weeks": [{"number": w.number, "title": w.title, "phase": w.phase.title} for w in spec.weeks],
    }


def theme_extra(spec: SiteSpec) -> dict[str, Any]:
    """Values the theme overrides show on every page: crisis help and the location's phone.

    Without crisis lines in the data, the base config's (988 and 911) stay in force.
    """
    extra: dict[str, Any] = {
        "generator": False,
        "clinic": {"name": spec.clinic.name, "location": spec.location.name, "phone": spec.location.phone,
                   "tel": tel_link(spec.location.phone)},
    }
    extra["site_data"] = site_data(spec)
    crisis = spec.program.crisis
    if crisis:
        extra["crisis"] = {"text": crisis.text, "lines": [
            {"name": line.name, "action": line.action, "number": line.number, "tel": tel_link(line.number)}
            for line in crisis.lines]}
    return extra
