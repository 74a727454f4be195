"""A corpus of bad inputs: each case breaks a copy of tests/data/minimal in one way.

Every mistake a clinician can make must come back as `path:line:col: error: message`
(with a hint where one helps), never as a Python traceback. Each case lists the
exact errors `check` reports, positions included.

The minimal data (valid, with no warning either), and the lines the cases rely on:

    therapies/cbt.yaml        1 name, 3 kind, 4 summary, 7 helps_with, 8 its one item
    therapies/group-therapy.yaml
    programs/core-iop.yaml    3 length {min: 6, max: 8}; three phases from lines 10, 19 and 26,
                              weeks 1, 2-3 and 4+ (lines 12, 21, 28), therapies at lines 25 and 32;
                              preparation, aftercare and crisis after line 32
    clinics/harbor-light/clinic.yaml      3 program, 4 base_url, 5 brand (6 logo, 8 primary,
                              9 accent), 10 contact (11 phone, 12 website)
    clinics/harbor-light/logo.svg
    clinics/harbor-light/locations/pasadena.yaml      2 address (4 city), 7 phone,
                              9 program_length: 7, 10 tracks (11 name, 12 days, 13 start, 14 end)

Each case is (name, change, the exact errors, and for cases about a warning the exact
warnings); they live in tests/support/corpus_files.py and corpus_values.py. Other checks
may add warnings to a case: only the cases whose point is a warning (or that must pass
cleanly) pin them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from support.corpus import Case, T, err
from support.corpus_files import CASES as FILE_CASES
from support.corpus_values import CASES as VALUE_CASES

from generator import pipeline
from generator.diagnostics import Diagnostic
from generator.load.loader import MAX_NODES

MINIMAL = Path(__file__).resolve().parent / "data" / "minimal"
ROOT = MINIMAL.parents[2]
CASES: list[Case] = FILE_CASES + VALUE_CASES



# -- running the cases -----------------------------------------------------------


def diagnostics_of(folder: Path) -> list[Diagnostic]:
    """Every diagnostic `check` finds in a data folder."""
    return pipeline.check(folder)[1]


def shown(diagnostics: list[Diagnostic], severity: str, root: Path) -> list[str]:
    return [d.format(root=root) for d in diagnostics if d.severity.value == severity]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A private copy of the minimal data that a case may break."""
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    return target


def test_the_minimal_data_is_valid() -> None:
    assert [d.format(root=MINIMAL) for d in diagnostics_of(MINIMAL)] == []


def test_the_corpus_is_large_and_each_case_has_its_own_name() -> None:
    names = [case.name for case in CASES]
    assert len(names) >= 45
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in CASES])
def test_case(case: Case, folder: Path) -> None:
    case.change(folder)
    found = diagnostics_of(folder)
    assert shown(found, "error", folder) == case.errors
    if case.warnings is not None:
        assert shown(found, "warning", folder) == case.warnings


# -- alias bombs: they must fail fast and small ------------------------------------


def _billion_laughs() -> str:
    """Nine levels of nine aliases each: 9**9 values once expanded."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _wide_mapping_bomb() -> str:
    """One mapping of 1,000 keys, used 1,000 times: a million values from a small file."""
    keys = ", ".join(f"k{i}: v" for i in range(1000))
    return f"a: &a {{{keys}}}\nb: [" + ", ".join(["*a"] * 1000) + "]\n"


BOMB_ERROR = (f"the file expands to more than {MAX_NODES} values",
              "repeated aliases (*name) multiply the data; write the values out instead")


@pytest.mark.parametrize(("bomb", "place"), [
    pytest.param(_billion_laughs(), "therapies/cbt.yaml:2:8", id="billion-laughs"),
    pytest.param(_wide_mapping_bomb(), "therapies/cbt.yaml:2:5", id="wide-mapping"),
])
def test_an_alias_bomb_fails_fast_and_small(bomb: str, place: str, folder: Path) -> None:
    # the error proves the loader stopped at MAX_NODES values; how long that takes is measured in scripts/bench.py
    (folder / T).write_text(bomb, encoding="utf-8")
    found = diagnostics_of(folder)
    assert shown(found, "error", folder) == [err(place, *BOMB_ERROR)]
    # again, for memory only: tracing every allocation makes the run several times slower
    tracemalloc.start()
    try:
        diagnostics_of(folder)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50 * 1024 * 1024, f"peak memory {peak / 1e6:.1f} MB"


# -- the real command line ---------------------------------------------------------

CLI_CASES = ["tab-indentation", "control-character", "nesting-too-deep", "not-utf8", "python-tag",
             "unknown-key-did-you-mean", "dangling-program", "phase-gap", "clinic-file-missing"]


def iop_check(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "--project", str(ROOT), "check", "--data", folder.name],
                          cwd=folder.parent,
                          capture_output=True, text=True, timeout=120, check=False)


def test_the_command_line_passes_the_minimal_data(folder: Path) -> None:
    result = iop_check(folder)
    assert result.returncode == 0, result.stdout
    assert "1 site(s), 0 error(s), 0 warning(s)" in result.stdout


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in CASES if case.name in CLI_CASES])
def test_the_command_line_reports_the_located_line(case: Case, folder: Path) -> None:
    case.change(folder)
    result = iop_check(folder)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for expected in case.errors:
        first, *hint = expected.split("\n")
        assert f"{folder.name}/{first}" in lines, result.stdout
        assert all(line in lines for line in hint), result.stdout
    assert f"{len(case.errors)} error(s)" in result.stdout


def test_every_cli_case_exists() -> None:
    assert set(CLI_CASES) <= {case.name for case in CASES}
