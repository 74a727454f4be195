"""A location against its clinic and program: its length, its tracks and the therapies it adds or removes.

And the sites a data folder makes: each clinic has a location, no two of a clinic's locations share a name,
and the folder makes at least one site.
"""

from __future__ import annotations

from generator.diagnostics import Diagnostic, Severity
from generator.load.dataset import DataSet, Entry, FileKind
from generator.model import Clinic, Location, Program
from generator.model.scalars import parse_weeks
from generator.source import SourceMap
from generator.validate.references import did_you_mean, names_of, overrides, ref, twice
from generator.validate.weeks import location_length, site_length


def location(entry: Entry[Location], clinic_id: str, data: DataSet) -> list[Diagnostic]:
    """Check every rule of one location file: its own, and those that need its clinic, program or therapies."""
    model, source = entry.model, entry.source
    same_name = _same_name(entry, clinic_id, data)
    clinic = data.clinics.get(clinic_id)
    program = data.programs.get(clinic.model.program) if clinic else None
    # the rules of this file alone run even when its clinic or program has errors: those are reported there
    found = same_name + _track_names(model, source)
    found += twice(source, ("therapies", "remove"), model.therapies.remove)
    found += twice(source, ("therapies", "add"), [a.therapy for a in model.therapies.add])
    for i, track in enumerate(model.tracks):
        found += twice(source, ("tracks", i, "days"), [day.value for day in track.days])
    found += _added(model, source, site_length(program.model, model) if program else None, data)
    found += overrides(model.overrides, source, program.model if program else None, data)
    if clinic is None and (FileKind.clinic, clinic_id) not in data.broken:
        found.append(Diagnostic(entry.file, 1, 1, f"the clinic '{clinic_id}' has no clinic.yaml, so this location "
                                "cannot be built", hint=f"add clinics/{clinic_id}/clinic.yaml"))
    if program is not None:
        found += location_length(program.model, model, source, program.id)
        found += _removed(model, source, program.model, program.id, data)
    return found


def _added(location: Location, source: SourceMap, length: int | None, data: DataSet) -> list[Diagnostic]:
    """Each added therapy exists, says its weeks, and meets within the program's length."""
    found: list[Diagnostic] = []
    for i, added in enumerate(location.therapies.add):
        at = ("therapies", "add", i)
        found += ref(source, at + ("therapy",), added.therapy, FileKind.therapy, data.therapies, data)
        if added.weeks is None:
            found.append(source.diagnostic(at, f"'{added.therapy}' is offered here but no week uses it",
                                           hint="add 'weeks: ...' (like 3, 2-3 or 5+) to say when it meets"))
        elif length is not None and parse_weeks(added.weeks).first > length:
            found.append(source.diagnostic(at + ("weeks",), f"'{added.weeks}' goes past the end of the "
                                           f"{length}-week program, so '{added.therapy}' would never meet"))
    return found


def _removed(location: Location, source: SourceMap, program: Program, program_id: str,
             data: DataSet) -> list[Diagnostic]:
    """Each removed therapy is one the program uses, and is not added here too."""
    found: list[Diagnostic] = []
    used = {t for phase in program.phases for t in phase.therapies}
    used |= {a.therapy for phase in program.phases for a in phase.activities if a.therapy}
    names = names_of(data.therapies)
    for i, removed in enumerate(location.therapies.remove):
        if removed not in used:
            found.append(source.diagnostic(("therapies", "remove", i), f"'{removed}' is not part of the program "
                                           f"'{program_id}', so there is nothing to remove",
                                           hint=did_you_mean(removed, used, names) if removed not in data.therapies else
                                           "take it out of 'remove'; only a therapy the program uses can be removed"))
    added_ids = {a.therapy for a in location.therapies.add}
    for i, removed in enumerate(location.therapies.remove):
        # removing takes a therapy out of every week, so an added one would be offered but never meet
        if removed in added_ids:
            found.append(source.diagnostic(("therapies", "remove", i), f"'{removed}' is both added and removed "
                                           "here", hint="keep it in 'add' (with its weeks) or in 'remove', not both"))
    return found


def _track_names(location: Location, source: SourceMap) -> list[Diagnostic]:
    found, seen = [], set()
    for i, track in enumerate(location.tracks):
        if track.name.lower() in seen:
            found.append(source.diagnostic(("tracks", i, "name"), f"two tracks are named '{track.name}'",
                                           hint="give each track its own name"))
        seen.add(track.name.lower())
    return found


def _same_name(entry: Entry[Location], clinic_id: str, data: DataSet) -> list[Diagnostic]:
    """An error at a location named like one before it (in file order) in the same clinic."""
    name = _as_read(entry.model.name)
    for (other_clinic, _), other in data.locations.items():
        if other is entry:
            return []
        if other_clinic == clinic_id and _as_read(other.model.name) == name:
            # patients, the portal and the build report tell a clinic's sites apart by their names
            return [entry.source.diagnostic(("name",), f"another location of this clinic is named "
                                            f"'{other.model.name}' too: {other.file.name}",
                                            hint="give each location its own name, such as its city or "
                                            "neighborhood")]
    return []


def _as_read(name: str) -> str:
    """A name as patients tell it apart: case and runs of spaces do not count."""
    return " ".join(name.split()).casefold()


def without_locations(entry: Entry[Clinic], data: DataSet) -> list[Diagnostic]:
    """A warning at a clinic with no location file: it makes no site."""
    if any(found.id.split("/")[0] == entry.id for found in data.of_kind(FileKind.location)):
        return []
    return [Diagnostic(entry.file, 1, 1, "no site is built for this clinic: add a location in locations/",
                       Severity.WARNING, hint=f"iop-guide new location {entry.id} LOCATION_ID writes a starter "
                       "file", source_line=entry.source.line_text(1))]


def no_site(data: DataSet) -> list[Diagnostic]:
    """An error when the data folder holds no location at all: nothing could be built from it."""
    if data.of_kind(FileKind.location) or not data.root.is_dir():  # a missing folder says so on its own
        return []
    if data.of_kind(FileKind.clinic):  # the right folder, with its locations missing or misplaced
        return [Diagnostic(data.root, 1, 1, "no location was found in this folder, so there is no site to build",
                           hint="each site is a file clinics/<clinic>/locations/<location>.yaml")]
    return [Diagnostic(data.root, 1, 1, "no clinic or location was found in this folder, so there is no site "
                       "to build", hint="a data folder holds therapies/, programs/ and clinics/<clinic>/ with "
                       "its clinic.yaml and locations/<location>.yaml; pass --data with that folder")]
