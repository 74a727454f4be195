"""Warm MkDocs workers: one process builds many sites; a dead one fails only its site; the staging folder
stays a plain MkDocs project that `mkdocs build` makes into the very same site."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.files import tree_hash

from generator.build import mkdocs
from generator.diagnostics import SiteBuildError
from generator.paths import Project
from generator.render.site import render_site
from generator.render.templates import environment
from generator.resolve import SiteSpec


@pytest.fixture
def stagings(tmp_path: Path, project: Project, demo_specs: dict[str, SiteSpec]) -> list[Path]:
    """The staging folder of each demo site."""
    env = environment(project.content)
    made = []
    for key, spec in sorted(demo_specs.items()):
        staging = tmp_path / "staging" / key.replace("/", "-")
        staging.mkdir(parents=True)
        # one language: a guide's languages are built together by publish (see test_languages_built)
        render_site(dataclasses.replace(spec, guide_languages=("en",)), project, env, staging)
        made.append(staging)
    return made


def test_one_worker_builds_site_after_site_in_one_process(tmp_path: Path, stagings: list[Path]) -> None:
    out = tmp_path / "out"
    stopper = mkdocs.Stopper(out)
    try:
        pids = set()
        for number, staging in enumerate(stagings):
            mkdocs.mkdocs_build(staging, out / str(number), staging.name, stopper)
            pids |= set(stopper.workers())
            assert (out / str(number) / "index.html").is_file()
        assert len(pids) == 1, "the same warm process built every site"
    finally:
        stopper.close()
    assert stopper.workers() == [] and all(not _alive(pid) for pid in pids)


def test_a_worker_started_ahead_builds_the_first_site_and_one_never_used_is_ended(
        tmp_path: Path, stagings: list[Path]) -> None:
    out = tmp_path / "out"
    stopper = mkdocs.Stopper(out)
    try:
        stopper.warm(2)
        ahead = stopper.workers()
        assert len(ahead) == 2
        mkdocs.mkdocs_build(stagings[0], out / "0", stagings[0].name, stopper)
        assert (out / "0" / "index.html").is_file()
        assert stopper.workers() == ahead, "the site was built by a worker started ahead, not a new one"
    finally:
        stopper.close()
    assert stopper.workers() == [] and all(not _alive(pid) for pid in ahead)


def test_a_worker_that_dies_fails_its_site_alone_and_the_next_site_gets_a_new_one(
        tmp_path: Path, stagings: list[Path]) -> None:
    out = tmp_path / "out"
    stopper = mkdocs.Stopper(out)
    try:
        mkdocs.mkdocs_build(stagings[0], out / "first", "first", stopper)
        [dead] = stopper.workers()
        os.kill(dead, 9)
        with pytest.raises(SiteBuildError) as failed:
            mkdocs.mkdocs_build(stagings[1], out / "second", "second", stopper)
        assert "the MkDocs worker stopped unexpectedly" in failed.value.output
        mkdocs.mkdocs_build(stagings[1], out / "third", "third", stopper)
        assert (out / "third/index.html").is_file() and stopper.workers() != [dead]
    finally:
        stopper.close()


def test_a_worker_that_cannot_start_says_why(tmp_path: Path, stagings: list[Path],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mkdocs, "WORKER", "generator.build.no_such_worker")  # as an install missing a file
    stopper = mkdocs.Stopper(tmp_path / "out")
    try:
        with pytest.raises(SiteBuildError) as failed:
            mkdocs.mkdocs_build(stagings[0], tmp_path / "out" / "site", "site", stopper)
    finally:
        stopper.close()
    assert "the MkDocs worker stopped unexpectedly (exit code 1)" in failed.value.output
    assert "No module named generator.build.no_such_worker" in failed.value.output


def test_a_worker_builds_only_inside_the_output_folder(tmp_path: Path, stagings: list[Path]) -> None:
    stopper = mkdocs.Stopper(tmp_path / "out")
    try:
        with pytest.raises(SiteBuildError) as refused:
            mkdocs.mkdocs_build(stagings[0], tmp_path / "elsewhere", "site", stopper)
        assert "it is outside" in refused.value.output
    finally:
        stopper.close()
    assert not (tmp_path / "elsewhere").exists()


def test_mkdocs_build_by_hand_makes_the_same_site_as_the_worker(tmp_path: Path, stagings: list[Path],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the sitemap's dates and its zip's time
    staging = stagings[0]
    stopper = mkdocs.Stopper(tmp_path)
    try:
        # another site first, so that this one is built with what the worker kept (templates, the theme's listing)
        mkdocs.mkdocs_build(stagings[1], tmp_path / "before", stagings[1].name, stopper)
        mkdocs.mkdocs_build(staging, tmp_path / "warm", staging.name, stopper)
    finally:
        stopper.close()
    by_hand = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml",
                              "-d", str(tmp_path / "by-hand")], cwd=staging, capture_output=True, text=True,
                             env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)
    assert by_hand.returncode == 0, by_hand.stderr
    assert tree_hash(tmp_path / "by-hand") == tree_hash(tmp_path / "warm")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/status").read_text().find("State:\tZ") < 0
