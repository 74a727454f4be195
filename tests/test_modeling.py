"""The model stage: pydantic errors become located, plain messages."""

from __future__ import annotations

from pathlib import Path

from support.corpus import ART_THERAPY

from generator.load.loader import load_text
from generator.model import Location, Program, Therapy
from generator.model.modeling import parse, show_path

# a valid therapy file, the one the corpus adds when a case needs a second therapy
THERAPY = ART_THERAPY


def messages(text: str, model: type = Therapy) -> list[str]:
    _, diagnostics = parse(load_text(text, Path("t.yaml")), model)
    return [d.format(root=Path.cwd()).replace("\n    ", " | ") for d in diagnostics]


def test_a_valid_therapy_has_no_messages() -> None:
    assert messages(THERAPY) == []


def test_unknown_key_with_did_you_mean() -> None:
    # one message for one mistake: the missing 'summary' is the misspelled key
    assert messages(THERAPY.replace("summary:", "sumary:")) == [
        "t.yaml:3:1: error: sumary: unknown key 'sumary' | hint: did you mean 'summary'?",
    ]


def test_missing_required_key_names_what_it_is_for() -> None:
    assert messages(THERAPY.replace("summary: Make art to say what words cannot.\n", "")) == [
        "t.yaml:1:1: error: missing required key 'summary' | hint: add 'summary: ...' "
        "(One sentence, shown in lists of therapies.)",
    ]


def test_unknown_key_without_a_close_match_lists_the_keys() -> None:
    found = messages(THERAPY + "colour: blue\n")
    assert found == ["t.yaml:8:1: error: colour: unknown key 'colour' | hint: allowed keys here: id, name, short_name, "
                     "kind, summary, what_it_is, session, helps_with, formats"]


def test_enum_with_did_you_mean() -> None:
    assert messages(THERAPY.replace("kind: complementary", "kind: complimentary")) == [
        "t.yaml:2:7: error: kind: 'complimentary' is not one of: core, complementary, support "
        "| hint: did you mean 'complementary'?"]


def test_a_string_where_a_list_is_expected() -> None:
    text = THERAPY.replace("helps_with:\n  - Feelings that are hard to put into words", "helps_with: feelings")
    assert messages(text) == ["t.yaml:6:13: error: helps_with: expected a list (lines starting with '- '), got text"]


def test_a_number_where_text_is_expected() -> None:
    assert messages(THERAPY.replace("name: Art therapy", "name: 42")) == [
        "t.yaml:1:7: error: name: expected text, got 42 (put it in quotes)"]


def test_top_level_list() -> None:
    assert messages("- name: x\n") == ["t.yaml:1:1: error: the file must hold a mapping of keys, but holds a list "
                                       "| hint: start each line with a key, like 'name: ...'"]


def test_bad_time_weekday_and_end_before_start() -> None:
    location = """\
name: Town
address: {street: 1 Main St, city: Town, region: CA, postal_code: "90000"}
phone: (555) 555-0100
hours: Weekdays
tracks:
  - name: Late
    days: [mon, thurs]
    start: "25:00"
    end: "12:00"
  - name: Backwards
    days: [tue]
    start: "18:00"
    end: "09:00"
"""
    assert messages(location, Location) == [
        "t.yaml:7:17: error: tracks[1].days[2]: 'thurs' is not one of: mon, tue, wed, thu, fri, sat, sun "
        "| hint: did you mean 'thu'?",
        "t.yaml:8:12: error: tracks[1].start: '25:00' is not a time of day: write 24-hour HH:MM, "
        "such as 09:00 or 18:30",
        "t.yaml:10:5: error: tracks[2]: the end time 09:00 is not after the start time 18:00",
    ]


def test_length_range_errors_name_the_form_used() -> None:
    program = "length: {min: 12, max: 8}\n"
    found = [m for m in messages(program, Program) if "length" in m]
    assert found == ["t.yaml:1:9: error: length: max (8) must be more than min (12); for a fixed length write one "
                     "number"]


def test_show_path_counts_list_items_from_one() -> None:
    assert show_path(("phases", 0, "weeks")) == "phases[1].weeks"
