"""Live preview of one site that survives mistakes and answers only this machine.

MkDocs' live-reload server watches the data, content/, overrides/ and the base
mkdocs.yml; on a change it runs one rebuild (generator/tools/preview.py): the
same review as `check`, then the guide, or the page listing the problems, built
into a new folder and switched to at once. Saves made during a rebuild lead to one more
rebuild, with the newest files. Every page, the page of errors too, reloads
in the browser when the next version is shown.

The server answers only GET and HEAD requests that name this machine in their
Host header (127.0.0.1 or localhost), so a web page whose name is rebound to
127.0.0.1 cannot read the preview, and refuses paths with control characters.
Ctrl-C and SIGTERM both stop it and remove its temporary folder. The page of
errors and its build (show_errors, build_site) are named here too, where the
tests and tools that use them have always found them.
"""

from __future__ import annotations

import errno
import re
import signal
import socket
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mkdocs.livereload import LiveReloadServer, _Handler

from generator.diagnostics import UsageError, for_terminal
from generator.paths import Project
from generator.tools.preview import Preview, one_line

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
METHODS = frozenset({"GET", "HEAD"})
_HOST = re.compile(r"(?P<name>[^:]+)(?::(?P<port>[0-9]+))?")
# how often the watched folders are looked at: a save shows well within 3 seconds
POLLING = 0.1


def host_allowed(host: str | None, port: int) -> bool:
    """Tell whether a Host header names this machine: 127.0.0.1 or localhost, with this port or none."""
    match = _HOST.fullmatch(host or "")
    if match is None:
        return False
    return match["name"].lower() in LOCAL_HOSTS and match["port"] in (None, str(port))


def path_allowed(path_info: str) -> bool:
    """Tell whether a request path, as WSGI decodes it (and as UTF-8), is free of control characters."""
    decoded = path_info.encode("latin-1", "replace").decode("utf-8", "replace")
    return not any(unicodedata.category(c) == "Cc" for c in path_info + decoded)


class _PreviewHandler(_Handler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        # the request line is the client's: escape what a terminal would obey before it is printed
        self.requestline = for_terminal(self.requestline)
        super().log_request(code, size)


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, answering only GET and HEAD from this machine, for paths without controls."""

    def __init__(self, builder: Callable[[], None], host: str, port: int, root: str) -> None:
        super().__init__(builder=builder, host=host, port=port, root=root, polling_interval=POLLING)
        self.RequestHandlerClass = _PreviewHandler
        self.error_handler = self._error_page
        self._bound = False
        # take the address before the first build, so that a busy port is said at once
        self.server_bind()

    def server_bind(self) -> None:
        """Take the address once, or say in plain words why it cannot be had."""
        if self._bound:  # serve() asks again
            return
        try:
            super().server_bind()
        except (OSError, OverflowError) as e:
            self.server_close()
            if isinstance(e, OSError) and e.errno == errno.EADDRINUSE:
                host, port = self.server_address[:2]
                raise UsageError(f"port {port} is in use (another preview, or another program, listens there): "
                                 f"add --port {free_port(str(host), int(port))}, a port that is free now") from None
            raise UsageError(f"cannot serve at {self.url}: {one_line(e)}; choose another port with --port") from None
        self._bound = True

    def _error_page(self, code: int) -> bytes | None:
        page = Path(self.root) / "404.html"
        return page.read_bytes() if code == 404 and page.is_file() else None

    def serve_request(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """Refuse requests from other hosts, other methods and bad paths; serve the others as MkDocs does."""
        if not host_allowed(environ.get("HTTP_HOST"), self.server_port):
            # DNS rebinding: a page elsewhere whose name now leads here sends its own name
            return _refuse(start_response, "403 Forbidden", f"This preview answers only at {self.url}")
        if environ.get("REQUEST_METHOD") not in METHODS:
            return _refuse(start_response, "405 Method Not Allowed", "Only GET and HEAD are answered",
                           [("Allow", "GET, HEAD")])
        if not path_allowed(environ.get("PATH_INFO", "")):
            return _refuse(start_response, "400 Bad Request", "The address holds a control character")
        return super().serve_request(environ, start_response)


def free_port(host: str, near: int = 8000) -> int:
    """A port of host that nothing listens on now: one of the next few after `near`, else any the system gives."""
    for port in [*range(near + 1, near + 20), 0]:
        with socket.socket() as probe:
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return int(probe.getsockname()[1])
    raise UsageError("no free port was found: choose one with --port")


def _refuse(start_response: Callable[..., Any], status: str, text: str,
            headers: list[tuple[str, str]] | None = None) -> list[bytes]:
    body = f"{status}: {text}\n".encode()
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body))),
                            ("Cache-Control", "no-store"), *(headers or [])])
    return [body]


@contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """Make SIGTERM stop like Ctrl-C, and let no second signal cut the clean-up short."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may handle signals
        return
    kept = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}

    def stop(number: int, frame: object) -> None:
        for each in kept:
            signal.signal(each, signal.SIG_IGN)
        raise KeyboardInterrupt

    for number in kept:
        signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in kept.items():
            signal.signal(number, handler)


def serve(project: Project, data_dir: Path, key: str, address: str, echo: Callable[[str], None]) -> None:
    """Serve one site at address until interrupted or terminated; make it again on every change."""
    host, _, port = address.rpartition(":")
    with _stopped_by_signals():
        preview = Preview(project, data_dir, key, address, echo)

        def rebuild(done: str = "rendered again") -> None:
            # the server waits for each rebuild: one that raised would leave every request waiting
            try:
                if preview.build() and done:
                    echo(done)
            except Exception as e:  # a bug of ours: one line, and the last version stays
                echo(f"error: the preview could not be made again: {one_line(e)}; it keeps its last version")

        try:
            server = PreviewServer(rebuild, host, int(port), str(preview.site))
            try:
                rebuild(done="")
                for watched in (data_dir, project.content, project.overrides, project.base_config):
                    server.watch(str(watched))
                echo(f"Previewing at {preview.url} (Ctrl-C to stop)")
                server.serve()
            finally:
                server.shutdown()
        except KeyboardInterrupt:
            echo("Stopped.")
        finally:
            preview.remove()
