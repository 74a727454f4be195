"""Merge program -> clinic -> location into one SiteSpec: everything a site shows, decided.

Merge rules (documented in docs/data-guide.md):
- an override may set only the program keys that `Overrides` names;
- a key set by a later layer replaces the earlier value whole (lists too);
- `phases` merge by id: each listed phase replaces only the keys it sets, and
  its weeks never change;
- a location's `therapies.remove` drops a therapy from every week (and the
  activities that name it); `therapies.add` puts a therapy into the weeks given;
- `crisis` lines are the exception: 988 and 911 always stay (the program's
  own lines for them, else ALWAYS_SHOWN), and a clinic's or location's lines
  are added after them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.diagnostics import resolved_or_none
from generator.load.dataset import DataSet, FileKind
from generator.model import (
    Activity,
    Clinic,
    Crisis,
    CrisisLine,
    Location,
    Overrides,
    Phase,
    PhaseOverride,
    Program,
    Section,
    Therapy,
    Track,
    WeekNote,
)
from generator.model.scalars import parse_weeks

# shown on every page whatever a clinic or location lists: no override may take them away.
# The same lines as the base mkdocs.yml's, which pages show when no layer lists any.
ALWAYS_SHOWN = (CrisisLine(name="988 Suicide & Crisis Lifeline", action="Call or text 988", number="988"),
                CrisisLine(name="Emergency", action="Call 911", number="911"))


@dataclass(frozen=True)
class Week:
    """One week of one site's program, with the content of its phase filled in."""

    number: int
    phase: Phase
    note: WeekNote | None
    therapies: tuple[str, ...]
    activities: tuple[Activity, ...]

    @property
    def title(self) -> str:
        """The week's own title, else its phase's."""
        return self.note.title if self.note and self.note.title else self.phase.title

    @property
    def checklist(self) -> tuple[str, ...]:
        """The phase's checklist, then the week's own items."""
        return tuple(self.phase.checklist) + tuple(self.note.checklist if self.note else ())

    @property
    def sections(self) -> tuple[Section, ...]:
        """The phase's sections, then the week's own."""
        return tuple(self.phase.sections) + tuple(self.note.sections if self.note else ())


@dataclass(frozen=True)
class SiteSpec:
    """One location site, resolved: the render stage only lays this out."""

    clinic_id: str
    location_id: str
    clinic: Clinic
    location: Location
    program_id: str
    program: Program
    length: int
    weeks: tuple[Week, ...]
    therapies: dict[str, Therapy]
    therapy_weeks: dict[str, tuple[int, ...]]
    logo: Path
    # the folder of the clinic's files and assets
    clinic_folder: Path
    # the data files the site shows content from: program, clinic, location and the therapies offered
    files: tuple[Path, ...]
    # hours a week of each schedule track, by the track's name
    weekly_hours: dict[str, float]
    # which layer (program, clinic or location) supplied each overridable key
    provenance: dict[str, str] = field(default_factory=dict)
    # the language the site's pages are written in (a code such as "en" or "es")
    language: str = "en"
    # every language the location publishes its guide in, English first: English at the site's root,
    # each other language in a folder named by its code (site/<clinic>/<location>/es/), same page paths
    guide_languages: tuple[str, ...] = ("en",)

    @property
    def key(self) -> str:
        """The site's name on the command line: clinic/location."""
        return f"{self.clinic_id}/{self.location_id}"


def merge_program(program: Program, layers: list[tuple[str, Overrides | None]]) -> tuple[Program, dict[str, str]]:
    """Apply each layer's overrides in order; return the program and who set each key."""
    provenance = {name: "program" for name in Overrides.model_fields}
    for layer, overrides in layers:
        if overrides is None:
            continue
        update = {name: getattr(overrides, name) for name in overrides.model_fields_set if name != "phases"}
        if overrides.phases:
            update["phases"] = _merge_phases(program.phases, overrides)
        program = program.model_copy(update=update)
        provenance.update({name: layer for name in overrides.model_fields_set})
    return program, provenance


def _crisis_help(own: Crisis | None, merged: Crisis | None) -> Crisis | None:
    """The merged crisis help with 988 and 911 first (the program's own lines for them, else ALWAYS_SHOWN).

    Every other line follows once, by its number: a clinic's crisis lines add to 988 and 911, never replace them.
    None when no layer gives crisis help: the pages show the base config's 988 and 911 then.
    """
    if merged is None:
        return None
    program_lines = {_dialed(line.number): line for line in own.lines} if own else {}
    lines = [program_lines.get(_dialed(line.number), line) for line in ALWAYS_SHOWN]
    for line in merged.lines:
        if _dialed(line.number) not in {_dialed(kept.number) for kept in lines}:
            lines.append(line)
    return merged.model_copy(update={"lines": lines})


def _dialed(number: str) -> str:
    """The digits a phone dials: (988) and 988 are one line."""
    return "".join(c for c in number if c.isdigit())


def _merge_phases(phases: list[Phase], overrides: Overrides) -> list[Phase]:
    changes = {change.id: change for change in overrides.phases or []}
    merged = []
    for phase in phases:
        change = changes.get(phase.id)
        if change:
            phase = phase.model_copy(update={k: getattr(change, k) for k in change.model_fields_set if k != "id"})
        merged.append(phase)
    return merged


def resolve(data: DataSet, clinic_id: str, location_id: str) -> SiteSpec:
    """Build the SiteSpec of one location; the data must have passed validation."""
    clinic = data.clinics[clinic_id].model
    location = data.locations[(clinic_id, location_id)].model
    base = data.programs[clinic.program].model
    program, provenance = merge_program(base, [("clinic", clinic.overrides), ("location", location.overrides)])
    program = program.model_copy(update={"crisis": _crisis_help(base.crisis, program.crisis)})
    length = base.length if isinstance(base.length, int) else location.program_length
    assert length is not None, "validation guarantees a length"
    weeks = _weeks(program, location, length)
    offered = sorted({t for week in weeks for t in week.therapies})
    return SiteSpec(
        clinic_id=clinic_id,
        location_id=location_id,
        clinic=clinic,
        location=location,
        program_id=clinic.program,
        program=program,
        length=length,
        weeks=weeks,
        therapies={t: data.therapies[t].model for t in offered},
        therapy_weeks={t: tuple(w.number for w in weeks if t in w.therapies) for t in offered},
        logo=data.clinic_folder(clinic_id) / clinic.brand.logo,
        clinic_folder=data.clinic_folder(clinic_id),
        files=(data.programs[clinic.program].file, data.clinics[clinic_id].file,
               data.locations[(clinic_id, location_id)].file, *(data.therapies[t].file for t in offered)),
        weekly_hours={track.name: weekly_hours(track) for track in location.tracks},
        provenance=provenance,
        guide_languages=guide_languages(data, clinic_id, location_id),
    )


def weekly_hours(track: Track) -> float:
    """The hours a schedule track meets in a week."""
    start_h, start_m = (int(x) for x in track.start.split(":"))
    end_h, end_m = (int(x) for x in track.end.split(":"))
    return ((end_h * 60 + end_m) - (start_h * 60 + start_m)) / 60 * len(track.days)


def needed_files(data: DataSet, clinic_id: str, location_id: str) -> set[Path]:
    """The data files one site needs, valid or not, resolved: an error in any of them blocks the site.

    Its location file, its clinic's file, its program's file and the file of every
    therapy those name; found whether or not they are valid.
    """
    needs = [data.file_of(FileKind.location, f"{clinic_id}/{location_id}"), data.file_of(FileKind.clinic, clinic_id)]
    clinic = data.clinics.get(clinic_id)
    program = data.programs.get(clinic.model.program) if clinic else None
    location = data.locations.get((clinic_id, location_id))
    if clinic:
        needs.append(data.file_of(FileKind.program, clinic.model.program))
    named = set(_named_therapies(program.model if program else None, clinic.model if clinic else None,
                                 location.model if location else None))
    needs += [data.file_of(FileKind.therapy, therapy) for therapy in sorted(named)]
    # the translations its other guide languages are made from
    translations = {f.path for f in data.of_kind(FileKind.translation)}
    others = guide_languages(data, clinic_id, location_id)[1:]
    needs += [translation for file in list(needs) if file is not None for language in others
              if (translation := file.with_name(f"{file.stem}.{language}{file.suffix}")) in translations]
    return {real for file in needs if file is not None and (real := resolved_or_none(file)) is not None}


def guide_languages(data: DataSet, clinic_id: str, location_id: str) -> tuple[str, ...]:
    """The languages a site publishes its guide in, English first: the location's list, else its clinic's."""
    location, clinic = data.locations.get((clinic_id, location_id)), data.clinics.get(clinic_id)
    chosen = (location.model.guide_languages if location else None) or (clinic.model.guide_languages if clinic
                                                                         else None)
    return tuple(str(language) for language in chosen) if chosen else ("en",)


def _named_therapies(program: Program | None, clinic: Clinic | None, location: Location | None) -> Iterator[str]:
    """The id of every therapy a site's files name: in phases, activities, overrides and a location's changes."""
    phases: list[Iterable[Phase | PhaseOverride]] = [program.phases if program else []]
    phases += [layer.overrides.phases or [] for layer in (clinic, location) if layer and layer.overrides]
    for phase in (phase for group in phases for phase in group):
        yield from phase.therapies or []
        yield from (activity.therapy for activity in phase.activities or [] if activity.therapy)
    if location:
        yield from location.therapies.remove
        yield from (added.therapy for added in location.therapies.add)


def _weeks(program: Program, location: Location, length: int) -> tuple[Week, ...]:
    removed = set(location.therapies.remove)
    added = [(a.therapy, parse_weeks(a.weeks)) for a in location.therapies.add if a.weeks]
    weeks = []
    for phase in program.phases:
        notes = {note.week: note for note in phase.week_notes}
        for number in phase.span.weeks(length):
            activities = tuple(a for a in phase.activities if a.therapy not in removed)
            named = [*phase.therapies, *(a.therapy for a in activities if a.therapy)]
            named += [t for t, span in added if number in span.weeks(length)]
            therapies = tuple(dict.fromkeys(t for t in named if t not in removed))
            weeks.append(Week(number, phase, notes.get(number), therapies, activities))
    return tuple(weeks)
