"""A warm MkDocs: one process that builds many staging folders, one after another, in-process.

`python -m generator.build.mkdocs_worker --out DIR` imports MkDocs and Material
once, then reads one request per line on standard input (a JSON object with the
staging folder and the folder to build into, which must lie in DIR) and answers
each with one JSON line: whether the build passed, MkDocs' warnings and
errors as `mkdocs build` prints them, and the link check of the built pages
(build/linkcheck.py), which runs here so that it runs on the worker's core.
Each site gets a fresh config (plugins keep state, so a config is never reused);
what is reused is the import, the theme's compiled templates and the listing of
its files (build/theme_files.py). The live preview builds with the same run().
Nothing depends on the current folder.

Standard output carries only the answers: anything else that would print there
goes to standard error instead.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import jinja2

from generator.build import linkcheck, theme_files
from generator.compiled import Compiled


class _Said(logging.Handler):
    """MkDocs' warnings and errors during one build (in strict mode, the reasons it stops)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.said: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith("mkdocs.livereload"):  # a preview server's requests are not the build's
            self.said.append((record.levelname, record.getMessage()))


@dataclass
class Made:
    """What one in-process MkDocs build came to."""

    ok: bool
    # (level, message) of each warning and error MkDocs logged
    said: list[tuple[str, str]] = field(default_factory=list)
    # why it stopped: strict mode's abort, or an error a theme template or an extension raised
    stopped: str | None = None


# MkDocs makes a new theme environment for each build, and compiling Material's templates again is
# most of a site's build: their code is kept between builds (Jinja checks it against each template's source)
_THEME_CODE = Compiled()


def run(staging: Path, site_dir: Path, serve_url: str | None = None, **options: Any) -> Made:
    """Build a staging folder into site_dir in this process, with a fresh config (plugins keep state)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    said = _Said()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(said)
    try:
        config = load_config(config_file=str(staging / "mkdocs.yml"), site_dir=str(site_dir), **options)
        made = config.theme.get_env

        def theme_env() -> jinja2.Environment:
            env = made()
            env.bytecode_cache = _THEME_CODE
            theme_files.list_once(env, list(config.theme.dirs), staging,
                                  tuple(sorted(config.theme.static_templates)))
            return env

        config.theme.get_env = theme_env  # type: ignore[method-assign]
        build(config, serve_url=serve_url)
    except Abort as e:  # strict mode: a warning stops the build (MkDocs raises it as SystemExit)
        return Made(False, said.said, f"Aborted: {e}")
    except Exception as e:  # a bug in a theme template or an extension: this site fails, the worker goes on
        return Made(False, said.said, f"{type(e).__name__}: {e}")
    finally:
        logger.removeHandler(said)
    return Made(True, said.said)


def build(staging: Path, target: Path, out: Path, scan: Path | None = None, check_links: bool = True) -> dict[str, Any]:
    """Build one staging folder into target, strict; the answer: passed or not, and what MkDocs said.

    The link check (unless check_links is false) reads scan, target unless told: a guide in several
    languages is checked once, whole, after its last language is built, since its pages link to each other's.
    """
    scan = target if scan is None else scan
    for folder in (target, scan):
        if not folder.resolve().is_relative_to(out.resolve()):
            return {"ok": False, "output": f"ERROR   -  refused to build into {folder}: it is outside {out}"}
    # strict, as `mkdocs build --strict`: a warning fails the site
    made = run(staging, target, strict=True)
    lines = [f"{level:<8}-  {message}" for level, message in made.said]
    answer: dict[str, Any] = {"ok": made.ok, "output": "\n".join([*lines, *([made.stopped] if made.stopped else [])])}
    if made.ok and check_links:
        # the link check reads every page the build wrote: here, beside the build, on this worker's core
        links = linkcheck.scan(scan)
        answer["links"] = {"broken": links.broken, "external": links.external}
    return answer


def serve(requests: TextIO, answers: TextIO, out: Path) -> None:
    """Answer each request line until standard input closes."""
    for line in requests:
        request = json.loads(line)
        scan = request.get("scan")
        answer = build(Path(request["staging"]), Path(request["target"]), out, Path(scan) if scan else None,
                       request.get("links", True))
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m generator.build.mkdocs_worker")
    parser.add_argument("--out", type=Path, required=True, help="the output folder every site is built in")
    args = parser.parse_args()
    # the answers get the real standard output; a stray print (a theme's banner) goes to standard error
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    os.environ["NO_MKDOCS_2_WARNING"] = "1"  # Material's end-of-life banner, on every build
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    import material  # noqa: F401  (imported once, before the first request)
    import mkdocs.commands.build  # noqa: F401

    serve(sys.stdin, answers, args.out)


if __name__ == "__main__":
    main()
