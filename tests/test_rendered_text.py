"""What a page makes of a value: warnings `check` finds while rendering, at the value, and what patients see."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import edit, line_of

from generator import pipeline
from generator.diagnostics import Severity
from generator.paths import Project
from generator.review.readability import grade

CORE = "programs/core-iop.yaml"
PASADENA = "clinics/harbor-light/locations/pasadena.yaml"
DBT = "therapies/dbt.yaml"


def rendered_warnings(data: Path, project: Project) -> list[str]:
    plan = pipeline.review(data, project=project)
    return [d.format(root=data) for d in plan.diagnostics if d.severity is Severity.WARNING]


def test_a_title_with_marks_warns_at_its_value_and_shows_plain_words_everywhere(
        data: Path, project: Project, tmp_path: Path) -> None:
    edit(data / CORE, "    title: Getting started\n", "    title: Getting *started* [now](https://x.example/)\n")
    line = line_of(data / CORE, "title: Getting *started*")
    found = [w for w in rendered_warnings(data, project) if "title" in w]
    assert found == [f"{CORE}:{line}:12: warning: a title is shown as plain words, so its *, _, ` and link marks "
                     "are left out\n    hint: write the title without marks; put emphasis or links in the text "
                     "under it"]
    result = pipeline.build_sites(project, data, tmp_path / "site", ["harbor-light/pasadena"])
    assert not result.failed, result.failed
    site = tmp_path / "site/harbor-light/pasadena"
    week = (site / "weeks/week-1.html").read_text(encoding="utf-8")
    home = (site / "index.html").read_text(encoding="utf-8")
    for html in (week, home):
        assert "Getting started now" in html  # the heading, the navigation, the timeline, aria-labels
        assert "*started*" not in html and "<em>started</em>" not in html and "x.example" not in html
    assert 'aria-label="Week 1, Getting started now"' in home
    site_data = json.loads(home.split('id="iop-site-data">', 1)[1].split("</script>", 1)[0])
    assert site_data["weeks"][0]["phase"] == "Getting started now"


def test_block_markdown_in_a_one_line_field_warns_at_its_value(data: Path, project: Project) -> None:
    old = next(line for line in (data / PASADENA).read_text().splitlines() if "parking:" in line)
    edit(data / PASADENA, old, "  parking: |-\n    Where to park:\n    - the lot behind the building\n    - the street")
    line = line_of(data / PASADENA, "parking: |-")
    found = [w for w in rendered_warnings(data, project) if "one line" in w]
    assert found == [f"{PASADENA}:{line}:12: warning: this text is shown on one line, so its list runs together "
                     "with the words around it\n    hint: write it as one or two sentences; a list belongs in a "
                     "field that takes items"]


@pytest.mark.parametrize(("style", "paragraphs"), [(">-", False), (">", True), ("", False), ("", True)])
def test_a_list_yaml_joins_into_one_line_warns_at_its_first_item(data: Path, project: Project, tmp_path: Path,
                                                                  style: str, paragraphs: bool) -> None:
    # a folded block, or a plain value on several lines: YAML joins the lines, in any kind of field
    if paragraphs:
        old = "summary: Build skills to handle strong emotions, stay in the moment and get along better with people."
        file, key = data / DBT, "summary"
        edit(file, old, f"summary: {style}\n  Bring to group\n  - your notebook\n  - a water bottle")
    else:
        old = next(line for line in (data / PASADENA).read_text().splitlines() if "parking:" in line)
        file, key = data / PASADENA, "  parking"
        edit(file, old, f"  parking: {style}\n    You can park in\n    - the lot behind the building\n    - the street")
    item = line_of(file, "- your notebook" if paragraphs else "- the lot")
    found = [w for w in rendered_warnings(data, project) if "joins" in w]
    indent = 3 if paragraphs else 5
    assert found == [f"{file.relative_to(data)}:{item}:{indent}: warning: YAML joins this list line to the line "
                     "before it, so the page shows it inside a sentence\n    hint: start the text with | instead of "
                     "> (or after the key) to keep each line; in a field shown on one line, write it as sentences"], \
        (key, found)
    edit(file, f"{key.strip()}: {style}\n", f"{key.strip()}: |-\n")
    assert not [w for w in rendered_warnings(data, project) if "joins" in w]


def test_a_title_without_marks_and_text_on_one_line_give_no_warning(data: Path, project: Project) -> None:
    assert not [w for w in rendered_warnings(data, project) if "title" in w or "one line" in w]


def test_addresses_are_left_out_of_the_reading_grade() -> None:
    words = "Find a meeting near you on the website, or write to us and we will help you find one soon."
    with_address = ("Find a meeting near you on https://www.meetings-directory.example/find-a-meeting-near-you-today, "
                    "or write to help-desk@recovery-services.example and we will help you find one soon.")
    plain = grade(words)
    assert plain is not None and plain < 8
    found = grade(with_address)
    assert found is not None and found < 8, found
