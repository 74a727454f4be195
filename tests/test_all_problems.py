"""All problems in one run: an unknown key hides neither its own file's other errors nor other files'.

A file whose only model errors are unknown keys is still made into its model (a
misspelled key it lacks stands for the key it means), so its references, weeks and
locations are checked in the same run; its errors still block the sites made from it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import edit, line_of, problems

from generator import pipeline
from generator.diagnostics import DataError

P = "programs/core-iop.yaml"
PASADENA = "clinics/harbor-light/locations/pasadena.yaml"
RIVERSIDE = "clinics/harbor-light/locations/riverside.yaml"


def at(data: Path, file: str, text: str, col: int) -> str:
    """The file:line:col of the line of file that holds text."""
    return f"{file}:{line_of(data / file, text)}:{col}"


def misspelled_length_and_more(data: Path) -> list[str]:
    """Break the program's length key and one of its therapy ids, and a location's length; the three errors."""
    edit(data / P, "\nlength:\n", "\nlenght:\n")
    edit(data / P, "      - individual-counseling\n", "      - individual-counselling\n")
    edit(data / PASADENA, "program_length: 10", "program_length: 14")
    return [f"{at(data, PASADENA, 'program_length:', 17)}: error: 14 weeks is outside the program's range "
            "of 8 to 12 weeks",
            f"{at(data, P, 'lenght:', 1)}: error: lenght: unknown key 'lenght'\n    hint: did you mean 'length'?",
            f"{at(data, P, '- individual-counselling', 9)}: error: no therapy has the id 'individual-counselling'"
            "\n    hint: did you mean 'individual-counseling'?"]


def test_a_misspelled_program_key_hides_neither_a_dangling_therapy_nor_a_location_length(data: Path) -> None:
    expected = misspelled_length_and_more(data)
    # the misspelled required key is reported once, as unknown, not also as "missing required key 'length'"
    assert problems(data) == expected


def test_a_misspelled_location_key_hides_no_dangling_therapy_in_that_location(data: Path) -> None:
    edit(data / RIVERSIDE, "hours:", "hous:")
    edit(data / RIVERSIDE, "- therapy: equine-assisted-therapy", "- therapy: equine-therapy")
    assert problems(data) == [
        f"{at(data, RIVERSIDE, 'hous:', 1)}: error: hous: unknown key 'hous'\n    hint: did you mean 'hours'?",
        f"{at(data, RIVERSIDE, 'equine-therapy', 16)}: error: no therapy has the id 'equine-therapy'\n"
        "    hint: did you mean 'equine-assisted-therapy'?"]


def test_a_file_with_an_unknown_key_still_blocks_every_site_made_from_it(data: Path, project: object,
                                                                          tmp_path: Path) -> None:
    expected = misspelled_length_and_more(data)
    review = pipeline.review(data)
    blocked = {site.key: [d.format(root=data) for d in site.errors] for site in review.sites if site.spec is None}
    # each site blocked by every error in the files it is made from; the other clinic's site is not held back
    assert blocked == {"harbor-light/pasadena": expected, "harbor-light/riverside": expected[1:]}
    assert [spec.key for spec in review.specs] == ["cedar-path/sacramento"]
    with pytest.raises(DataError):
        pipeline.resolve_all(data)
    result = pipeline.build_sites(project, review, tmp_path / "out", ["harbor-light"])  # type: ignore[arg-type]
    assert result.built == []
    assert sorted(result.failed) == ["harbor-light/pasadena", "harbor-light/riverside"]
    assert result.failed["harbor-light/pasadena"].startswith("3 error(s) in the data it is made from: ")


def test_a_misspelled_optional_key_stands_for_the_key_it_means(data: Path) -> None:
    edit(data / PASADENA, "program_length: 10", "program_lenght: 14")
    where = at(data, PASADENA, "program_lenght:", 1)
    assert problems(data) == [
        f"{where}: error: program_lenght: unknown key 'program_lenght'\n    hint: did you mean 'program_length'?",
        f"{where[:-1]}17: error: 14 weeks is outside the program's range of 8 to 12 weeks"]


def test_a_misspelled_optional_key_is_not_also_reported_missing(data: Path) -> None:
    # left out instead of read as program_length, it would also bring "missing required key 'program_length'"
    edit(data / PASADENA, "program_length: 10", "program_lenght: 10")
    assert problems(data) == [f"{at(data, PASADENA, 'program_lenght:', 1)}: error: program_lenght: unknown key "
                              "'program_lenght'\n    hint: did you mean 'program_length'?"]


def test_an_error_the_unknown_key_hid_in_the_same_mapping_is_reported(data: Path) -> None:
    edit(data / PASADENA, '    start: "18:00"\n    end: "21:00"\n', '    start: "18:00"\n    end: "17:00"\n'
         "    colour: blue\n")
    assert problems(data) == [
        f"{at(data, PASADENA, 'Evening track', 5)}: error: tracks[2]: the end time 17:00 is not after the "
        "start time 18:00",
        f"{at(data, PASADENA, 'colour:', 5)}: error: tracks[2].colour: unknown key 'colour'\n"
        "    hint: allowed keys here: name, days, start, end"]


def test_no_error_comes_from_a_guessed_key(data: Path) -> None:
    # 'ened' is likely 'end', but only likely: what 'end' would break waits until the key is fixed
    edit(data / PASADENA, '    start: "18:00"\n    end: "21:00"\n', '    start: "18:00"\n    ened: "17:00"\n')
    edit(data / P, "\nlength:\n  min: 8\n  max: 12\n", "\nlenght: 60\n")
    assert problems(data) == [
        f"{at(data, PASADENA, 'ened:', 5)}: error: tracks[2].ened: unknown key 'ened'\n"
        "    hint: did you mean 'end'?",
        f"{at(data, P, 'lenght:', 1)}: error: lenght: unknown key 'lenght'\n    hint: did you mean 'length'?"]


def test_an_unknown_key_hides_no_id_that_differs_from_the_file_name(data: Path) -> None:
    edit(data / "therapies/cbt.yaml", "short_name: CBT\n", "short_name: CBT\nid: cbt-therapy\ncolour: blue\n")
    therapy = "therapies/cbt.yaml"
    assert problems(data) == [
        f"{at(data, therapy, 'id: cbt-therapy', 5)}: error: the id 'cbt-therapy' does not match the file name "
        "'cbt'\n    hint: the file name is the id: rename it, or remove 'id:'",
        f"{at(data, therapy, 'colour:', 1)}: error: colour: unknown key 'colour'\n    hint: allowed keys here: "
        "id, name, short_name, kind, summary, what_it_is, session, helps_with, formats"]


def test_a_broken_program_hides_no_error_of_a_location_s_own(data: Path) -> None:
    edit(data / P, "  max: 12\n", "  max: 60\n")
    edit(data / RIVERSIDE, "- therapy: equine-assisted-therapy", "- therapy: equine-therapy")
    assert problems(data) == [
        f"{at(data, RIVERSIDE, 'equine-therapy', 16)}: error: no therapy has the id 'equine-therapy'\n"
        "    hint: did you mean 'equine-assisted-therapy'?",
        f"{at(data, P, 'max: 60', 8)}: error: length.max: 60 is above the limit of 52"]
