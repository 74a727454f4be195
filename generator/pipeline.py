"""The stages in order: load -> model -> validate -> resolve -> render -> build (planning.py: up to render)."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import jinja2

from generator import paths
from generator.build import findings, fingerprint, mkdocs, outcome, output, portal, publish, shards
from generator.diagnostics import DataError, Diagnostic, Severity, SiteBuildError, display_path, errors_in
from generator.paths import Project
from generator.planning import (
    Plan,
    SitePlan,
    check,
    fingerprints,
    no_site,
    plan,
    resolve_all,
    review,
    select,
    site_keys,
    site_named,
    site_warnings,
)
from generator.render.site import render_languages, render_site
from generator.render.templates import environment
from generator.resolve import SiteSpec

# the planning stage's names, used through this module by the command line, the tools and the tests
__all__ = ["BuildResult", "Plan", "SitePlan", "build_sites", "check", "fingerprints", "no_site", "plan", "prepare",
           "render_to", "resolve_all", "review", "select", "site_keys", "site_named", "site_warnings"]


@dataclass
class BuildResult:
    """What a build did: the sites built and the sites that failed, with why."""

    built: list[str] = field(default_factory=list)
    # sites whose inputs and output were those of their last good build: not built again
    unchanged: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)
    # data errors, each blocking the sites whose files hold it
    errors: list[Diagnostic] = field(default_factory=list)
    outcomes: dict[str, outcome.Outcome] = field(default_factory=dict)
    # sites built whose zip (--zip) could not be written, with why
    zip_failed: dict[str, str] = field(default_factory=dict)


def render_to(spec: SiteSpec, project: Project, staging: Path) -> None:
    """Render one site into a staging folder (the render stage alone)."""
    render_site(spec, project, environment(project.content), staging)


def build_sites(project: Project, data: Plan | Path, out: Path, wanted: list[str],
                report: Callable[[str, str], None] = lambda site, status: None, jobs: int = 1,
                archive: bool = False, force: bool = False, unchanged: set[str] | None = None,
                shard: tuple[int, int] | None = None, stopper: mkdocs.Stopper | None = None) -> BuildResult:
    """Build each chosen site into out/<clinic>/<location>/, up to `jobs` at a time, then the report and portal.

    A site blocked by data errors or failing in MkDocs keeps its previous output;
    the others are built all the same. out must be a folder of the builds' own
    (see output.claim); in it only the sites the previous report lists and the
    sites built now are ever replaced. data is the plan of the data (the command
    line has made it already), or a data folder to plan here.

    A site whose fingerprint and output are those of its last good build is not
    built again but reported "unchanged" (unchanged names them when the caller
    knows already, as the command line does before it renders); force builds every site.
    With shard (K, N), only share K of N of the chosen sites is built, and the report lists only those.
    A stopper given (one the caller warmed while it planned) builds the sites; it is closed here.
    """
    project.require()
    chosen_plan = data if isinstance(data, Plan) else review(data, project=project)
    output.refuse_shared_output(out, project, chosen_plan.data.root)
    keys = select([site.key for site in chosen_plan.sites], wanted)
    keys = shards.share(keys, *shard) if shard else keys
    if not chosen_plan.sites and errors_in(chosen_plan.diagnostics):
        raise DataError(chosen_plan.diagnostics)
    result = BuildResult(warnings=[d for d in chosen_plan.diagnostics if d.severity is not Severity.ERROR],
                         errors=errors_in(chosen_plan.diagnostics))
    env = environment(project.content)
    todo = [site for site in chosen_plan.sites if site.key in keys]
    with output.claim(out, force):
        previous = outcome.read_report(out)
        publish.clean_leftovers(out, {key.split("/")[0] for key in [*previous, *keys]})
        _fail_blocked(todo, result, report)
        buildable = [site.key for site in todo if site.spec is not None]
        prints = {key: chosen_plan.prints[key] for key in buildable} if set(buildable) <= set(chosen_plan.prints) \
            else fingerprints(project, chosen_plan.data, buildable)
        same = set() if force else unchanged & set(previous) if unchanged is not None else \
            fingerprint.unchanged(prints, previous, out)
        job = _Job(project, env, out, report, archive, previous, stopper or mkdocs.Stopper(out), prints,
                   chosen_plan.data.root)
        _keep_unchanged(job, [site.key for site in todo if site.spec is not None and site.key in same], result)
        try:
            _build_all(job, [site for site in todo if site.spec is not None and site.key not in same], jobs, result)
        finally:
            job.stopper.close()
        _record_warnings(chosen_plan, todo, result)
        result.built = sorted(key for key, done in result.outcomes.items() if done.result == "built")
        result.unchanged = sorted(key for key, done in result.outcomes.items() if done.result == "unchanged")
        result.failed = dict(sorted(result.failed.items()))
        result.zip_failed = {key: done.zip_error for key, done in sorted(result.outcomes.items()) if done.zip_error}
        listed = [spec for spec in chosen_plan.specs if shard is None or spec.key in keys]
        sites = outcome.write_report(out, listed, result.outcomes)
        outcome.save_files_prints(out, result.outcomes, sites)
        portal.write(sites, env, out)
    return result


def prepare(project: Project, data_dir: Path, out: Path, sites: list[str], force: bool = False,
            shard: tuple[int, int] | None = None) -> tuple[Plan, set[str]]:
    """What `build` does before building: load and check the data once, find the unchanged sites, plan the rest.

    Only the sites asked for that changed are rendered in memory: the others are not built.
    """
    data, diagnostics = check(data_dir)
    wanted = select(site_keys(data), sites)
    wanted = shards.share(wanted, *shard) if shard else wanted
    # a site made from what its last good build was made from, its output intact, is neither rendered nor built:
    # the findings that build recorded are said again
    previous, prints = outcome.read_report(out), fingerprints(project, data, wanted)
    same = set() if force else fingerprint.unchanged(prints, previous, out)
    known = findings.recorded({key: previous[key] for key in same}, prints, data.root, project.root)
    same &= set(known)  # a site whose findings are not on record is rendered and built again
    planned = plan(data, diagnostics, project=project, wanted=[key for key in wanted if key not in same], known=known)
    planned.prints = prints
    return planned, same


def _keep_unchanged(job: _Job, keys: list[str], result: BuildResult) -> None:
    """Report each unchanged site as its last build left it; write its zip if one is asked for and missing."""
    for key in keys:
        entry = job.previous[key]
        done = outcome.Outcome(key, "unchanged", list(entry.get("pages") or []), int(entry.get("bytes") or 0),
                               str(entry.get("content_hash") or ""), fingerprint=job.prints[key],
                               external_links=dict(entry.get("external_links") or {}))
        zipped = entry.get("zip")
        if job.archive and not (isinstance(zipped, str) and (job.out / zipped).is_file()):
            _archive(job, job.out / key, done)
        result.outcomes[key] = done
        job.report(key, "unchanged")


def _record_warnings(plan: Plan, todo: list[SitePlan], result: BuildResult) -> None:
    """Give each site built or unchanged the warnings about it, as the report and the portal show them."""
    for site in todo:
        done = result.outcomes.get(site.key)
        if done is not None and done.result != "failed":
            done.warnings = [f"{display_path(d.file, plan.data.root)}:{d.line}:{d.col}: {d.message}"
                             for d in site_warnings(plan, site)[0]]


def _fail_blocked(todo: list[SitePlan], result: BuildResult, report: Callable[[str, str], None]) -> None:
    """Record as failed each site that data errors block."""
    for site in todo:
        if site.spec is None:
            files = sorted({display_path(d.file) for d in site.errors})
            result.failed[site.key] = f"{len(site.errors)} error(s) in the data it is made from: {', '.join(files)}"
            result.outcomes[site.key] = outcome.Outcome(site.key, "failed", error=result.failed[site.key])
            report(site.key, "failed")


@dataclass
class _Job:
    """What the sites of one build share."""

    project: Project
    env: jinja2.Environment
    out: Path
    report: Callable[[str, str], None]
    archive: bool
    previous: dict[str, dict[str, Any]]  # the sites of the previous report
    stopper: mkdocs.Stopper
    prints: dict[str, str]  # each site's fingerprint, recorded in the report when it is built
    data_root: Path  # findings are recorded relative to it


def _build_all(job: _Job, specs: list[SitePlan], jobs: int, result: BuildResult) -> None:
    """Build the sites, `jobs` at a time, into result."""
    # each site's MkDocs build is its own process; threads here only wait for them
    pool = ThreadPoolExecutor(max_workers=max(1, jobs))
    try:
        for done in pool.map(partial(_build_one, job), specs):
            result.outcomes[done.site] = done
            if done.result == "failed":
                result.failed[done.site] = done.error
    except KeyboardInterrupt:
        # Ctrl-C reaches this thread only: end the MkDocs processes, drop the sites not started,
        # and let each worker remove its temporary folders before the interrupt goes on
        job.stopper.stop()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _build_one(job: _Job, site: SitePlan) -> outcome.Outcome:
    """Write, build and swap in one site, then zip it; a failure keeps its previous output."""
    spec = site.spec
    assert spec is not None, "only sites that can be built are built"
    job.report(spec.key, "building")
    started = time.monotonic()
    folder = paths.inside(job.out, job.out / spec.clinic_id / spec.location_id)
    with publish.staging_folder() as staging:
        try:
            # one staging folder a language, English first: each is a plain MkDocs project of its own
            stagings = render_languages([spec, *site.translations], job.project, job.env, Path(staging), site.renders)
            job.stopper.check()
            links = publish.publish(stagings, folder, spec.key, job.stopper)
        except SiteBuildError as e:
            job.report(spec.key, "failed")
            return outcome.Outcome(spec.key, "failed", error=e.output, seconds=time.monotonic() - started)
    job.report(spec.key, "built")  # at once: the site is in place, whatever comes next
    # the link check read every page already: its external links go into the report as they are
    done = outcome.measure(folder, spec.key, 0.0, links.external)
    done.fingerprint = job.prints.get(spec.key, "")
    done.findings = findings.to_report(site.findings, job.data_root, job.project.root)
    _archive(job, folder, done)
    done.seconds = time.monotonic() - started
    return done


def _archive(job: _Job, folder: Path, done: outcome.Outcome) -> None:
    """Zip a built site (--zip); else remove the zip an earlier build made of it, which no longer matches."""
    target = paths.inside(job.out, outcome.zip_path(job.out, done.site))
    if not job.archive:
        if job.previous.get(done.site, {}).get("zip"):
            target.unlink(missing_ok=True)
        return
    try:
        outcome.write_zip(folder, target)
    except OSError as e:
        target.unlink(missing_ok=True)  # an older zip would not match the site just built
        done.zip_error = e.strerror or str(e)
        return
    done.zip = target.relative_to(job.out).as_posix()
