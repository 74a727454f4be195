"""Render and prove many sites at once: one site per task, on the machine's cores.

A site's pages are made and converted by pure Python (Jinja, Python-Markdown),
so threads would take turns; forked processes share the loaded data and the
compiled templates and run side by side. Each returns the site's pages and
problems, which the build then writes from. Where fork is missing, or one site
is asked for, or other threads run (the preview), the work stays in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

import jinja2

from generator.diagnostics import Diagnostic
from generator.paths import Project
from generator.render import proof
from generator.render.site import Rendered, render_pages
from generator.resolve import SiteSpec

Proven = tuple[Rendered, list[Diagnostic]]

# what the forked workers read: set before the pool starts, inherited, never pickled
_shared: dict[str, object] = {}


def _prove_one(index: int) -> Proven:
    project, env, specs = _shared["project"], _shared["env"], _shared["specs"]
    assert isinstance(project, Project) and isinstance(env, jinja2.Environment) and isinstance(specs, list)
    return prove_site(project, env, specs[index])


def prove_site(project: Project, env: jinja2.Environment, spec: SiteSpec) -> Proven:
    """One site's pages, and every problem the render and the conversion found."""
    rendered = render_pages(spec, env)
    return rendered, proof.prove(project, spec, rendered)


def _workers(sites: int) -> int:
    # a fork copies locks that other threads may hold (the preview serves from threads): fork only when alone
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return 1
    return min(sites, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def prove_sites(project: Project, env: jinja2.Environment, specs: list[SiteSpec]) -> Iterator[Proven]:
    """Each site's pages and problems, in the order of specs."""
    workers = _workers(len(specs))
    if workers < 2:
        yield from (prove_site(project, env, spec) for spec in specs)
        return
    _shared.update(project=project, env=env, specs=specs)
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            yield from pool.map(_prove_one, range(len(specs)))
    finally:
        _shared.clear()
