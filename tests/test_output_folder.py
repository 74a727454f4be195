"""The output folder belongs to the builds alone: where it may be, whose files it holds, one build at a time,
zips that cannot collide or be left half written, and files a web server running as another user can read.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import stat
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import DEMO_DATA, DEMO_SITES, ROOT, edit
from support.commands import IOP
from support.files import snapshot

from generator import cli, pipeline
from generator.build import linkcheck, publish
from generator.paths import Project

Completed = subprocess.CompletedProcess[str]
MARKER = ".iop-guide-output"  # the file that says a folder is the builds' own (README, Publishing)
# `workdir` (tests/conftest.py) is a copy of the project in tmp_path/project: tmp_path around it is free


def run_build(project: Path, data: Path, out: Path, *args: str) -> int:
    return cli.main(["--project", str(project), "build", "--data", str(data), "--out", str(out), *args])


def fake_mkdocs(staging: Path, target: Path, site: str, stopper: object, **options: object) -> linkcheck.Report:
    """Stand in for MkDocs (and its link check) where a test is about the output folder, not the pages."""
    target.mkdir(parents=True, exist_ok=True)  # a language below the English (es/) is a new folder
    (target / "index.html").write_text(f"<!doctype html><title>{site}</title><p>{site}</p>\n", encoding="utf-8")
    return linkcheck.Report()


# -- where the output folder may be ---------------------------------------------------------


@pytest.mark.parametrize(("out", "data", "reason"), [
    ("project", "project/program_data", "it is the project folder"),
    ("project/program_data", "project/program_data", "it is the data folder"),
    ("link-to-data", "project/program_data", "it is the data folder"),
    (".", "project/program_data", "it holds the project folder"),
    ("shared", "shared/program_data", "it holds the data folder"),
    ("project/program_data/clinics/harbor-light", "project/program_data", "it is inside the data folder"),
    ("project/content/site", "project/program_data", "it is inside the project's content/ folder"),
    ("project/overrides/site", "project/program_data", "it is inside the project's overrides/ folder"),
])
def test_an_output_folder_that_is_holds_or_lies_in_the_sources_is_refused(
        workdir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], out: str, data: str, reason: str) -> None:
    if data.startswith("shared"):
        shutil.copytree(workdir / "program_data", tmp_path / data)
    (tmp_path / "link-to-data").symlink_to(workdir / "program_data", target_is_directory=True)
    before = snapshot(tmp_path)
    code = run_build(workdir, tmp_path / data, tmp_path / out, "--site", "cedar-path")
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"iop-guide: error: cannot build into {tmp_path / out}: {reason}" in err
    assert "give it a folder of its own with --out" in err and "Traceback" not in err
    assert snapshot(tmp_path) == before  # nothing written, renamed or removed


def test_the_default_site_folder_inside_the_project_is_fine(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(publish, "mkdocs_build", fake_mkdocs)
    monkeypatch.chdir(workdir)
    assert cli.main(["build", "--site", "cedar-path"]) == 0
    assert (workdir / "site/cedar-path/sacramento/index.html").is_file()


# -- whose files it holds -------------------------------------------------------------------


def test_a_folder_of_other_files_is_refused_unless_forced_and_even_then_only_sites_are_written(
        workdir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(publish, "mkdocs_build", fake_mkdocs)
    out = tmp_path / "public"
    for name, text in (("index.html", "<p>my own page</p>"), ("build-report.json", '{"sites": []}'),
                       ("photos/team.jpg", "jpeg"), ("drafts/.iop-tmp-notes", "mine"),
                       ("cedar-path/notes.txt", "mine too")):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(text, encoding="utf-8")
    before = snapshot(out)
    code = run_build(workdir, workdir / "program_data", out, "--site", "cedar-path")
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"cannot build into {out}: it holds files that iop-guide did not write" in err
    assert "add --force" in err and "Traceback" not in err
    assert snapshot(out) == before

    assert run_build(workdir, workdir / "program_data", out, "--site", "cedar-path", "--force") == 0
    after = snapshot(out)
    for name in ("photos", "photos/team.jpg", "drafts", "drafts/.iop-tmp-notes", "cedar-path/notes.txt"):
        assert after[name] == before[name], name
    assert "cedar-path/sacramento" in (out / "cedar-path/sacramento/index.html").read_text(encoding="utf-8")
    assert "iop-guide" in (out / MARKER).read_text(encoding="utf-8")
    # marked now: the next build needs no --force
    assert run_build(workdir, workdir / "program_data", out, "--site", "cedar-path") == 0


def test_a_folder_an_earlier_version_built_is_ours_and_only_its_sites_are_replaced(
        workdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(publish, "mkdocs_build", fake_mkdocs)
    out = tmp_path / "site"
    # an entry that leads out of the folder is ignored, not cleaned up after
    report = {"generator": "iop-guide", "sites": [{"site": "harbor-light/pasadena", "last_result": "built"},
                                                  {"site": "../x", "last_result": "built"}]}
    (tmp_path / ".iop-tmp-beside").write_text("not in the output folder")
    for name, text in (("build-report.json", json.dumps(report)), ("harbor-light/pasadena/index.html", "old"),
                       ("harbor-light-pasadena.zip", "an earlier version's zip"), ("CNAME", "guide.example.org"),
                       ("drafts/.iop-tmp-notes", "mine"), ("drafts/page.html", "mine"),
                       ("harbor-light/.iop-tmp-pasadena-old-1", "a file, not a site moved aside")):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(text, encoding="utf-8")
    before = snapshot(out)
    assert run_build(workdir, workdir / "program_data", out, "--site", "cedar-path") == 0
    after = snapshot(out)
    for name in ("harbor-light/pasadena/index.html", "harbor-light-pasadena.zip", "CNAME", "drafts/.iop-tmp-notes",
                 "drafts/page.html"):
        assert after[name] == before[name], name
    assert "harbor-light/.iop-tmp-pasadena-old-1" not in after  # a leftover of ours, in a site's clinic folder
    assert (tmp_path / ".iop-tmp-beside").is_file()
    assert (out / MARKER).is_file()
    listed = {entry["site"]: entry for entry in json.loads((out / "build-report.json").read_text())["sites"]}
    assert listed["cedar-path/sacramento"]["last_result"] == "built"
    assert listed["harbor-light/pasadena"]["last_result"] == "built"  # kept from the earlier report
    assert "../x" not in listed


# -- one build at a time, and published files readable by all ------------------------------


@pytest.fixture(scope="module")
def two_at_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[int, str], Completed]:
    """A build (with zips, umask 077) into a new folder, and a second build into it started while it runs.

    Returns the folder, the first build's exit code and output after its start, and the second build.
    """
    out = tmp_path_factory.mktemp("concurrent") / "site"
    command = [*IOP, "build", "--data", str(DEMO_DATA), "--out", str(out), "--zip"]
    first = subprocess.Popen([*command, "--jobs", "2"], cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, umask=0o077)
    assert first.stderr is not None
    started = next((line for line in iter(first.stderr.readline, "") if line.rstrip().endswith(": building")), "")
    assert started, "the first build never started a site"  # by now it holds the output folder
    second = subprocess.run([*command, "--jobs", "1"], cwd=ROOT, capture_output=True, text=True, timeout=600,
                            check=False)
    rest = first.stderr.read()
    return out, (first.wait(timeout=600), rest), second


def test_a_second_build_into_the_same_folder_is_refused_cleanly(two_at_once) -> None:
    out, _, second = two_at_once
    assert second.returncode == 2, second.stderr
    assert f"iop-guide: error: another build is writing to {out}" in second.stderr
    assert "Traceback" not in second.stderr and "internal error" not in second.stderr


def test_the_first_build_completes_every_site(two_at_once) -> None:
    out, (code, rest), _ = two_at_once
    assert code == 0 and "built 3 site(s)" in rest, rest
    report = {entry["site"]: entry for entry in json.loads((out / "build-report.json").read_text())["sites"]}
    for site in DEMO_SITES:
        assert report[site]["last_result"] == "built"
        pages = sorted(p.relative_to(out / site).as_posix() for p in (out / site).rglob("*.html"))
        assert pages == report[site]["pages"] and "index.html" in pages
        with zipfile.ZipFile(out / f"{site}.zip") as archive:
            assert archive.read("index.html") == (out / site / "index.html").read_bytes()
    assert not [p for p in out.rglob("*") if p.name.startswith((".iop-tmp-", ".index.html.", ".build-report"))]


def test_the_first_build_marks_the_folder_as_its_own(two_at_once) -> None:
    out, _, _ = two_at_once
    assert (out / MARKER).read_text(encoding="utf-8").startswith("Written by iop-guide build")


def test_every_published_folder_and_file_is_readable_by_all(two_at_once) -> None:
    out, _, _ = two_at_once
    modes = {p.relative_to(out).as_posix(): stat.S_IMODE(p.lstat().st_mode) for p in [out, *out.rglob("*")]}
    wrong = {name: oct(mode) for name, mode in modes.items()
             if mode != (0o755 if (out / name).is_dir() else 0o644)}
    assert wrong == {}
    # the site folders (mkdtemp made them 0700), the report, the portal, the zips and the marker were all seen
    assert {".", "index.html", "build-report.json", MARKER, "harbor-light/pasadena.zip", "harbor-light/pasadena",
            "harbor-light/pasadena/index.html", "harbor-light/pasadena/assets"} <= set(modes)


# -- zips ----------------------------------------------------------------------------------------


def test_zips_of_sites_with_similar_ids_do_not_collide(workdir: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(publish, "mkdocs_build", fake_mkdocs)  # the zips' names and contents are the point
    data = workdir / "program_data"
    shutil.copytree(data / "clinics/harbor-light", data / "clinics/harbor")
    (data / "clinics/harbor/locations/riverside.yaml").unlink()
    moved = data / "clinics/harbor/locations/light-pasadena.yaml"
    (data / "clinics/harbor/locations/pasadena.yaml").rename(moved)
    edit(moved, "name: Pasadena", "name: Light Pasadena")
    out = tmp_path / "site"
    sites = ["harbor/light-pasadena", "harbor-light/pasadena"]
    result = pipeline.build_sites(Project(workdir), data, out, sites, jobs=4, archive=True)
    assert result.built == sorted(sites) and not result.failed and not result.zip_failed
    first, second = (out / site / "index.html" for site in sites)
    assert first.read_bytes() != second.read_bytes()
    for site in sites:
        with zipfile.ZipFile(out / f"{site}.zip") as archive:
            assert archive.testzip() is None
            assert sorted(archive.namelist()) == sorted(p.relative_to(out / site).as_posix()
                                                        for p in (out / site).rglob("*") if p.is_file())
            assert archive.read("index.html") == (out / site / "index.html").read_bytes()
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.zip")) == [
        "harbor-light/pasadena.zip", "harbor/light-pasadena.zip"]


def test_a_full_disk_while_zipping_leaves_no_partial_zip_and_fails_the_command(
        workdir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(publish, "mkdocs_build", fake_mkdocs)
    real = zipfile.ZipFile.writestr

    def full(archive: zipfile.ZipFile, *args, **kwargs) -> None:
        if "pasadena" in str(archive.filename):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(archive, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    out = tmp_path / "site"
    (out / "harbor-light").mkdir(parents=True)
    (out / MARKER).write_text("ours\n")
    (out / "harbor-light/pasadena.zip").write_text("the zip of an older build")
    code = run_build(workdir, workdir / "program_data", out, "--site", "harbor-light", "--zip", "--jobs", "2")
    err = capsys.readouterr().err
    assert code == 1, err
    assert "error: the zip of harbor-light/pasadena was not written: No space left on device" in err
    assert "1 zip(s) not written: harbor-light/pasadena" in err
    # no partial zip, and no older one that would not match the new site
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.zip*")) == ["harbor-light/riverside.zip"]
    assert not list(out.rglob(".iop-tmp-*"))
    report = {entry["site"]: entry for entry in json.loads((out / "build-report.json").read_text())["sites"]}
    assert report["harbor-light/pasadena"]["last_result"] == "built"
    assert report["harbor-light/pasadena"]["zip_error"] == "No space left on device"
    assert "zip" not in report["harbor-light/pasadena"]
    assert report["harbor-light/riverside"]["zip"] == "harbor-light/riverside.zip"

    # unchanged, a site keeps the zip that matches it
    assert run_build(workdir, workdir / "program_data", out, "--site", "harbor-light/riverside") == 0
    assert [p.relative_to(out).as_posix() for p in out.rglob("*.zip")] == ["harbor-light/riverside.zip"]
    # rebuilt without --zip, a site's zip no longer matches it and goes
    assert run_build(workdir, workdir / "program_data", out, "--site", "harbor-light/riverside", "--force") == 0
    assert not list(out.rglob("*.zip"))
    report = {entry["site"]: entry for entry in json.loads((out / "build-report.json").read_text())["sites"]}
    assert "zip" not in report["harbor-light/riverside"]


# -- swapping a site in ----------------------------------------------------------------------


@pytest.fixture
def live(tmp_path: Path) -> tuple[Path, Path]:
    """A live site folder and a fresh one beside it."""
    destination, fresh = tmp_path / "site", tmp_path / ".iop-tmp-site-abc"
    destination.mkdir()
    (destination / "index.html").write_text("old")
    fresh.mkdir()
    (fresh / "index.html").write_text("new")
    return destination, fresh


@pytest.mark.parametrize("broken", ["missing", "no index.html", "a file"])
def test_an_incomplete_site_is_never_swapped_in(live: tuple[Path, Path], broken: str) -> None:
    destination, fresh = live
    shutil.rmtree(fresh)
    if broken == "no index.html":
        (fresh / "assets").mkdir(parents=True)
    elif broken == "a file":
        fresh.write_text("index")
    with pytest.raises(publish.IncompleteSite):
        publish.swap_in(fresh, destination)
    assert snapshot(destination) == {"index.html": hashlib.sha256(b"old").hexdigest()}
    assert not [p for p in destination.parent.iterdir() if "-old-" in p.name]


def test_a_failed_second_rename_puts_the_old_site_back(live: tuple[Path, Path],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    destination, fresh = live
    real = os.replace

    def failing(source: os.PathLike[str], target: os.PathLike[str]) -> None:
        if Path(source) == fresh:
            raise OSError(errno.EIO, "input/output error")
        real(source, target)

    monkeypatch.setattr(publish, "_swap", lambda a, b: False)  # the systems without an atomic exchange
    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError, match="input/output error"):
        publish.swap_in(fresh, destination)
    assert (destination / "index.html").read_text() == "old"
    assert sorted(p.name for p in destination.parent.iterdir()) == [fresh.name, "site"]


def test_a_site_that_cannot_be_swapped_in_fails_alone_and_keeps_its_previous_output(
        workdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(publish, "mkdocs_build", fake_mkdocs)
    out = tmp_path / "site"
    (out / "cedar-path/sacramento").mkdir(parents=True)
    (out / MARKER).write_text("ours\n")
    (out / "cedar-path/sacramento/index.html").write_text("old")
    real = os.replace

    def failing(source: os.PathLike[str], target: os.PathLike[str]) -> None:
        if Path(source).name.startswith(".iop-tmp-sacramento-") and "-old-" not in Path(source).name:
            raise OSError(errno.EXDEV, "cross-device link")
        real(source, target)

    monkeypatch.setattr(publish, "_swap", lambda a, b: False)
    monkeypatch.setattr(os, "replace", failing)
    result = pipeline.build_sites(Project(workdir), workdir / "program_data", out, ["cedar-path", "harbor-light"])
    assert result.built == ["harbor-light/pasadena", "harbor-light/riverside"]
    assert result.failed["cedar-path/sacramento"].startswith("the new site could not be put in place: ")
    assert (out / "cedar-path/sacramento/index.html").read_text() == "old"
    assert not list(out.rglob(".iop-tmp-*"))
