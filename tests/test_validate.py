"""Each cross-file rule, broken once on a copy of the demo data: message and file:line."""

from __future__ import annotations

from pathlib import Path

from conftest import edit, line_of, problems


def test_demo_data_is_valid(data: Path) -> None:
    assert problems(data) == []


def test_dangling_therapy_reference_with_hint(data: Path) -> None:
    program = data / "programs/core-iop.yaml"
    edit(program, "      - cbt\n", "      - cbtt\n")
    line = line_of(program, "- cbtt")
    assert problems(data) == [f"programs/core-iop.yaml:{line}:9: error: no therapy has the id 'cbtt'\n"
                              "    hint: did you mean 'cbt'?"]


def test_dangling_activity_therapy(data: Path) -> None:
    program = data / "programs/twelve-week-iop.yaml"
    edit(program, "therapy: art-therapy", "therapy: painting")
    line = line_of(program, "therapy: painting")
    found = problems(data)
    assert len(found) == 1 and found[0].startswith(f"programs/twelve-week-iop.yaml:{line}:")
    assert "no therapy has the id 'painting'" in found[0]


def test_dangling_program_reference(data: Path) -> None:
    edit(data / "clinics/cedar-path/clinic.yaml", "program: twelve-week-iop", "program: twelve-weeks-iop")
    line = line_of(data / "clinics/cedar-path/clinic.yaml", "program:")
    assert problems(data) == [f"clinics/cedar-path/clinic.yaml:{line}:10: error: no program has the id "
                              "'twelve-weeks-iop'\n    hint: did you mean 'twelve-week-iop'?"]


def test_dangling_phase_reference_in_overrides(data: Path) -> None:
    clinic = data / "clinics/harbor-light/clinic.yaml"
    clinic.write_text(clinic.read_text() + "overrides:\n  phases:\n    - id: getting-startd\n      title: Day one\n")
    line = line_of(clinic, "getting-startd")
    assert problems(data) == [f"clinics/harbor-light/clinic.yaml:{line}:11: error: the program has no phase with "
                              "the id 'getting-startd'\n    hint: did you mean 'getting-started'?"]


def test_gap_between_phases(data: Path) -> None:
    program = data / "programs/twelve-week-iop.yaml"
    edit(program, 'weeks: "4-6"', 'weeks: "5-6"')
    line = line_of(program, 'weeks: "5-6"')
    assert problems(data) == [f"programs/twelve-week-iop.yaml:{line}:12: error: week 4 belongs to no phase: "
                              "this phase starts at week 5\n    hint: start this phase at week 4, or add a phase "
                              "for the gap"]


def test_overlap_between_phases(data: Path) -> None:
    program = data / "programs/twelve-week-iop.yaml"
    edit(program, 'weeks: "4-6"', 'weeks: "3-6"')
    line = line_of(program, 'weeks: "3-6"')
    assert problems(data) == [f"programs/twelve-week-iop.yaml:{line}:12: error: week 3 is already covered by "
                              "the phase before\n    hint: start this phase at week 4"]


def test_week_past_the_program_length(data: Path) -> None:
    program = data / "programs/twelve-week-iop.yaml"
    edit(program, 'weeks: "10-12"', 'weeks: "10-13"')
    line = line_of(program, 'weeks: "10-13"')
    assert problems(data) == [f"programs/twelve-week-iop.yaml:{line}:12: error: '10-13' goes past the end of a "
                              "12-week program\n    hint: the last week is 12, or write '10+' to run to the end"]


def test_weeks_left_uncovered_at_the_end(data: Path) -> None:
    # core-iop runs 8 to 12 weeks: a last phase of 5-8 leaves weeks 9-12 of the longest version bare
    program = data / "programs/core-iop.yaml"
    edit(program, 'weeks: "5+"', 'weeks: "5-8"')
    line = line_of(program, 'weeks: "5-8"')
    assert problems(data) == [f"programs/core-iop.yaml:{line}:12: error: weeks 9-12 of the 12-week "
                              "program belong to no phase\n    hint: end the last phase at week 12, or write '5+'"]


def test_open_ended_phase_must_be_last(data: Path) -> None:
    program = data / "programs/core-iop.yaml"
    edit(program, 'weeks: "4"', 'weeks: "4+"')
    line = line_of(program, 'weeks: "4+"')
    found = problems(data)
    assert found[0] == (f"programs/core-iop.yaml:{line}:12: error: '4+' runs to the end of the program, so only "
                        "the last phase may use it\n    hint: give this phase an end week, like 4-5")


def test_duplicate_phase_ids(data: Path) -> None:
    program = data / "programs/core-iop.yaml"
    edit(program, "id: coping-skills", "id: building-routine")
    line = line_of(program, "id: building-routine")
    second = [n for n, text in enumerate(program.read_text().splitlines(), 1) if "id: building-routine" in text][1]
    assert line < second
    assert problems(data) == [f"programs/core-iop.yaml:{second}:9: error: two phases have the id 'building-routine'"
                              "\n    hint: the first is phases[2]; ids must be unique"]


def test_location_length_outside_range(data: Path) -> None:
    edit(data / "clinics/harbor-light/locations/pasadena.yaml", "program_length: 10", "program_length: 14")
    line = line_of(data / "clinics/harbor-light/locations/pasadena.yaml", "program_length:")
    assert problems(data) == [f"clinics/harbor-light/locations/pasadena.yaml:{line}:17: error: 14 weeks is outside the "
                              "program's range of 8 to 12 weeks"]


def test_location_length_missing_for_a_range(data: Path) -> None:
    edit(data / "clinics/harbor-light/locations/pasadena.yaml", "program_length: 10\n", "")
    # a missing key is reported where the file's mapping starts: its first key, after the schema comment
    line = line_of(data / "clinics/harbor-light/locations/pasadena.yaml", "name:")
    assert problems(data) == [f"clinics/harbor-light/locations/pasadena.yaml:{line}:1: error: missing required key "
                              "'program_length': the program 'core-iop' lasts 8 to 12 weeks\n"
                              "    hint: add 'program_length: N'"]


def test_location_length_on_a_fixed_program(data: Path) -> None:
    location = data / "clinics/cedar-path/locations/sacramento.yaml"
    location.write_text(location.read_text() + "program_length: 10\n")
    line = line_of(location, "program_length")
    assert problems(data) == [f"clinics/cedar-path/locations/sacramento.yaml:{line}:17: error: the program "
                              "'twelve-week-iop' always lasts 12 weeks\n    hint: remove program_length, or pick "
                              "a program with a range of lengths"]


def test_therapy_offered_but_never_scheduled(data: Path) -> None:
    location = data / "clinics/harbor-light/locations/riverside.yaml"
    edit(location, "      weeks: 5+\n", "")
    line = line_of(location, "- therapy: equine-assisted-therapy")
    assert problems(data) == [f"clinics/harbor-light/locations/riverside.yaml:{line}:7: error: "
                              "'equine-assisted-therapy' is offered here but no week uses it\n"
                              "    hint: add 'weeks: ...' (like 3, 2-3 or 5+) to say when it meets"]


def test_added_therapy_past_the_end(data: Path) -> None:
    location = data / "clinics/harbor-light/locations/riverside.yaml"
    edit(location, "weeks: 5+", "weeks: 13+")
    line = line_of(location, "weeks: 13+")
    assert problems(data) == [f"clinics/harbor-light/locations/riverside.yaml:{line}:14: error: '13+' goes past "
                              "the end of the 12-week program, so 'equine-assisted-therapy' would never meet"]


def test_removing_a_therapy_the_program_lacks(data: Path) -> None:
    location = data / "clinics/harbor-light/locations/riverside.yaml"
    edit(location, "therapies:\n", "therapies:\n  remove: [adventure-therapy]\n")
    line = line_of(location, "remove:")
    assert problems(data) == [f"clinics/harbor-light/locations/riverside.yaml:{line}:12: error: "
                              "'adventure-therapy' is not part of the program 'core-iop', so there is "
                              "nothing to remove\n    hint: take it out of 'remove'; only a therapy the program uses "
                              "can be removed"]


def test_missing_logo(data: Path) -> None:
    (data / "clinics/cedar-path/logo.svg").unlink()
    line = line_of(data / "clinics/cedar-path/clinic.yaml", "logo:")
    assert problems(data) == [f"clinics/cedar-path/clinic.yaml:{line}:9: error: the logo file 'logo.svg' does not exist"
                              "\n    hint: put it in the clinic folder: cedar-path/"]


def test_file_name_must_be_an_id(data: Path) -> None:
    (data / "therapies/cbt.yaml").rename(data / "therapies/CBT.yaml")
    # one error: the programs' references to 'cbt' are not reported again
    assert problems(data) == ["therapies/CBT.yaml:1:1: error: the file name 'CBT' is not a valid id\n"
                              "    hint: ids use only lowercase letters, digits and hyphens, like 'harbor-light'"]


def test_broken_file_does_not_cascade(data: Path) -> None:
    (data / "therapies/cbt.yaml").write_text("name: [unclosed\n")
    found = problems(data)
    assert len(found) == 1 and found[0].startswith("therapies/cbt.yaml:1:7: error: YAML syntax")


def test_every_error_of_a_run_is_reported(data: Path) -> None:
    edit(data / "programs/core-iop.yaml", "      - cbt\n", "      - cbtt\n")
    edit(data / "programs/twelve-week-iop.yaml", 'weeks: "4-6"', 'weeks: "5-6"')
    edit(data / "clinics/harbor-light/locations/pasadena.yaml", "name: Pasadena", "nmae: Pasadena")
    found = problems(data)
    assert [f.split(":")[0] for f in found] == ["clinics/harbor-light/locations/pasadena.yaml",
                                                "programs/core-iop.yaml", "programs/twelve-week-iop.yaml"]
    assert "unknown key 'nmae'\n    hint: did you mean 'name'?" in found[0]


def test_a_therapy_both_added_and_removed(data: Path) -> None:
    location = data / "clinics/harbor-light/locations/riverside.yaml"
    edit(location, "therapies:\n", "therapies:\n  remove: [equine-assisted-therapy]\n")
    line = line_of(location, "remove:")
    found = problems(data)
    assert any(p.startswith(f"clinics/harbor-light/locations/riverside.yaml:{line}:12: error: "
                            "'equine-assisted-therapy' is both added and removed here") for p in found), found
