"""The stages in order: load -> model -> validate -> resolve -> render -> build."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import build, clinical, portal, readability
from .dataset import DataSet, load_dataset
from .diagnostics import DataError, Diagnostic, ProjectError, SiteBuildError, UsageError, errors_in
from .render import Project, render_site
from .resolve import SiteSpec, resolve
from .templates import environment
from .validate import validate


@dataclass
class BuildResult:
    """What a build did: the sites built and the sites that failed, with why."""

    built: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)


def check(data_dir: Path) -> tuple[DataSet, list[Diagnostic]]:
    """Load and validate the data folder; return the data and every diagnostic, sorted."""
    data, problems = load_dataset(data_dir)
    return data, sorted(problems + validate(data))


def site_keys(data: DataSet) -> list[str]:
    """Every site of the data, as clinic/location, sorted."""
    return sorted(f"{clinic}/{location}" for clinic, location in data.locations)


def select(every: list[str], wanted: list[str]) -> list[str]:
    """Pick the sites named (clinic/location, or a clinic for all its locations); all if none."""
    if not wanted:
        return every
    chosen: list[str] = []
    for name in wanted:
        matches = [key for key in every if key == name or key.split("/")[0] == name]
        if not matches:
            raise UsageError(f"no site '{name}'; the sites are: {', '.join(every) or 'none'}")
        chosen += [key for key in matches if key not in chosen]
    return chosen


@dataclass
class Review:
    """Everything `check` learns: errors and warnings, the resolved sites and their reading grades."""

    data: DataSet
    diagnostics: list[Diagnostic]
    specs: list[SiteSpec] = field(default_factory=list)
    reading: list[readability.Summary] = field(default_factory=list)


def review(data_dir: Path, max_grade: float | None = None) -> Review:
    """Check the data; when it has no error, resolve every site and add the quality warnings."""
    data, diagnostics = check(data_dir)
    if errors_in(diagnostics):
        return Review(data, diagnostics)
    specs = [resolve(data, *key.split("/")) for key in site_keys(data)]
    reading_warnings, summaries = readability.assess(data, specs, max_grade)
    diagnostics = sorted(diagnostics + reading_warnings + clinical.check_sites(data, specs)
                         + readability.placeholders(data))
    return Review(data, diagnostics, specs, summaries)


def resolve_all(data_dir: Path, max_grade: float | None = None) -> tuple[list[SiteSpec], list[Diagnostic]]:
    """Review the data and return every resolved site; raise DataError if the data holds any error."""
    result = review(data_dir, max_grade)
    if errors_in(result.diagnostics):
        raise DataError(result.diagnostics)
    return result.specs, result.diagnostics


def render_to(spec: SiteSpec, project: Project, staging: Path) -> None:
    """Render one site into a staging folder (the render stage alone)."""
    render_site(spec, project, environment(project.content), staging)


def build_sites(project: Project, data_dir: Path, out: Path, wanted: list[str],
                report: Callable[[str, str], None] = lambda site, status: None) -> BuildResult:
    """Build each chosen site into out/<clinic>/<location>/ and write the portal page."""
    if project.missing():
        raise ProjectError(f"{project.root} is not an iop-guide project: missing {', '.join(project.missing())}")
    every, diagnostics = resolve_all(data_dir)
    keys = select([spec.key for spec in every], wanted)
    result = BuildResult(warnings=diagnostics)
    env = environment(project.content)
    out.mkdir(parents=True, exist_ok=True)
    build.clean_leftovers(out)
    for spec in (spec for spec in every if spec.key in keys):
        report(spec.key, "building")
        with tempfile.TemporaryDirectory(prefix="iop-staging-") as staging:
            try:
                render_site(spec, project, env, Path(staging))
                build.publish(Path(staging), out / spec.clinic_id / spec.location_id, spec.key)
            except SiteBuildError as e:
                result.failed[spec.key] = e.output
                report(spec.key, "failed")
                continue
        result.built.append(spec.key)
        report(spec.key, "built")
    portal.write(every, env, out)
    return result
