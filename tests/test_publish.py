"""Publishing many sites: parallel builds with a summary, build-report.json, the portal, zips, reproducibility."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import DEMO_DATA, DEMO_SITES, ROOT
from support.commands import iop
from support.files import snapshot

from generator.build import outcome
from generator.build.outcome import FILES
from generator.resolve import SiteSpec


def build(out: Path, *args: str, epoch: str | None = "1767225600") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    return iop(ROOT, "--project", str(ROOT), "build", "--data", str(DEMO_DATA), "--out", str(out), *args, env=env,
               timeout=600)


@pytest.fixture(scope="module")
def twice(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    """The demo sites built twice, in parallel, with zips, at the same SOURCE_DATE_EPOCH."""
    first, second = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")
    result = build(first, "--jobs", "2", "--zip")
    assert result.returncode == 0, result.stderr
    assert build(second, "--jobs", "1", "--zip").returncode == 0
    return first, second, result


def test_two_builds_are_byte_identical(twice) -> None:
    first, second, _ = twice
    # but the record of when this machine wrote each file (how unchanged sites are found without reading them)
    published = [{name: digest for name, digest in snapshot(out, folders=False).items() if name != FILES}
                 for out in (first, second)]
    assert published[0] == published[1]
    assert len(published[0]) > 100 and FILES in snapshot(first, folders=False)


def test_timestamps_come_only_from_source_date_epoch(twice) -> None:
    first, _, _ = twice
    sitemap = (first / "harbor-light/pasadena/sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2026-01-01</lastmod>" in sitemap
    report = json.loads((first / "build-report.json").read_text(encoding="utf-8"))
    assert {entry["built_at"] for entry in report["sites"]} == {"2026-01-01T00:00:00Z"}


def test_the_summary_names_every_site_with_pages_size_and_result(twice) -> None:
    _, _, result = twice
    for site in DEMO_SITES:
        assert f"{site}: built" in result.stderr
    table = result.stderr[result.stderr.index("Build"):]
    assert all(site in table for site in DEMO_SITES) and "KiB" in table and "pages" in table
    assert "built 3 site(s)" in result.stderr


def test_the_report_lists_pages_and_a_content_hash_that_matches_the_files(twice) -> None:
    first, _, _ = twice
    report = json.loads((first / "build-report.json").read_text(encoding="utf-8"))
    entries = {entry["site"]: entry for entry in report["sites"]}
    assert sorted(entries) == DEMO_SITES
    for site, entry in entries.items():
        folder = first / site
        assert entry["pages"] == sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))
        assert entry["content_hash"] == outcome.measure(folder, site, 0, {}).content_hash
        assert entry["bytes"] == sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    # the hash changes with the content
    other = entries["harbor-light/pasadena"]["content_hash"]
    assert other != entries["harbor-light/riverside"]["content_hash"]


def test_each_zip_holds_exactly_its_site(twice) -> None:
    first, _, _ = twice
    report = {entry["site"]: entry for entry in json.loads((first / "build-report.json").read_text())["sites"]}
    for site in DEMO_SITES:
        archive = first / f"{site}.zip"  # beside the site folder: <clinic>/<location>.zip
        assert report[site]["zip"] == f"{site}.zip"
        with zipfile.ZipFile(io.BytesIO(archive.read_bytes())) as opened:
            assert opened.testzip() is None
            names = sorted(opened.namelist())
            assert names == sorted(p.relative_to(first / site).as_posix()
                                   for p in (first / site).rglob("*") if p.is_file())
            assert opened.read("index.html") == (first / site / "index.html").read_bytes()


def test_the_portal_lists_every_site_with_its_facts(twice, demo_specs: dict[str, SiteSpec]) -> None:
    first, _, _ = twice
    specs = list(demo_specs.values())
    soup = BeautifulSoup((first / "index.html").read_text(encoding="utf-8"), "html.parser")
    rows = soup.select("tbody tr")
    assert len(rows) == len(specs)
    for spec in specs:
        row = next(r for r in rows if r.find("code").get_text() == spec.key)
        text = row.get_text(" ", strip=True)
        link = row.find("a")
        assert link["href"] == f"{spec.key}/index.html" and (first / link["href"]).is_file()
        assert spec.program.title in text and str(spec.length) in text
        assert all(track.name in text for track in spec.location.tracks)
        assert "2026-01-01T00:00:00Z" in text


def test_a_build_of_one_site_keeps_the_others_in_the_report(twice, tmp_path: Path) -> None:
    out = tmp_path / "site"
    shutil.copytree(twice[0], out)  # a complete build of every site, made by this command
    before = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    assert build(out, "--site", "cedar-path", epoch="1767312000").returncode == 0
    after = {e["site"]: e for e in json.loads((out / "build-report.json").read_text(encoding="utf-8"))["sites"]}
    assert after["cedar-path/sacramento"]["built_at"] == "2026-01-02T00:00:00Z"
    assert after["harbor-light/pasadena"] == {e["site"]: e for e in before["sites"]}["harbor-light/pasadena"]


def test_jobs_must_be_a_positive_number(tmp_path: Path) -> None:
    result = build(tmp_path, "--jobs", "0")
    assert result.returncode == 2 and "'0' is not a whole number of 1 or more" in result.stderr
