"""Cross-file rules: references resolve, weeks are covered, offered therapies are scheduled."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any

from generator.diagnostics import Diagnostic, guarded
from generator.load import brand_files
from generator.load.dataset import DataSet, Entry
from generator.load.loader import SourceMap
from generator.model import colors
from generator.model.models import Clinic, LengthRange, Location, Overrides, Phase, Program
from generator.model.scalars import parse_weeks


def validate(data: DataSet) -> list[Diagnostic]:
    """Check every rule that spans files; return one diagnostic per broken rule."""
    found: list[Diagnostic] = []
    # each file's rules run on their own: a bug one file brings out is an error there, and the others are checked
    for program in data.programs.values():
        found += guarded(program.file, partial(_program, program, data))
    for clinic in data.clinics.values():
        found += guarded(clinic.file, partial(_clinic, clinic, data))
    for (clinic_id, _), location in data.locations.items():
        found += guarded(location.file, partial(_location, location, clinic_id, data))
    # the same rule can break the same way for several lengths: say it once
    return sorted(set(found))


def _a(number: int) -> str:
    """A number with its article: 'a 6', 'an 8', 'an 11'."""
    return f"{'an' if str(number).startswith('8') or number in (11, 18) else 'a'} {number}"


def _hint(name: str, known: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    if not close:  # a shortened id, like 'group' for 'group-therapy'
        close = [k for k in known if name in k.split("-")] if "-" not in name else []
    return f"did you mean '{close[0]}'?" if len(close) == 1 else None


def _ref(source: SourceMap, loc: tuple[Any, ...], ref: str, kind: str, known: dict, data: DataSet,
         model: str) -> Iterator[Diagnostic]:
    if ref not in known and (model, ref) not in data.broken:
        yield source.diagnostic(loc, f"no {kind} has the id '{ref}'",
                                hint=_hint(ref, known) or f"add {kind} file '{ref}.yaml', or fix the id")


def _twice(source: SourceMap, at: tuple[Any, ...], values: list[Any]) -> Iterator[Diagnostic]:
    """Report each value listed a second time in one list."""
    seen: set[Any] = set()
    for i, value in enumerate(values):
        if value in seen:
            yield source.diagnostic(at + (i,), f"'{value}' is listed twice", hint="remove one of them")
        seen.add(value)


def _therapy_refs(source: SourceMap, base: tuple[Any, ...], phase: Any, data: DataSet) -> Iterator[Diagnostic]:
    yield from _twice(source, base + ("therapies",), list(phase.therapies or []))
    for i, therapy in enumerate(phase.therapies or []):
        yield from _ref(source, base + ("therapies", i), therapy, "therapy", data.therapies, data, "Therapy")
    for i, activity in enumerate(phase.activities or []):
        if activity.therapy:
            yield from _ref(source, base + ("activities", i, "therapy"), activity.therapy, "therapy",
                            data.therapies, data, "Therapy")


def _program(entry: Entry[Program], data: DataSet) -> list[Diagnostic]:
    program, source = entry.model, entry.source
    found: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for i, phase in enumerate(program.phases):
        found += _therapy_refs(source, ("phases", i), phase, data)
        if phase.id in seen:
            found.append(source.diagnostic(("phases", i, "id"), f"two phases have the id '{phase.id}'",
                                           hint=f"the first is phases[{seen[phase.id] + 1}]; ids must be unique"))
        seen.setdefault(phase.id, i)
    lengths = [program.length] if isinstance(program.length, int) else [program.length.min, program.length.max]
    for length in lengths:
        found += coverage(program.phases, length, source)
    found += _glossary(entry, data)
    return found


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def _glossary(entry: Entry[Program], data: DataSet) -> Iterator[Diagnostic]:
    """Each term once, and never a therapy's short name with another meaning: a page shows one meaning."""
    source = entry.source
    first: dict[str, int] = {}
    short_names = {t.model.short_name: t for t in data.therapies.values() if t.model.short_name}
    for i, item in enumerate(entry.model.glossary):
        at = ("glossary", i, "term")
        if item.term in first:
            yield source.diagnostic(at, f"the term '{item.term}' is in the glossary twice",
                                    hint=f"the first is glossary[{first[item.term] + 1}]; keep one of them")
        first.setdefault(item.term, i)
        therapy = short_names.get(item.term)
        if therapy and not _same_words(therapy.model.name, item.meaning):
            yield source.diagnostic(at, f"'{item.term}' is the short name of the therapy '{therapy.id}': "
                                    f"it means '{therapy.model.name}', not '{item.meaning}'",
                                    hint="remove it from the glossary (therapies' short names are added by "
                                    "themselves), or use another term")


def coverage(phases: list[Phase], length: int, source: SourceMap) -> list[Diagnostic]:
    """Check that phases cover weeks 1..length in order, with no gap and no overlap."""
    found: list[Diagnostic] = []
    expected = 1
    for i, phase in enumerate(phases):
        span, at = phase.span, ("phases", i, "weeks")
        if span.last is None and i != len(phases) - 1:
            found.append(source.diagnostic(at, f"'{phase.weeks}' runs to the end of the program, "
                                           "so only the last phase may use it",
                                           hint=f"give this phase an end week, like {span.first}-{span.first + 1}"))
        if span.first > expected:
            gap = f"week {expected} belongs" if span.first == expected + 1 else \
                f"weeks {expected}-{span.first - 1} belong"
            found.append(source.diagnostic(at, f"{gap} to no phase: this phase starts at week {span.first}",
                                           hint=f"start this phase at week {expected}, or add a phase for the gap"))
        elif span.first < expected:
            found.append(source.diagnostic(at, f"week {span.first} is already covered by the phase before",
                                           hint=f"start this phase at week {expected}"))
        if span.first > length or (span.last or 0) > length:
            to_end = f", or write '{span.first}+' to run to the end" if i == len(phases) - 1 and \
                span.first <= length else ""
            found.append(source.diagnostic(at, f"'{phase.weeks}' goes past the end of {_a(length)}-week program",
                                           hint=f"the last week is {length}{to_end}"))
        for j, note in enumerate(phase.week_notes):
            if note.week not in span.weeks(length):
                found.append(source.diagnostic(("phases", i, "week_notes", j, "week"),
                                               f"week {note.week} is not one of this phase's weeks ({phase.weeks})"))
        if span.last is None and i != len(phases) - 1:
            # take it to end where the next phase starts, so the phases after it are not reported too
            expected = max(expected, span.first + 1, phases[i + 1].span.first)
        else:
            expected = max(expected, span.end(length) + 1)
    if expected <= length and phases:
        last = len(phases) - 1
        left = f"week {length} of the {length}-week program belongs" if expected == length else \
            f"weeks {expected}-{length} of the {length}-week program belong"
        found.append(source.diagnostic(("phases", last, "weeks"), f"{left} to no phase",
                                       hint=f"end the last phase at week {length}, "
                                       f"or write '{phases[last].span.first}+'"))
    return found


def _overrides(overrides: Overrides | None, source: SourceMap, program: Program | None,
               data: DataSet) -> Iterator[Diagnostic]:
    if overrides is None or not overrides.phases or program is None:
        return
    ids = {phase.id for phase in program.phases}
    yield from _twice(source, ("overrides", "phases"), [phase.id for phase in overrides.phases])
    for i, phase in enumerate(overrides.phases):
        at = ("overrides", "phases", i)
        if phase.id not in ids:
            yield source.diagnostic(at + ("id",), f"the program has no phase with the id '{phase.id}'",
                                    hint=_hint(phase.id, ids) or f"phase ids: {', '.join(sorted(ids))}")
        yield from _therapy_refs(source, at, phase, data)


def _brand_contrast(clinic: Clinic, source: SourceMap) -> Iterator[Diagnostic]:
    # white text sits on both colors (header, buttons) and both are link colors on white pages
    for role, color in (("primary", clinic.brand.primary), ("accent", clinic.brand.accent)):
        ratio = colors.contrast(color, colors.WHITE)
        if ratio < colors.AA_TEXT:
            darker = next(colors.mix(color, "#000000", step / 100) for step in range(101)
                          if colors.contrast(colors.mix(color, "#000000", step / 100), colors.WHITE) >= colors.AA_TEXT)
            yield source.diagnostic(("brand", role), f"white text on the {role} color {color} has a contrast of "
                                    f"only {ratio:.2f}:1; patients need at least {colors.AA_TEXT}:1 to read it",
                                    hint=f"use a darker shade of it, such as {darker}")


def _clinic_file(entry: Entry[Clinic], data: DataSet, at: tuple[Any, ...], name: str,
                 kind: brand_files.Kind) -> Iterator[Diagnostic]:
    """A file the data names: read through the very checks render uses (place, kind, size, content)."""
    try:
        brand_files.read(data.clinic_folder(entry.id), name, kind)
    except brand_files.BrandFileError as e:
        yield entry.source.diagnostic(at, e.message, hint=e.hint)


def _brand_files(entry: Entry[Clinic], data: DataSet) -> Iterator[Diagnostic]:
    brand = entry.model.brand
    yield from _clinic_file(entry, data, ("brand", "logo"), brand.logo, brand_files.LOGO)
    if brand.favicon is not None:
        yield from _clinic_file(entry, data, ("brand", "favicon"), brand.favicon, brand_files.FAVICON)
    if brand.share_image is not None:
        yield from _clinic_file(entry, data, ("brand", "share_image"), brand.share_image, brand_files.SHARE_IMAGE)
    for role, font in (("text", brand.fonts.text), ("headings", brand.fonts.headings)) if brand.fonts else ():
        if font is None:
            continue
        at = ("brand", "fonts", role, "files")
        for i, item in enumerate(font.files):
            yield from _clinic_file(entry, data, at + (i, "file"), item.file, brand_files.FONT)
        yield from _twice(entry.source, at, [f"weight {item.weight}, {item.style.value}" for item in font.files])


def _clinic(entry: Entry[Clinic], data: DataSet) -> list[Diagnostic]:
    clinic, source = entry.model, entry.source
    found = list(_ref(source, ("program",), clinic.program, "program", data.programs, data, "Program"))
    program = data.programs.get(clinic.program)
    found += _overrides(clinic.overrides, source, program.model if program else None, data)
    found += _brand_contrast(clinic, source)
    found += _brand_files(entry, data)
    return found


def _location(entry: Entry[Location], clinic_id: str, data: DataSet) -> list[Diagnostic]:
    location, source = entry.model, entry.source
    clinic = data.clinics.get(clinic_id)
    if clinic is None:
        if ("Clinic", clinic_id) in data.broken:
            return []  # the clinic file's own errors say what is wrong
        return [Diagnostic(entry.file, 1, 1, f"the clinic '{clinic_id}' has no clinic.yaml, so this location "
                           "cannot be built", hint=f"add clinics/{clinic_id}/clinic.yaml")]
    program_entry = data.programs.get(clinic.model.program)
    if program_entry is None:
        return []
    program = program_entry.model
    found = list(_overrides(location.overrides, source, program, data))
    length = site_length(program, location)
    found += _length(program, location, source, program_entry.id)
    found += _track_names(location, source)
    found += _twice(source, ("therapies", "remove"), location.therapies.remove)
    found += _twice(source, ("therapies", "add"), [a.therapy for a in location.therapies.add])
    for i, track in enumerate(location.tracks):
        found += _twice(source, ("tracks", i, "days"), [day.value for day in track.days])
    used = {t for phase in program.phases for t in phase.therapies}
    used |= {a.therapy for phase in program.phases for a in phase.activities if a.therapy}
    for i, added in enumerate(location.therapies.add):
        at = ("therapies", "add", i)
        found += _ref(source, at + ("therapy",), added.therapy, "therapy", data.therapies, data, "Therapy")
        if added.weeks is None:
            found.append(source.diagnostic(at, f"'{added.therapy}' is offered here but no week uses it",
                                           hint="add 'weeks: ...' (like 3, 2-3 or 5+) to say when it meets"))
        elif length is not None and parse_weeks(added.weeks).first > length:
            found.append(source.diagnostic(at + ("weeks",), f"'{added.weeks}' goes past the end of the "
                                           f"{length}-week program, so '{added.therapy}' would never meet"))
    for i, removed in enumerate(location.therapies.remove):
        if removed not in used:
            found.append(source.diagnostic(("therapies", "remove", i), f"'{removed}' is not part of the program "
                                           f"'{program_entry.id}', so there is nothing to remove",
                                           hint=_hint(removed, used) if removed not in data.therapies else
                                           "take it out of 'remove'; only a therapy the program uses can be removed"))
    added_ids = {a.therapy for a in location.therapies.add}
    for i, removed in enumerate(location.therapies.remove):
        # removing takes a therapy out of every week, so an added one would be offered but never meet
        if removed in added_ids:
            found.append(source.diagnostic(("therapies", "remove", i), f"'{removed}' is both added and removed "
                                           "here", hint="keep it in 'add' (with its weeks) or in 'remove', not both"))
    return found


def site_length(program: Program, location: Location) -> int | None:
    """The number of weeks a location runs: the program's, or the location's pick from its range."""
    if isinstance(program.length, int):
        return program.length
    return location.program_length


def _length(program: Program, location: Location, source: SourceMap, program_id: str) -> list[Diagnostic]:
    allowed = program.length
    if isinstance(allowed, int):
        if location.program_length not in (None, allowed):
            return [source.diagnostic(("program_length",), f"the program '{program_id}' always lasts {allowed} weeks",
                                      hint="remove program_length, or pick a program with a range of lengths")]
        return []
    assert isinstance(allowed, LengthRange)
    if location.program_length is None:
        return [source.diagnostic((), f"missing required key 'program_length': the program '{program_id}' "
                                  f"lasts {allowed.min} to {allowed.max} weeks", hint="add 'program_length: N'")]
    if not allowed.min <= location.program_length <= allowed.max:
        return [source.diagnostic(("program_length",), f"{location.program_length} weeks is outside the program's "
                                  f"range of {allowed.min} to {allowed.max} weeks")]
    return []


def _track_names(location: Location, source: SourceMap) -> list[Diagnostic]:
    found, seen = [], set()
    for i, track in enumerate(location.tracks):
        if track.name.lower() in seen:
            found.append(source.diagnostic(("tracks", i, "name"), f"two tracks are named '{track.name}'",
                                           hint="give each track its own name"))
        seen.add(track.name.lower())
    return found
