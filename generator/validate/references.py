"""References between files resolve, ids are unique, and nothing is listed twice."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

from generator.diagnostics import Diagnostic
from generator.load.dataset import DataSet, FileKind
from generator.model import Overrides, Phase, PhaseOverride, Program
from generator.model.scalars import ID_RE
from generator.source import SourceMap


def did_you_mean(name: str, known: Iterable[str], names: dict[str, Iterable[str | None]] | None = None) -> str | None:
    """Return a hint naming the one known id that name likely means, or None.

    Case and the spaces around it do not matter ('CBT', 'cbt '), and names maps an id to what else its
    file calls it (a therapy's name and short name), so 'Dialectical Behavior Therapy' finds 'dbt'.
    """
    wanted = _plain(name)
    ids = sorted(known)
    same = [key for key in ids if wanted.replace(" ", "-") == key
            or wanted in {_plain(other) for other in (names or {}).get(key, ()) if other}]
    close = same or difflib.get_close_matches(wanted, ids, n=1, cutoff=0.6)
    if not close:  # a shortened id, like 'group' for 'group-therapy'
        close = [k for k in ids if wanted in k.split("-")] if "-" not in wanted else []
    return f"did you mean '{close[0]}'?" if len(close) == 1 else None


def _plain(text: str) -> str:
    """Text as an id compares it: lowercase, one space between words, none around them."""
    return " ".join(text.split()).lower()


def names_of(entries: dict[str, Any]) -> dict[str, Iterable[str | None]]:
    """What each file calls itself besides its id: a therapy's name and short name, a program's title."""
    return {key: [getattr(entry.model, field, None) for field in ("name", "short_name", "title")]
            for key, entry in entries.items()}


def ref(source: SourceMap, loc: tuple[Any, ...], name: str, kind: FileKind, known: dict[str, Any],
        data: DataSet) -> Iterator[Diagnostic]:
    """Report an id that names no file of its kind; stay quiet if that file exists but is broken."""
    if name not in known and (kind, name) not in data.broken:
        # a name that is no id could not be a file's name: asking for that file would mislead
        fallback = f"add {kind} file '{name}.yaml', or fix the id" if ID_RE.fullmatch(name) else \
            f"write the id of a {kind}: its file name without .yaml, in lowercase letters, digits and hyphens"
        yield source.diagnostic(loc, f"no {kind} has the id '{name}'",
                                hint=did_you_mean(name, known, names_of(known)) or fallback)


def twice(source: SourceMap, at: tuple[Any, ...], values: list[Any]) -> Iterator[Diagnostic]:
    """Report each value listed a second time in one list."""
    seen: set[Any] = set()
    for i, value in enumerate(values):
        if value in seen:
            yield source.diagnostic(at + (i,), f"'{value}' is listed twice", hint="remove one of them")
        seen.add(value)


def therapy_refs(source: SourceMap, base: tuple[Any, ...], phase: Phase | PhaseOverride,
                 data: DataSet) -> Iterator[Diagnostic]:
    """Check the therapies a phase (or a change to one) names: each known, none twice."""
    yield from twice(source, base + ("therapies",), list(phase.therapies or []))
    for i, therapy in enumerate(phase.therapies or []):
        yield from ref(source, base + ("therapies", i), therapy, FileKind.therapy, data.therapies, data)
    for i, activity in enumerate(phase.activities or []):
        if activity.therapy:
            yield from ref(source, base + ("activities", i, "therapy"), activity.therapy, FileKind.therapy,
                           data.therapies, data)


def phase_ids(program: Program, source: SourceMap) -> Iterator[Diagnostic]:
    """Report a phase id used a second time in one program."""
    seen: dict[str, int] = {}
    for i, phase in enumerate(program.phases):
        if phase.id in seen:
            yield source.diagnostic(("phases", i, "id"), f"two phases have the id '{phase.id}'",
                                    hint=f"the first is phases[{seen[phase.id] + 1}]; ids must be unique")
        seen.setdefault(phase.id, i)


def overrides(changes: Overrides | None, source: SourceMap, program: Program | None,
              data: DataSet) -> Iterator[Diagnostic]:
    """Check that each changed phase exists in the program, once, and names known therapies.

    Without the program (its own errors say why) only its phase ids go unchecked.
    """
    if changes is None or not changes.phases:
        return
    ids = {phase.id for phase in program.phases} if program else set()
    yield from twice(source, ("overrides", "phases"), [phase.id for phase in changes.phases])
    for i, phase in enumerate(changes.phases):
        at = ("overrides", "phases", i)
        if program is not None and phase.id not in ids:
            yield source.diagnostic(at + ("id",), f"the program has no phase with the id '{phase.id}'",
                                    hint=did_you_mean(phase.id, ids) or f"phase ids: {', '.join(sorted(ids))}")
        yield from therapy_refs(source, at, phase, data)
