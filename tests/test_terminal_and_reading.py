"""Hostile data meets the terminal and the file system: nothing is obeyed, nothing outside is read, nothing crashes.

- A file the data folder refuses (a link out of it, a pipe, a device) is never opened,
  not even to quote its first line under the error: printing quotes only the lines
  kept when a data file was read.
- Control characters and text-direction marks from the data are printed escaped
  (`\\x1b`, `\\u202e`), in every command's output.
- A number too long for Python, a loop of links, or a bug one file brings out is a
  located error: the other files are still checked.
- Ids match whole: a folder name that ends in a newline is not an id.
"""

from __future__ import annotations

import io
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, problems
from rich.console import Console

from generator import cli, pipeline, validate
from generator.build.outcome import Outcome
from generator.cli import progress
from generator.diagnostics import Diagnostic, LoadError, display_path, for_terminal
from generator.load import dataset, loader

MINIMAL = Path(__file__).resolve().parent / "data" / "minimal"
C = "clinics/harbor-light/clinic.yaml"
L = "clinics/harbor-light/locations/pasadena.yaml"
# what a terminal obeys: C0 controls but tab and line feed, DEL, C1 controls, and bidi overrides and isolates
OBEYED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SECRET = "hunter2-do-not-print"
LOOP = "this is a link that leads back to itself (a loop of links), so it is not read"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the minimal data, as ./data of the working directory."""
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    return target


def replace_in(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {file} once"
    file.write_text(text.replace(old, new), encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the command line in this process; return its exit code, stdout and stderr."""
    code = cli.main(["--project", str(ROOT), *args])  # the test runs in a folder of its own
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_nothing_obeyed(*outputs: str) -> None:
    for output in outputs:
        found = OBEYED.search(output)
        assert found is None, f"{found[0]!r} reached the terminal in: {output!r}" if found else ""


# -- 1. files the data folder refuses are never read ---------------------------------------------------


def _small_memory() -> None:
    # a reader of /dev/zero would grow without end: stop it at 1 GiB, far above what a check needs
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def check_in_a_process(folder: Path) -> subprocess.CompletedProcess[str]:
    """`iop-guide check` as its own process, with little memory and a deadline: a reader of a pipe would wait."""
    return subprocess.run([sys.executable, "-m", "generator", "--project", str(ROOT), "check", "--data", folder.name],
                          cwd=folder.parent,
                          capture_output=True, text=True, timeout=60, check=False, preexec_fn=_small_memory,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.mark.parametrize("kind", ["secret", "pipe", "device"])
def test_a_link_out_of_the_data_folder_is_reported_and_never_opened(folder: Path, tmp_path: Path,
                                                                    kind: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    target = {"secret": outside / "secret.yaml", "pipe": outside / "pipe.yaml", "device": Path("/dev/zero")}[kind]
    if kind == "secret":
        target.write_text(f"api_token: {SECRET}\n", encoding="utf-8")
    elif kind == "pipe":
        os.mkfifo(target)
    (folder / "therapies/leak.yaml").symlink_to(target)
    result = check_in_a_process(folder)
    assert result.returncode == 1, result.stdout
    assert result.stdout.splitlines()[0] == ("data/therapies/leak.yaml:1:1: error: this is a link to something "
                                             "outside the data folder; it is not read"), result.stdout
    assert SECRET not in result.stdout + result.stderr
    assert "internal error" not in result.stdout + result.stderr
    assert "1 error(s)" in result.stdout


def finishes(work: Callable[[], Any], pipe: Path) -> Any:
    """Run work in a thread; fail (after freeing a reader stuck on the pipe) if it has not ended in 10 s."""
    outcome: list[Any] = []

    def target() -> None:
        try:
            outcome.append(work())
        except LoadError as e:
            outcome.append(e.diagnostic)

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(timeout=10)
    if worker.is_alive():
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))  # the reader sees the end, and the thread ends
        worker.join()
        pytest.fail(f"reading {pipe.name} waited for a writer")
    return outcome[0]


def test_a_pipe_in_the_data_folder_is_reported_without_waiting(folder: Path) -> None:
    pipe = folder / "therapies/pipe.yaml"
    os.mkfifo(pipe)
    found = finishes(lambda: problems(folder), pipe)
    assert found == ["therapies/pipe.yaml:1:1: error: this is not a plain file (it is a pipe, a device or a link to "
                     "nothing), so it is not read\n    hint: a data file must be a text file saved by an editor"]


def test_a_pipe_swapped_in_after_the_check_is_opened_without_waiting_and_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain, pipe = tmp_path / "plain.yaml", tmp_path / "pipe.yaml"
    plain.write_text("name: A\n", encoding="utf-8")
    os.mkfifo(pipe)
    real_stat = os.stat
    # the file system says "a plain file" when asked, and a pipe is there when the file is opened
    monkeypatch.setattr(os, "stat", lambda path, *a, **kw: real_stat(plain if Path(path) == pipe else path, *a, **kw))
    found = finishes(lambda: loader.load_file(pipe), pipe)
    assert isinstance(found, Diagnostic), found
    assert found.message == "this is not a plain file (it is a pipe, a device or a folder), so it is not read"


@pytest.mark.skipif(not Path("/proc/self/maps").is_file(), reason="needs Linux's /proc")
def test_a_file_larger_than_it_says_is_read_no_further_than_the_limit() -> None:
    # files of /proc say they hold 0 bytes; a file may also grow between being measured and being read
    with pytest.raises(LoadError) as caught:
        loader.read_capped(Path("/proc/self/maps"), 10)
    assert caught.value.diagnostic.message == "the file is over 10 bytes; the limit is 10"


def test_a_diagnostic_quotes_its_line_without_opening_the_file(folder: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    therapy = folder / "therapies/cbt.yaml"
    replace_in(therapy, "kind: core", "kind: co\x07re")
    (diagnostic,) = pipeline.check(folder)[1]
    therapy.unlink()  # the file is gone, and nothing may be opened while printing either

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("printing a diagnostic opened a file")

    monkeypatch.setattr("builtins.open", refuse)
    monkeypatch.setattr(os, "open", refuse)
    assert diagnostic.format(root=folder, source=True) == (
        "therapies/cbt.yaml:3:9: error: the file holds an invisible control character (U+0007)\n"
        "  3 | kind: co\\x07re\n"
        "    |         ^\n"
        "    hint: delete it; it often comes with text copied from another program")


def test_a_rule_of_another_file_quotes_the_line_it_points_at(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / C).unlink()
    code, report, _ = run(capsys, "check", "--data", "data")
    assert code == 1
    assert f"data/{L}:1:1: error: the clinic 'harbor-light' has no clinic.yaml, so this location cannot be built\n" \
           "  1 | name: Pasadena\n    | ^\n" in report


# -- 2. the terminal shows what the data holds, and obeys none of it -------------------------------------


def test_check_prints_hostile_values_escaped(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a color that would clear the screen and print a fake all-clear, a raw BEL, and a file name with ESC in it
    replace_in(folder / C, 'primary: "#1d4e89"', 'primary: "\\e[2J\\e[Hchecked: 0 error(s)\\a\\u202e"')
    replace_in(folder / "therapies/cbt.yaml", "kind: core", "kind: co\x07re")
    (folder / "therapies/evil\x1b[2J\u202e.yaml").write_text("name: Evil\n", encoding="utf-8")
    code, report, err = run(capsys, "check", "--data", "data")
    assert code == 1
    assert_nothing_obeyed(report, err)
    assert "'\\x1b[2J\\x1b[Hchecked: 0 error(s)\\x07\\u202e' is not a color" in report
    assert "  3 | kind: co\\x07re" in report
    assert "data/therapies/evil\\x1b[2J\\u202e.yaml:1:1: error: the file name 'evil\\x1b[2J\\u202e' is not a " \
           "valid id" in report
    assert [line for line in report.splitlines() if line.startswith("checked")] == [
        "checked data: 1 site(s), 3 error(s), 0 warning(s)"]


def test_reading_grades_quote_data_text_escaped(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the hardest text of the site is quoted under the grades: make it this one
    hard = "Notwithstanding \\u202eincomprehensibility, multidimensional psychotherapeutic interventions " \
           "characteristically necessitate extraordinarily sophisticated conceptualizations."
    replace_in(folder / "therapies/cbt.yaml", "summary: Learn how your thoughts shape your feelings.",
               f'summary: "{hard}"')
    code, report, err = run(capsys, "check", "--data", "data")
    assert_nothing_obeyed(report, err)
    assert "data/therapies/cbt.yaml:4  Notwithstanding \\u202eincomprehensibility," in report, report


def test_list_prints_a_location_name_escaped(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace_in(folder / L, "name: Pasadena", 'name: "Pasadena \\u202eanedasaP\\u2066"')
    code, out, err = run(capsys, "list", "--data", "data")
    assert code == 0, err
    assert_nothing_obeyed(out, err)
    assert out == "harbor-light/pasadena\tcore-iop\t7 weeks\tPasadena \\u202eanedasaP\\u2066\n"


def test_coverage_shows_a_therapy_name_as_written(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace_in(folder / "therapies/cbt.yaml", "short_name: CBT", 'short_name: "CBT [bold]now[/bold] :warning: \\u202e"')
    code, out, err = run(capsys, "coverage", "harbor-light/pasadena", "--data", "data")
    assert code == 0, err
    assert_nothing_obeyed(out, err)
    # rich would read [bold] as markup and :warning: as an emoji in a plain string
    assert "CBT [bold]now[/bold] :warning: \\u202e" in out


HOSTILE_SITE = "harbor-light/[red]x\x1b[2J\x07\u202e"


@pytest.mark.parametrize("terminal", [False, True], ids=["plain-lines", "live-bar"])
def test_build_progress_and_summary_escape_site_names(terminal: bool) -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=terminal, color_system=None, width=200)
    with progress.tracker(1, console) as report:
        report(HOSTILE_SITE, "building")
        report(HOSTILE_SITE, "built")
    progress.summary({HOSTILE_SITE: Outcome(HOSTILE_SITE, "failed")}, console)
    shown = screen.getvalue()
    for raw in ("\x1b[2J", "\x07", "\u202e"):
        assert raw not in shown
    assert "[red]x\\x1b[2J\\x07\\u202e: built" in shown
    assert "[red]x\\x1b[2J\\x07\\u202e" in shown.split("Build", 1)[1]  # the summary table's row


def test_mkdocs_output_of_a_failed_site_is_escaped(folder: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    failed = pipeline.BuildResult(failed={"harbor-light/pasadena": "ERROR - page '\x1b]0;owned\x07\u202e' broke"})
    failed.outcomes = {"harbor-light/pasadena": Outcome("harbor-light/pasadena", "failed")}
    monkeypatch.setattr(pipeline, "build_sites", lambda *args, **kwargs: failed)
    code, out, err = run(capsys, "--project", str(ROOT), "build", "--data", "data", "--out", "out")
    assert code == 1
    assert_nothing_obeyed(out, err)
    assert "ERROR - page '\\x1b]0;owned\\x07\\u202e' broke" in err


def test_for_terminal_escapes_once_and_keeps_what_is_shown() -> None:
    assert for_terminal("a\x1b[2Jb\rc\x00\x7f\x85\u202e\u2069\ud800\td") == \
        "a\\x1b[2Jb\\x0dc\\x00\\x7f\\x85\\u202e\\u2069\\ud800\td"
    assert for_terminal("one\ntwo") == "one\\x0atwo"
    assert for_terminal("one\ntwo", lines=True) == "one\ntwo"
    assert for_terminal(for_terminal("\x1b café ● \\x1b")) == "\\x1b café ● \\x1b"


# -- 3. no internal error from data ---------------------------------------------------------------------

TOO_LONG = (f"{L}:9:17: error: this number is too long\n    hint: numbers here have at most "
            f"{loader.MAX_NUMBER_CHARS} digits; if it is text, put it in quotes")


@pytest.mark.parametrize("number", ["7" * 5000, "0x" + "f" * 5000, "0o" + "7" * 5000, "-" + "9" * 400],
                         ids=["decimal", "hex", "octal", "negative"])
def test_a_number_too_long_is_a_located_error(folder: Path, number: str) -> None:
    replace_in(folder / L, "program_length: 7", f"program_length: {number}")
    assert problems(folder) == [TOO_LONG]


def test_numbers_of_ordinary_length_still_load() -> None:
    longest = "9" * loader.MAX_NUMBER_CHARS
    assert loader.load_text(f"a: {longest}\nb: -{longest}\nc: 0x1F\n", Path("n.yaml")).data == {
        "a": int(longest), "b": -int(longest), "c": 31}


def test_a_loop_of_links_is_a_located_error_and_the_rest_is_checked(folder: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "therapies/loop.yaml").symlink_to("loop.yaml")
    (folder / "clinics/harbor-light/a").symlink_to("b")
    (folder / "clinics/harbor-light/b").symlink_to("a")
    replace_in(folder / C, 'primary: "#1d4e89"', 'primary: "blue"')
    code, report, err = run(capsys, "check", "--data", "data")
    assert code == 1
    assert "internal error" not in report + err
    located = [line for line in report.splitlines() if ": error: " in line]
    assert located == [f"data/clinics/harbor-light/a:1:1: error: {LOOP}",
                       f"data/clinics/harbor-light/b:1:1: error: {LOOP}",
                       f"data/{C}:8:12: error: brand.primary: 'blue' is not a color: write # and six hex digits, "
                       "such as #1f5f8b",
                       f"data/therapies/loop.yaml:1:1: error: {LOOP}"], report
    assert display_path(folder / "therapies/loop.yaml", folder) == "therapies/loop.yaml"


def test_a_bug_while_loading_one_file_is_an_error_there_and_the_others_are_checked(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_parse = dataset.parse

    def failing(doc: Any, model: Any) -> Any:
        if doc.source.file.name == "group-therapy.yaml":
            raise ZeroDivisionError("division by zero")
        return real_parse(doc, model)

    monkeypatch.setattr(dataset, "parse", failing)
    replace_in(folder / C, 'primary: "#1d4e89"', 'primary: "blue"')
    found = problems(folder)
    assert found == [
        f"{C}:8:12: error: brand.primary: 'blue' is not a color: write # and six hex digits, such as #1f5f8b",
        "therapies/group-therapy.yaml:1:1: error: internal error while checking this file: ZeroDivisionError: "
        "division by zero; please report it\n    hint: set IOP_GUIDE_DEBUG=1 to see where it happened"]


def test_a_bug_in_the_rules_of_one_file_is_an_error_there_and_the_others_are_checked(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(*args: object) -> list[Diagnostic]:
        raise KeyError("brand")

    monkeypatch.setattr(validate, "_clinic", failing)
    replace_in(folder / "programs/core-iop.yaml", "therapies: [cbt]", "therapies: [cbtt]")
    assert [line.split("\n")[0] for line in problems(folder)] == [
        f"{C}:1:1: error: internal error while checking this file: KeyError: 'brand'; please report it",
        "programs/core-iop.yaml:32:17: error: no therapy has the id 'cbtt'"]


# -- 4. ids match whole ---------------------------------------------------------------------------------


def test_a_clinic_folder_name_ending_in_a_newline_is_not_an_id(folder: Path) -> None:
    (folder / "clinics/harbor-light").rename(folder / "clinics/harbor-light\n")
    assert problems(folder) == [
        "clinics/harbor-light\\x0a/clinic.yaml:1:1: error: the folder 'harbor-light\\x0a' is not a valid id\n"
        "    hint: ids use only lowercase letters, digits and hyphens, like 'harbor-light'"]
    assert not [site.key for site in pipeline.review(folder).sites if "\n" in site.key]


def test_a_location_file_name_ending_in_a_newline_is_not_an_id(folder: Path) -> None:
    (folder / L).rename(folder / "clinics/harbor-light/locations/pasadena\n.yaml")
    assert problems(folder) == [
        "clinics/harbor-light/locations/pasadena\\x0a.yaml:1:1: error: the file name 'pasadena\\x0a' is not a "
        "valid id\n    hint: ids use only lowercase letters, digits and hyphens, like 'harbor-light'"]
    assert not [site.key for site in pipeline.review(folder).sites if "\n" in site.key]


def test_new_refuses_an_id_ending_in_a_newline(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = sorted(folder.rglob("*"))
    code, out, err = run(capsys, "--project", str(ROOT), "new", "clinic", "sunrise\n", "--data", "data")
    assert code == 2
    assert err == "iop-guide: error: 'sunrise\\x0a' is not a valid clinic id: use lowercase letters, digits and " \
                  "hyphens\n"
    assert sorted(folder.rglob("*")) == before
