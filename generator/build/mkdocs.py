"""Run MkDocs on a staging folder, under a Stopper that an interrupt can end."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from generator.diagnostics import SiteBuildError


class Interrupted(Exception):
    """The build was stopped (Ctrl-C): no site is swapped in after this."""


class Stopper:
    """The MkDocs processes a build runs, so that an interrupt can end them all and stop every swap."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen[str]] = set()
        self.stopped = False

    def run(self, command: list[str], **options: object) -> tuple[int, str]:
        """Run a command to its end, or until stop(); return its exit code and output."""
        with self._lock:
            if self.stopped:
                raise Interrupted
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                       **options)  # type: ignore[call-overload]
            self._running.add(process)
        try:
            output, _ = process.communicate()
        finally:
            with self._lock:
                self._running.discard(process)
        if self.stopped:
            raise Interrupted
        return process.returncode, output

    def stop(self) -> None:
        """End every running process (terminate, then kill what is still there) and refuse new ones."""
        with self._lock:
            self.stopped = True
            running = list(self._running)
        for process in running:
            process.terminate()
        for process in running:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()

    def check(self) -> None:
        """Raise Interrupted once stop() was called."""
        if self.stopped:
            raise Interrupted


def mkdocs_build(staging: Path, target: Path, site: str, stopper: Stopper) -> None:
    """Run `mkdocs build --strict` on a staging folder into target; raise SiteBuildError on failure."""
    # strict and never -q: mkdocs ignores strict when warnings are silenced
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
               "-f", str(staging.resolve() / "mkdocs.yml"), "-d", str(target.resolve())]
    # Material prints an end-of-life banner on every build; it is noise in our output
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    code, output = stopper.run(command, cwd=staging, env=env)
    if code != 0:
        raise SiteBuildError(site, _mkdocs_problems(output))


def _mkdocs_problems(output: str) -> str:
    lines = [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR", "Error", "Aborted"))]
    return "\n".join(lines) or output.strip()
