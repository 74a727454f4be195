"""The promise `check` makes: if it passes, `build` passes, and every word written shows on the pages.

Hypothesis writes Markdown-like text (links and cross-references, anchors, images,
headings, lists, comments, HTML, backticks, `#`) into a text field of the minimal
data, any field a page shows. Either `check` refuses it at a place in the data
folder, or the site builds and each marker word of the text is on a built page.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hostile import Leaf, _files, get, leaves, put, write
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.diagnostics import Severity
from generator.paths import Project

pytestmark = pytest.mark.slow

MINIMAL = Path(__file__).resolve().parent / "data" / "minimal"
ROOT = Path(__file__).resolve().parents[1]
PROJECT = Project(ROOT)
SITE = "harbor-light/pasadena"
WORD = re.compile(r"zq\d+")

TARGETS = ["week:1", "week:2#checklist", "page:contact", "page:home#plan-your-dates", "therapy:cbt",
           "https://help.example/a_b", "mailto:team@clinic.example", "contact.html", "faq", "#checklist",
           "../weeks/week-1.md", "week:99", "page:nowhere", "week:1#nowhere", "javascript:alert(1)"]


def pages_text(site: Path) -> str:
    """The words of every built page (not the search index), as a patient reads them."""
    return " ".join(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ")
                    for page in sorted(site.rglob("*.html")))


@cache
def shown_leaves() -> tuple[Leaf, ...]:
    """The text values of the minimal data that a built page shows (found by building it once)."""
    with tempfile.TemporaryDirectory(prefix="iop-proof-") as tmp:
        result = pipeline.build_sites(PROJECT, MINIMAL, Path(tmp) / "site", [])
        assert not result.failed, result.failed
        text = " ".join(pages_text(Path(tmp) / "site" / SITE).split())
    found = []
    for name, (model, data) in _files(MINIMAL).items():
        for leaf in leaves(data, model, name):
            value = " ".join(str(get(data, leaf.path)).split())
            if len(value) > 3 and value in text:
                found.append(leaf)
    return tuple(found)


@st.composite
def markdown_like(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A text of marker words in Markdown-like shapes; and the words a patient must read if it is accepted."""
    parts, words = [], []
    for _ in range(draw(st.integers(1, 5))):
        word = f"zq{draw(st.integers(100, 999))}"
        shape = draw(st.sampled_from(["plain", "link", "image", "heading", "list", "comment", "html", "code",
                                      "emphasis", "hash", "reference"]))
        target = draw(st.sampled_from(TARGETS))
        parts.append({
            "plain": word, "link": f"[{word}]({target})", "image": f"![{word}]({target})",
            "heading": f"\n\n# {word}\n\n", "list": f"\n\n- {word}\n- {word}\n\n", "comment": f"<!-- {word} -->",
            "html": f"<b>{word}</b>", "code": f"`{word}`", "emphasis": f"*{word}*", "hash": f"#{word}",
            "reference": f"[{word}][r]\n\n[r]: {target}",
        }[shape])
        if shape != "comment":
            words.append(word)
    return " ".join(parts).strip(), words


@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(leaf_index=st.integers(0, 10_000), drawn=markdown_like())
# found by this test: an activity written as a bare string had no origin, so a finding in it went to the template
@example(leaf_index=169, drawn=("[zq100](week:2#checklist)", ["zq100"]))
def test_when_check_passes_the_build_passes_and_shows_every_word(leaf_index: int,
                                                                drawn: tuple[str, list[str]]) -> None:
    text, words = drawn
    leaf = shown_leaves()[leaf_index % len(shown_leaves())]
    with tempfile.TemporaryDirectory(prefix="iop-proof-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(MINIMAL, data)
        model_and_data = _files(data)[leaf.file]
        put(model_and_data[1], leaf.path, text)
        write(data, leaf.file, model_and_data[1])
        plan = pipeline.review(data, project=PROJECT)
        errors = [d for d in plan.diagnostics if d.severity is Severity.ERROR]
        if errors:
            event("refused by check")
            for d in errors:
                assert d.file.resolve().is_relative_to(data.resolve()) and d.line >= 1 and d.col >= 1, d
            return
        event("accepted")
        result = pipeline.build_sites(PROJECT, plan, Path(tmp) / "site", [])
        assert not result.failed, (leaf, text, result.failed)
        shown = set(WORD.findall(pages_text(Path(tmp) / "site" / SITE)))
        assert set(words) <= shown, (leaf, text, set(words) - shown)
