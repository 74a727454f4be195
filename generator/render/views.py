"""Decide what each page shows: the ready-made data the templates only lay out."""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.markdown import abbreviations
from generator.model.models import Address, Track
from generator.model.scalars import DAY_NAMES
from generator.render import href, timeline
from generator.render.markup import clock
from generator.resolve import SiteSpec, Week

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


# -- what a location tells patients about itself ----------------------------------

def map_search_url(address: Address) -> href.Href:
    """A link to a map search for the address."""
    return href.map_search(f"{address.street}, {address.city}, {address.region} {address.postal_code}, "
                           f"{address.country}")


def url_label(url: str) -> str:
    """A web address as people read it: without https:// and a final /."""
    return re.sub(r"^https?://", "", url).rstrip("/")


def local_view(spec: SiteSpec) -> dict[str, Any]:
    """The location's own words for patients; a value is None (or empty) when the data leaves it out."""
    location = spec.location
    here = location.getting_here
    insurance = location.insurance
    return {
        "intro": location.intro,
        # the location's list replaces the clinic's, it does not add to it
        "languages": ", ".join(location.languages or spec.clinic.languages),
        "map_url": href.web(here.map_url) if here and here.map_url else map_search_url(location.address),
        "parking": here.parking if here else None,
        "transit": here.transit if here else None,
        "insurance": {"text": insurance.text, "plans": list(insurance.plans)} if insurance else None,
        "resources": [{"name": r.name, "text": r.text, "phone": r.phone, "tel": href.tel(r.phone) if r.phone else None,
                       "url": href.web(r.url) if r.url else None, "url_label": url_label(r.url) if r.url else None}
                      for r in location.resources],
    }


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
        "tel": href.tel(location.phone),
        "email": spec.clinic.contact.email,
        "mailto": href.mailto(spec.clinic.contact.email) if spec.clinic.contact.email else None,
        "address_lines": [address.street, f"{address.city}, {address.region} {address.postal_code}"],
        "tracks": [track_view(track) for track in location.tracks],
        "phases": phase_views(spec),
        "therapies": therapy_views(spec),
        "first_week": week_path(1),
        "timeline": timeline.steps(spec),
        "local": local_view(spec),
    }


def tick_key(text: str) -> str:
    """A short id for a checklist item, from its words: a tick saved for one wording never lands on another."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


def tick_list(list_id: str, items: Iterable[tuple[str | None, str]]) -> dict[str, Any]:
    """A checklist patients can tick, from (title or None, text) items.

    Ticks are kept in the browser under the list id and each item's key.
    """
    entries: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for title, text in items:
        key = tick_key(f"{title}\n{text}" if title else text)
        seen[key] = seen.get(key, 0) + 1
        # the same words twice in one list still make two boxes
        entries.append({"key": key if seen[key] == 1 else f"{key}-{seen[key]}", "title": title, "text": text})
    return {"id": list_id, "entries": entries}


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
        # a list patients can tick (see tick_list), or None when the week has no checklist
        "checklist": tick_list(f"week-{week.number}", ((None, item) for item in week.checklist))
        if week.checklist else None,
        "prev": {"path": posixpath.basename(week_path(prev_week.number)), "number": prev_week.number,
                 "title": prev_week.title} if prev_week else None,
        "next": {"path": posixpath.basename(week_path(next_week.number)), "number": next_week.number,
                 "title": next_week.title} if next_week else None,
    }


def glossary_terms(spec: SiteSpec) -> list[dict[str, str | None]]:
    """Abbreviations patients meet, sorted: the program's glossary and the short names of the
    therapies offered here, each with its meaning and, for a therapy, the path of its page."""
    terms: dict[str, dict[str, str | None]] = {
        item.term: {"term": item.term, "meaning": item.meaning, "path": None} for item in spec.program.glossary}
    # validation keeps a glossary term from giving a therapy's short name another meaning
    terms.update({t.short_name: {"term": t.short_name, "meaning": t.name, "path": therapy_path(tid)}
                  for tid, t in spec.therapies.items() if t.short_name})
    return sorted(terms.values(), key=lambda item: (str(item["term"]).lower(), str(item["term"])))


def glossary_page(spec: SiteSpec) -> dict[str, Any]:
    """The glossary page: its list, and the line that carries the terms to every page's abbreviations."""
    terms = glossary_terms(spec)
    return {"terms": terms,
            "definitions": abbreviations.definitions_line({str(t["term"]): str(t["meaning"]) for t in terms})}


# -- what search engines and shared links show of each page ------------------------

DESCRIPTION_LIMIT = 160  # search engines cut longer descriptions anyway
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"[*_`]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def plain_text(text: str) -> str:
    """Data text without its Markdown marks (links keep their words), on one line."""
    return " ".join(_MD_MARKS.sub("", _MD_LINK.sub(r"\1", text)).split())


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph (all of it when it has one)."""
    return _SENTENCE_END.split(plain_text(text), maxsplit=1)[0]


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """Plain text of at most `limit` characters, cut at a word boundary with an ellipsis."""
    text = plain_text(text)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit - 1]
    return cut.rstrip(" ,;:-–") + "…"


def page_description(spec: SiteSpec, page: Page) -> str:
    """One or two plain sentences that say what a page holds, for search results and shared links."""
    here = f"the {plain_text(spec.program.title)} at {plain_text(spec.clinic.name)}, {plain_text(spec.location.name)}"
    context = page.context
    if page.path == "index.md":
        return shorten(spec.program.summary)
    if "therapy" in context:
        return shorten(context["therapy"]["model"].summary)
    if page.template == "week.md.jinja":
        note = context["note"]
        about = note.summary if note else context["phase"].summary
        return shorten(f"Week {context['number']} of {spec.length}: {context['title']}. {first_sentence(about)}")
    if page.path == "therapies/index.md":
        names = ", ".join(plain_text(t["label"]) for t in therapy_views(spec))
        return shorten(f"The therapies of {here}: {names}.")
    if page.path == "contact.md":
        address = spec.location.address
        return shorten(f"How to reach {plain_text(spec.clinic.name)}, {plain_text(spec.location.name)}: "
                       f"{address.street}, {address.city}. Call {spec.location.phone}. Session days and times.")
    sentences = {
        "preparing.md": f"Steps to take before your first day in {here}.",
        "tips.md": f"Tips from the care team for getting the most out of {here}.",
        "progress.md": f"How your team measures your progress in {here}, and why.",
        "challenges.md": f"Hard moments many people meet in {here}, and ways to get through them.",
        "faq.md": f"Questions people often ask about {here}, with short, plain answers.",
        "after.md": f"What comes after {here}: the support that keeps your recovery going.",
        "levels-of-care.md": f"How {here} compares with other levels of care, from weekly therapy to a hospital stay.",
        "glossary.md": f"Short names and words you may hear in {here}, and what they mean.",
        "print.md": f"All {spec.length} weeks of {here} on one page, to read in order or to print.",
    }
    return shorten(sentences.get(page.path) or f"{context.get('title', '')}: {here}.")


def pages(spec: SiteSpec) -> list[Page]:
    """Every page of the site."""
    weeks = [_week_context(spec, w) for w in spec.weeks]
    special = {"glossary.md": glossary_page(spec), "print.md": {"weeks": weeks},
               "preparing.md": {"steps": tick_list("preparing", ((s.title, s.text) for s in spec.program.preparation))}}
    result = [Page("index.md", "home.md.jinja", {})]
    result += [Page(path, template, {"title": label, **special.get(path, {})})
               for path, template, label in GUIDE_PAGES]
    result += [Page(week_path(w["number"]), "week.md.jinja", w) for w in weeks]
    result.append(Page("therapies/index.md", "therapies.md.jinja", {}))
    result += [Page(t["path"], "therapy.md.jinja", {"therapy": t}) for t in therapy_views(spec)]
    return [Page(p.path, p.template, {**p.context, "description": page_description(spec, p)}) for p in result]


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
        "phone": spec.location.phone,
        # "time" is the session hours as every page shows them (9:00 am to 12:00 pm)
        "tracks": [{"name": t.name, "days": [d.value for d in t.days], "start": t.start, "end": t.end,
                    "time": track_view(t)["time"]} for t in spec.location.tracks],
        "weeks": [{"number": w.number, "title": w.title, "phase": w.phase.title} for w in spec.weeks],
    }


def theme_extra(spec: SiteSpec) -> dict[str, Any]:
    """Values the theme overrides show on every page: crisis help, the location's phone, legal words.

    Without crisis lines in the data, the base config's (988 and 911) stay in force.
    """
    extra: dict[str, Any] = {
        "generator": False,
        "clinic": {"name": spec.clinic.name, "location": spec.location.name, "phone": spec.location.phone,
                   "tel": str(href.tel(spec.location.phone)), "logo_alt": spec.clinic.brand.logo_alt},
    }
    extra["site_data"] = site_data(spec)
    crisis = spec.program.crisis
    if crisis:
        extra["crisis"] = {"text": crisis.text, "lines": [
            {"name": line.name, "action": line.action, "number": line.number, "tel": str(href.tel(line.number))}
            for line in crisis.lines]}
    # the legal line is the clinic's own; the disclaimer replaces the base config's only when given
    if spec.clinic.legal:
        extra["legal"] = spec.clinic.legal
    if spec.clinic.disclaimer:
        extra["disclaimer"] = spec.clinic.disclaimer
    return extra
