"""Score patient text with the Flesch-Kincaid grade level and warn where it is too hard.

Which text is scored: every string under a key in PROSE_KEYS, in every file a
site is made from (its program, clinic, location and the therapies it offers).
Texts shorter than MIN_WORDS are not scored: on a few words the formula says
nothing useful (a two-word name can score grade 20).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.diagnostics import Diagnostic, Severity
from generator.load.dataset import DataSet
from generator.resolve import SiteSpec
from generator.review import syllables
from generator.source import SourceMap

DEFAULT_MAX_GRADE = 8.0
MIN_WORDS = 6
FORMULA = "Flesch-Kincaid grade level"
PROSE_KEYS = {
    "summary", "what_it_is", "session", "helps_with", "text", "goals", "activities", "feelings", "tips",
    "checklist", "items", "answer", "question", "intro", "good_fit", "needs_more_care", "tagline",
    "parking", "transit",
}
_MARKDOWN = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_`]")
# addresses are read out as they are, not as words of a sentence: a bare URL would score as one 30-syllable word
_ADDRESS = re.compile(r"<?(?:https?://|mailto:|www\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b>?")


@dataclass(frozen=True)
class Scored:
    """One scored text: where it is, its grade and its first words."""

    file: Path
    line: int
    col: int
    grade: float
    text: str


@dataclass(frozen=True)
class Summary:
    """The reading grades of one site."""

    site: str
    limit: float
    median: float
    worst: float
    hardest: tuple[Scored, ...]
    # the formula, as check names it (Spanish sites are scored with their own: review/spanish.py)
    formula: str = FORMULA


@cache
def scorer() -> Any:
    """textstat, imported on first use (most commands never score text), with our syllable counts installed."""
    import textstat

    syllables.install()
    return textstat


@cache
def grade(text: str) -> float | None:
    """The Flesch-Kincaid grade of a text, or None when it is too short to score."""
    textstat = scorer()
    words = plain(text)
    if len(words.split()) < MIN_WORDS:
        return None
    return round(float(textstat.flesch_kincaid_grade(words)), 1)


def plain(text: str) -> str:
    """The words of a text as a reader meets them: link targets and addresses out, Markdown marks off."""
    return _MARKDOWN.sub(lambda m: m.group(1) or "", _ADDRESS.sub(" ", text))


def prose(value: Any, path: tuple[Any, ...] = (), inside: bool = False,
          keys: set[str] | None = PROSE_KEYS) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every patient-facing string in a model (every string, with keys=None), with its data path."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from prose(getattr(value, name), path + (name,), keys is None or name in keys, keys)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from prose(item, path + (i,), inside, keys)
    elif isinstance(value, str) and inside:
        yield path, value


def placeholders(data: DataSet) -> list[Diagnostic]:
    """Warn at every value that still holds a starter file's TODO, at the TODO itself (a block's third line)."""
    found = []
    for entry in data.entries():
        for path, text in prose(entry.model, keys=None):
            if "TODO" in text:
                line, col = entry.source.find(path, "TODO")
                found.append(Diagnostic(entry.file, line, col, "this still says TODO: replace it before you publish",
                                        Severity.WARNING, source_line=entry.source.line_text(line)))
    return found


def score_file(model: BaseModel, source: SourceMap) -> list[Scored]:
    """Score every patient text of one file."""
    found = []
    for path, text in prose(model):
        value = grade(text)
        if value is not None:
            line, col = source.locate(path)
            found.append(Scored(source.file, line, col, value, text))
    return found


def _site_files(data: DataSet, spec: SiteSpec) -> list[tuple[BaseModel, SourceMap]]:
    return [(entry.model, entry.source) for entry in map(data.entry_at, spec.files)]


def limit_for(spec: SiteSpec, override: float | None) -> float:
    """The grade limit of a site: the command-line flag, else the clinic's, else the default."""
    return override or spec.clinic.max_reading_grade or DEFAULT_MAX_GRADE


def assess(data: DataSet, specs: list[SiteSpec], override: float | None = None
           ) -> tuple[list[Diagnostic], list[Summary]]:
    """Warn at every text above its site's limit; summarize each site's grades."""
    warnings: set[Diagnostic] = set()
    summaries = []
    for spec in specs:
        limit = limit_for(spec, override)
        scored = [s for model, source in _site_files(data, spec) for s in score_file(model, source)]
        for s in scored:
            if s.grade > limit:
                warnings.add(Diagnostic(
                    s.file, s.line, s.col,
                    f"reading grade {s.grade:g} is above the limit of {limit:g} ({FORMULA})",
                    severity=Severity.WARNING, hint="use shorter sentences and everyday words"))
        grades = [s.grade for s in scored] or [0.0]
        hardest = tuple(sorted(scored, key=lambda s: (-s.grade, s.file, s.line))[:5])
        summaries.append(Summary(spec.key, limit, round(statistics.median(grades), 1), max(grades), hardest))
    return sorted(warnings), summaries

