"""Every sink, every field: a hostile value in any string field the models define is refused by `check` at its own
file:line:col, or it is shown as plain text, and it stays data in every file the build writes.

The fields come from walking the pydantic models (tests/hostile.py), so a field added later is covered by itself.
tests/browser/test_every_field.py loads the same build in Chromium.
"""

from __future__ import annotations

import json
import re
import typing
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import DEMO_DATA
from hostile import (
    MARK,
    PLAIN,
    control_only,
    covered_copy,
    is_translation,
    judge,
    models_below,
    shown,
    site_json,
    string_fields,
)

from generator import pipeline
from generator.model import MODELS, scalars
from generator.paths import Project
from generator.render import href, markup

pytestmark = pytest.mark.slow


def pages(out: Path) -> dict[str, str]:
    """Every HTML page below a build folder, by its path."""
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.html"))}


def visible(html: str) -> tuple[str, set[str]]:
    """What a page shows as text (its words, alt and title texts, structured data), and the targets of its links."""
    soup = BeautifulSoup(html, "html.parser")
    data = [site_json(html, "iop-site-data")]
    data += [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    for hidden in soup.find_all(["script", "style", "template"]):
        hidden.decompose()
    said = [soup.get_text(" ")] + [str(v) for tag in soup.find_all(True) for k, v in tag.attrs.items()
                                   if k in ("alt", "title", "aria-label", "content")]
    strings = [s for s in re.findall(r'"((?:[^"\\]|\\.)*)"', json.dumps(data, ensure_ascii=False))]
    text = shown(" ".join(said + [json.loads(f'"{s}"') for s in strings]))
    return text, {str(a.get("href")) for a in soup.find_all("a")}


@pytest.fixture(scope="module")
def shown_text(hostile_build: Any) -> tuple[str, set[str]]:
    """Everything the hostile build shows, pages of every site and the portal together."""
    texts, targets = [], set()
    for html in pages(hostile_build.out).values():
        text, links = visible(html)
        texts.append(text)
        targets |= links
    return " ".join(texts), targets


def test_every_string_field_of_every_model_gets_a_hostile_value(hostile_build: Any) -> None:
    wanted = set().union(*(string_fields(model) for model in MODELS.values()))
    tried = {leaf.field for leaf in [*hostile_build.verdicts.accepted, *hostile_build.verdicts.refused]}
    assert len(wanted) > 90 and wanted - tried == set()


def test_control_characters_are_refused_in_every_field_at_its_place(tmp_path: Path) -> None:
    root = tmp_path / "program_data"
    verdicts = judge(root, covered_copy(DEMO_DATA, root), control_only)
    assert verdicts.unexplained == []
    assert {leaf.field for leaf in verdicts.accepted} == set()
    assert len(verdicts.refused) > 1000


def _free_text(annotation: Any, metadata: Any = ()) -> bool:
    """True for Text and Line fields (and lists of them): patient words, where any character may stand."""
    metadata = [*metadata, *getattr(annotation, "__metadata__", ())]
    if any(getattr(m, "func", None) is scalars._check_text for m in metadata):
        return True
    return any(_free_text(part) for part in typing.get_args(annotation))


def test_each_value_is_refused_at_its_place_or_shown_and_free_text_takes_any_words(hostile_build: Any) -> None:
    verdicts = hostile_build.verdicts
    # judge() stops when check finds no error: each refusal was at its own value, and nothing else failed
    assert verdicts.unexplained == []
    assert hostile_build.result.failed == {} and len(hostile_build.result.built) == 5
    free = {(model.__name__, name) for kind in MODELS.values() for model in models_below(kind)
            for name, info in model.model_fields.items() if _free_text(info.annotation, info.metadata)}
    refused_text = {leaf.field for leaf in verdicts.refused} & free
    assert refused_text == set(), "a patient may write <, >, quotes, braces and {{ }} in any text"
    assert {leaf.field for leaf in verdicts.accepted} >= free


def test_every_accepted_value_shows_as_text_somewhere(hostile_build: Any, shown_text: tuple[str, set[str]]) -> None:
    text, targets = shown_text
    missing = []
    for leaf, value in hostile_build.verdicts.accepted.items():
        if value.startswith("https://"):
            ok = href.web(value).target in targets or value in text
        elif "@" in value and " " not in value:
            ok = str(href.mailto(value)) in targets and value in text
        else:
            # titles show as plain words (their marks left out, with a warning): either form is the value as text
            ok = shown(value) in text or shown(markup.plain_text(value)) in text
        if not ok:
            missing.append(f"{leaf.file} {leaf.path}: {value[:20]!r}")
    assert missing == []
    assert "{{ 7*7 }}" in text and " 49 " not in text


def test_every_translated_text_takes_a_hostile_value_and_shows_it_on_a_spanish_page(hostile_build: Any) -> None:
    verdicts = hostile_build.verdicts
    translated = {leaf: value for leaf, value in verdicts.accepted.items() if is_translation(leaf.file)}
    # every translation file of the demo, each text of it (the hostile copy has every clinic publish Spanish)
    assert len({leaf.file for leaf in translated}) == len(list(DEMO_DATA.rglob("*.es.yaml"))) and len(translated) > 500
    assert [leaf for leaf in verdicts.refused if is_translation(leaf.file)] == [], "a translation is free text"
    spanish = shown(" ".join(visible(html)[0] for page, html in pages(hostile_build.out).items() if "/es/" in page))
    missing = [f"{leaf.file} {leaf.path}" for leaf, value in translated.items()
               if shown(value) not in spanish and shown(markup.plain_text(value)) not in spanish]
    assert missing == []


def _pairs(html: str) -> set[tuple[str, str]]:
    soup = BeautifulSoup(html, "html.parser")
    return {(tag.name, name) for tag in soup.find_all(True) for name in tag.attrs}


def test_no_attribute_appears_that_the_templates_did_not_write(hostile_build: Any, built: Path) -> None:
    expected = set().union(*(_pairs(html) for html in pages(built).values()))
    # English standing in for a missing Spanish text is marked as English (render/templates.py, and the theme's
    # data texts: render/interface.foreign): the demo's Spanish is whole, so only the hostile copy (whose added
    # examples have no translation) shows it
    expected |= {("span", "lang"), ("p", "lang"), ("strong", "lang")}
    found = set().union(*(_pairs(html) for html in pages(hostile_build.out).values()))
    assert found - expected == set()
    assert not [pair for pair in found if pair[1].startswith("on") or pair[1] in ("autofocus", "formaction")]


def test_generated_files_keep_every_value_as_data(hostile_build: Any) -> None:
    out = hostile_build.out
    report = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    sites = {entry["site"]: entry for entry in report["sites"]}
    assert len(sites) == 5 and all(entry["last_result"] == "built" for entry in sites.values())
    for site in sites:
        folder = out / site
        css = (folder / "assets/brand.css").read_text(encoding="utf-8")
        assert not MARK.search(css) and "<" not in css and "\\" not in css
        robots = (folder / "robots.txt").read_text(encoding="utf-8").splitlines()
        assert robots[:2] == ["User-agent: *", "Allow: /"] and len(robots) == 3
        assert re.fullmatch(r"Sitemap: https://[a-z0-9.-]+/[a-z0-9/-]*sitemap\.xml", robots[2])
        root = robots[2].removeprefix("Sitemap: ").removesuffix("sitemap.xml")
        names = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
        locs = [e.text or "" for e in etree.parse(folder / "sitemap.xml").getroot().iter(f"{names}loc")]
        assert locs and all(loc.startswith(root) for loc in locs)
        home = (folder / "index.html").read_text(encoding="utf-8")
        assert site_json(home, "iop-site-data")["site"] == site


def test_the_site_config_holds_only_the_keys_the_generator_writes(hostile_build: Any, project: Project,
                                                                  tmp_path: Path) -> None:
    specs, _ = pipeline.resolve_all(hostile_build.root)
    for spec in specs:
        staging = tmp_path / spec.key
        pipeline.render_to(spec, project, staging)
        config = yaml.safe_load((staging / "mkdocs.yml").read_text(encoding="utf-8"))
        assert set(config) == {"INHERIT", "site_name", "site_url", "site_description", "docs_dir", "theme",
                               "extra_css", "nav", "extra", "markdown_extensions"}
        # Material prints these unescaped: they hold no tag and no quote that could end an attribute
        for value in [config["site_name"], config["site_description"], *_labels(config["nav"])]:
            assert not re.search(r"[<>\"]", value), value
        assert config["site_url"] == config["extra"]["jsonld"]["url"]
        if PLAIN not in spec.key:
            assert MARK.search(config["site_name"])


def _labels(nav: list[Any]) -> list[str]:
    found = []
    for item in nav:
        for label, target in item.items():
            found.append(label)
            if isinstance(target, list):
                found += _labels(target)
    return found
