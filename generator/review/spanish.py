"""Score the Spanish texts of a site with a Spanish formula, and warn where one is too hard.

Flesch-Kincaid counts English syllables and is meaningless on Spanish. The
Fernández-Huerta reading ease (textstat's, with Spanish syllables from pyphen)
goes from 0 (very hard) to 100 (very easy): 70 to 80 reads as "fairly easy",
about sixth grade; below 60 it is harder than most patient material should be.
Each text is scored where its translation wrote it; English shown in its place
(a missing translation) is scored by the English formula at the English line.
"""

from __future__ import annotations

import statistics
from functools import cache

from generator.diagnostics import Diagnostic, Severity
from generator.load.dataset import DataSet
from generator.resolve import SiteSpec
from generator.review import readability
from generator.review.readability import Scored, Summary
from generator.source import origin_of
from generator.translate.dataset import translated

FORMULA = "Fernández-Huerta reading ease, higher is easier"
DEFAULT_MIN_EASE = 60.0
# Spanish words are longer than English ones: on a phrase of under ten words the formula swings by 30 points
MIN_WORDS = 10


@cache
def ease(text: str) -> float | None:
    """The Fernández-Huerta score of a Spanish text, or None when it is too short to score."""
    readability.scorer()  # our syllable counts, installed once
    from textstat.backend import metrics

    plain = readability.plain(text)
    if len(plain.split()) < MIN_WORDS:
        return None
    return round(float(metrics.fernandez_huerta(plain, "es")), 1)


def assess(data: DataSet, specs: list[SiteSpec]) -> tuple[list[Diagnostic], list[Summary]]:
    """Warn at every Spanish text below the limit; summarize each Spanish site's scores."""
    warnings: set[Diagnostic] = set()
    summaries = []
    for spec in specs:
        language = translated(data, spec.language).data
        scored = []
        for file in spec.files:
            for _, text in readability.prose(language.entry_at(file).model):
                origin, score = origin_of(text), ease(text)
                if origin is None or score is None or getattr(text, "lang", None):
                    continue  # generator text, too short, or English standing in for a missing translation
                scored.append(Scored(origin.file, origin.line, origin.col, score, str(text)))
        for s in scored:
            if s.grade < DEFAULT_MIN_EASE:
                warnings.add(Diagnostic(s.file, s.line, s.col, f"reading ease {s.grade:g} is below the limit of "
                                        f"{DEFAULT_MIN_EASE:g} ({FORMULA})", severity=Severity.WARNING,
                                        hint="use shorter sentences and everyday words"))
        scores = [s.grade for s in scored] or [100.0]
        hardest = tuple(sorted(scored, key=lambda s: (s.grade, s.file, s.line))[:5])
        summaries.append(Summary(f"{spec.key} ({spec.language})", DEFAULT_MIN_EASE, round(statistics.median(scores), 1),
                                 min(scores), hardest, FORMULA))
    return sorted(warnings), summaries
