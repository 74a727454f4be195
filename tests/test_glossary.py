"""Words patients know: the glossary data, its checks, the <abbr> marks on every page and the glossary page."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import markdown
import yaml
from bs4 import NavigableString, Tag
from conftest import edit, line_of, problems
from support.html import article, pages_of

from generator.model import GlossaryEntry
from generator.render import config
from generator.resolve import SiteSpec

GLOSSARY = """\
glossary:
  - term: IOP
    meaning: intensive outpatient program
  - term: PHP
    meaning: partial hospitalization program
"""
CONTROLS = {"a", "button", "label", "summary", "select", "textarea"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def expected_terms(spec: SiteSpec) -> dict[str, str]:
    """What each short name of a site means, straight from the data."""
    terms = {item.term: item.meaning for item in spec.program.glossary}
    terms.update({t.short_name: t.name for t in spec.therapies.values() if t.short_name})
    return terms


def term_of(word: str, terms: dict[str, str]) -> str:
    return word if word in terms else word.removesuffix("s")


def norm(text: str) -> str:
    return " ".join(text.lower().split())


def text_after(el: Tag, size: int = 80) -> str:
    found = ""
    for piece in el.next_elements:
        if isinstance(piece, NavigableString) and piece.parent is not el:
            found += piece
            if len(found) >= size:
                break
    return found


def text_before(el: Tag, size: int = 80) -> str:
    found = ""
    for piece in el.previous_elements:
        if isinstance(piece, NavigableString):
            found = piece + found
            if len(found) >= size:
                break
    return found


# `site` (tests/conftest.py) runs a test once per demo site


# -- data and its checks ----------------------------------------------------------


def test_demo_programs_have_a_glossary_of_terms_the_guide_uses(demo_specs: dict[str, SiteSpec]) -> None:
    for spec in demo_specs.values():
        assert {item.term for item in spec.program.glossary} == {"IOP", "PHP"}


def test_a_term_must_be_a_short_word(data: Path) -> None:
    program = data / "programs/core-iop.yaml"
    edit(program, "  - term: PHP\n", "  - term: Partial care\n")
    line = line_of(program, "term: Partial care")
    assert problems(data) == [
        f"programs/core-iop.yaml:{line}:11: error: glossary[2].term: 'Partial care' is not a short term: "
        "write the abbreviation alone, in letters and digits, such as PHP"]


def test_a_term_needs_a_meaning(data: Path) -> None:
    program = data / "programs/core-iop.yaml"
    edit(program, "    meaning: partial hospitalization program\n", "")
    line = line_of(program, "term: PHP")
    found = problems(data)
    assert len(found) == 1
    assert found[0].startswith(f"programs/core-iop.yaml:{line}:5: error: glossary[2]: missing required key 'meaning'")


def test_a_term_listed_twice_is_an_error_at_the_second(data: Path) -> None:
    program = data / "programs/twelve-week-iop.yaml"
    edit(program, GLOSSARY, GLOSSARY + "  - term: IOP\n    meaning: intensive outpatient care\n")
    line = len(program.read_text(encoding="utf-8").split(GLOSSARY)[0].splitlines()) + 6
    assert "term: IOP" in program.read_text(encoding="utf-8").splitlines()[line - 1]
    assert problems(data) == [
        f"programs/twelve-week-iop.yaml:{line}:11: error: the term 'IOP' is in the glossary twice\n"
        "    hint: the first is glossary[1]; keep one of them"]


def test_a_term_may_not_give_a_therapy_short_name_another_meaning(data: Path) -> None:
    program = data / "programs/core-iop.yaml"
    edit(program, GLOSSARY, GLOSSARY + "  - term: CBT\n    meaning: cool breathing time\n")
    line = line_of(program, "term: CBT")
    assert problems(data) == [
        f"programs/core-iop.yaml:{line}:11: error: 'CBT' is the short name of the therapy 'cbt': it means "
        "'Cognitive Behavioral Therapy', not 'cool breathing time'\n"
        "    hint: remove it from the glossary (therapies' short names are added by themselves), "
        "or use another term"]


def test_a_term_may_repeat_a_therapy_short_name_with_its_meaning(data: Path) -> None:
    program = data / "programs/core-iop.yaml"
    edit(program, GLOSSARY, GLOSSARY + "  - term: DBT\n    meaning: dialectical behavior  therapy\n")
    assert problems(data) == []


# -- the extension on its own --------------------------------------------------------


HOSTILE_MEANING = "a <b>bold</b> --> & </script> \"quoted\" meaning"


def convert(text: str, terms: dict[str, str]) -> str:
    name = "generator.markdown.abbreviations"
    md = markdown.Markdown(extensions=["abbr", "def_list", "toc", "attr_list", name],
                           extension_configs={name: {"glossary": terms}})
    return md.convert(text)


def test_a_hostile_meaning_stays_text_on_the_page() -> None:
    html = convert("XY here.\n", {"XY": HOSTILE_MEANING})
    assert "<b>" not in html
    assert 'title="a &lt;b&gt;bold&lt;/b&gt; --&gt; &amp; &lt;/script&gt; &quot;quoted&quot; meaning"' in html


def test_a_sites_terms_travel_as_data_in_its_config(demo_specs: dict[str, SiteSpec]) -> None:
    spec = demo_specs["harbor-light/pasadena"]
    program = spec.program.model_copy(update={"glossary": [GlossaryEntry(term="XY", meaning=HOSTILE_MEANING)]})
    settings = config.site_config(dataclasses.replace(spec, program=program))
    # the per-site mkdocs.yml is written with yaml.safe_dump: MkDocs reads back exactly the terms
    read_back = yaml.safe_load(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True, width=1000))
    glossary = read_back["markdown_extensions"][config.ABBREVIATIONS]["glossary"]
    assert glossary == {**{t.short_name: t.name for t in spec.therapies.values() if t.short_name},
                        "XY": HOSTILE_MEANING}


def test_code_hrefs_and_heading_ids_stay_as_written() -> None:
    html = convert("# About CBT\n\nSee `CBT` and [the CBT page](CBT.md) and CBTs and xCBT.\n",
                   {"CBT": "cognitive behavioral therapy"})
    assert '<h1 id="about-cbt">About <abbr tabindex="0" title="cognitive behavioral therapy">CBT</abbr></h1>' \
        in html
    assert "<code>CBT</code>" in html and 'href="CBT.md"' in html and " xCBT." in html
    # inside a link: no second tab stop (a control inside a control), and the first body use is explained
    assert '<a href="CBT.md">the <abbr title="cognitive behavioral therapy">CBT</abbr> ' \
        "(cognitive behavioral therapy) page</a>" in html
    assert '<abbr tabindex="0" title="cognitive behavioral therapy">CBTs</abbr> and' in html


def test_first_use_explained_unless_the_meaning_is_next_to_it() -> None:
    terms = {"IOP": "intensive outpatient program", "PHP": "partial hospitalization program"}
    html = convert("An Intensive Outpatient Program, or IOP, helps. An IOP is good.\n\n"
                   "Partial care (PHP) is more. A PHP is more.\n", terms)
    assert "or <abbr" in html and "IOP</abbr>, helps." in html and "IOP</abbr> is good." in html
    assert "PHP</abbr>, partial hospitalization program) is more. A <abbr" in html
    assert html.count("partial hospitalization program)") == 1


def test_no_terms_change_nothing() -> None:
    name = "generator.markdown.abbreviations"
    assert markdown.Markdown(extensions=[name]).convert("CBT and IOP.") == "<p>CBT and IOP.</p>"
    md = markdown.Markdown(extensions=[name], extension_configs={name: {"glossary": {}}})
    assert md.convert("CBT and IOP.") == "<p>CBT and IOP.</p>"


def test_meanings_are_read_on_one_line_and_empty_terms_left_out() -> None:
    html = convert("XY and ZZ.\n", {"XY": "  two\n  lines ", "ZZ": " ", "": "nothing"})
    assert '<abbr tabindex="0" title="two lines">XY</abbr> (two lines) and ZZ.' in html


# -- the built sites -----------------------------------------------------------------


def test_every_abbreviation_on_every_page_is_an_abbr_with_its_meaning(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    terms = expected_terms(spec)
    word = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, terms))})s?(?!\w)")
    marked = 0
    for page in pages_of(folder):
        body = article(page)
        for text in body.find_all(string=word):
            names = {parent.name for parent in text.parents}
            classes = {c for parent in text.parents for c in parent.get("class") or []}
            # code stays as written; the timeline is raw HTML, which Markdown does not read
            if names & {"code", "pre"} or "iop-timeline" in classes:
                continue
            assert text.parent.name == "abbr", f"{page.relative_to(folder)}: {text!r} is not marked"
        for abbr in body.find_all("abbr"):
            marked += 1
            term = term_of(abbr.get_text(), terms)
            assert abbr["title"] == terms[term], (page, abbr)
            in_control = any(parent.name in CONTROLS for parent in abbr.parents)
            assert abbr.get("tabindex") == (None if in_control else "0"), (page, abbr)
    assert marked > 20


def test_first_use_on_each_page_is_explained_once(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    terms = expected_terms(spec)
    explained = 0
    for page in pages_of(folder):
        seen: set[str] = set()
        for abbr in article(page).find_all("abbr"):
            if any(parent.name in HEADINGS for parent in abbr.parents):
                assert not norm(text_after(abbr)).startswith("(" + norm(terms[term_of(abbr.get_text(), terms)]))
                continue
            term = term_of(abbr.get_text(), terms)
            meaning, after, before = norm(terms[term]), norm(text_after(abbr)), norm(text_before(abbr))
            added = after.startswith(f"({meaning})") or after.startswith(f", {meaning})")
            if term in seen:
                assert not added, f"{page.relative_to(folder)}: {term} explained again"
                continue
            seen.add(term)
            nearby = re.search(rf"{re.escape(meaning)}[\s,(]*(?:or)?$", before) or after.startswith(meaning)
            assert added or nearby, f"{page.relative_to(folder)}: the first {term} is not explained"
            explained += added
    assert explained > 5


def test_explanations_read_as_sentences(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    cbt = " ".join(article(folder / "therapies/cbt.html").get_text().split())
    assert cbt.count("CBT (Cognitive Behavioral Therapy) looks at") == 1
    assert "Cognitive Behavioral Therapy (CBT)¶" in cbt  # the heading keeps its words
    home = " ".join(article(folder / "index.html").get_text().split())
    assert "(intensive outpatient program)" not in home  # "... Program, or IOP" says it already
    assert home.count("partial hospitalization program") == 1


def test_glossary_page_lists_every_term_from_the_data(site: tuple[SiteSpec, Path]) -> None:
    spec, folder = site
    page = folder / "glossary.html"
    assert "iop-abbreviations" not in page.read_text(encoding="utf-8")
    listing = article(page).find("dl")
    assert isinstance(listing, Tag)
    shown = [(dt.get_text(strip=True), dd.get_text(strip=True))
             for dt, dd in zip(listing.find_all("dt"), listing.find_all("dd"), strict=True)]
    terms = expected_terms(spec)
    assert shown == sorted(terms.items(), key=lambda item: (item[0].lower(), item[0]))
    links = {dd.find_previous_sibling("dt").get_text(strip=True): dd.a["href"]
             for dd in listing.find_all("dd") if dd.a}
    assert links == {t.short_name: f"therapies/{tid}.html" for tid, t in spec.therapies.items() if t.short_name}
