"""Only what changed is built: a site made from what its last good build was made from, with its output
intact, is reported "unchanged" and left as it is; whatever it is made from changes, it is built again."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DEMO_SITES, ROOT, built_demo_copy, edit
from support.commands import iop
from support.files import tree_hash

from generator import pipeline
from generator.build.outcome import FILES, REPORT
from generator.paths import Project
from generator.resolve import SiteSpec

PASADENA, RIVERSIDE, SACRAMENTO = "harbor-light/pasadena", "harbor-light/riverside", "cedar-path/sacramento"


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory, project: Project) -> Path:
    """A build of the demo data (its own copy of the data) and its output."""
    return built_demo_copy(tmp_path_factory.mktemp("first"), project)


@pytest.fixture
def again(first: Path, tmp_path: Path) -> Path:
    """A copy of the first build, data and output, to change and build again."""
    shutil.copytree(first, tmp_path, dirs_exist_ok=True)
    return tmp_path


def rebuilt(base: Path, project: Project, **options: bool) -> set[str]:
    """Build again; the sites built (each other one must be reported unchanged and left as it was)."""
    before = {key: tree_hash(base / "site" / key) for key in DEMO_SITES}
    report = json.loads((base / "site" / REPORT).read_text(encoding="utf-8"))
    result = pipeline.build_sites(project, base / "program_data", base / "site", [], **options)
    assert not result.failed, result.failed
    assert set(result.built) | set(result.unchanged) == set(DEMO_SITES)
    after = json.loads((base / "site" / REPORT).read_text(encoding="utf-8"))
    for key in result.unchanged:
        assert tree_hash(base / "site" / key) == before[key]
        old, new = (next(e for e in r["sites"] if e["site"] == key) for r in (report, after))
        assert new["last_result"] == "unchanged" and new["built_at"] == old["built_at"]
        assert new["content_hash"] == old["content_hash"] and new["pages"] == old["pages"]
    return set(result.built)


CHANGES: dict[str, tuple[Callable[[Path], None], set[str]]] = {
    "nothing": (lambda base: None, set()),
    "one location's file": (lambda base: edit(base / "program_data/clinics/harbor-light/locations/pasadena.yaml",
                                              "name: ", "name: New "), {PASADENA}),
    "a clinic's logo": (lambda base: (base / "program_data/clinics/cedar-path/logo.svg").write_text(
        (base / "program_data/clinics/cedar-path/logo.svg").read_text().replace("</svg>", "<g/></svg>")),
        {SACRAMENTO}),
    "a page of one site's output": (lambda base: (base / "site" / RIVERSIDE / "faq.html").unlink(), {RIVERSIDE}),
    "a file added to one site's output": (lambda base: (base / "site" / PASADENA / "x.html").write_text("x"),
                                          {PASADENA}),
    "a page edited in place, its size kept": (lambda base: _same_size_edit(base / "site" / PASADENA / "faq.html"),
                                              {PASADENA}),
    # without the record of the files' times, the bytes are hashed again: nothing is built for nothing
    "the record of file times lost": (lambda base: (base / "site" / FILES).unlink(), set()),
    "that record lost and a page edited": (lambda base: ((base / "site" / FILES).unlink(),
                                                         _same_size_edit(base / "site" / RIVERSIDE / "faq.html")),
                                           {RIVERSIDE}),
}


def _same_size_edit(page: Path) -> None:
    """Change one letter of a built page: the same size, other bytes."""
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("e", "E", 1), encoding="utf-8")
    assert len(page.read_bytes()) == len(text.encode("utf-8"))


@pytest.mark.parametrize("change", CHANGES)
def test_only_the_sites_whose_inputs_or_output_changed_are_built(again: Path, project: Project,
                                                                 change: str) -> None:
    make, expected = CHANGES[change]
    make(again)
    assert rebuilt(again, project) == expected


def test_a_therapy_rebuilds_the_sites_that_offer_it(again: Path, project: Project,
                                                    demo_specs: dict[str, SiteSpec]) -> None:
    therapy = again / "program_data/therapies/equine-assisted-therapy.yaml"
    edit(therapy, "summary: ", "summary: Changed. ")
    offering = {key for key, spec in demo_specs.items() if "equine-assisted-therapy" in spec.therapies}
    assert offering and offering != set(DEMO_SITES)
    assert rebuilt(again, project) == offering


def test_a_template_change_or_force_builds_every_site(again: Path, project: Project, tmp_path: Path) -> None:
    assert rebuilt(again, project, force=True) == set(DEMO_SITES)
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("mkdocs.yml", "content", "overrides"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, copy / name)
    assert rebuilt(again, Project(copy)) == set(), "the same project in another folder is the same input"
    edit(copy / "content/faq.md.jinja", "\n", "\n\n")
    assert rebuilt(again, Project(copy)) == set(DEMO_SITES)


def test_the_command_line_skips_unchanged_sites_before_rendering_them(again: Path) -> None:
    done = iop(ROOT, "build", "--data", str(again / "program_data"), "--out", str(again / "site"))
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == f"built 0 site(s) into {again / 'site'}; 3 unchanged"
    assert "unchanged" in done.stderr
