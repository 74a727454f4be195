"""The merge rules: program -> clinic -> location, and the weeks each site gets."""

from __future__ import annotations

from pathlib import Path

from conftest import edit

from generator import pipeline
from generator.model import Overrides
from generator.resolve import merge_program


def site(data: Path, key: str):
    specs, _ = pipeline.resolve_all(data)
    return next(spec for spec in specs if spec.key == key)


def test_no_overrides_keeps_the_program(data: Path) -> None:
    spec = site(data, "cedar-path/sacramento")
    program = pipeline.check(data)[0].programs["twelve-week-iop"].model
    assert spec.program == program
    assert set(spec.provenance.values()) == {"program"}


def test_location_overrides_beat_clinic_overrides_and_lists_replace(data: Path) -> None:
    clinic = data / "clinics/harbor-light/clinic.yaml"
    clinic.write_text(clinic.read_text() + "overrides:\n  title: Clinic title\n  summary: Clinic summary.\n"
                      "  conditions: [Depression]\n")
    location = data / "clinics/harbor-light/locations/pasadena.yaml"
    location.write_text(location.read_text() + "overrides:\n  title: Pasadena title\n")
    pasadena, riverside = site(data, "harbor-light/pasadena"), site(data, "harbor-light/riverside")
    assert pasadena.program.title == "Pasadena title"
    assert riverside.program.title == "Clinic title"
    assert pasadena.program.summary == riverside.program.summary == "Clinic summary."
    assert pasadena.program.conditions == ["Depression"]  # replaced, not appended
    assert pasadena.provenance["title"] == "location"
    assert pasadena.provenance["summary"] == "clinic"
    assert pasadena.provenance["faq"] == "program"


def test_phases_merge_by_id_and_keep_their_weeks(data: Path) -> None:
    base = pipeline.check(data)[0].programs["twelve-week-iop"].model
    overrides = Overrides.model_validate({"phases": [{"id": "triggers-and-tools", "title": "New title",
                                                      "tips": ["One tip"]}]})
    merged, provenance = merge_program(base, [("clinic", overrides)])
    before = {p.id: p for p in base.phases}
    after = {p.id: p for p in merged.phases}
    assert [p.id for p in merged.phases] == [p.id for p in base.phases]
    changed = after["triggers-and-tools"]
    assert (changed.title, changed.tips) == ("New title", ["One tip"])
    assert changed.weeks == before["triggers-and-tools"].weeks
    assert changed.goals == before["triggers-and-tools"].goals  # keys not set are kept
    assert after["finishing-strong"] == before["finishing-strong"]
    assert provenance["phases"] == "clinic"


def test_weeks_follow_the_location_length(data: Path) -> None:
    pasadena = site(data, "harbor-light/pasadena")
    assert pasadena.length == 10
    assert [w.number for w in pasadena.weeks] == list(range(1, 11))
    assert {w.phase.id for w in pasadena.weeks if w.number >= 5} == {pasadena.weeks[-1].phase.id}


def test_added_therapy_meets_in_its_weeks_only(data: Path) -> None:
    riverside = site(data, "harbor-light/riverside")
    assert riverside.therapy_weeks["equine-assisted-therapy"] == tuple(range(5, 13))
    assert "equine-assisted-therapy" not in site(data, "harbor-light/pasadena").therapies


def test_removed_therapy_leaves_every_week_and_activity(data: Path) -> None:
    location = data / "clinics/cedar-path/locations/sacramento.yaml"
    location.write_text(location.read_text() + "therapies:\n  remove: [art-therapy]\n")
    spec = site(data, "cedar-path/sacramento")
    assert "art-therapy" not in spec.therapies
    assert all("art-therapy" not in w.therapies for w in spec.weeks)
    assert all(a.therapy != "art-therapy" for w in spec.weeks for a in w.activities)


def test_week_notes_add_title_and_checklist(data: Path) -> None:
    spec = site(data, "cedar-path/sacramento")
    week12 = spec.weeks[11]
    assert week12.note is not None and week12.note.week == 12
    assert week12.title == (week12.note.title or week12.phase.title)
    assert week12.checklist[: len(week12.phase.checklist)] == tuple(week12.phase.checklist)


def test_an_override_cannot_set_unknown_keys(data: Path) -> None:
    clinic = data / "clinics/harbor-light/clinic.yaml"
    clinic.write_text(clinic.read_text() + "overrides:\n  length: 9\n")
    _, diagnostics = pipeline.check(data)
    assert [d.message for d in diagnostics] == ["overrides.length: unknown key 'length'"]
    edit(clinic, "  length: 9\n", "  phases:\n    - id: getting-started\n      weeks: '1-2'\n")
    _, diagnostics = pipeline.check(data)
    assert [d.message for d in diagnostics] == ["overrides.phases[1].weeks: unknown key 'weeks'"]
