"""Links inside the guide: cross-references resolved for every page that shows the text.

A therapy's summary shows on its own page, on the week pages, on the therapies
page and in the whole guide, each at its own depth. `check` renders and converts
every page as the build will, so a link that would break, anywhere, is an error
at the value that holds it, and one that passes lands on every page.
"""

from __future__ import annotations

import json
import posixpath
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import edit, line_of
from support import demo

from generator import pipeline
from generator.diagnostics import Severity
from generator.paths import Project
from generator.render import proof
from generator.render.site import Rendered
from generator.render.xrefs import XREF_HELP, Findings, SiteTargets, rewrite
from generator.resolve import SiteSpec

DBT = "therapies/dbt.yaml"
SUMMARY = "summary: Build skills to handle strong emotions, stay in the moment and get along better with people."


def rendered_problems(data: Path, project: Project) -> list[str]:
    """Every error `check` gives once it has rendered and converted every page, formatted."""
    plan = pipeline.review(data, project=project)
    return [d.format(root=data) for d in plan.diagnostics if d.severity is Severity.ERROR]


def with_summary(data: Path, words: str) -> int:
    """Give DBT's summary new words; return its line."""
    edit(data / DBT, SUMMARY, f"summary: {words}")
    return line_of(data / DBT, f"summary: {words}")


def col(words: str, piece: str) -> int:
    return len("summary: ") + words.index(piece) + 1


@pytest.mark.parametrize(("target", "suggested"), [
    ("contact.html", "page:contact"),
    ("faq", "page:faq"),
    ("../weeks/week-3.md", "week:3"),
    ("#checklist", "page:NAME#checklist"),
    ("therapies/cbt.md", "therapy:cbt"),
    ("assets/logo.svg", "page:contact"),
])
def test_a_plain_relative_link_is_an_error_naming_the_cross_reference(data: Path, project: Project, target: str,
                                                                       suggested: str) -> None:
    words = f"Build skills ([how]({target}))."
    line = with_summary(data, words)
    found = rendered_problems(data, project)
    assert len(found) == 1, found
    assert found[0].startswith(f"{DBT}:{line}:{col(words, target)}: error: link to '{target}' would break on some "
                               "of the pages that show this text"), found
    assert f"hint: write the cross-reference instead: {suggested} (" in found[0]


@pytest.mark.parametrize(("target", "message", "hint"), [
    ("week:99", "'week:99' names no page of the site harbor-light/pasadena", "after 'week:' write a week from 1 to"),
    ("therapy:yoga", "'therapy:yoga' names no page of the site", "after 'therapy:' write one of "),
    ("page:parking", "'page:parking' names no page of the site", "after 'page:' write one of "),
    ("week:2#nope", "the link 'week:2#nope' names a section the page does not have", "name a section the page has"),
    ("https://pics.example/a.png", "image 'https://pics.example/a.png' from another site cannot be shown",
     "nothing on a patient's page loads from elsewhere"),
])
def test_a_cross_reference_that_lands_nowhere_is_an_error_at_its_place(data: Path, project: Project, target: str,
                                                                      message: str, hint: str) -> None:
    image = "!" if target.startswith("https") else ""
    words = f"Build skills, {image}[see this]({target})."
    line = with_summary(data, words)
    found = rendered_problems(data, project)
    assert found, "check must refuse what would not land"
    for problem in found:
        assert problem.startswith(f"{DBT}:{line}:{col(words, target)}: error: "), found
        assert message.split(" of the site")[0] in problem and f"hint: {hint}" in problem, problem
    assert any(message in problem for problem in found), found


def test_cross_references_land_from_every_page_that_shows_the_text(data: Path, project: Project,
                                                                   tmp_path: Path) -> None:
    words = ("Build skills ([week 3](week:3), [your checklist](week:2#checklist), [thinking skills](therapy:cbt), "
             "[reach us](page:contact), [the start](page:home#plan-your-dates)).")
    with_summary(data, words)
    assert rendered_problems(data, project) == []
    result = pipeline.build_sites(project, data, tmp_path / "site", ["harbor-light/pasadena"])
    assert not result.failed, result.failed
    site = tmp_path / "site/harbor-light/pasadena"
    expected = {"week 3": "weeks/week-3.html", "your checklist": "weeks/week-2.html#checklist",
                "thinking skills": "therapies/cbt.html", "reach us": "contact.html",
                "the start": "index.html#plan-your-dates"}
    shown_on = [page for page in sorted(site.rglob("*.html")) if "[week 3]" not in page.read_text() and
                'week 3</a>' in page.read_text()]
    # its own page, the therapies page, the weeks it is in and the whole guide, at three depths
    assert {"therapies/dbt.html", "therapies/index.html", "print.html"} <= {p.relative_to(site).as_posix()
                                                                             for p in shown_on}
    assert any(p.parent.name == "weeks" for p in shown_on)
    for page in shown_on:
        html = page.read_text(encoding="utf-8")
        for words_, target in expected.items():
            href = re.search(rf'<a href="([^"]+)">{re.escape(words_)}</a>', html)
            assert href, (page, words_)
            path, _, anchor = href[1].partition("#")
            landed = posixpath.normpath(posixpath.join(page.relative_to(site).parent.as_posix(), path))
            assert landed + ("#" + anchor if anchor else "") == target, (page, words_, href[1])
            if anchor:
                assert f'id="{anchor}"' in (site / landed).read_text(encoding="utf-8"), (landed, anchor)


def test_a_link_that_would_break_blocks_the_sites_that_show_it_and_only_those(
        data: Path, project: Project, tmp_path: Path, demo_specs: dict[str, SiteSpec]) -> None:
    data_root, equine = data.resolve(), "therapies/equine-assisted-therapy.yaml"
    edit(data / equine, "summary: Spend time with horses", "summary: Spend time ([how](contact.html)) with horses")
    plan = pipeline.review(data, project=project)
    blocked = {site.key for site in plan.sites if site.spec is None}
    showing = {key for key, spec in demo_specs.items() if "equine-assisted-therapy" in spec.therapies}
    assert blocked == showing and showing != set(demo_specs), (blocked, showing)
    for site in plan.sites:
        assert all(d.file.resolve() == data_root / equine for d in site.errors), site.errors
    result = pipeline.build_sites(project, plan, tmp_path / "site", [])
    assert set(result.failed) == blocked
    assert set(result.built) == set(demo_specs) - blocked


def test_the_data_guides_and_clinician_guides_examples_pass_check(data: Path, project: Project) -> None:
    blocks = []
    for guide in ("data-guide.md", "clinician-guide.md"):
        text = (project.root / "docs" / guide).read_text(encoding="utf-8")
        blocks += [block for block in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL) if "](week:" in block]
    assert len(blocks) == 2, "each guide shows a cross-reference example"
    examples = [yaml.safe_load(textwrap.dedent(block)) for block in blocks]
    words = [examples[0]["summary"], *examples[1]["tips"]]
    with_summary(data, json.dumps(" ".join(words)))
    assert rendered_problems(data, project) == []


def test_a_problem_in_text_the_generator_made_is_reported_at_the_template_never_lost(project: Project) -> None:
    findings = Findings(page="contact.md")
    made = "Call us ([how](faq))"  # a plain str: text the views made by joining values has no origin
    rewritten = rewrite(made, "contact.md", SiteTargets("c/l", 8, frozenset()), findings)
    assert rewritten == "Call us (how)" and findings.diagnostics == set()
    rendered = Rendered({"contact.md": "# Contact\n"}, {"contact.md": "contact.md.jinja"}, findings)
    spec = next(iter(demo.specs().values()))
    found = [d for d in proof.prove(project, spec, rendered) if "faq" in d.message]
    assert [(d.file, d.line, d.severity) for d in found] == [(project.content / "contact.md.jinja", 1,
                                                              Severity.ERROR)]
    assert found[0].message == ("in text this template shows on contact.md: link to 'faq' would break on some of "
                                "the pages that show this text")


def test_an_address_keeps_its_origin_on_every_page_that_shows_it(data: Path, project: Project) -> None:
    location = data / "clinics/harbor-light/locations/pasadena.yaml"
    edit(location, "street: 410 Orange Grove Blvd, Suite 200", 'street: "[410 Orange Grove Blvd](faq)"')
    line = line_of(location, "street:")
    assert rendered_problems(data, project) == [
        f"clinics/harbor-light/locations/pasadena.yaml:{line}:36: error: link to 'faq' would break on some of the "
        "pages that show this text\n    hint: write the cross-reference instead: page:faq (" + XREF_HELP + ")"]
