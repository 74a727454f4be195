"""Hints that must not mislead: files editors leave behind, encodings, block text, phones, times, ids."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import edit, line_of, problems

from generator import cli, pipeline
from generator.load import loader
from generator.render.href import tel

CBT = "therapies/cbt.yaml"
CORE = "programs/core-iop.yaml"
PASADENA = "clinics/harbor-light/locations/pasadena.yaml"
SACRAMENTO = "clinics/cedar-path/locations/sacramento.yaml"
UTF8_HINT = "\n    hint: save the file as UTF-8 in your editor"


def shown(data: Path) -> list[str]:
    """Every diagnostic of a data folder as the terminal shows it: with its quoted line and caret."""
    _, diagnostics = pipeline.check(data)
    return [d.format(root=data, source=True) for d in diagnostics]


# -- files that editors and systems leave behind ----------------------------------------------------------------------

OLD_COPY = b"name: an old copy\n"
LEFT_BEHIND = {
    "programs/core-iop.yaml~": OLD_COPY,  # a backup: "rename it to core-iop.yaml" would overwrite the real file
    "therapies/#cbt.yaml#": OLD_COPY,  # an Emacs autosave
    "therapies/.cbt.yaml.swp": b"b0VIM 9.0\x00\x00\x10\x00",  # Vim swap files
    "clinics/harbor-light/locations/.pasadena.yaml.swo": b"b0VIM 9.0\x00",
    "therapies/.DS_Store": b"\x00\x00\x00\x01Bud1\x00\x00\x10\x00\xff\xfe\x1b[2J",  # macOS folder view
    "clinics/harbor-light/Thumbs.db": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # Windows thumbnails
    ".DS_Store": b"\x00\x00\x00\x01Bud1",
}


def test_files_left_behind_by_editors_are_never_read_nor_reported(data: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    for name, content in LEFT_BEHIND.items():
        (data / name).write_bytes(content)
    # an Emacs lock is a link to nothing, named like the file it locks
    os.symlink("nurse@laptop.4242:1700000000", data / "therapies/.#cbt.yaml")
    read: list[str] = []
    real = loader.read_capped
    monkeypatch.setattr(loader, "read_capped", lambda file, *rest: read.append(file.name) or real(file, *rest))
    assert problems(data) == []
    assert not {".#cbt.yaml", *(Path(name).name for name in LEFT_BEHIND)} & set(read)
    assert cli.main(["check", "--strict", "--data", str(data)]) == 0
    assert "0 error(s), 0 warning(s)" in capsys.readouterr().out


@pytest.mark.parametrize(("name", "hint"), [
    # cbt.yaml is there: renaming to it would overwrite it
    ("therapies/cbt.txt", "move it out of this folder: only data files belong here"),
    # Windows and macOS take CBT.yaml for cbt.yaml
    ("therapies/CBT.txt", "move it out of this folder: only data files belong here"),
    ("therapies/.hidden", "move it out of this folder: only data files belong here"),
])
def test_the_rename_hint_never_names_a_file_that_is_there(data: Path, name: str, hint: str) -> None:
    (data / name).write_text("name: x\n", encoding="utf-8")
    assert problems(data) == [f"{name}:1:1: warning: this file is not read: data files end in .yaml\n"
                              f"    hint: {hint}"]


def test_a_yml_file_beside_its_yaml_file_is_not_told_to_take_its_name(data: Path) -> None:
    (data / "therapies/cbt.yml").write_text("name: x\n", encoding="utf-8")
    assert problems(data) == ["therapies/cbt.yml:1:1: error: this file is not read: data files end in .yaml, "
                              "not .yml\n    hint: cbt.yaml is here too: keep the one you want, and move the other "
                              "out of this folder"]


# -- encodings --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("content", "at", "byte", "quoted"), [
    # the bad byte and the control character after it are written as escapes; the column counts characters
    (b"summary: caf\xc3\xa9 \xe9\x1b[31m red\n", 15, "byte 15 is 0xe9",
     "  1 | summary: caf\u00e9 \\xe9\\x1b[31m red\n    |               ^"),
    # a picture saved as .yaml: its first line, its bytes written as escapes
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", 1, "byte 0 is 0x89", "  1 | \\x89PNG\n    | ^"),
])
def test_a_file_that_is_not_utf8_never_shows_its_raw_bytes(data: Path, content: bytes, at: int, byte: str,
                                                           quoted: str) -> None:
    (data / CBT).write_bytes(content)
    assert shown(data) == [f"{CBT}:1:{at}: error: the file is not UTF-8 text ({byte})\n{quoted}{UTF8_HINT}"]


@pytest.mark.parametrize(("encoding", "mark", "name"), [
    ("utf-16-le", b"\xff\xfe", "UTF-16"),  # Windows Notepad's "Unicode"
    ("utf-16-be", b"\xfe\xff", "UTF-16"),
    ("utf-16-le", b"", "UTF-16"),  # no mark: a NUL beside every letter
    ("utf-16-be", b"", "UTF-16"),
    ("utf-32-le", b"\xff\xfe\x00\x00", "UTF-32"),
    ("utf-32-le", b"", "UTF-32"),
])
def test_a_file_saved_as_utf16_or_utf32_is_named_so_without_noise(data: Path, encoding: str, mark: bytes,
                                                                   name: str) -> None:
    text = (data / CBT).read_text(encoding="utf-8")
    (data / CBT).write_bytes(mark + text.encode(encoding))
    assert shown(data) == [f"{CBT}:1:1: error: this file is saved as {name}; save it as UTF-8\n"
                           "    hint: in your editor, use Save As and pick the encoding UTF-8"]


# -- a line less indented than the block of text it continues ---------------------------------------------------------

OR_KEY = " (or, if it starts a new key, write 'key: value')"


@pytest.mark.parametrize("indent", ["", " "])
def test_a_line_less_indented_than_its_block_of_text(data: Path, indent: str) -> None:
    # what_it_is: >- and four lines; the third starts at column 1 or 2
    edit(data / CBT, "  old habits. In CBT", f"{indent}old habits. In CBT")
    line = line_of(data / CBT, "old habits. In CBT")
    assert problems(data) == [
        f"{CBT}:{line}:{len(indent) + 1}: error: YAML syntax: this line is less indented than the block of text it "
        f"continues, which starts on line {line_of(data / CBT, 'what_it_is: >-')}\n"
        f"    hint: indent it by 2 spaces, like the lines above it{OR_KEY if not indent else ''}"]


# -- phone numbers ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("number", ["211", "311", "511", "711", "811", "911", "988"])
def test_a_three_digit_service_number_is_a_phone_number(data: Path, number: str) -> None:
    edit(data / SACRAMENTO, "phone: (916) 555-0171", f'phone: "{number}"')
    assert problems(data) == []
    assert str(tel(number)) == f"tel:{number}"


@pytest.mark.parametrize("number", ["555", "111", "2110", "555-01"])
def test_a_short_number_of_digits_is_told_what_a_phone_number_looks_like(data: Path, number: str) -> None:
    edit(data / SACRAMENTO, "phone: (916) 555-0171", f'phone: "{number}"')
    line = line_of(data / SACRAMENTO, f'phone: "{number}"')
    assert problems(data) == [
        f"{SACRAMENTO}:{line}:12: error: resources[1].phone: '{number}' is not a phone number: write its 10 digits, "
        "such as (626) 555-0142, or 1 and 10 digits, or a 3-digit service number like 211 or 988"]


# -- times ------------------------------------------------------------------------------------------------------------

def test_midnight_as_24_00_is_told_what_to_write(data: Path) -> None:
    edit(data / PASADENA, 'end: "21:00"', 'end: "24:00"')
    line = line_of(data / PASADENA, 'end: "24:00"')
    assert problems(data) == [
        f"{PASADENA}:{line}:10: error: tracks[2].end: '24:00' is not a time of day: the day ends at 23:59, so a "
        "session that ends at midnight ends at \"23:59\""]
    edit(data / PASADENA, 'end: "24:00"', 'end: "23:59"')
    assert problems(data) == []


# -- ids that name a therapy, a program or a phase in another way -----------------------------------------------------

REFERENCES = [
    pytest.param(CORE, "therapy: dbt", "therapy: DBT", 18, "no therapy has the id 'DBT'", "did you mean 'dbt'?",
                 id="capitals"),
    pytest.param(CORE, "therapy: dbt", 'therapy: "dbt "', 18, "no therapy has the id 'dbt '", "did you mean 'dbt'?",
                 id="a-space-after"),
    pytest.param(CORE, "therapy: dbt", "therapy: Dialectical Behavior Therapy", 18,
                 "no therapy has the id 'Dialectical Behavior Therapy'", "did you mean 'dbt'?", id="the-name"),
    pytest.param(CORE, "      - dbt\n", "      - DBT\n", 9, "no therapy has the id 'DBT'", "did you mean 'dbt'?",
                 id="the-short-name-in-a-list"),
    pytest.param(CORE, "therapy: dbt", "therapy: group therapy", 18, "no therapy has the id 'group therapy'",
                 "did you mean 'group-therapy'?", id="spaces-for-hyphens"),
    pytest.param(CORE, "therapy: dbt", "therapy: Yoga Class", 18, "no therapy has the id 'Yoga Class'",
                 "write the id of a therapy: its file name without .yaml, in lowercase letters, digits and hyphens",
                 id="no-match-asks-for-an-id-not-a-file-named-so"),
    pytest.param("clinics/harbor-light/clinic.yaml", "program: core-iop", "program: Core-IOP", 10,
                 "no program has the id 'Core-IOP'", "did you mean 'core-iop'?", id="a-program"),
]


@pytest.mark.parametrize(("file", "old", "new", "col", "error", "hint"), REFERENCES)
def test_an_id_written_another_way_gets_one_error_with_the_id_it_means(data: Path, file: str, old: str, new: str,
                                                                      col: int, error: str, hint: str) -> None:
    edit(data / file, old, new)
    line = line_of(data / file, new.strip())
    assert problems(data) == [f"{file}:{line}:{col}: error: {error}\n    hint: {hint}"]


def test_a_therapy_removed_by_its_name_gets_its_id(data: Path) -> None:
    location = data / SACRAMENTO
    location.write_text(location.read_text(encoding="utf-8") + "therapies:\n  remove: [Group Therapy]\n",
                        encoding="utf-8")
    line = line_of(location, "remove: [Group Therapy]")
    assert problems(data) == [f"{SACRAMENTO}:{line}:12: error: 'Group Therapy' is not part of the program "
                              "'twelve-week-iop', so there is nothing to remove\n"
                              "    hint: did you mean 'group-therapy'?"]


def test_a_phase_changed_by_an_id_in_capitals_gets_its_id(data: Path) -> None:
    clinic = data / "clinics/harbor-light/clinic.yaml"
    clinic.write_text(clinic.read_text(encoding="utf-8") + "overrides:\n  phases:\n    - id: Getting-Started\n"
                      "      title: First steps\n", encoding="utf-8")
    line = line_of(clinic, "id: Getting-Started")
    assert problems(data) == [f"clinics/harbor-light/clinic.yaml:{line}:11: error: the program has no phase with "
                              "the id 'Getting-Started'\n    hint: did you mean 'getting-started'?"]
