"""The clinician's tools: coverage report, starter files, strict checking and the live preview."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import edit, line_of
from support.commands import fetch, iop, previewing, wait_for

from generator import pipeline
from generator.model import Location
from generator.resolve import SiteSpec
from generator.tools.coverage import coverage


def test_coverage_report_matches_the_site(demo_specs: dict[str, SiteSpec]) -> None:
    spec = demo_specs["harbor-light/riverside"]
    report = coverage(spec)
    assert report["weeks"] == list(range(1, 13))
    rows = {row["id"]: row for row in report["therapies"]}
    assert rows["equine-assisted-therapy"]["weeks"] == list(range(5, 13))
    assert rows["equine-assisted-therapy"]["total"] == 8
    assert report["therapies_per_week"][1] == len(spec.weeks[0].therapies)
    assert report["unscheduled"] == [] and report["weeks_without_therapy"] == []


def test_coverage_lists_weeks_without_therapy(data: Path) -> None:
    location = data / "clinics/harbor-light/locations/pasadena.yaml"
    location.write_text(location.read_text() + "therapies:\n  remove: [group-therapy, individual-counseling]\n")
    specs, _ = pipeline.resolve_all(data)
    report = coverage(next(s for s in specs if s.key == "harbor-light/pasadena"))
    assert report["weeks_without_therapy"] == [1]
    assert "group-therapy" not in {row["id"] for row in report["therapies"]}


def test_coverage_command_table_and_json(workdir: Path) -> None:
    table = iop(workdir, "coverage", "harbor-light/riverside")
    assert table.returncode == 0, table.stderr
    assert "Equine-assisted therapy" in table.stdout and "Offered but never scheduled: none" in table.stdout
    as_json = iop(workdir, "coverage", "harbor-light/riverside", "--format", "json")
    assert json.loads(as_json.stdout)["site"] == "harbor-light/riverside"
    assert iop(workdir, "coverage", "harbor-light/nowhere").returncode == 2


def test_new_clinic_and_location_pass_check(workdir: Path) -> None:
    made = iop(workdir, "new", "clinic", "sunrise-health")
    assert made.returncode == 0, made.stderr
    located = iop(workdir, "new", "location", "sunrise-health", "fresno")
    assert located.returncode == 0, located.stderr
    clinic = workdir / "program_data/clinics/sunrise-health"
    assert (clinic / "clinic.yaml").read_text().startswith("# yaml-language-server: $schema=")
    assert "TODO" in (clinic / "locations/fresno.yaml").read_text()
    checked = iop(workdir, "check")
    assert checked.returncode == 0, checked.stdout
    assert "4 site(s), 0 error(s)" in checked.stdout
    line = line_of(clinic / "locations/fresno.yaml", "name: TODO")
    assert f"clinics/sunrise-health/locations/fresno.yaml:{line}:7: warning: this still says TODO" in checked.stdout
    assert iop(workdir, "check", "--strict").returncode == 1
    again = iop(workdir, "new", "location", "sunrise-health", "fresno")
    assert again.returncode == 2 and "already exists" in again.stderr
    assert iop(workdir, "new", "location", "nobody", "x").returncode == 2
    assert iop(workdir, "new", "clinic", "Bad Id").returncode == 2


def test_warnings_fail_check_only_when_strict(workdir: Path) -> None:
    lenient = iop(workdir, "check", "--max-grade", "2")
    assert lenient.returncode == 0
    assert ": warning: reading grade" in lenient.stdout
    strict = iop(workdir, "check", "--max-grade", "2", "--strict")
    assert strict.returncode == 1


def test_check_shows_the_source_line_with_a_caret(workdir: Path) -> None:
    edit(workdir / "program_data/clinics/cedar-path/clinic.yaml", "program: twelve-week-iop",
         "program: twelve-weeks-iop")
    result = iop(workdir, "check")
    lines = result.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if "no program has the id" in line)
    number = lines[at].split(":")[1]
    assert lines[at + 1] == f"  {number} | program: twelve-weeks-iop"
    assert lines[at + 2] == f"  {' ' * len(number)} |          ^"


def test_preview_shows_errors_then_recovers(workdir: Path) -> None:
    with previewing(workdir) as running:
        url = f"{running.url}/weeks/week-2.html"
        assert "Week 2:" in wait_for(lambda: fetch(url))
        program = workdir / "program_data/programs/core-iop.yaml"
        good = program.read_text()
        program.write_text(good.replace('weeks: "3"', 'weeks: "4"', 1))
        broken = wait_for(lambda: (page := fetch(url)) and "problem(s) to fix" in page and page)
        assert "belongs to no phase" in broken
        program.write_text(good)
        wait_for(lambda: "Week 2:" in (fetch(url) or ""))


def test_preview_starts_even_when_the_data_is_broken(workdir: Path) -> None:
    program = workdir / "program_data/programs/core-iop.yaml"
    good = program.read_text()
    program.write_text(good.replace('weeks: "3"', 'weeks: "4"', 1))
    with previewing(workdir) as running:
        url = f"{running.url}/index.html"
        assert "belongs to no phase" in wait_for(lambda: fetch(url))
        program.write_text(good)
        wait_for(lambda: "Harbor Light Recovery" in (fetch(url) or "") and "problem(s)" not in (fetch(url) or ""))


def test_every_optional_key_of_the_location_starter_is_there_and_valid_when_uncommented(workdir: Path) -> None:
    made = iop(workdir, "new", "location", "harbor-light", "glendale")
    assert made.returncode == 0, made.stderr
    assert "the clinic runs core-iop: 8 to 12 weeks, each location picks its own" in made.stderr
    starter = workdir / "program_data/clinics/harbor-light/locations/glendale.yaml"
    text = starter.read_text(encoding="utf-8")
    assert "program_length: 8\n" in text and "lasts 8 to 12 weeks" in text
    optional = {line[1:].split(":")[0] for line in text.splitlines() if re.match(r"#[a-z_]+:", line)}
    model = {name for name, field in Location.model_fields.items() if not field.is_required()}
    # every optional key but these two, which the data guide explains at length
    assert optional == model - {"id", "overrides", "program_length"}
    # an example line is # then a key or indentation; a line of explanation is # then a space and a word
    starter.write_text(re.sub(r"(?m)^#(?! \S)", "", text), encoding="utf-8")
    checked = iop(workdir, "check")
    assert checked.returncode == 0, checked.stdout
    used = starter.read_text(encoding="utf-8")
    assert "\nintro: |" in used and "\ntherapies:" in used and "\n    - therapy: adventure-therapy" in used
    built = iop(workdir, "build", "--site", "harbor-light/glendale")
    assert built.returncode == 0, built.stderr
    contact = (workdir / "site/harbor-light/glendale/contact.html").read_text(encoding="utf-8")
    assert "Area recovery meetings" in contact and "Park free in the lot behind the building." in contact


def test_programs_lists_each_program_with_the_weeks_it_allows(workdir: Path) -> None:
    listed = iop(workdir, "programs")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        "core-iop\t8 to 12 weeks, each location picks its own\tclinics: harbor-light\tIntensive Outpatient Program",
        "twelve-week-iop\t12 weeks\tclinics: cedar-path\tTwelve Weeks of Intensive Outpatient Care"]


def test_the_clinic_starters_optional_keys_are_valid_when_uncommented(workdir: Path) -> None:
    assert iop(workdir, "new", "clinic", "sunrise-health").returncode == 0
    assert iop(workdir, "new", "location", "sunrise-health", "fresno").returncode == 0
    starter = workdir / "program_data/clinics/sunrise-health/clinic.yaml"
    text = starter.read_text(encoding="utf-8")
    assert {"logo_background", "website", "languages", "legal", "max_reading_grade"} <= \
        {match[1] for match in re.finditer(r"(?m)^# *([a-z_]+):", text)}
    starter.write_text(re.sub(r"(?m)^#(?! \S)", "", text), encoding="utf-8")
    checked = iop(workdir, "check")
    assert checked.returncode == 0 and " 0 error(s)" in checked.stdout, checked.stdout
