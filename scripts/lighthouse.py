"""Lighthouse scores of the demo sites: not a test, a report to read.

Builds the sites, serves them on 127.0.0.1 like a static host, and runs Lighthouse 12
from npm (`npx --yes lighthouse@12`; 13 needs a newer Node) in Debian's Chromium with
its mobile settings against each site's home page and a week page. Writes the four
category scores to a JSON file and prints them as a table.

    python scripts/lighthouse.py [--data program_data] [--out build/lighthouse.json]

Targets: accessibility 100, best practices 100, SEO 95 or more, performance 95 or more.
Needs Node.js with npm (the first run downloads Lighthouse) and `apt-get install -y chromium`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the test suite's static host serves the sites as a static host would
sys.path.insert(0, str(ROOT / "tests" / "support"))

import static_host  # noqa: E402

from generator import pipeline  # noqa: E402
from generator.paths import Project  # noqa: E402

CHROMIUM = os.environ.get("IOP_CHROMIUM", "/usr/bin/chromium")
# the same isolation as the browser tests: the browser may reach 127.0.0.1 only
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --no-first-run --disable-sync "
                "--disable-component-update --disable-background-networking "
                "'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'")
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 95}
PAGES = {"home": "index.html", "week": "weeks/week-2.html"}


def lighthouse(url: str, report: Path) -> dict[str, int]:
    """Run Lighthouse once; the category scores, 0 to 100."""
    command = ["npx", "--yes", "lighthouse@12", url, "--quiet", "--output=json", f"--output-path={report}",
               f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile", f"--chrome-flags={CHROME_FLAGS}"]
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    result = json.loads(report.read_text(encoding="utf-8"))
    return {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "program_data")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "lighthouse.json")
    args = parser.parse_args()
    if not shutil.which("npx") or not Path(CHROMIUM).exists():
        print("needs Node.js with npx, and Chromium: apt-get install -y nodejs npm chromium", file=sys.stderr)
        return 2
    specs, _ = pipeline.resolve_all(args.data)
    scores: dict[str, dict[str, dict[str, int]]] = {}
    with tempfile.TemporaryDirectory(prefix="iop-lighthouse-") as work:
        built = Path(work) / "site"
        result = pipeline.build_sites(Project(ROOT), args.data, built, [])
        if result.failed:
            print(f"the build failed: {result.failed}", file=sys.stderr)
            return 1
        with static_host.serving(built, static_host.site_aliases(specs)) as base:
            for spec in specs:
                for kind, path in PAGES.items():
                    scores.setdefault(spec.key, {})[kind] = lighthouse(f"{base}/{spec.key}/{path}",
                                                                       Path(work) / "report.json")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"targets": TARGETS, "scores": scores}, indent=2) + "\n", encoding="utf-8")
    print(f"{'site':28} {'page':6} " + " ".join(f"{name:>14}" for name in CATEGORIES))
    short = []
    for site, pages in scores.items():
        for kind, found in pages.items():
            print(f"{site:28} {kind:6} " + " ".join(f"{found[name]:>14}" for name in CATEGORIES))
            short += [f"{site} {kind} {name} {found[name]} < {TARGETS[name]}"
                      for name in CATEGORIES if found[name] < TARGETS[name]]
    print(f"written to {args.out}")
    for line in short:
        print(f"below target: {line}")
    return 1 if short else 0


if __name__ == "__main__":
    sys.exit(main())
