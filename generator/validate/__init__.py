"""Stage 3, validate: the rules that span files, with validate() as the one entry point.

Each concern has its module: references (ids that resolve, nothing twice), weeks (phases cover
the program, a location's length fits it), brand (readable colors, brand files), locations
(a location against its clinic and program) and glossary.
"""

from __future__ import annotations

from functools import partial

from generator.diagnostics import Diagnostic, guarded
from generator.load.dataset import DataSet, Entry, FileKind
from generator.model import Clinic, Program
from generator.validate import brand
from generator.validate.glossary import glossary
from generator.validate.locations import location, no_site, without_locations
from generator.validate.references import overrides, phase_ids, ref, therapy_refs
from generator.validate.weeks import coverage, program_lengths


def validate(data: DataSet) -> list[Diagnostic]:
    """Check every rule that spans files; return one diagnostic per broken rule."""
    found: list[Diagnostic] = []
    # each file's rules run on their own: a bug one file brings out is an error there, and the others are checked
    for program in data.programs.values():
        found += guarded(program.file, partial(_program, program, data))
    for clinic in data.clinics.values():
        found += guarded(clinic.file, partial(_clinic, clinic, data))
    for (clinic_id, _), entry in data.locations.items():
        found += guarded(entry.file, partial(location, entry, clinic_id, data))
    found += no_site(data)
    # the same rule can break the same way for several lengths: say it once
    return sorted(set(found))


def _program(entry: Entry[Program], data: DataSet) -> list[Diagnostic]:
    program, source = entry.model, entry.source
    found: list[Diagnostic] = []
    for i, phase in enumerate(program.phases):
        found += therapy_refs(source, ("phases", i), phase, data)
    found += phase_ids(program, source)
    for length in program_lengths(program):
        found += coverage(program.phases, length, source)
    found += glossary(entry, data)
    return found


def _clinic(entry: Entry[Clinic], data: DataSet) -> list[Diagnostic]:
    clinic, source = entry.model, entry.source
    found = list(ref(source, ("program",), clinic.program, FileKind.program, data.programs, data))
    program = data.programs.get(clinic.program)
    found += overrides(clinic.overrides, source, program.model if program else None, data)
    found += brand.contrast(clinic, source)
    found += brand.files(entry, data)
    found += brand.logo_plate(entry, data)
    found += without_locations(entry, data)
    return found
