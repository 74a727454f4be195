"""What patients would otherwise read wrongly: text a comment cut off, notes for the team left in the text,
crisis lines a clinic's override took away, and sites that are missing or named alike."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, edit, line_of, only_problem, problems

from generator import cli, pipeline
from generator.paths import Project
from generator.resolve import ALWAYS_SHOWN, SiteSpec

PROGRAM = "programs/core-iop.yaml"
CLINIC = "clinics/harbor-light/clinic.yaml"
PASADENA = "clinics/harbor-light/locations/pasadena.yaml"
RIVERSIDE = "clinics/harbor-light/locations/riverside.yaml"
CUT_HINT = "\n    hint: put the whole value in quotes to keep it; if it is a comment, put two spaces before the '#'"
NOTE_HINT = ("\n    hint: inside '|' or '>' text a '#' does not start a comment: remove the line, or move it above "
             "the key as a YAML comment")


def spec_of(data: Path, site: str) -> SiteSpec:
    specs, _ = pipeline.resolve_all(data)
    return pipeline.site_named(specs, site)


# -- 1. text a ' #' cut off ----------------------------------------------------------------------------------------


def test_a_number_after_one_space_and_a_hash_is_cut_off_with_a_warning(data: Path) -> None:
    edit(data / PROGRAM, "      - Finish your intake forms and check-ups",
         "      - Bring intake form #3 and your photo ID")
    line = line_of(data / PROGRAM, "Bring intake form #3")
    assert only_problem(data, PROGRAM, "Bring intake form #3") == (
        f"{PROGRAM}:{line}:27: warning: the value stops at 'Bring intake form': YAML reads ' #' as the start of "
        "a comment and leaves the rest of the line out" + CUT_HINT)


def test_a_suite_number_cut_off_an_address_is_shown_at_its_hash(data: Path) -> None:
    edit(data / PASADENA, "street: 410 Orange Grove Blvd, Suite 200", "street: 410 Orange Grove Blvd, Suite #200")
    line = line_of(data / PASADENA, "Suite #200")
    assert only_problem(data, PASADENA, "Suite #200") == (
        f"{PASADENA}:{line}:40: warning: the value stops at '410 Orange Grove Blvd, Suite': YAML reads ' #' as "
        "the start of a comment and leaves the rest of the line out" + CUT_HINT)
    # what the warning is about: the address, its map link and its JSON-LD would all lose the suite
    assert spec_of(data, "harbor-light/pasadena").location.address.street == "410 Orange Grove Blvd, Suite"


@pytest.mark.parametrize("street", ["410 Orange Grove Blvd  # the side door is on Green St",
                                    '"410 Orange Grove Blvd, Suite #200"', "'410 Orange Grove Blvd, Suite #200'"])
def test_a_deliberate_comment_or_a_quoted_hash_is_fine(data: Path, street: str) -> None:
    edit(data / PASADENA, "street: 410 Orange Grove Blvd, Suite 200", f"street: {street}")
    assert problems(data) == []


def test_a_long_value_cut_off_is_quoted_by_its_end(data: Path) -> None:
    edit(data / PASADENA, "hours: Monday to Friday, 8 am to 9 pm",
         "hours: Monday to Friday, 8 am to 9 pm, and Saturday mornings from 9 am to noon #2 weeks a month")
    line = line_of(data / PASADENA, "noon #2")
    assert only_problem(data, PASADENA, "noon #2").startswith(
        f"{PASADENA}:{line}:80: warning: the value stops at '...and Saturday mornings from 9 am to noon': ")


# -- 2. notes for the team inside | and > text ----------------------------------------------------------------------


def test_a_hash_line_in_literal_text_is_a_note_at_its_own_line(data: Path) -> None:
    edit(data / PASADENA, "  Our team has helped people",
         "  # ask Dana if we still say San Gabriel Valley\n  Our team has helped people")
    line = line_of(data / PASADENA, "# ask Dana")
    assert only_problem(data, PASADENA, "# ask Dana") == (
        f"{PASADENA}:{line}:3: warning: this looks like a note for the team: patients would read it" + NOTE_HINT)


def test_a_hash_line_in_folded_text_is_a_note_at_its_own_line(data: Path) -> None:
    edit(data / PROGRAM, "      and the team gets to know you.",
         "      and the team gets to know you.\n      # too long? cut the last sentence")
    line = line_of(data / PROGRAM, "# too long?")
    assert only_problem(data, PROGRAM, "# too long?") == (
        f"{PROGRAM}:{line}:7: warning: this looks like a note for the team: patients would read it" + NOTE_HINT)


def test_an_html_comment_in_block_text_is_a_note_at_its_column(data: Path) -> None:
    edit(data / PASADENA, "    If you do not have insurance,",
         "    Ask for Rosa. <!-- Rosa leaves in May -->\n    If you do not have insurance,")
    line = line_of(data / PASADENA, "Rosa leaves")
    assert only_problem(data, PASADENA, "Rosa leaves") == (
        f"{PASADENA}:{line}:19: warning: this HTML comment looks like a note for the team; the guide leaves it "
        "out\n    hint: move it above the key as a YAML comment (a line starting with '#'), where the team keeps "
        "notes")


def test_a_real_comment_after_block_text_is_no_note(data: Path) -> None:
    edit(data / PASADENA, "getting_here:", "# the parking text changes in June\ngetting_here:")
    assert problems(data) == []


def test_todo_in_block_text_is_shown_at_its_own_line(data: Path) -> None:
    edit(data / PROGRAM, "      for the first time.", "      for the first time. TODO say where they meet.")
    line = line_of(data / PROGRAM, "TODO say where")
    col = (data / PROGRAM).read_text(encoding="utf-8").splitlines()[line - 1].index("TODO") + 1
    # placeholders are a review of the sites: check reports them, after load and validate
    assert [d.format(root=data) for d in pipeline.review(data).diagnostics if "TODO" in d.message] == [
        f"{PROGRAM}:{line}:{col}: warning: this still says TODO: replace it before you publish"]
    assert line - line_of(data / PROGRAM, "Week 1 is for orientation") == 3  # the text's fourth line, not its key's


def test_an_html_comment_is_never_published(data: Path, project: Project, tmp_path: Path) -> None:
    edit(data / PROGRAM, "      for the first time.",
         "      for the first time.\n      <!-- ask Dana: is the group\n\n      still on Mondays? -->")
    edit(data / PROGRAM, "  Group and one-on-one", "  Group <!-- check with Dana --> and one-on-one")
    pipeline.render_to(spec_of(data, "harbor-light/pasadena"), project, tmp_path)
    staged = [path for path in tmp_path.rglob("*") if path.suffix in (".md", ".yml")]
    assert staged and not [path for path in staged if "Dana" in path.read_text(encoding="utf-8")]
    week = (tmp_path / "docs/weeks/week-1.md").read_text(encoding="utf-8")
    # the text around the comment stays one paragraph, as written
    assert "You also meet your group for the first time.\n" in week


# -- 3. 988 and 911 always stay --------------------------------------------------------------------------------------

OWN_LINES = """overrides:
  crisis:
    text: Help is here, day and night.
    lines:
      - name: Harbor Light nurse line
        action: Call our nurse
        number: (626) 555-0199
      - name: Lifeline
        action: Call 988
        number: "988"
"""


def test_a_clinics_crisis_lines_add_to_988_and_911(data: Path) -> None:
    (data / CLINIC).write_text((data / CLINIC).read_text(encoding="utf-8") + OWN_LINES, encoding="utf-8")
    crisis = spec_of(data, "harbor-light/pasadena").program.crisis
    assert crisis is not None and crisis.text == "Help is here, day and night."
    # the program's own 988 and 911 lines, then the clinic's; its 988 is the program's already
    assert [(line.name, line.number) for line in crisis.lines] == [
        ("988 Suicide & Crisis Lifeline", "988"), ("Emergency", "911"), ("Harbor Light nurse line", "(626) 555-0199")]


def test_without_the_programs_crisis_lines_the_built_in_ones_stay(data: Path) -> None:
    text = (data / PROGRAM).read_text(encoding="utf-8")
    start = text.index("crisis:\n")
    edit(data / PROGRAM, text[start:text.index("\nphases:", start)], "")
    (data / CLINIC).write_text((data / CLINIC).read_text(encoding="utf-8") + OWN_LINES, encoding="utf-8")
    crisis = spec_of(data, "harbor-light/pasadena").program.crisis
    assert crisis is not None
    assert crisis.lines == [*ALWAYS_SHOWN, crisis.lines[2]] and crisis.lines[2].number == "(626) 555-0199"
    # with no crisis help anywhere, the pages keep the base config's, which are the same two lines
    (data / CLINIC).write_text((data / CLINIC).read_text(encoding="utf-8").replace(OWN_LINES, ""), encoding="utf-8")
    assert spec_of(data, "harbor-light/pasadena").program.crisis is None
    base = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["crisis"]["lines"]
    assert [{k: line[k] for k in ("name", "action", "number")} for line in base] == [
        line.model_dump() for line in ALWAYS_SHOWN]


def test_every_page_shows_988_911_and_the_clinics_own_line(data: Path, project: Project, tmp_path: Path) -> None:
    (data / CLINIC).write_text((data / CLINIC).read_text(encoding="utf-8") + OWN_LINES, encoding="utf-8")
    out = tmp_path / "site"
    result = pipeline.build_sites(project, data, out, ["harbor-light/pasadena"], jobs=1)
    assert result.built == ["harbor-light/pasadena"], result.failed
    for page in ("index.html", "weeks/week-1.html"):
        html = BeautifulSoup((out / "harbor-light/pasadena" / page).read_text(encoding="utf-8"), "html.parser")
        banner = html.select_one(".iop-crisis")
        assert banner is not None
        assert [a["href"] for a in banner.select("a.iop-crisis__line")] == ["tel:988", "tel:911", "tel:+16265550199"]
        assert "Help is here, day and night." in banner.get_text()


# -- 4. sites that are missing or named alike -------------------------------------------------------------------------


def test_two_locations_of_a_clinic_with_one_name_is_an_error_at_the_second(data: Path) -> None:
    edit(data / RIVERSIDE, "name: Riverside", "name: pasadena")
    assert only_problem(data, RIVERSIDE, "name: pasadena") == (
        f"{RIVERSIDE}:2:7: error: another location of this clinic is named 'Pasadena' too: pasadena.yaml\n"
        "    hint: give each location its own name, such as its city or neighborhood")


def test_locations_of_two_clinics_may_share_a_name(data: Path) -> None:
    edit(data / "clinics/cedar-path/locations/sacramento.yaml", "name: Sacramento", "name: Pasadena")
    assert problems(data) == []


def test_a_clinic_without_locations_is_a_warning_at_its_file(data: Path) -> None:
    (data / "clinics/cedar-path/locations/sacramento.yaml").unlink()
    assert only_problem(data, "clinics/cedar-path/clinic.yaml", "", 1) == (
        "clinics/cedar-path/clinic.yaml:1:1: warning: no site is built for this clinic: add a location in "
        "locations/\n    hint: iop-guide new location cedar-path LOCATION_ID writes a starter file")


def test_checking_a_folder_without_sites_fails_with_one_plain_error(data: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", "--data", str(data / "programs")]) == 1
    err = capsys.readouterr().out
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert errors == [f"{data / 'programs'}:1:1: error: no clinic or location was found in this folder, so there "
                      "is no site to build"], err
    assert ("hint: a data folder holds therapies/, programs/ and clinics/<clinic>/ with its clinic.yaml and "
            "locations/<location>.yaml; pass --data with that folder") in err
    assert "Traceback" not in err and "0 site(s), 1 error(s)" in err


def test_clinics_without_any_location_make_no_site_an_error(data: Path) -> None:
    for location in data.glob("clinics/*/locations/*.yaml"):
        location.unlink()
    assert problems(data) == [
        ".:1:1: error: no location was found in this folder, so there is no site to build\n"
        "    hint: each site is a file clinics/<clinic>/locations/<location>.yaml",
        *(f"clinics/{clinic}/clinic.yaml:1:1: warning: no site is built for this clinic: add a location in "
          f"locations/\n    hint: iop-guide new location {clinic} LOCATION_ID writes a starter file"
          for clinic in ("cedar-path", "harbor-light"))]
