"""Weeks: a program's phases cover each of its weeks once, and a location's length fits its program."""

from __future__ import annotations

from generator.diagnostics import Diagnostic
from generator.model import LengthRange, Location, Phase, Program
from generator.source import SourceMap


def _a(number: int) -> str:
    """A number with its article: 'a 6', 'an 8', 'an 11'."""
    return f"{'an' if str(number).startswith('8') or number in (11, 18) else 'a'} {number}"


def program_lengths(program: Program) -> list[int]:
    """Every length the program can have: its one length, or the ends of its range."""
    return [program.length] if isinstance(program.length, int) else [program.length.min, program.length.max]


def coverage(phases: list[Phase], length: int, source: SourceMap) -> list[Diagnostic]:
    """Check that phases cover weeks 1..length in order, with no gap and no overlap."""
    found: list[Diagnostic] = []
    expected = 1
    for i, phase in enumerate(phases):
        found += _phase_weeks(phases, i, expected, length, source)
        span = phase.span
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


def _phase_weeks(phases: list[Phase], i: int, expected: int, length: int, source: SourceMap) -> list[Diagnostic]:
    """Check one phase's weeks, given the week it should start at."""
    found: list[Diagnostic] = []
    phase = phases[i]
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
    return found


def site_length(program: Program, location: Location) -> int | None:
    """The number of weeks a location runs: the program's, or the location's pick from its range."""
    if isinstance(program.length, int):
        return program.length
    return location.program_length


def location_length(program: Program, location: Location, source: SourceMap, program_id: str) -> list[Diagnostic]:
    """Check a location's program_length against its program: set for a range, inside it, absent otherwise."""
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
