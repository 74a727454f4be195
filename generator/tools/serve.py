"""Live preview of one site that survives mistakes and answers only this machine.

The site is rendered into a staging MkDocs project and built into a site folder,
both inside one temporary folder, and served by MkDocs' live-reload server with
its own watch-and-build loop. When a file in the data, content/ or overrides/
changes, the site is rendered and built again and the browser reloads. If the
data now has errors, or anything else fails, every page of the preview becomes a
page listing the problems, and the next good save brings the guide back.

The server answers only GET and HEAD requests that name this machine in their
Host header (127.0.0.1 or localhost), so a web page whose name is rebound to
127.0.0.1 cannot read the preview, and refuses paths with control characters.
Ctrl-C and SIGTERM both stop it and remove its temporary folder.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import tempfile
import threading
import traceback
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from mkdocs.livereload import LiveReloadServer, _Handler

from generator.diagnostics import GuideError, UsageError, for_terminal
from generator.paths import Project
from generator.render.site import GENERATED
from generator.render.templates import environment

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
METHODS = frozenset({"GET", "HEAD"})
_HOST = re.compile(r"(?P<name>[^:]+)(?::(?P<port>[0-9]+))?")
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ")
_SAID = 300  # characters of an unexpected error's message worth a line


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


def inert(text: str) -> str:
    """Write text as HTML character references but for letters, digits and spaces, so no Markdown or HTML can form."""

    # line breaks become references too, so the text fits on one line of a raw <pre> block
    def one(c: str) -> str:
        if c in _PLAIN:
            return c
        if unicodedata.category(c) == "Cc" and c not in "\n\t":
            c = "\ufffd"  # a control character has no shape: show that something was there
        return f"&#{ord(c)};"

    return "".join(one(c) for c in text)


def one_line(error: BaseException) -> str:
    """Name an exception and its message on one short line that is safe to print."""
    said = " ".join(str(error).split())
    said = said if len(said) <= _SAID else said[:_SAID] + "..."
    return for_terminal(f"{type(error).__name__}: {said}" if said else type(error).__name__)


def show_errors(project: Project, staging: Path, problems: list[str]) -> None:
    """Replace every page of the staging folder with the list of problems, each shown as plain text."""
    if not (staging / "mkdocs.yml").exists():
        # the data was broken from the start: a bare project that can show the errors
        shutil.copyfile(project.base_config, staging / "base.yml")
        shutil.copytree(project.overrides, staging / "overrides", dirs_exist_ok=True)
        config = {"INHERIT": "base.yml", "site_name": "Preview", "docs_dir": "docs"}
        (staging / "mkdocs.yml").write_text(GENERATED + yaml.safe_dump(config), encoding="utf-8")
    page = environment(project.content).get_template("errors.md.jinja").render(
        count=len(problems), diagnostics=[inert(problem) for problem in problems])
    docs = staging / "docs"
    pages = [p for p in docs.rglob("*.md")] if docs.is_dir() else []
    for target in pages or [docs / "index.md"]:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")


def refresh(project: Project, staging: Path, render: Callable[[Path], None], echo: Callable[[str], None]) -> bool:
    """Render the site again into staging; on any failure show it instead. True when the guide is shown."""
    fresh = Path(tempfile.mkdtemp(prefix="next-", dir=staging.parent))
    try:
        render(fresh)
    except GuideError as e:
        problems = [d.format(source=True) for d in getattr(e, "diagnostics", [])] or [str(e)]
        for problem in problems:
            echo(for_terminal(problem, lines=True))
        echo(for_terminal(f"{e}: the preview lists the problems until they are fixed"))
        show_errors(project, staging, problems)
        return False
    except Exception as e:  # a slip in a template, or a bug of ours: one line, and the preview goes on
        if os.environ.get("IOP_GUIDE_DEBUG"):
            traceback.print_exc()
        said = f"the site could not be rendered: {one_line(e)}"
        echo(f"error: {said} (set IOP_GUIDE_DEBUG=1 to see where); the preview shows it until a save fixes it")
        show_errors(project, staging, [said])
        return False
    else:
        # replace the pages in place, so that the next build sees only this render
        shutil.rmtree(staging / "docs", ignore_errors=True)
        shutil.copytree(fresh, staging, dirs_exist_ok=True)
        return True
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def build_site(staging: Path, site: Path, url: str) -> None:
    """Build the staging project with MkDocs for the preview at url; site changes only if the build succeeds."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    fresh = site.with_name(site.name + "-next")
    shutil.rmtree(fresh, ignore_errors=True)
    # served at the root, whatever the site's public address, so the preview URL stays simple
    config = load_config(config_file=str(staging / "mkdocs.yml"), site_dir=str(fresh), site_url=url)
    build(config, serve_url=url)
    shutil.rmtree(site, ignore_errors=True)
    fresh.rename(site)


class _PreviewHandler(_Handler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        # the request line is the client's: escape what a terminal would obey before it is printed
        self.requestline = for_terminal(self.requestline)
        super().log_request(code, size)


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, answering only GET and HEAD from this machine, for paths without controls."""

    def __init__(self, builder: Callable[[], None], host: str, port: int, root: str) -> None:
        super().__init__(builder=builder, host=host, port=port, root=root)
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
            raise UsageError(f"cannot serve at {self.url}: {one_line(e)}; is another preview running? "
                             "Choose another port with --port") from None
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


def _refuse(start_response: Callable[..., Any], status: str, text: str,
            headers: list[tuple[str, str]] | None = None) -> list[bytes]:
    body = f"{status}: {text}\n".encode()
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body))),
                            ("Cache-Control", "no-store"), *(headers or [])])
    return [body]


class Preview:
    """One site's preview: its temporary folder, its render-and-build step and its server."""

    def __init__(self, project: Project, address: str, render: Callable[[Path], None],
                 echo: Callable[[str], None]) -> None:
        self.project, self.render, self.echo = project, render, echo
        self.url = f"http://{address}/"
        self.folder = Path(tempfile.mkdtemp(prefix="iop-serve-"))
        self.staging = self.folder / "project"
        self.staging.mkdir()
        self.site = self.folder / "site"

    def build(self) -> bool:
        """Render and build the site again; any failure shows on the page and in one line. True when all went well."""
        try:
            shown = refresh(self.project, self.staging, self.render, self.echo)
            build_site(self.staging, self.site, self.url)
            return shown
        except Exception as e:  # MkDocs says why above it, or a template broke: show it and go on
            said = f"the preview could not be built: {one_line(e)}"
            self.echo(f"error: {said}")
            try:
                show_errors(self.project, self.staging, [said])
                build_site(self.staging, self.site, self.url)
            except Exception as again:
                self.echo(f"error: nor the page that lists it: {one_line(again)}; the preview keeps its last version")
            return False

    def remove(self) -> None:
        """Delete the temporary folder."""
        shutil.rmtree(self.folder, ignore_errors=True)


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


def serve(project: Project, data_dir: Path, address: str, render: Callable[[Path], None],
          echo: Callable[[str], None]) -> None:
    """Serve one site at address until interrupted or terminated; render and build it again on every change."""
    host, _, port = address.rpartition(":")
    with _stopped_by_signals():
        preview = Preview(project, address, render, echo)

        def rebuild() -> None:
            if preview.build():
                echo("rendered again")

        try:
            server = PreviewServer(rebuild, host, int(port), str(preview.site))
            try:
                preview.build()
                for folder in (data_dir, project.content, project.overrides):
                    server.watch(str(folder))
                echo(f"Previewing at {preview.url} (Ctrl-C to stop)")
                server.serve()
            finally:
                server.shutdown()
        except KeyboardInterrupt:
            echo("Stopped.")
        finally:
            preview.remove()
