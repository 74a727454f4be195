"""Stage 5, review: the warnings that need resolved sites (clinical, reading grade, links in text).

`assess_sites` is the one entry point: the pipeline runs it once per command, on
the sites that can be built.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.diagnostics import Diagnostic
from generator.load.dataset import DataSet
from generator.resolve import SiteSpec
from generator.review import clinical, links, readability, spanish


@dataclass(frozen=True)
class Findings:
    """What the review of some sites found: diagnostics, and each site's reading grades."""

    diagnostics: list[Diagnostic]
    reading: list[readability.Summary]


def assess_sites(data: DataSet, specs: list[SiteSpec], max_grade: float | None = None,
                 translations: list[SiteSpec] | None = None) -> Findings:
    """Review resolved sites: reading grades (Spanish ones by a Spanish formula), clinical norms, placeholders
    left in, links in the text."""
    if not specs:
        return Findings([], [])
    reading_warnings, summaries = readability.assess(data, specs, max_grade)
    spanish_warnings, spanish_summaries = spanish.assess(data, translations or [])
    reading_warnings, summaries = reading_warnings + spanish_warnings, summaries + spanish_summaries
    found = (reading_warnings + clinical.check_sites(data, specs) + readability.placeholders(data)
             + links.check_sites(data, specs))
    return Findings(sorted(set(found)), summaries)
