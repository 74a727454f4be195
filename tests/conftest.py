"""Shared fixtures: the project, copies of the demo data and project, the demo sites resolved and built once."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from support import demo
from support.demo import DEMO_DATA, ROOT
from support.files import project_copy

from generator import pipeline
from generator.paths import Project
from generator.resolve import SiteSpec

# every demo site as clinic/location, known without reading the data: for parametrize lists
DEMO_SITES = demo.site_keys()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser/ as a browser test."""
    for item in items:
        if "browser" in item.path.relative_to(ROOT / "tests").parts[:-1]:
            item.add_marker(pytest.mark.browser)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite tests/golden/ from the current output instead of comparing")


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of the demo data that a test may break, in English only.

    An edit of an English text makes the Spanish beside it stale (a warning at the
    Spanish line): tests of the English data read only what their edit causes there;
    `bilingual` keeps the translations, for the tests of how the two meet.
    """
    return english_only(DEMO_DATA, tmp_path / "program_data")


def english_only(demo: Path, target: Path) -> Path:
    """Copy the demo data to target without its translations, every clinic publishing English only."""
    shutil.copytree(demo, target, ignore=shutil.ignore_patterns("*.es.yaml"))
    return without_translations(target)


def without_translations(target: Path) -> Path:
    """Make a data folder English only, in place: no translation files, no clinic publishing another language."""
    for translation in target.rglob("*.es.yaml"):
        translation.unlink()
    for clinic in target.glob("clinics/*/clinic.yaml"):
        lines = clinic.read_text(encoding="utf-8").splitlines(keepends=True)
        said = [n for n, line in enumerate(lines) if line.startswith("guide_languages:")]
        # the key, and the comment line above it
        english = [line for n, line in enumerate(lines) if n not in said and not (n + 1 in said and line[:1] == "#")]
        clinic.write_text("".join(english), encoding="utf-8")
    return target


@pytest.fixture
def bilingual(tmp_path: Path) -> Path:
    """A private copy of the demo data with its translations (cbt.es.yaml beside cbt.yaml)."""
    target = tmp_path / "program_data"
    shutil.copytree(DEMO_DATA, target)
    return target


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A private copy of the project (templates, overrides, base config, demo data) to run the command in."""
    return project_copy(tmp_path / "project")


@pytest.fixture(scope="session")
def demo_specs() -> dict[str, SiteSpec]:
    """Every demo site resolved, by key: one run of the pipeline for the whole session; tests must not change it."""
    specs = demo.specs()
    assert sorted(specs) == DEMO_SITES, "the site keys read from file paths are the sites the data makes"
    return specs


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, project: Project) -> Path:
    """The demo sites, built once for the whole session; tests must not change them."""
    out = tmp_path_factory.mktemp("site")
    result = pipeline.build_sites(project, DEMO_DATA, out, [])
    assert not result.failed, result.failed
    return out


@pytest.fixture(params=DEMO_SITES)
def site(request: pytest.FixtureRequest, demo_specs: dict[str, SiteSpec], built: Path) -> tuple[SiteSpec, Path]:
    """Each demo site in turn (the test runs once per site): its resolved spec and its built folder."""
    spec = demo_specs[request.param]
    return spec, built / spec.key


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory: pytest.TempPathFactory, project: Project) -> Any:
    """Payloads in every string field (see tests/hostile.py): what check refused and accepted, and the build."""
    import hostile

    root = tmp_path_factory.mktemp("hostile") / "program_data"
    files = hostile.covered_copy(DEMO_DATA, root)
    verdicts = hostile.judge(root, files, hostile.markup_first)
    out = tmp_path_factory.mktemp("hostile-site")
    result = pipeline.build_sites(project, root, out, [], jobs=2)
    return SimpleNamespace(root=root, files=files, verdicts=verdicts, out=out, result=result)


def problems(data: Path) -> list[str]:
    """Every diagnostic of a data folder, as `relative/path:line:col: severity: message`."""
    _, diagnostics = pipeline.check(data)
    return [d.format(root=data) for d in diagnostics]


def only_problem(data: Path, file: str, text: str, col: int | None = None) -> str:
    """The one diagnostic of a data folder, which must be at the line of file that holds text (and at col)."""
    where = f"{file}:{line_of(data / file, text)}:" + (f"{col}:" if col else "")
    found = problems(data)
    assert len(found) == 1 and found[0].startswith(where), found
    return found[0]


def line_of(file: Path, text: str) -> int:
    """The 1-based line of the first occurrence of text in a file."""
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {file}")


def edit(file: Path, old: str, new: str) -> None:
    """Replace one occurrence of old in a file; fail loudly if it is not there."""
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def built_demo_copy(base: Path, project: Project, change: Any = None) -> Path:
    """base with its own copy of the demo data in English (changed by change(data), if given), every site built."""
    english_only(DEMO_DATA, base / "program_data")
    if change is not None:
        change(base / "program_data")
    result = pipeline.build_sites(project, base / "program_data", base / "site", [])
    assert sorted(result.built) == sorted(DEMO_SITES)
    return base
