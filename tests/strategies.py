"""Hypothesis strategies for whole data folders: valid ones, and valid ones broken on purpose.

A data set is drawn as plain dicts (one per YAML file) that follow the rules of
docs/data-guide.md, then written to a folder with `write`.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle cx="4" cy="4" r="4"/></svg>\n'

# text that tries to break out of Markdown, HTML, Jinja or the page direction
NASTY = ["<script>alert(1)</script>", "{{ 7 * 7 }}", "{% raw %}", "**bold** _it_ `code`", "[x](javascript:alert(1))",
         "| a | b |", "# not a heading", "&amp; &lt;", "\u202eevil\u202c text", "\u05e9\u05dc\u05d5\u05dd \u200f!",
         "Caf\u00e9 \u2014 na\u00efve", "---", "- not a list", "> quote", "<!-- c -->", "a\\b", "\"quoted\" 'it'",
         "yes", "null", "12", "1.5", "~", "TODO later", "emoji \U0001f600 ok", "x" * 300]
SCRIPT_MARK = "<script>alert(1)"

text = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(categories=("L", "N", "P", "Zs", "S")), min_size=1, max_size=40).filter(str.strip),
)
texts = st.lists(text, min_size=1, max_size=3)
ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,14}", fullmatch=True)
digits = st.text(string.digits, min_size=10, max_size=10)
phones = digits.map(lambda d: f"({d[:3]}) {d[3:6]}-{d[6:]}")
# a host label neither starts nor ends with a hyphen
urls = ids.map(lambda i: f"https://{i.strip('-') or 'x'}.example/")


# any color at all: the palette makes each readable (model/colors.py)
brand_colors = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06x}")


@st.composite
def points(draw: st.DrawFn) -> list[dict[str, str]]:
    return draw(st.lists(st.fixed_dictionaries({"title": text, "text": text}), min_size=1, max_size=2))


@st.composite
def therapy(draw: st.DrawFn) -> dict[str, Any]:
    body: dict[str, Any] = {"name": draw(text), "kind": draw(st.sampled_from(["core", "complementary", "support"])),
                            "summary": draw(text), "what_it_is": draw(text), "session": draw(text),
                            "helps_with": draw(texts)}
    if draw(st.booleans()):
        body["formats"] = [{"name": draw(text), "text": draw(text)}]
    return body


@st.composite
def spans(draw: st.DrawFn, length: int, open_end: bool) -> list[str]:
    """Weeks 1..length cut into consecutive phases; the last may run to the end ('k+')."""
    cuts = sorted(draw(st.sets(st.integers(2, length), max_size=min(4, length - 1)))) if length > 1 else []
    starts = [1, *cuts]
    ends = [s - 1 for s in cuts] + [length]
    found = [str(a) if a == b else f"{a}-{b}" for a, b in zip(starts, ends, strict=True)]
    if open_end or draw(st.booleans()):
        found[-1] = f"{starts[-1]}+"
    return found


@st.composite
def program(draw: st.DrawFn, therapy_ids: list[str]) -> tuple[dict[str, Any], int, int]:
    """A program, with the fewest and most weeks a location may pick."""
    if draw(st.booleans()):
        low = high = draw(st.integers(1, 10))
        length: Any = low
    else:
        low = draw(st.integers(1, 8))
        high = draw(st.integers(low + 1, low + 4))
        length = {"min": low, "max": high}
    phase_ids = draw(st.lists(ids, min_size=5, max_size=5, unique=True))
    phases = []
    for i, weeks in enumerate(draw(spans(low, isinstance(length, dict)))):
        chosen = draw(st.lists(st.sampled_from(therapy_ids), unique=True, max_size=3))
        activity = draw(st.one_of(text, st.builds(lambda t, th: {"text": t, "therapy": th},
                                                  text, st.sampled_from(therapy_ids))))
        phase: dict[str, Any] = {"id": phase_ids[i], "title": draw(text), "weeks": weeks, "summary": draw(text),
                                 "goals": draw(texts), "activities": [activity], "therapies": chosen}
        if draw(st.booleans()):
            phase.update(feelings=draw(texts), tips=draw(texts), checklist=draw(texts),
                         sections=[{"title": draw(text), "text": draw(text), "items": draw(texts)}])
        first = int(weeks.split("-")[0].rstrip("+"))
        if draw(st.booleans()):
            phase["week_notes"] = [{"week": first, "title": draw(text), "summary": draw(text),
                                    "checklist": draw(texts)}]
        phases.append(phase)
    body: dict[str, Any] = {"title": draw(text), "summary": draw(text), "length": length, "intro": draw(texts),
                            "who_for": {"good_fit": draw(texts)}, "conditions": draw(texts), "phases": phases,
                            "audience": draw(st.sampled_from(["adult", "adolescent"]))}
    if draw(st.booleans()):
        body.update(preparation=draw(points()), tips=draw(points()), challenges=draw(points()),
                    aftercare={"text": draw(text), "options": draw(points())},
                    progress={"text": draw(text), "measures": draw(points())},
                    faq=[{"question": draw(text), "answer": draw(text)}],
                    levels_of_care=[{"name": draw(text), "text": draw(text), "this_program": True}],
                    crisis={"text": draw(text), "lines": [{"name": draw(text), "action": draw(text),
                                                           "number": "988"}]},
                    glossary=[{"term": "IOPX", "meaning": draw(text)}])
    return body, low, high


@st.composite
def track(draw: st.DrawFn, name: str) -> dict[str, Any]:
    start = draw(st.integers(0, 22 * 60))
    end = draw(st.integers(start + 1, 23 * 60 + 59))
    return {"name": name, "days": draw(st.lists(st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
                                                min_size=1, max_size=3, unique=True)),
            "start": f"{start // 60:02d}:{start % 60:02d}", "end": f"{end // 60:02d}:{end % 60:02d}"}


@st.composite
def location(draw: st.DrawFn, program_body: dict[str, Any], low: int, high: int,
             therapy_ids: list[str]) -> dict[str, Any]:
    names = draw(st.lists(text, min_size=1, max_size=2, unique_by=lambda s: s.strip().lower()))
    body: dict[str, Any] = {"name": draw(text), "address": {"street": draw(text), "city": draw(text),
                                                            "region": draw(text), "postal_code": draw(text)},
                            "phone": draw(phones), "hours": draw(text), "tracks": [draw(track(n)) for n in names]}
    length = draw(st.integers(low, high))
    if low != high:
        body["program_length"] = length
    used = sorted({t for p in program_body["phases"] for t in p["therapies"]}
                  | {a["therapy"] for p in program_body["phases"] for a in p["activities"] if isinstance(a, dict)})
    remove = draw(st.lists(st.sampled_from(used), unique=True, max_size=2)) if used else []
    added = []
    addable = [t for t in therapy_ids if t not in remove]  # adding and removing one therapy is an error
    for therapy_id in draw(st.lists(st.sampled_from(addable), unique=True, max_size=2)) if addable else []:
        first = draw(st.integers(1, length))
        last = draw(st.integers(first, length))
        added.append({"therapy": therapy_id, "weeks": draw(st.sampled_from([f"{first}", f"{first}-{last}",
                                                                            f"{first}+"]))})
    if remove or added:
        body["therapies"] = {"add": added, "remove": remove}
    if draw(st.booleans()):
        body.update(intro=draw(text), resources=[{"name": draw(text), "text": draw(text), "phone": draw(phones),
                                                  "url": draw(urls)}],
                    getting_here={"parking": draw(text), "transit": draw(text)},
                    languages=draw(texts), insurance={"text": draw(text), "plans": draw(texts)})
    if draw(st.booleans()):
        phase = program_body["phases"][0]["id"]
        body["overrides"] = {"phases": [{"id": phase, "tips": draw(texts)}]}
    return body


@dataclass
class DataFolder:
    """The files of one data folder, as {relative path: YAML body (or text for the logo)}."""

    files: dict[str, Any] = field(default_factory=dict)
    sites: list[str] = field(default_factory=list)


@st.composite
def data_folders(draw: st.DrawFn, max_clinics: int = 2, max_locations: int = 2) -> DataFolder:
    """A valid data folder: therapies, programs, clinics and their locations."""
    folder = DataFolder()
    therapy_ids = draw(st.lists(ids.filter(lambda i: i != "index"), min_size=1, max_size=4, unique=True))
    for therapy_id in therapy_ids:
        folder.files[f"therapies/{therapy_id}.yaml"] = draw(therapy())
    programs = {}
    for program_id in draw(st.lists(ids, min_size=1, max_size=2, unique=True)):
        body, low, high = draw(program(therapy_ids))
        programs[program_id] = (body, low, high)
        folder.files[f"programs/{program_id}.yaml"] = body
    for clinic_id in draw(st.lists(ids, min_size=1, max_size=max_clinics, unique=True)):
        program_id = draw(st.sampled_from(sorted(programs)))
        body, low, high = programs[program_id]
        clinic: dict[str, Any] = {"name": draw(text), "tagline": draw(text), "program": program_id,
                                  "base_url": draw(urls),
                                  "brand": {"logo": "logo.svg", "logo_alt": draw(text), "primary": draw(brand_colors),
                                            "accent": draw(brand_colors)},
                                  "contact": {"phone": draw(phones), "website": draw(urls)}}
        if draw(st.booleans()):
            clinic.update(languages=draw(texts), legal=draw(text), disclaimer=draw(text),
                          overrides={"title": draw(text), "phases": [{"id": body["phases"][-1]["id"],
                                                                      "title": draw(text)}]})
        folder.files[f"clinics/{clinic_id}/clinic.yaml"] = clinic
        folder.files[f"clinics/{clinic_id}/logo.svg"] = LOGO
        for location_id in draw(st.lists(ids, min_size=1, max_size=max_locations, unique=True)):
            site = draw(location(body, low, high, therapy_ids))
            site["name"] = f"{site['name']} {location_id}"  # two locations of a clinic never share a name
            folder.files[f"clinics/{clinic_id}/locations/{location_id}.yaml"] = site
            folder.sites.append(f"{clinic_id}/{location_id}")
    return folder


def dump(body: Any) -> str:
    return body if isinstance(body, str) else yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=1000)


def write(folder: DataFolder, root: Path) -> Path:
    """Write the files under root/program_data and return that folder."""
    data = root / "program_data"
    for name, body in folder.files.items():
        target = data / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dump(body), encoding="utf-8")
    return data
