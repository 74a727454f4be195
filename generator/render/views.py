"""Decide what each page shows: the ready-made data the templates only lay out.

Every link a view gives is the docs path of its target (see pages.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any

from generator.model import Address, Track
from generator.render import href, pages, timeline
from generator.render.markup import clock, first_sentence, plain_text, shorten
from generator.render.pages import Page
from generator.render.words import N_, Words, day_names
from generator.resolve import SiteSpec, Week

KIND_TITLES = {"core": N_("Core therapies"), "support": N_("Support"),
               "complementary": N_("Complementary therapies")}


def session_time(track: Track, _: Words) -> str:
    """A track's session hours as every page shows them: 9:00 am to 12:00 pm."""
    hours = (_("am"), _("pm"))
    return _("{start} to {end}").format(start=clock(track.start, hours), end=clock(track.end, hours))


def track_view(spec: SiteSpec, track: Track) -> dict[str, Any]:
    """A schedule track as patients read it, with its hours per week (resolved once, in the spec)."""
    _ = Words(spec.language)
    return {
        "name": track.name,
        "days": ", ".join(day_names(_, (d.value for d in track.days))),
        "time": session_time(track, _),
        "weekly_hours": f"{spec.weekly_hours[track.name]:g}",
    }


def therapy_views(spec: SiteSpec) -> list[dict[str, Any]]:
    """The therapies offered at this site, core first, then by name, each with the weeks it meets in."""
    order = list(KIND_TITLES)
    _ = Words(spec.language)
    result = []
    for tid, therapy in spec.therapies.items():
        label = f"{therapy.name} ({therapy.short_name})" if therapy.short_name else therapy.name
        result.append({"id": tid, "label": label, "model": therapy, "kind_title": _.of(KIND_TITLES[therapy.kind.value]),
                       "path": pages.therapy_path(tid),
                       "weeks": [{"number": n, "path": pages.week_path(n)} for n in spec.therapy_weeks[tid]]})
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
    location, contact = spec.location, spec.clinic.contact
    phases = timeline.phases(spec)
    return {
        "clinic": spec.clinic,
        "location": location,
        "program": spec.program,
        "length": spec.length,
        "phone": location.phone,
        "tel": href.tel(location.phone),
        "email": spec.clinic.contact.email,
        "mailto": href.mailto(spec.clinic.contact.email) if spec.clinic.contact.email else None,
        # the clinic's main line, shown beside the location's when it is another number
        "main_phone": contact.phone if href.tel(contact.phone).target != href.tel(location.phone).target else None,
        "main_tel": href.tel(contact.phone),
        "website": href.web(contact.website) if contact.website else None,
        "website_label": url_label(contact.website) if contact.website else None,
        "tracks": [track_view(spec, track) for track in location.tracks],
        "phases": phases,
        "therapies": therapy_views(spec),
        "timeline": timeline.steps(phases),
        "links": pages.links(),
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


def week_views(spec: SiteSpec, phases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What each week's page (and the whole guide) shows of it; phases is timeline.phases(spec)."""
    therapies = {t["id"]: t for t in therapy_views(spec)}
    labels = {phase["id"]: phase["label"] for phase in phases}
    return [_week_view(spec, week, therapies, labels[week.phase.id]) for week in spec.weeks]


def _week_view(spec: SiteSpec, week: Week, therapies: dict[str, dict[str, Any]], phase_label: str) -> dict[str, Any]:
    prev_week = spec.weeks[week.number - 2] if week.number > 1 else None
    next_week = spec.weeks[week.number] if week.number < spec.length else None
    return {
        "number": week.number,
        "title": week.title,
        "path": pages.week_path(week.number),
        "phase": week.phase,
        "phase_label": phase_label,
        "note": week.note,
        "activities": [{"text": a.text, "therapy": therapies.get(a.therapy) if a.therapy else None}
                       for a in week.activities],
        "therapies": [therapies[t] for t in week.therapies],
        "sections": week.sections,
        # a list patients can tick (see tick_list), or None when the week has no checklist
        "checklist": tick_list(f"week-{week.number}", ((None, item) for item in week.checklist))
        if week.checklist else None,
        "prev": _neighbour(prev_week),
        "next": _neighbour(next_week),
    }


def _neighbour(week: Week | None) -> dict[str, Any] | None:
    return {"path": pages.week_path(week.number), "number": week.number, "title": week.title} if week else None


def glossary_terms(spec: SiteSpec) -> list[dict[str, str | None]]:
    """Abbreviations patients meet, sorted: the program's glossary and the short names of the
    therapies offered here, each with its meaning and, for a therapy, the path of its page."""
    terms: dict[str, dict[str, str | None]] = {
        item.term: {"term": item.term, "meaning": item.meaning, "path": None} for item in spec.program.glossary}
    # validation keeps a glossary term from giving a therapy's short name another meaning
    terms.update({t.short_name: {"term": t.short_name, "meaning": t.name, "path": pages.therapy_path(tid)}
                  for tid, t in spec.therapies.items() if t.short_name})
    return sorted(terms.values(), key=lambda item: (str(item["term"]).lower(), str(item["term"])))


def abbreviations(spec: SiteSpec) -> dict[str, str]:
    """The terms every page explains where it uses them (the glossary page's list): term -> meaning."""
    return {str(t["term"]): str(t["meaning"]) for t in glossary_terms(spec)}


# -- the pages, and what search engines and shared links show of each ---------------

def site_pages(spec: SiteSpec) -> list[Page]:
    """Every page of the site."""
    weeks = week_views(spec, timeline.phases(spec))
    preparing = tick_list("preparing", ((s.title, s.text) for s in spec.program.preparation))
    special: dict[str, dict[str, Any]] = {
        pages.GLOSSARY: {"terms": glossary_terms(spec)}, pages.PRINT: {"weeks": weeks},
        pages.PREPARING: {"steps": preparing}}
    _ = Words(spec.language)
    result = [Page(pages.HOME, "home.md.jinja", {})]
    result += [Page(g.path, g.template, {"title": _.of(g.label), **special.get(g.path, {})}) for g in pages.GUIDE_PAGES]
    result += [Page(w["path"], "week.md.jinja", w) for w in weeks]
    result.append(Page(pages.THERAPIES, "therapies.md.jinja", {}))
    result += [Page(t["path"], "therapy.md.jinja", {"therapy": t}) for t in therapy_views(spec)]
    return [Page(p.path, p.template, {**p.context, "description": page_description(spec, p)}) for p in result]


def page_description(spec: SiteSpec, page: Page) -> str:
    """One or two plain sentences that say what a page holds, for search results and shared links."""
    _ = Words(spec.language)
    clinic, location = plain_text(spec.clinic.name), plain_text(spec.location.name)
    here = _("the {program} at {clinic}, {location}").format(
        program=plain_text(spec.program.title), clinic=clinic, location=location)
    context = page.context
    if page.path == pages.HOME:
        return shorten(spec.program.summary)
    if "therapy" in context:
        return shorten(context["therapy"]["model"].summary)
    if page.template == "week.md.jinja":
        note = context["note"]
        about = note.summary if note else context["phase"].summary
        return shorten(_("Week {number} of {length}: {title}. {about}").format(
            number=context["number"], length=spec.length, title=context["title"], about=first_sentence(about)))
    if page.path == pages.THERAPIES:
        names = ", ".join(plain_text(t["label"]) for t in therapy_views(spec))
        return shorten(_("The therapies of {here}: {names}.").format(here=here, names=names))
    address = spec.location.address
    return shorten(_.of(pages.GUIDE[page.path].about).format(
        here=here, length=spec.length, clinic=clinic, location=location, street=address.street, city=address.city,
        phone=spec.location.phone))
