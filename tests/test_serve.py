"""The live preview (`iop-guide serve`) under hostile data, hostile requests and hard stops."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from payloads import payloads
from test_cli import fetch, free_port, wait_for

from generator import pipeline
from generator.paths import Project
from generator.tools import serve
from generator.tools.serve import build_site, show_errors

SITE = "harbor-light/pasadena"
# closes the ```text fence the error page used to put each problem in, then runs script once parsed
FENCE_PAYLOAD = "x\n```\n<details open ontoggle=window.__pwned=1>\n```\ny"
IMAGE_PAYLOAD = "<img src=x onerror=window.__pwned=1>"


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


def project_copy(target: Path) -> Path:
    """A copy of the project (templates, overrides, base config, demo data) at target."""
    for name in ("content", "overrides", "program_data"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


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
    """Run `iop-guide serve` in folder on a free port until it answers; always stop it."""
    port = free_port()
    log = folder / "serve.log"
    with log.open("wb") as sink:
        process = subprocess.Popen([sys.executable, "-m", "generator", "serve", SITE, "--port", str(port)],
                                   cwd=folder, stdout=sink, stderr=subprocess.STDOUT, env=env)
    preview = Running(process, port, log)
    try:
        wait_for(lambda: process.poll() is not None or fetch(f"{preview.url}/index.html"))
        assert process.poll() is None, f"the preview stopped:\n{preview.output()}"
        yield preview
    finally:
        stop(process)


def request(port: int, path: str, host: str | None = None, method: str = "GET") -> tuple[int, bytes]:
    """Send one raw request, with the Host header given (none if None); return the status and body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def break_with_payloads(data: Path) -> None:
    """Make two values invalid ids that hold markup: each error quotes its value."""
    fence = FENCE_PAYLOAD.replace("\n", "\\n")
    location = data / "clinics/harbor-light/locations/pasadena.yaml"
    location.write_text(location.read_text() + f'therapies:\n  remove: ["{IMAGE_PAYLOAD}", "{fence}"]\n',
                        encoding="utf-8")


def inert_article(page: str) -> list[str]:
    """The text of each problem on an error page, after checking that nothing in the page's article is markup."""
    soup = BeautifulSoup(page, "html.parser")
    article = soup.select_one("article")
    assert article is not None and "problem(s) to fix" in article.get_text()
    handlers = [(tag.name, name) for tag in soup.find_all(True) for name in tag.attrs if name.lower().startswith("on")]
    assert handlers == []
    # the heading (and its permalink), the two sentences, and one <pre> a problem: nothing else
    assert {tag.name for tag in article.find_all(True)} <= {"h1", "a", "p", "pre"}
    blocks = article.find_all("pre")
    # long lines wrap instead of needing a sideways scroll
    assert blocks and all("white-space: pre-wrap" in block.get("style", "") for block in blocks)
    return [block.get_text() for block in blocks]


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """One preview of the demo data, shared by the tests that only send requests."""
    with previewing(project_copy(tmp_path_factory.mktemp("preview"))) as running:
        yield running


def test_error_page_shows_markup_in_problems_as_text(tmp_path: Path) -> None:
    folder = project_copy(tmp_path)
    with previewing(folder) as running:
        break_with_payloads(folder / "program_data")
        page = wait_for(lambda: (page := fetch(f"{running.url}/weeks/week-2.html")) and "problem(s)" in page and page)
    shown = inert_article(page)
    assert any(IMAGE_PAYLOAD in text for text in shown), shown
    assert any("<details open ontoggle=window.__pwned=1>" in text for text in shown), shown


def test_error_page_keeps_any_text_inert(project: Project, tmp_path: Path) -> None:
    # whatever a problem holds, line breaks and fences included, it is shown as written
    problems = [*payloads(), FENCE_PAYLOAD, "a\n\n    indented\n\n# heading\n<!-- iop-abbreviations {\"A\": \"b\"} -->",
                "x" * 2000, "<pre>\n</pre><script>window.__pwned=1</script>"]
    staging = tmp_path / "project"
    staging.mkdir()
    show_errors(project, staging, problems)
    build_site(staging, tmp_path / "site", "http://127.0.0.1:8000/")
    shown = inert_article((tmp_path / "site/index.html").read_text(encoding="utf-8"))
    assert shown == problems


def test_watcher_survives_any_error_and_recovers(tmp_path: Path) -> None:
    folder = project_copy(tmp_path)
    with previewing(folder) as running:
        home = f"{running.url}/index.html"
        template = folder / "content/home.md.jinja"
        good = template.read_text(encoding="utf-8")
        # not a data error: a slip in a template that makes Python raise ValueError
        template.write_text(good + '\n{{ "abc".index("z") }}\n', encoding="utf-8")
        broken = wait_for(lambda: (page := fetch(home)) and "problem(s) to fix" in page and page)
        assert "ValueError" in broken and "substring not found" in broken
        reported = [line for line in running.output().splitlines() if "ValueError" in line]
        assert len(reported) == 1 and "substring not found" in reported[0], running.output()
        assert "Traceback" not in running.output()
        template.write_text(good, encoding="utf-8")
        wait_for(lambda: (page := fetch(home)) and "Harbor Light Recovery" in page and "problem(s)" not in page)


def test_when_even_the_error_page_fails_the_last_version_stays(tmp_path: Path) -> None:
    folder = project_copy(tmp_path)
    project = Project(folder)
    spec = next(s for s in pipeline.resolve_all(folder / "program_data")[0] if s.key == SITE)
    failing: list[Exception] = []
    said: list[str] = []

    def render(staging: Path) -> None:
        if failing:
            raise failing[0]
        pipeline.render_to(spec, project, staging)

    preview = serve.Preview(project, "127.0.0.1:8000", render, said.append)
    try:
        assert preview.build()
        guide = (preview.site / "index.html").read_text(encoding="utf-8")
        assert "Harbor Light Recovery" in guide
        errors_page = folder / "content/errors.md.jinja"
        kept = errors_page.read_text(encoding="utf-8")
        errors_page.write_text("{% if %}", encoding="utf-8")
        failing.append(ValueError("boom\nand more"))
        assert not preview.build()
        assert (preview.site / "index.html").read_text(encoding="utf-8") == guide
        assert said and all(line.startswith("error: ") and "\n" not in line for line in said), said
        assert "ValueError: boom and more" in said[0]
        errors_page.write_text(kept, encoding="utf-8")
        failing.clear()
        assert preview.build()
        assert (preview.site / "index.html").read_text(encoding="utf-8") == guide
    finally:
        preview.remove()
    assert not preview.folder.exists()


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "127.0.0.1", "localhost",
                                  "LocalHost:{port}"])
def test_local_hosts_are_answered(preview: Running, host: str) -> None:
    status, body = request(preview.port, "/index.html", host.format(port=preview.port))
    assert status == 200 and b"Harbor Light Recovery" in body


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:{port}", "127.0.0.1.attacker.example",
                                  "localhost.attacker.example:{port}", "127.0.0.2:{port}", "[::1]:{port}",
                                  "localhost:{other}", "localhost:{port}@attacker.example", "", None])
@pytest.mark.parametrize("path", ["/index.html", "/", "/livereload/0/0", "/assets/logo.svg"])
def test_other_hosts_get_no_content(preview: Running, host: str | None, path: str) -> None:
    # a page on another site that rebinds its name to 127.0.0.1 sends its own name as Host
    sent = None if host is None else host.format(port=preview.port, other=preview.port + 1)
    status, body = request(preview.port, path, sent)
    assert 400 <= status < 500, (sent, status)
    assert b"Harbor Light" not in body and b"<svg" not in body and not body.strip().isdigit()


@pytest.mark.parametrize("path", ["/%00", "/index.html%00", "/weeks/%00/x.html", "/%0a", "/%0d%0aX-Injected:%201",
                                  "/%1b%5b31m", "/%7f", "/%c2%85", "/livereload/%00"])
def test_control_characters_in_the_path_answer_400(preview: Running, path: str) -> None:
    status, body = request(preview.port, path, f"127.0.0.1:{preview.port}")
    assert status == 400, (path, status, body)
    assert b"Traceback" not in body
    assert "Traceback" not in preview.output()
    assert request(preview.port, "/index.html", f"127.0.0.1:{preview.port}")[0] == 200


def test_the_request_line_is_printed_without_control_characters(preview: Running) -> None:
    # a terminal obeys ESC and BEL: a request could retitle it, or worse, when its line is printed
    with socket.create_connection(("127.0.0.1", preview.port), timeout=10) as raw:
        raw.sendall(b"GET /\x1b]0;retitled\x07/x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        answer = b""
        while chunk := raw.recv(4096):  # the whole answer: the line is printed once it is sent
            answer += chunk
    assert answer.split(b"\r\n")[0].split(b" ")[1] == b"400", answer
    wait_for(lambda: "retitled" in preview.output())
    assert "\x1b" not in preview.output() and "\x07" not in preview.output()


def test_only_get_and_head_are_answered(preview: Running) -> None:
    assert request(preview.port, "/index.html", f"127.0.0.1:{preview.port}", "HEAD")[0] == 200
    status, body = request(preview.port, "/index.html", f"127.0.0.1:{preview.port}", "POST")
    assert status == 405 and b"Harbor Light" not in body


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT])
def test_stopping_removes_the_temporary_folders(tmp_path: Path, how: signal.Signals) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    folder = project_copy(tmp_path / "project")
    with previewing(folder, env={**os.environ, "TMPDIR": str(temporary)}) as running:
        assert list(temporary.iterdir()), "the preview renders into a temporary folder"
        code = stop(running.process, how)
        assert code == 0, running.output()
        assert list(temporary.iterdir()) == []
        assert "Traceback" not in running.output()


def test_a_busy_port_is_said_in_plain_words(tmp_path: Path) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    folder = project_copy(tmp_path / "project")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "generator", "serve", SITE, "--port", str(port)], cwd=folder,
                                capture_output=True, text=True, timeout=120, check=False,
                                env={**os.environ, "TMPDIR": str(temporary)})
    assert result.returncode == 2, result.stderr
    assert f"cannot serve at http://127.0.0.1:{port}/" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(temporary.iterdir()) == []
