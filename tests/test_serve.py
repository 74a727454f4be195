"""The live preview (`iop-guide serve`) under hostile data, hostile requests and hard stops."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from payloads import payloads
from support.commands import PREVIEWED, Running, fetch, iop, previewing, stop, wait_for
from support.files import project_copy

from generator import pipeline
from generator.paths import Project
from generator.tools import serve
from generator.tools.preview import build_site, show_errors

SITE = PREVIEWED
# closes the ```text fence the error page used to put each problem in, then runs script once parsed
FENCE_PAYLOAD = "x\n```\n<details open ontoggle=window.__pwned=1>\n```\ny"
IMAGE_PAYLOAD = "<img src=x onerror=window.__pwned=1>"


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


def test_error_page_shows_markup_in_problems_as_text(workdir: Path) -> None:
    folder = workdir
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
    assert build_site(staging, tmp_path / "site", "http://127.0.0.1:8000/") == []
    shown = inert_article((tmp_path / "site/index.html").read_text(encoding="utf-8"))
    assert shown == problems


def test_watcher_survives_any_error_and_recovers(workdir: Path) -> None:
    folder = workdir
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


def test_when_even_the_error_page_fails_the_last_version_stays(workdir: Path) -> None:
    folder = workdir
    project = Project(folder)
    said: list[str] = []

    def failing() -> pipeline.Plan:
        raise ValueError("boom\nand more")

    preview = serve.Preview(project, folder / "program_data", SITE, "127.0.0.1:8000", said.append)
    review = preview.review
    try:
        assert preview.build()
        guide = (preview.site / "index.html").read_text(encoding="utf-8")
        assert "Harbor Light Recovery" in guide
        errors_page = folder / "content/errors.md.jinja"
        kept = errors_page.read_text(encoding="utf-8")
        errors_page.write_text("{% if %}", encoding="utf-8")
        preview.review = failing
        assert not preview.build()
        assert (preview.site / "index.html").read_text(encoding="utf-8") == guide
        assert said and all("\n" not in line for line in said), said
        assert said[0].startswith("error: the site could not be rendered: ValueError: boom and more"), said
        assert said[-1].startswith("error: nor could the page that lists them be built: TemplateSyntaxError"), said
        errors_page.write_text(kept, encoding="utf-8")
        preview.review = review
        assert preview.build()
        assert (preview.site / "index.html").read_text(encoding="utf-8") == guide
    finally:
        preview.remove()
    assert not preview.versions.folder.exists()


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
def test_stopping_removes_the_temporary_folders(workdir: Path, tmp_path: Path, how: signal.Signals) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    with previewing(workdir, env={**os.environ, "TMPDIR": str(temporary)}) as running:
        assert list(temporary.iterdir()), "the preview renders into a temporary folder"
        code = stop(running.process, how)
        assert code == 0, running.output()
        assert list(temporary.iterdir()) == []
        assert "Traceback" not in running.output()


def test_a_busy_port_is_said_in_plain_words(workdir: Path, tmp_path: Path) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = iop(workdir, "serve", SITE, "--port", str(port), env={**os.environ, "TMPDIR": str(temporary)},
                     timeout=120)
        assert result.returncode == 2, result.stderr
        said = re.fullmatch(rf"iop-guide: error: port {port} is in use \(another preview, or another program, "
                            r"listens there\): add --port (\d+), a port that is free now\n", result.stderr)
        assert said is not None, result.stderr
        assert result.stdout == "", "nothing is said about previewing"
        with socket.socket() as suggested:
            suggested.bind(("127.0.0.1", int(said[1])))  # the port suggested is free
    assert list(temporary.iterdir()) == []
