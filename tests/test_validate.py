"""Cross-file rules on a copy of the demo data: message and file:line.

The rules whose demo-data case would repeat a tests/test_corpus.py case (same mistake,
same message) are checked there only; these cases need the demo data or say more.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import edit, line_of, problems


def test_demo_data_is_valid(data: Path) -> None:
    assert problems(data) == []


# each case: the file, the text replaced and its replacement, text on the line reported, the column, the error
ONE_BROKEN_RULE = [
    pytest.param("programs/twelve-week-iop.yaml", 'weeks: "10-12"', 'weeks: "10-13"', 'weeks: "10-13"', 12,
                 "'10-13' goes past the end of a 12-week program\n"
                 "    hint: the last week is 12, or write '10+' to run to the end", id="week-past-the-program-length"),
    # core-iop runs 8 to 12 weeks: a last phase of 5-8 leaves weeks 9-12 of the longest version bare
    pytest.param("programs/core-iop.yaml", 'weeks: "5+"', 'weeks: "5-8"', 'weeks: "5-8"', 12,
                 "weeks 9-12 of the 12-week program belong to no phase\n"
                 "    hint: end the last phase at week 12, or write '5+'", id="weeks-left-uncovered-at-the-end"),
    # a missing key is reported where the file's mapping starts: its first key, after the schema comment
    pytest.param("clinics/harbor-light/locations/pasadena.yaml", "program_length: 10\n", "", "name:", 1,
                 "missing required key 'program_length': the program 'core-iop' lasts 8 to 12 weeks\n"
                 "    hint: add 'program_length: N'", id="location-length-missing-for-a-range"),
    pytest.param("clinics/harbor-light/locations/riverside.yaml", "weeks: 5+", "weeks: 13+", "weeks: 13+", 14,
                 "'13+' goes past the end of the 12-week program, so 'equine-assisted-therapy' would never meet",
                 id="added-therapy-past-the-end"),
]


@pytest.mark.parametrize(("file", "old", "new", "at", "col", "error"), ONE_BROKEN_RULE)
def test_one_broken_rule(data: Path, file: str, old: str, new: str, at: str, col: int, error: str) -> None:
    edit(data / file, old, new)
    line = line_of(data / file, at)
    assert problems(data) == [f"{file}:{line}:{col}: error: {error}"]


def test_location_length_on_a_fixed_program(data: Path) -> None:
    location = data / "clinics/cedar-path/locations/sacramento.yaml"
    location.write_text(location.read_text() + "program_length: 10\n")
    line = line_of(location, "program_length")
    assert problems(data) == [f"clinics/cedar-path/locations/sacramento.yaml:{line}:17: error: the program "
                              "'twelve-week-iop' always lasts 12 weeks\n    hint: remove program_length, or pick "
                              "a program with a range of lengths"]


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
