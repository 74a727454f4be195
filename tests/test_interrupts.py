"""A build stopped at any point leaves each site whole: its previous build or its new one, never a mix.

`iop-guide build` runs as a separate process over an output folder that holds a
complete build of different data (other taglines). It is killed (SIGKILL, as by
the system) or interrupted (SIGINT, as by Ctrl-C) after a number of its progress
lines, and every site folder is compared with the two complete versions.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest
from conftest import DEMO_DATA, DEMO_SITES, ROOT, edit
from support.commands import IOP, iop
from support.files import tree_hash

pytestmark = pytest.mark.slow

OLD_MARKER = "Old build marker"
MESSAGE = "iop-guide: interrupted; each site folder holds its previous or its new build, never a mix"
LEFTOVERS = (".iop-tmp-*", ".index.html.*", ".build-report.json.*")


def start(data: Path, out: Path, temp: Path) -> subprocess.Popen[str]:
    # its own process group, like a command started from a terminal: Ctrl-C goes to the whole group
    return subprocess.Popen([*IOP, "build", "--data", str(data), "--out", str(out), "--jobs", "2"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, "TMPDIR": str(temp)})


def mkdocs_processes(out: Path) -> list[int]:
    """Processes still building into out (their command line names the output folder)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if b"mkdocs" in command and str(out).encode() in command:
            found.append(int(proc.name))
    return found


def leftovers(out: Path, temp: Path) -> list[Path]:
    return [p for pattern in LEFTOVERS for p in (*out.glob(pattern), *out.glob(f"*/{pattern}"))] + \
        list(temp.glob("iop-staging-*"))


@pytest.fixture(scope="module")
def old_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A complete build of the demo data with other taglines."""
    base = tmp_path_factory.mktemp("old")
    data = base / "program_data"
    shutil.copytree(DEMO_DATA, data)
    for clinic in data.glob("clinics/*/clinic.yaml"):
        edit(clinic, "tagline: ", f"tagline: {OLD_MARKER}, ")
    out = base / "site"
    result = iop(ROOT, "build", "--data", str(data), "--out", str(out), "--jobs", "3", timeout=600)
    assert result.returncode == 0, result.stderr
    for site in DEMO_SITES:
        assert OLD_MARKER in (out / site / "index.html").read_text(encoding="utf-8")
    return out


# (signal, to the whole group?, progress lines to wait for): before, during and after the first swaps
SCENARIOS = [(signal.SIGKILL, True, 1), (signal.SIGINT, False, 2), (signal.SIGKILL, True, 3),
             (signal.SIGINT, True, 4)]


def test_an_interrupted_build_leaves_every_site_old_or_new(old_build: Path, tmp_path: Path) -> None:
    old = {site: tree_hash(old_build / site) for site in DEMO_SITES}
    out, temp = tmp_path / "site", tmp_path / "tmp"
    temp.mkdir()
    shutil.copytree(old_build, out)
    seen: list[dict[str, str | None]] = []
    for number, (sig, group, lines) in enumerate(SCENARIOS):
        process = start(DEMO_DATA, out, temp)
        assert process.stderr is not None
        progress = 0
        for line in process.stderr:  # plain lines, as stderr is not a terminal
            progress += line.rstrip().endswith((": building", ": built"))
            if progress >= lines:
                break
        (os.killpg if group else os.kill)(process.pid, sig)
        rest = process.stderr.read()
        code = process.wait(timeout=30)
        state = {site: tree_hash(out / site) for site in DEMO_SITES}
        seen.append(state)
        if sig == signal.SIGKILL:
            assert code == -signal.SIGKILL
        else:
            assert code == 130, rest
            assert "Traceback" not in rest, rest
            assert rest.strip().splitlines()[-1] == MESSAGE, rest
            # the sites being built were stopped, not finished and swapped in after Ctrl-C
            assert ": built" not in rest, rest
            # a clean stop removes its own temporary folders and leaves no MkDocs behind
            assert [p for p in leftovers(out, temp) if "-old-" not in p.name] == [], number
        assert mkdocs_processes(out) == [], number
        for site in DEMO_SITES:
            assert state[site] is not None, f"{site} vanished after scenario {number}"
        # the next run starts again from the old build where a site was already replaced
        for site in DEMO_SITES:
            if state[site] != old[site]:
                shutil.rmtree(out / site)
                shutil.copytree(old_build / site, out / site)

    # the next build completes, replaces every site and cleans what the killed ones left
    final = iop(ROOT, "build", "--data", str(DEMO_DATA), "--out", str(out), "--jobs", "2",
                env={**os.environ, "TMPDIR": str(temp)}, timeout=600)
    assert final.returncode == 0, final.stderr
    new = {site: tree_hash(out / site) for site in DEMO_SITES}
    for site in DEMO_SITES:
        assert new[site] != old[site]
        assert OLD_MARKER not in (out / site / "index.html").read_text(encoding="utf-8")
    for number, state in enumerate(seen):
        for site in DEMO_SITES:
            assert state[site] in (old[site], new[site]), f"{site} is a mix after scenario {number}"
    assert leftovers(out, temp) == []
