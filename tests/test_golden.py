"""Golden files: the rendered Markdown and config of one demo site, compared byte for byte.

After an intended change of templates or data, rewrite them and review the diff:

    pytest tests/test_golden.py --update-goldens && git diff tests/golden
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import pipeline
from generator.paths import Project
from generator.resolve import SiteSpec

GOLDEN = Path(__file__).parent / "golden"
SITE = "harbor-light/pasadena"


def rendered_files(spec: SiteSpec, project: Project, staging: Path) -> dict[str, str]:
    pipeline.render_to(spec, project, staging)
    files = sorted(staging.joinpath("docs").rglob("*.md")) + [staging / "mkdocs.yml"]
    return {str(f.relative_to(staging)): f.read_text(encoding="utf-8") for f in files}


def test_rendered_site_matches_the_golden_files(project: Project, demo_specs: dict[str, SiteSpec], tmp_path: Path,
                                                request: pytest.FixtureRequest) -> None:
    actual = rendered_files(demo_specs[SITE], project, tmp_path / "staging")
    golden = GOLDEN / SITE
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
