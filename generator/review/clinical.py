"""Clinical consistency checks: warnings, each naming the guideline it comes from.

- Weekly hours of a schedule track: ASAM Criteria (3rd ed.) Level 2.1, intensive
  outpatient services, is at least 9 hours a week for adults and 6 for
  adolescents; 20 hours or more is Level 2.5, partial hospitalization.
- Program length: SAMHSA TIP 47 (Substance Abuse: Clinical Issues in Intensive
  Outpatient Treatment) describes programs that mostly run for weeks to a few
  months; outside 6-16 weeks is worth a second look.
- A program without preparation steps, aftercare or crisis information, and a
  week with no therapy, leave patients without something the guide promises.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.diagnostics import Diagnostic, Severity
from generator.load.dataset import DataSet
from generator.model import Audience
from generator.resolve import SiteSpec
from generator.source import SourceMap

ASAM = "ASAM Criteria, Level 2.1 (intensive outpatient)"
MIN_HOURS = {Audience.adult: 9.0, Audience.adolescent: 6.0}
PHP_HOURS = 20.0
SHORTEST, LONGEST = 6, 16


def _warn(source: SourceMap, loc: tuple[Any, ...], message: str, hint: str) -> Diagnostic:
    return source.diagnostic(loc, message, hint=hint, severity=Severity.WARNING)


def _tracks(spec: SiteSpec, data: DataSet) -> Iterator[Diagnostic]:
    source = data.locations[(spec.clinic_id, spec.location_id)].source
    floor = MIN_HOURS[spec.program.audience]
    for i, track in enumerate(spec.location.tracks):
        hours = spec.weekly_hours[track.name]
        if hours < floor:
            yield _warn(source, ("tracks", i), f"the {track.name} meets {hours:g} hours a week, below the "
                        f"{floor:g}-hour minimum for {spec.program.audience.value} intensive outpatient care",
                        f"{ASAM}: at least 9 hours a week for adults, 6 for adolescents")
        elif hours >= PHP_HOURS:
            yield _warn(source, ("tracks", i), f"the {track.name} meets {hours:g} hours a week: 20 or more is "
                        "partial hospitalization, not intensive outpatient care",
                        "ASAM Criteria, Level 2.5 (partial hospitalization) starts at 20 hours a week")


def _program(spec: SiteSpec, data: DataSet) -> Iterator[Diagnostic]:
    source = data.programs[spec.program_id].source
    program = spec.program
    missing = [(not program.preparation, "preparation steps", "patients need to know how to get ready"),
               (program.aftercare is None, "aftercare", "patients need a plan for after the program"),
               (program.crisis is None, "crisis information",
                "add 'crisis:' with the 988 Suicide & Crisis Lifeline; the site falls back to 988 and 911")]
    for absent, what, why in missing:
        if absent:
            yield _warn(source, (), f"the program has no {what}", why)
    for week in spec.weeks:
        if not week.therapies:
            index = program.phases.index(week.phase)
            yield _warn(source, ("phases", index, "weeks"), f"week {week.number} has no therapy at {spec.key}",
                        "name a therapy in the phase's 'therapies' or in one of its activities")
    if not SHORTEST <= spec.length <= LONGEST:
        yield _warn(source, ("length",), f"{spec.key} runs {spec.length} weeks, outside the usual "
                    f"{SHORTEST}-{LONGEST} weeks of an IOP",
                    "SAMHSA TIP 47 describes intensive outpatient programs of weeks to a few months")


def check_sites(data: DataSet, specs: list[SiteSpec]) -> list[Diagnostic]:
    """Every clinical warning of every site, each said once."""
    found: set[Diagnostic] = set()
    for spec in specs:
        found.update(_tracks(spec, data))
        found.update(_program(spec, data))
    return sorted(found)
