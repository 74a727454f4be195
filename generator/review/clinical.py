"""Clinical consistency checks: warnings, each naming the guideline it comes from.

- Weekly hours of a schedule track: ASAM Criteria (3rd ed.) Level 2.1, intensive
  outpatient services, is at least 9 hours a week for adults and 6 for
  adolescents; 20 hours or more is Level 2.5, partial hospitalization.
- Program length: SAMHSA TIP 47 (Substance Abuse: Clinical Issues in Intensive
  Outpatient Treatment) describes programs that mostly run for weeks to a few
  months; outside 6-16 weeks is worth a second look.
- A program without preparation steps, aftercare or crisis information, and a
  week with no therapy, leave patients without something the guide promises.
- A program whose locations each pick a length (8 to 12 weeks) and whose text
  gives that range tells a patient of a 10-week site something untrue about
  their own program: each site states its own length on its home page.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from generator.diagnostics import Diagnostic, Severity
from generator.load.dataset import DataSet
from generator.model import Audience
from generator.model.program import LengthRange
from generator.resolve import SiteSpec
from generator.review.readability import prose
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


# "8 to 12 weeks", "8-12 weeks", "8 – 12 weeks"
_RANGE = re.compile(r"\b(\d{1,2})\s*(?:to|-|\u2013|\u2014)\s*(\d{1,2})[\s-]+weeks?\b", re.I)


def _stated_range(data: DataSet, specs: list[SiteSpec]) -> Iterator[Diagnostic]:
    """Warn where a program's text gives the range its locations pick from: each site shows one length."""
    sites: dict[str, list[SiteSpec]] = defaultdict(list)
    for spec in specs:
        sites[spec.program_id].append(spec)
    for program_id, using in sites.items():
        entry = data.programs[program_id]
        span = entry.model.length
        if not isinstance(span, LengthRange):
            continue
        lengths = ", ".join(f"{spec.location.name} {spec.length}" for spec in sorted(using, key=lambda s: s.key))
        for path, text in prose(entry.model, keys=None):
            for match in _RANGE.finditer(text):
                if {int(match[1]), int(match[2])} != {span.min, span.max}:
                    continue
                line, col = entry.source.find(path, match[0])
                yield Diagnostic(entry.file, line, col, f"this text gives the program's range, '{match[0]}', but "
                                 f"each location's guide shows its own length ({lengths} weeks)", Severity.WARNING,
                                 hint="leave the weeks out of this text: each site's home page states its length",
                                 source_line=entry.source.line_text(line))


def check_sites(data: DataSet, specs: list[SiteSpec]) -> list[Diagnostic]:
    """Every clinical warning of every site, each said once."""
    found: set[Diagnostic] = set()
    for spec in specs:
        found.update(_tracks(spec, data))
        found.update(_program(spec, data))
    found.update(_stated_range(data, specs))
    return sorted(found)
