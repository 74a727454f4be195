"""No script from data: the filters, the link check (with exact positions) and the render-time link guard."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import DEMO_DATA, edit, line_of
from payloads import payloads

from generator import cli, pipeline
from generator.diagnostics import Severity
from generator.markdown import link_targets
from generator.paths import Project
from generator.render import config
from generator.render.markup import cell, inline, paragraphs
from generator.render.templates import environment
from generator.render.xrefs import Findings, SiteTargets
from generator.resolve import SiteSpec
from generator.review import links

ROOT = Path(__file__).resolve().parent.parent
# the site's own Markdown extensions, as the base config names them (a mapping, in order)
_CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
EXTENSIONS = [name for name in _CONFIG["markdown_extensions"] if name != config.ABBREVIATIONS]
UNSAFE_TAGS = {"script", "img", "svg", "math", "iframe", "object", "embed", "style", "body", "input", "details",
               "textarea", "form", "base", "meta", "link"}


def html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def test_the_site_uses_the_link_guard() -> None:
    assert "generator.markdown.safe_links" in EXTENSIONS


@pytest.mark.parametrize("text", payloads())
@pytest.mark.parametrize("escape", [inline, paragraphs, cell])
def test_no_payload_makes_markup_through_the_filters(text: str, escape) -> None:
    soup = BeautifulSoup(html(escape(text)), "html.parser")
    tags = soup.find_all(True)
    assert {t.name for t in tags} & UNSAFE_TAGS == set()
    for tag in tags:
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag
        for attr in ("href", "src"):
            assert link_targets.allowed(str(tag.get(attr, ""))), tag
    # an abbreviation definition never forms, so the marker is text
    assert "pwn" in soup.get_text() or not any(c.isalpha() for c in text)


def test_abbreviation_definitions_in_data_stay_text() -> None:
    assert inline("*[IOP]: <b>x</b>") == "\\*[IOP]: &lt;b&gt;x&lt;/b&gt;"
    assert html(paragraphs("*[IOP]: intensive\n\nAn IOP")) == "<p>*[IOP]: intensive</p>\n<p>An IOP</p>"
    # emphasis that starts with a link is still emphasis
    assert html(inline("*[kind](https://e.org/)* words")) == '<p><em><a href="https://e.org/">kind</a></em> words</p>'


@pytest.mark.parametrize("target", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "java\nscript:x", "\x01javascript:x", "java&#115;cript:x", "&#x6A;avascript&#x3A;x", "&amp;#106;avascript:x",
    "data:text/html,<script>x</script>", "vbscript:msgbox(1)", "file:///etc/passwd", "java\u200bscript:x",
])
def test_links_that_could_run_code_are_not_allowed(target: str) -> None:
    assert not link_targets.allowed(target)
    assert "<a" not in html(f"[words]({target})")


@pytest.mark.parametrize("target", ["https://e.org/", "http://e.org/a?b=c", "mailto:a@e.org", "tel:+16265550100",
                                    "page.html", "../weeks/week-2.html#goals", "#top", "/x", "//e.org/"])
def test_web_mail_phone_and_relative_links_are_allowed(target: str) -> None:
    assert link_targets.allowed(target)
    assert BeautifulSoup(html(f"[words]({target})"), "html.parser").a["href"] == target


def test_the_guard_keeps_the_words_of_a_link_it_removes() -> None:
    for text in ("[call *us*](javascript:alert(1))", "[call *us*](JAVASCRIPT:alert(1) \"t\")",
                 "[call *us*][r]\n\n[r]: javascript:alert(1)", "<javascript:alert(1)>", "![call us](data:image/png,x)"):
        soup = BeautifulSoup(html(text), "html.parser")
        assert soup.find("a") is None and soup.find("img") is None, text
    soup = BeautifulSoup(html("[call *us*](javascript:alert(1))"), "html.parser")
    assert str(soup.p) == "<p><span>call <em>us</em></span></p>"


def test_the_check_finds_every_kind_of_unsafe_link() -> None:
    text = ("See [a](javascript:x) and [b]( JaVa&#115;cript:y \"t\") and <vbscript:z> and [c][r] and "
            "[ok](https://e.org/) [tel](tel:988)\n\n[r]: data:text/html,x")
    assert links.unsafe(text) == ["javascript:x", "JaVa&#115;cript:y", "vbscript:z", "data:text/html,x"]
    assert links.unsafe("[a](https://e.org/(x)) <https://e.org/> [b](mailto:a@e.org)") == []


def _put_links(data: Path, in_program: str, in_parking: str) -> tuple[Path, Path]:
    """Put a link in a program text and one in a location's parking note; return both files."""
    program = data / "programs" / "core-iop.yaml"
    edit(program, "Think about what you want from the program.",
         f"Think about {in_program} and [help](https://e.org/).")
    location = data / "clinics" / "harbor-light" / "locations" / "pasadena.yaml"
    edit(location, "parking: Park for free", f"parking: '{in_parking} for free")
    edit(location, "Come in through the back door and take the elevator to the second floor.",
         "Come in through the back door and take the elevator to the second floor.'")
    return program, location


def test_unsafe_links_warn_at_their_value_and_fail_only_strict(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    program, location = _put_links(data, "[your goals](javascript:alert(1))", "[Park](&#x6A;avascript:x)")
    review = pipeline.review(data)
    found = [(d.file, d.line, d.col, d.message) for d in review.diagnostics if "is not allowed" in d.message]
    assert found == [
        (location, line_of(location, "parking:"), 12, "link to '&#x6A;avascript:x' is not allowed: it is shown "
                                                      "as plain text"),
        (program, line_of(program, "- title: Set your goals") + 1, 11, "link to 'javascript:alert(1)' is not "
                                                                        "allowed: it is shown as plain text"),
    ]
    assert all(d.severity is Severity.WARNING for d in review.diagnostics if "is not allowed" in d.message)
    assert cli.main(["check", "--data", str(data)]) == 0
    assert cli.main(["check", "--strict", "--data", str(data)]) == 1
    assert "is not allowed" in capsys.readouterr().out


def test_the_demo_data_has_no_unsafe_link() -> None:
    review = pipeline.review(DEMO_DATA)
    assert not [d for d in review.diagnostics if "is not allowed" in d.message]


def test_data_is_never_rendered_as_a_template(tmp_path: Path) -> None:
    (tmp_path / "page.md.jinja").write_text("{{ text | inline }}\n\n{{ text | paragraphs }}\n\n{{ text | cell }}\n")
    text = "{{ 7*7 }} {% if true %}yes{% endif %} {{ ''.__class__.__mro__ }}"
    page = {"here": "index.md", "targets": SiteTargets("c/l", 8, frozenset()), "findings": Findings()}
    out = environment(tmp_path).get_template("page.md.jinja").render(text=text, **page)
    shown = BeautifulSoup(html(out), "html.parser").get_text()
    assert shown.count("{{ 7*7 }}") == 3 and shown.count("{% if true %}yes{% endif %}") == 3
    assert "49" not in shown and "<class" not in shown


def test_names_cannot_become_markup_in_the_theme(demo_specs: dict[str, SiteSpec]) -> None:
    spec = demo_specs["harbor-light/pasadena"]
    clinic = spec.clinic.model_copy(update={"name": "A & B </title><script>x()</script> \"q\""})
    settings = config.site_config(dataclasses.replace(spec, clinic=clinic))
    assert settings["site_name"] == "A &amp; B &lt;/title&gt;&lt;script&gt;x()&lt;/script&gt; &quot;q&quot;: Pasadena"
    assert "<" not in settings["site_description"]
    # nav labels: printed as they are, and in <title> after striptags, which decodes entities again
    assert config.nav_label("Care </title><script>") == "Care \u2039/title\u203a\u2039script\u203a"
    assert config.nav_label('A & "B"') == "A &amp; &quot;B&quot;"
    assert config.safe_nav([{"<x>": [{"<y>": "y.md"}]}]) == [{"\u2039x\u203a": [{"\u2039y\u203a": "y.md"}]}]



# -- links into the site's own files (assets/) ------------------------------------------------------

INTO_ASSETS = ["assets/logo.svg", "../assets/favicon.svg", "./ASSETS/logo.svg", "weeks/../assets/x.svg",
               "%61ssets/logo.svg", "&#97;ssets/logo.svg", "as%2573ets/logo.svg", "..\\assets\\logo.svg",
               "/assets/javascripts/plan.js", "assets./logo.svg", " assets/logo.svg", "ass\tets/logo.svg",
               "assets", "%2e%2e/assets/logo.svg"]


@pytest.mark.parametrize("target", INTO_ASSETS)
def test_links_into_the_sites_own_files_become_text(target: str) -> None:
    assert link_targets.into_assets(target) and not link_targets.safe(target)
    for text in (f"[see it]({target})", f"![see it]({target})", f"[see it][r]\n\n[r]: {target}"):
        soup = BeautifulSoup(html(text), "html.parser")
        assert soup.find("a") is None and soup.find("img") is None, text
        assert "see it" in soup.get_text(), text


@pytest.mark.parametrize("target", ["contact.html", "assets-and-costs.html", "weeks/week-2.html#assets",
                                    "contact.html?from=assets/x", "assets/../contact.html", "my-assets/x.html",
                                    "https://e.org/assets/brochure.pdf"])
def test_links_that_only_mention_assets_stay(target: str) -> None:
    assert not link_targets.into_assets(target) and link_targets.safe(target)
    assert BeautifulSoup(html(f"[words]({target})"), "html.parser").a["href"] == target


def _link_into_assets(data: Path) -> tuple[Path, Path]:
    """Put a link into assets/ in a program text and in a location's parking note; return both files."""
    return _put_links(data, "[the logo](assets/logo.svg)", "[Park](../ASSETS/favicon.svg)")


def test_a_link_into_assets_is_an_error_at_its_value(data: Path, project: Project,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    program, location = _link_into_assets(data)
    review = pipeline.review(data, project=project)
    found = sorted({(d.file, d.line, d.col, d.severity, d.message) for d in review.diagnostics
                    if "would break" in d.message})
    park, goals = line_of(location, "parking:"), line_of(program, "assets/logo.svg")
    assert found == sorted([
        (location, park, _col(location, park, "../ASSETS"), Severity.ERROR,
         "link to '../ASSETS/favicon.svg' would break on some of the pages that show this text"),
        (program, goals, _col(program, goals, "assets/logo"), Severity.ERROR,
         "link to 'assets/logo.svg' would break on some of the pages that show this text"),
    ])
    assert cli.main(["--project", str(project.root), "check", "--data", str(data)]) == 1
    err = capsys.readouterr().out
    assert "link to 'assets/logo.svg' would break" in err and "hint: write the cross-reference instead" in err


def _col(file: Path, line: int, piece: str) -> int:
    return file.read_text(encoding="utf-8").splitlines()[line - 1].index(piece) + 1


def test_a_page_shows_a_refused_link_as_its_words(data: Path, tmp_path: Path, project: Project) -> None:
    _link_into_assets(data)
    spec = next(spec for spec in pipeline.review(data).specs if spec.key == "harbor-light/pasadena")
    pipeline.render_to(spec, project, tmp_path)
    contact = (tmp_path / "docs/contact.md").read_text(encoding="utf-8")
    assert "Park" in contact and "ASSETS" not in contact
