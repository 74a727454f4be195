"""A clinic network of N location sites made from the demo data, built the ways a marketing team builds it.

    python scripts/bench.py --fleet 100     # (bench.py runs this after its own figures)

Prints, measured in one run on this machine: the cold build, the build again
with nothing changed, `check` with nothing changed (and rendering every site),
the build after one location's edit, the naive loop (one `python -m mkdocs
build` process per staging folder, a folder per site and language, as many at
a time as the build's jobs), ms per page, peak memory and the median site size
(each language counted as a site of its own), with ratios.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator import pipeline
from generator.build import mkdocs
from generator.paths import Project
from generator.planning import plan
from generator.render.site import render_site
from generator.render.templates import environment


def make_fleet(demo: Path, target: Path, sites: int) -> Path:
    """Copy the demo data and add locations (copies of the demo ones, renamed) until it has `sites` sites."""
    shutil.copytree(demo, target)
    existing = sorted(f for f in target.glob("clinics/*/locations/*.yaml") if len(f.suffixes) == 1)
    for number in range(sites - len(existing)):
        model = existing[number % len(existing)]
        copy = model.with_name(f"{model.stem}-{number + 2}.yaml")
        text = model.read_text(encoding="utf-8")
        name = next(line for line in text.splitlines() if line.startswith("name: "))
        copy.write_text(text.replace(name, f"{name} {number + 2}", 1), encoding="utf-8")
    return target


def timed(work: object, *args: object, **options: object) -> tuple[float, object]:
    started = time.perf_counter()
    result = work(*args, **options)  # type: ignore[operator]
    return time.perf_counter() - started, result


def naive(project: Project, data: Path, folder: Path, jobs: int) -> float:
    """Seconds to build every site, in each of its guide languages, with one fresh `mkdocs build` process each
    (the stagings written first, untimed): the same sites `build` makes."""
    loaded, diagnostics = pipeline.check(data)
    specs = [spec for site in plan(loaded, diagnostics).sites if site.spec for spec in (site.spec, *site.translations)]
    env = environment(project.content)
    stagings = []
    for spec in specs:
        staging = folder / "staging" / f"{spec.key.replace('/', '-')}-{spec.language}"
        staging.mkdir(parents=True)
        render_site(spec, project, env, staging)
        stagings.append(staging)

    def one(staging: Path) -> None:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(staging / "mkdocs.yml"),
                        "-d", str(folder / "naive" / staging.name)], check=True, capture_output=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})

    started = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(one, stagings))
    return time.perf_counter() - started


def site_sizes(out: Path, keys: list[str]) -> list[int]:
    """The size of each site in each language: a guide in another language is a site of its own (es/)."""
    sizes = []
    for key in keys:
        languages = [folder for folder in (out / key).iterdir() if folder.is_dir() and len(folder.name) == 2
                     and (folder / "sitemap.xml").is_file()]
        files = [f for f in (out / key).rglob("*") if f.is_file()]
        sizes.append(sum(f.stat().st_size for f in files if not any(f.is_relative_to(lang) for lang in languages)))
        sizes += [sum(f.stat().st_size for f in files if f.is_relative_to(lang)) for lang in languages]
    return sizes


def build(project: Project, data: Path, out: Path, jobs: int) -> pipeline.BuildResult:
    """What `iop-guide build` does (without its progress bar and table): a worker warms up while it plans."""
    stopper = mkdocs.Stopper(out)
    try:
        stopper.warm()
        chosen, same = pipeline.prepare(project, data, out, [])
        return pipeline.build_sites(project, chosen, out, [], jobs=jobs, unchanged=same, stopper=stopper)
    finally:
        stopper.close()


def report(root: Path, demo: Path, sites: int, check_seconds: float) -> None:
    """Build a fleet of `sites` sites every way, and print the figures and their ratios."""
    project, jobs = Project(root), os.cpu_count() or 1
    with_workspace = Path(os.environ.get("TMPDIR", "/tmp")) / f"iop-fleet-{os.getpid()}"
    try:
        data, out = make_fleet(demo, with_workspace / "data", sites), with_workspace / "site"
        cold, result = timed(build, project, data, out, jobs)
        built = result.built  # type: ignore[attr-defined]
        pages = sum(len(done.pages) for done in result.outcomes.values())  # type: ignore[attr-defined]
        again, unchanged = timed(build, project, data, out, jobs)
        checked, _ = timed(pipeline.review, data, project=project, out=out)
        rendered, _ = timed(pipeline.review, data, project=project)
        location = next(data.glob("clinics/*/locations/*-2.yaml"))
        location.write_text(location.read_text(encoding="utf-8").replace("hours: ", "hours: Edited, "), "utf-8")
        edit, edited = timed(build, project, data, out, jobs)
        loop = naive(project, data, with_workspace, jobs)
        sizes = site_sizes(out, built)
        print(f"fleet of {len(built)} locations, {len(sizes)} sites counting each language, {pages} pages, "
              f"{jobs} jobs:")
        print(f"  cold build {cold:.1f} s ({cold / pages * 1000:.0f} ms a page); the naive loop, one mkdocs process "
              f"a site and language: {loop:.1f} s; cold is {loop / cold:.1f}x faster (target: 5x)")
        print(f"  nothing changed: {again:.2f} s, {len(unchanged.unchanged)} unchanged "  # type: ignore[attr-defined]
              f"({cold / again:.0f}x faster than cold; target: within 3 s)")
        print(f"  check, nothing changed since the build: {checked:.2f} s; rendering every site: {rendered:.2f} s "
              f"({rendered / checked:.0f}x; target: within a few seconds)")
        print(f"  one location edited: {edit:.2f} s, {len(edited.built)} built "  # type: ignore[attr-defined]
              f"({edit - check_seconds:.2f} s more than a check of the demo, {check_seconds:.2f} s; "
              "target: 2 s more at most)")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"  peak memory: this process {peak:.0f} MiB, the largest worker {worker:.0f} MiB; at most "
              f"{peak + jobs * worker:.0f} MiB together (target: under 1 GB)")
        print(f"  median site {statistics.median(sizes) / 1e6:.2f} MB, largest {max(sizes) / 1e6:.2f} MB "
              f"(target: median 2 MB or less)")
    finally:
        shutil.rmtree(with_workspace, ignore_errors=True)
