"""A site's render findings are recorded with its fingerprint: `check` and `build` say them again for a site that
did not change, without rendering it, and say exactly what rendering it would say."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import DEMO_DATA, ROOT, built_demo_copy, edit, line_of
from support.commands import iop

from generator import pipeline
from generator.build.outcome import REPORT
from generator.paths import Project
from generator.render import proving

MARKED = "title: Getting *started*"  # a phase title: only Harbor Light's program has it
LINE = line_of(DEMO_DATA / "programs/core-iop.yaml", "title: Getting started")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, project: Project) -> Path:
    """The demo data with a warning only rendering finds (a title with marks), built once."""
    return built_demo_copy(tmp_path_factory.mktemp("recorded"), project,
                           lambda data: edit(data / "programs/core-iop.yaml", "title: Getting started", MARKED))


@pytest.fixture
def copy(built: Path, tmp_path: Path) -> Path:
    shutil.copytree(built, tmp_path, dirs_exist_ok=True)
    return tmp_path


def check(base: Path, *options: str) -> tuple[int, str]:
    done = iop(ROOT, "check", "--data", str(base / "program_data"), "--out", str(base / "site"), *options)
    return done.returncode, done.stdout + done.stderr


def said(output: str) -> list[str]:
    """The lines of a check's output but its closing lines about what was rendered."""
    return [line for line in output.splitlines() if "unchanged since" not in line]


def test_the_report_records_each_sites_findings_at_the_data(built: Path) -> None:
    report = json.loads((built / "site" / REPORT).read_text(encoding="utf-8"))
    recorded = {entry["site"]: {(found["in"], found["file"], found["line"], found["col"])
                                for found in entry["findings"] if "plain words" in found["message"]}
                for entry in report["sites"]}
    title = ("data", "programs/core-iop.yaml", LINE, 12)
    assert recorded == {"cedar-path/sacramento": set(), "harbor-light/pasadena": {title},
                        "harbor-light/riverside": {title}}


def test_check_of_unchanged_sites_says_what_rendering_them_says(built: Path) -> None:
    recalled_code, recalled = check(built)
    rendered_code, rendered = check(built, "--force")
    assert recalled_code == rendered_code == 0
    assert f"programs/core-iop.yaml:{LINE}:" in recalled and "plain words" in recalled
    assert said(recalled) == said(rendered)
    assert "3 site(s) unchanged since their last build" in recalled
    assert "unchanged since" not in rendered


def test_check_renders_no_unchanged_site(built: Path, project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    proven: list[str] = []
    real = proving.prove_site
    monkeypatch.setattr(proving, "_workers", lambda sites: 1)
    monkeypatch.setattr(proving, "prove_site", lambda p, env, spec: proven.append(spec.key) or real(p, env, spec))
    edit(built / "program_data/clinics/harbor-light/locations/pasadena.yaml", "name: ", "name: New ")
    try:
        review = pipeline.review(built / "program_data", project=project, out=built / "site")
    finally:
        edit(built / "program_data/clinics/harbor-light/locations/pasadena.yaml", "name: New ", "name: ")
    assert proven == ["harbor-light/pasadena"]
    assert review.recalled == ["cedar-path/sacramento", "harbor-light/riverside"]
    assert sum("plain words" in d.message for d in review.diagnostics) == 1


def test_an_unchanged_build_says_the_recorded_warnings_again(copy: Path) -> None:
    done = iop(ROOT, "build", "--data", str(copy / "program_data"), "--out", str(copy / "site"))
    assert done.returncode == 0, done.stderr
    assert "3 unchanged" in done.stderr
    assert f"core-iop.yaml:{LINE}:" in done.stderr and "plain words" in done.stderr


@pytest.mark.parametrize("damage", [
    {"in": "data", "file": "../../secret.yaml", "line": 1, "col": 1, "message": "x", "hint": None},
    {"in": "elsewhere", "file": "a.yaml", "line": 1, "col": 1, "message": "x", "hint": None},
    {"in": "data", "file": "a.yaml", "line": 0, "col": 1, "message": "x", "hint": None},
    "not a finding",
])
def test_findings_not_as_written_are_not_trusted(copy: Path, damage: object) -> None:
    """An edited report cannot put words in check's mouth: the site is rendered again instead."""
    path = copy / "site" / REPORT
    report = json.loads(path.read_text(encoding="utf-8"))
    for entry in report["sites"]:
        entry["findings"] = [damage]
    path.write_text(json.dumps(report), encoding="utf-8")
    code, output = check(copy)
    assert code == 0 and "unchanged since" not in output and "secret" not in output
    assert f"core-iop.yaml:{LINE}:" in output


def portal_warnings(base: Path) -> dict[str, list[str]]:
    """Each site's warnings as the portal shows them: its link's count, and the list the link leads to."""
    from bs4 import BeautifulSoup

    page = BeautifulSoup((base / "site/index.html").read_text(encoding="utf-8"), "html.parser")
    shown = {}
    for link in page.select("a.warned"):
        listed = page.find(id=link["href"].removeprefix("#"))
        assert listed is not None, link
        items = [li.get_text() for li in listed.find_next("ul").find_all("li")]
        assert link.get_text() == f"{len(items)} warning{'s' if len(items) > 1 else ''} to review"
        shown[listed.find("code").get_text()] = items
    return shown


def test_the_portal_marks_each_site_built_with_warnings(copy: Path) -> None:
    marked = [f"programs/core-iop.yaml:{LINE}:12: a title is shown as plain words, so its *, _, ` and link marks are "
              "left out"]
    assert portal_warnings(copy) == {"harbor-light/pasadena": marked, "harbor-light/riverside": marked}
    # a warning in one location's file is that site's alone; the sites left unchanged keep theirs
    edit(copy / "program_data/clinics/cedar-path/locations/sacramento.yaml", "\nhours: ", "\nhours: TODO ")
    done = iop(ROOT, "build", "--data", str(copy / "program_data"), "--out", str(copy / "site"))
    assert done.returncode == 0 and "2 unchanged" in done.stderr, done.stderr
    shown = portal_warnings(copy)
    assert shown["harbor-light/pasadena"] == shown["harbor-light/riverside"] == marked
    assert [item.split(": ", 1)[1] for item in shown["cedar-path/sacramento"]] == [
        "this still says TODO: replace it before you publish"]
