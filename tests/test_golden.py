"""Golden files: the rendered Markdown and config of one demo site, in English and in Spanish, byte for byte.

After an intended change of templates or data, rewrite them and review the diff:

    pytest tests/test_golden.py --update-goldens && git diff tests/golden
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DEMO_DATA

from generator import pipeline, planning
from generator.paths import Project
from generator.resolve import SiteSpec

GOLDEN = Path(__file__).parent / "golden"
SITE = "harbor-light/pasadena"


def rendered_files(spec: SiteSpec, project: Project, staging: Path) -> dict[str, str]:
    pipeline.render_to(spec, project, staging)
    files = sorted(staging.joinpath("docs").rglob("*.md")) + [staging / "mkdocs.yml"]
    return {str(f.relative_to(staging)): f.read_text(encoding="utf-8") for f in files}


def spanish(key: str) -> SiteSpec:
    """The Spanish SiteSpec of a demo site, as the build makes it."""
    plan = planning.review(DEMO_DATA)
    return next(site for site in plan.sites if site.key == key).translations[0]


@pytest.mark.parametrize("language", ["en", "es"])
def test_rendered_site_matches_the_golden_files(project: Project, demo_specs: dict[str, SiteSpec], tmp_path: Path,
                                                request: pytest.FixtureRequest, language: str) -> None:
    spec = demo_specs[SITE] if language == "en" else spanish(SITE)
    assert spec.language == language
    actual = rendered_files(spec, project, tmp_path / "staging")
    # the English pages where they always were; a language's own beside them (pasadena.es)
    golden = GOLDEN / (SITE if language == "en" else f"{SITE}.{language}")
    if request.config.getoption("--update-goldens"):
        shutil.rmtree(golden, ignore_errors=True)
        for name, text in actual.items():
            (golden / name).parent.mkdir(parents=True, exist_ok=True)
            (golden / name).write_text(text, encoding="utf-8")
    expected = {str(f.relative_to(golden)): f.read_text(encoding="utf-8")
                for f in sorted(golden.rglob("*")) if f.is_file()}
    assert sorted(actual) == sorted(expected), "pages added or removed: run with --update-goldens and review"
    for name in expected:
        assert actual[name] == expected[name], f"{name} differs: run with --update-goldens and review the diff"
