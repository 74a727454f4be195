"""The command line run as a user runs it, and `iop-guide serve` started, awaited and stopped."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
IOP = [sys.executable, "-m", "generator"]
PREVIEWED = "harbor-light/pasadena"  # the site the preview tests serve


def iop(cwd: Path, *args: str, env: dict[str, str] | None = None,
        timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run `iop-guide args` in cwd and return its exit code and output."""
    return subprocess.run([*IOP, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False,
                          env=env)


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    """The text at url, or None while nothing answers there."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(condition: Callable[[], T], timeout: float = 60.0) -> T:
    """Ask condition again and again until its answer is true, and return that answer; fail after timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)  # the pause between two askings; the wait itself is on the condition, bounded
    raise AssertionError("condition not met in time")


@dataclass
class Running:
    """A running `iop-guide serve`: its process, address and terminal output."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        """The preview's address, with no trailing slash."""
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        """Everything the command wrote so far."""
        return self.log.read_text(encoding="utf-8", errors="replace")


def stop(process: subprocess.Popen[bytes], how: signal.Signals = signal.SIGTERM) -> int:
    """Stop the process with a signal and return its exit code; kill it if it does not stop."""
    if process.poll() is None:
        process.send_signal(how)
    try:
        return process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise


@contextmanager
def previewing(folder: Path, env: dict[str, str] | None = None) -> Iterator[Running]:
    """Run `iop-guide serve` of PREVIEWED in folder on a free port until it answers; always stop it."""
    port = free_port()
    log = folder / "serve.log"
    with log.open("wb") as sink:
        process = subprocess.Popen([*IOP, "serve", PREVIEWED, "--port", str(port)], cwd=folder, stdout=sink,
                                   stderr=subprocess.STDOUT, env=env)
    preview = Running(process, port, log)
    try:
        wait_for(lambda: process.poll() is not None or fetch(f"{preview.url}/index.html"))
        assert process.poll() is None, f"the preview stopped:\n{preview.output()}"
        yield preview
    finally:
        stop(process)
