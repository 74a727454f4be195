"""Run MkDocs on staging folders in warm workers, under a Stopper that an interrupt can end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import IO, Any

import generator
from generator.build import linkcheck
from generator.diagnostics import SiteBuildError, for_terminal

# lines of a dead worker's standard error worth showing (its traceback's end says why)
_LAST_WORDS = 8


WORKER = "generator.build.mkdocs_worker"


def _worker_env() -> dict[str, str]:
    """The worker's environment: it imports the very generator this process runs, from any folder."""
    here = str(Path(generator.__file__).resolve().parent.parent)
    paths = [here, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    # Material prints an end-of-life banner on every build; it is noise in our output
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "NO_MKDOCS_2_WARNING": "1"}


class Interrupted(Exception):
    """The build was stopped (Ctrl-C): no site is swapped in after this."""


class Stopper:
    """The MkDocs workers a build runs, so that an interrupt can end them all and stop every swap.

    Each building thread has its own warm worker (generator/build/mkdocs_worker.py),
    started on its first site and kept for the next: MkDocs and Material are
    imported once per worker, not once per site. A worker that dies fails only the
    site it was building; the thread's next site starts a new one.
    """

    def __init__(self, out: Path | None = None) -> None:
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen[str]] = set()
        self._mine = threading.local()
        # each worker's standard error, by process id (a file: a pipe nobody reads would fill and block it)
        self._said: dict[int, IO[bytes]] = {}
        # workers started ahead (warm), not yet taken by a building thread
        self._spare: list[subprocess.Popen[str]] = []
        self.out = out
        self.stopped = False

    def warm(self, count: int = 1) -> None:
        """Start workers now, before any site is ready, so that their imports overlap the planning."""
        for _ in range(count):
            with self._lock:
                if self.stopped:
                    return
                self._spare.append(self._spawn((self.out or Path(".")).resolve()))

    def build(self, staging: Path, target: Path, scan: Path | None = None, links: bool = True) -> dict[str, Any]:
        """Build a staging folder into target with this thread's worker; its answer (see mkdocs_worker.build)."""
        process = self._worker(target)
        request = json.dumps({"staging": str(staging.resolve()), "target": str(target.resolve()),
                              "scan": str(scan.resolve()) if scan else None, "links": links})
        try:
            assert process.stdin is not None and process.stdout is not None
            process.stdin.write(request + "\n")
            process.stdin.flush()
            line = process.stdout.readline()
        except OSError:
            line = ""
        if self.stopped:
            raise Interrupted
        if not line:
            said = self._retire(process)
            return {"ok": False, "output": f"ERROR   -  the MkDocs worker stopped unexpectedly "
                                           f"(exit code {process.poll()}){said}"}
        answer: dict[str, Any] = json.loads(line)
        return answer

    def _worker(self, target: Path) -> subprocess.Popen[str]:
        process: subprocess.Popen[str] | None = getattr(self._mine, "process", None)
        if process is not None and process.poll() is None:
            return process
        out = (self.out or target.parent).resolve()  # the worker runs in another folder
        with self._lock:
            if self.stopped:
                raise Interrupted
            process = self._spare.pop() if self._spare else self._spawn(out)
        self._mine.process = process
        return process

    def _spawn(self, out: Path) -> subprocess.Popen[str]:
        """Start a worker (the lock is held); what it says on standard error is kept, to tell why if it dies."""
        said = tempfile.TemporaryFile()
        process = subprocess.Popen([sys.executable, "-m", WORKER, "--out", str(out)], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=said, text=True, env=_worker_env(),
                                   cwd=tempfile.gettempdir())
        self._said[process.pid] = said
        self._running.add(process)
        return process

    def _retire(self, process: subprocess.Popen[str]) -> str:
        """End a worker that stopped answering; what it last said on standard error, as the end of a message."""
        with self._lock:
            self._running.discard(process)
            said = self._said.pop(process.pid, None)
        process.kill()
        process.wait()
        if said is None:
            return ""
        with said:
            said.seek(0)
            lines = said.read().decode("utf-8", errors="replace").strip().splitlines()[-_LAST_WORDS:]
        return "".join(f"\n    {for_terminal(line)}" for line in lines)

    def workers(self) -> list[int]:
        """The process ids of the workers running now."""
        with self._lock:
            return sorted(process.pid for process in self._running if process.poll() is None)

    def close(self) -> None:
        """End the workers once the build is done: closing their input ends them."""
        with self._lock:
            running, unused = list(self._running), self._spare
            self._running.clear()
            self._spare = []
        for process in running:
            if process in unused:
                process.terminate()  # never given a site: it need not finish its imports first
            elif process.stdin is not None:
                process.stdin.close()
        self._end(running, grace=10)

    def _forget(self) -> None:
        """Close the files that kept what the workers said."""
        with self._lock:
            kept, self._said = list(self._said.values()), {}
        for said in kept:
            said.close()

    def stop(self) -> None:
        """End every worker (terminate, then kill what is still there) and refuse new ones."""
        with self._lock:
            self.stopped = True
            running = list(self._running)
        for process in running:
            process.terminate()
        self._end(running, grace=5)

    def _end(self, running: list[subprocess.Popen[str]], grace: float) -> None:
        """Wait for workers told to end; kill any still there after grace seconds; close what they said."""
        for process in running:
            try:
                process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self._forget()

    def check(self) -> None:
        """Raise Interrupted once stop() was called."""
        if self.stopped:
            raise Interrupted


def mkdocs_build(staging: Path, target: Path, site: str, stopper: Stopper, scan: Path | None = None,
                 check_links: bool = True) -> linkcheck.Report:
    """Build a staging folder into target as `mkdocs build --strict` would, and check the links below scan.

    scan is target unless told (a guide's whole folder, once its last language is built); without
    check_links (a language before the last) the links are left for that check.
    Raise SiteBuildError when MkDocs fails or a link of the built site is broken.
    """
    answer = stopper.build(staging, target, scan, check_links)
    if not answer["ok"]:
        raise SiteBuildError(site, _mkdocs_problems(str(answer["output"])))
    if not check_links:
        return linkcheck.Report()
    links = answer["links"]
    return linkcheck.verdict(linkcheck.Report(list(links["broken"]), dict(links["external"])), site)


def _mkdocs_problems(output: str) -> str:
    """The warnings and errors of MkDocs' output, each with its indented lines (a dead worker's last words)."""
    lines, keeping = [], False
    for line in output.splitlines():
        keeping = line.startswith(("WARNING", "ERROR", "Error", "Aborted")) or (keeping and line.startswith(" "))
        if keeping:
            lines.append(line)
    return "\n".join(lines) or output.strip()
