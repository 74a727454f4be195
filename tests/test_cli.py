"""The command line, run as a user would: in a fresh folder, with real exit codes and output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, edit, line_of
from support.commands import fetch, iop, previewing, wait_for
from support.files import tree_hash

from generator import pipeline
from generator.build import linkcheck, mkdocs, publish
from generator.diagnostics import SiteBuildError
from generator.paths import Project

# `workdir` (tests/conftest.py) is a private copy of the project to run the command in


def test_check_passes_on_the_demo_data(workdir: Path) -> None:
    result = iop(workdir, "check")
    assert result.returncode == 0, result.stdout
    assert "3 site(s), 0 error(s), 0 warning(s)" in result.stdout


def test_check_writes_its_report_to_standard_output(workdir: Path) -> None:
    """`iop-guide check > report.txt` keeps the whole report, as a linter's would, the problems included."""
    edit(workdir / "program_data/clinics/cedar-path/clinic.yaml", "tagline:", "tagLine:")
    result = iop(workdir, "check")
    assert result.returncode == 1 and result.stderr == ""
    assert "clinic.yaml:" in result.stdout and ": error: tagLine: unknown key" in result.stdout
    assert "reading grade" in result.stdout and result.stdout.splitlines()[-1].startswith("checked program_data:")


def test_check_reports_every_problem_located_and_no_traceback(workdir: Path) -> None:
    data = workdir / "program_data"
    edit(data / "programs/core-iop.yaml", "      - cbt\n", "      - cbtt\n")
    edit(data / "programs/twelve-week-iop.yaml", 'weeks: "4-6"', 'weeks: "5-6"')
    edit(data / "clinics/cedar-path/clinic.yaml", "tagline:", "tagLine:")
    edit(data / "clinics/harbor-light/locations/pasadena.yaml", "  city: Pasadena", "   city: Pasadena")
    result = iop(workdir, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if ": error: " in line]
    expected_places = [
        f"program_data/clinics/cedar-path/clinic.yaml:{line_of(data / 'clinics/cedar-path/clinic.yaml', 'tagLine')}:1:",
        f"program_data/clinics/harbor-light/locations/pasadena.yaml:"
        f"{line_of(data / 'clinics/harbor-light/locations/pasadena.yaml', '   city')}:",
        f"program_data/programs/core-iop.yaml:{line_of(data / 'programs/core-iop.yaml', '- cbtt')}:9:",
        f"program_data/programs/twelve-week-iop.yaml:{line_of(data / 'programs/twelve-week-iop.yaml', '5-6')}:12:",
    ]
    assert len(lines) == len(expected_places), result.stdout
    for line, place in zip(lines, expected_places, strict=True):
        assert line.startswith(place), (line, place)
    assert "missing required key 'tagline'" not in result.stdout  # the misspelling is reported once
    assert "did you mean 'tagline'?" in result.stdout
    assert "did you mean 'cbt'?" in result.stdout
    assert result.stdout.rstrip().endswith("4 error(s), 0 warning(s)")


def test_build_from_a_fresh_folder_then_a_bad_edit_keeps_only_the_sites_it_touches(workdir: Path) -> None:
    first = iop(workdir, "build")
    assert first.returncode == 0, first.stderr
    site = workdir / "site"
    assert sorted(p.relative_to(site).as_posix() for p in site.glob("*/*")) == [
        "cedar-path/sacramento", "harbor-light/pasadena", "harbor-light/riverside"]
    assert (site / "index.html").is_file()
    before = {key: tree_hash(site / key) for key in ("harbor-light/pasadena", "harbor-light/riverside")}
    # the program of both harbor-light sites breaks; cedar-path runs another program
    edit(workdir / "program_data/programs/core-iop.yaml", 'weeks: "3"', 'weeks: "4"')
    edit(workdir / "program_data/clinics/cedar-path/clinic.yaml", "tagline: ", "tagline: Rebuilt. ")
    second = iop(workdir, "build")
    assert second.returncode == 1
    assert "core-iop.yaml:" in second.stderr and "belongs to no phase" in second.stderr
    assert "2 failed: harbor-light/pasadena, harbor-light/riverside" in second.stderr
    assert {key: tree_hash(site / key) for key in before} == before
    assert "Rebuilt." in (site / "cedar-path/sacramento/index.html").read_text(encoding="utf-8")
    assert not list(site.rglob(".iop-tmp-*"))


def test_a_broken_location_keeps_its_site_and_the_others_are_built(workdir: Path, built: Path) -> None:
    site = workdir / "site"
    shutil.copytree(built, site)  # a complete earlier build, as the test above makes one
    before = tree_hash(site / "harbor-light/pasadena")
    edit(workdir / "program_data/clinics/harbor-light/locations/pasadena.yaml", "name: Pasadena", "name: [Pasadena")
    edit(workdir / "program_data/clinics/harbor-light/locations/riverside.yaml", "name: Riverside",
         "name: Riverside Rebuilt")
    result = iop(workdir, "build", "--jobs", "2")
    assert result.returncode == 1
    assert "pasadena.yaml:" in result.stderr and "harbor-light/pasadena was not built" in result.stderr
    assert tree_hash(site / "harbor-light/pasadena") == before
    assert "Riverside Rebuilt" in (site / "harbor-light/riverside/index.html").read_text(encoding="utf-8")
    report = json.loads((site / "build-report.json").read_text(encoding="utf-8"))
    entries = {entry["site"]: entry for entry in report["sites"]}
    assert entries["harbor-light/pasadena"]["last_result"] == "failed"
    assert entries["harbor-light/pasadena"]["page_count"] > 0  # the kept site is still described
    assert entries["harbor-light/riverside"]["last_result"] == "built"
    assert "last build failed" in (site / "index.html").read_text(encoding="utf-8")


def test_build_one_clinic_and_list(workdir: Path) -> None:
    result = iop(workdir, "build", "--site", "harbor-light", "--out", "out")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (workdir / "out").glob("*/*")) == ["pasadena", "riverside"]
    listed = iop(workdir, "list")
    assert listed.returncode == 0
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == [
        "cedar-path/sacramento", "harbor-light/pasadena", "harbor-light/riverside"]
    assert "harbor-light/pasadena\tcore-iop\t10 weeks\tPasadena" in listed.stdout


def test_usage_errors_exit_2(workdir: Path) -> None:
    assert iop(workdir).returncode == 2
    unknown = iop(workdir, "build", "--site", "harbor-light/nowhere")
    assert unknown.returncode == 2
    assert "no site 'harbor-light/nowhere'" in unknown.stderr


def test_outside_a_project_folder(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "program_data", tmp_path / "program_data")
    result = iop(tmp_path, "build")
    assert result.returncode == 1
    assert "is not an iop-guide project: missing mkdocs.yml, content, overrides" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_failed_site_keeps_its_previous_output(workdir: Path, built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project, data, out = Project(workdir), workdir / "program_data", workdir / "site"
    shutil.copytree(built, out)  # a complete earlier build
    before = {key: tree_hash(out / key) for key in ("harbor-light/pasadena", "cedar-path/sacramento")}
    real = mkdocs.mkdocs_build

    def failing(staging: Path, target: Path, site: str, stopper: mkdocs.Stopper, **options: Any) -> linkcheck.Report:
        if site == "harbor-light/pasadena":
            target.joinpath("half-written.html").write_text("partial")
            raise SiteBuildError(site, "WARNING - something broke")
        return real(staging, target, site, stopper, **options)

    edit(data / "programs/core-iop.yaml", "title:", "title: Changed")  # every core-iop site would change
    edit(data / "programs/twelve-week-iop.yaml", "title:", "title: Changed")
    monkeypatch.setattr(publish, "mkdocs_build", failing)
    result = pipeline.build_sites(project, data, out, [])
    assert result.failed == {"harbor-light/pasadena": "WARNING - something broke"}
    assert result.built == ["cedar-path/sacramento", "harbor-light/riverside"]
    assert tree_hash(out / "harbor-light/pasadena") == before["harbor-light/pasadena"]
    assert tree_hash(out / "cedar-path/sacramento") != before["cedar-path/sacramento"]
    assert not list(out.rglob(".iop-tmp-*"))


def test_serve_previews_and_follows_edits(workdir: Path) -> None:
    with previewing(workdir) as running:  # serves harbor-light/pasadena
        url = f"{running.url}/index.html"
        assert "Harbor Light Recovery" in wait_for(lambda: fetch(url))
        edit(workdir / "program_data/clinics/harbor-light/clinic.yaml", "tagline: ", "tagline: Freshly edited. ")
        wait_for(lambda: "Freshly edited." in (fetch(url) or ""))
