"""Serve a folder of built sites on 127.0.0.1 the way a static host would, to check them in a browser.

Each site answers at /<clinic>/<location>/ and also at the path of its public
site_url (as it will once deployed), and a missing page gets that site's 404.html
with status 404, as static hosts do. Used by the browser tests and the Lighthouse script.
"""

from __future__ import annotations

import functools
import gzip
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


class StaticHost(SimpleHTTPRequestHandler):
    """A quiet file handler with per-site aliases and 404 pages."""

    # public path ("/pasadena/") -> site folder path below the root ("/harbor-light/pasadena/")
    aliases: Mapping[str, str] = {}

    def do_GET(self) -> None:
        # text goes out gzipped when the browser accepts it, as on any static host,
        # so that page-speed figures measured here mean what they will mean online
        path = Path(self.translate_path(self.path.split("?", 1)[0]))
        if (path.suffix in COMPRESSED and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            body = gzip.compress(path.read_bytes(), mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def translate_path(self, path: str) -> str:
        for public, folder in self.aliases.items():
            if path.startswith(public) and not path.startswith(folder):
                path = folder + path[len(public):]
                break
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        site = next((folder for folder in self.aliases.values() if self.path.startswith(folder)), None)
        page = Path(self.directory) / site.strip("/") / "404.html" if site and code == 404 else None
        if page is None or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(root: Path, aliases: Mapping[str, str]) -> Iterator[str]:
    """Serve root on a free port of 127.0.0.1 while the block runs; yields the base URL."""
    handler = type("SiteHost", (StaticHost,), {"aliases": dict(aliases)})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def site_aliases(specs: Any) -> dict[str, str]:
    """The public path of each site's site_url, mapped to its folder below the output root."""
    from urllib.parse import urlparse

    from generator.render.config import site_url

    return {urlparse(site_url(spec)).path: f"/{spec.key}/" for spec in specs}
