"""Search finds a page by any form of a word it uses, in the site's own language and its own index.

The index keeps stems and the page's worker stems each word of a query before
Material searches for it (overrides/assets/javascripts/workers/stemmed-search.js):
without that, Material's trailing wildcard keeps lunr from stemming the query,
and "emoción" would find nothing on pages that say "emociones".
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SPANISH = "harbor-light/pasadena/es"
ENGLISH = "harbor-light/pasadena"
STARTING = {"en": "Initializing", "es": "Inicializando"}


def results(page: Any, words: str, language: str) -> list[str]:
    """The links the site's search shows for words, typed as a patient would, once it has answered."""
    page.keyboard.press("/")
    page.keyboard.type(words)
    meta = page.locator(".md-search-result__meta")
    expect(meta).not_to_contain_text(STARTING[language], timeout=30000)
    # "3 matching documents", "3 documentos encontrados": a count shows only when something was found
    expect(meta).to_contain_text(re.compile(r"\d"), timeout=30000)
    return page.locator(".md-search-result__item a").evaluate_all("links => links.map(link => link.href)")


def search(page: Any, words: str, language: str) -> set[str]:
    """The paths of the pages the site's search finds for words."""
    return {urlsplit(link).path for link in results(page, words, language)}


def pages_saying(built: Path, site: str, word: str) -> set[str]:
    """The paths of the site's pages whose indexed title or text has this word, as a whole word."""
    index = json.loads((built / site / "search/search_index.json").read_text(encoding="utf-8"))
    whole = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.I)
    return {f"/{site}/{doc['location'].split('#')[0]}" for doc in index["docs"]
            if whole.search(f"{doc['title']} {doc['text']}")}


@pytest.mark.parametrize(("site", "language", "typed", "written"), [
    (SPANISH, "es", "emoción", "emociones"),
    (SPANISH, "es", "decisión", "decisiones"),
    (SPANISH, "es", "preocupaciones", "preocupación"),
    (ENGLISH, "en", "worries", "worry"),
])
def test_a_search_for_another_form_of_a_word_finds_the_pages_that_use_it(
        built: Path, open_page: Any, site: str, language: str, typed: str, written: str) -> None:
    # no page has the typed form, nor a word starting with it: only stemming can find these pages
    index = (built / site / "search/search_index.json").read_text(encoding="utf-8")
    assert typed not in json.loads(index)["docs"].__str__().lower()
    wanted = pages_saying(built, site, written)
    assert wanted
    found = search(open_page(f"{site}/index.html"), typed, language)
    assert wanted <= found, f"{typed!r} should find every page that says {written!r}: {sorted(wanted - found)}"


def test_results_name_the_words_as_typed_not_their_stems(open_page: Any) -> None:
    # "emoción" is on no page (pages say "emociones"); "familia" is on the family therapy page
    page = open_page(f"{SPANISH}/index.html")
    links = results(page, "emoción familia", "es")
    missing = set(page.locator(".md-search-result del").all_text_contents())
    # a word a result lacks is shown struck through as typed, never as its stem ("emocion", "famili")
    assert "emoción" in missing and missing <= {"emoción", "familia"}, missing
    highlighted = {word for link in links for words in parse_qs(urlsplit(link).query).get("h", [])
                   for word in words.split()}
    # the page a result opens highlights the word as typed and its stem (which reaches "familiar" too)
    assert {"familia", "famili"} <= highlighted, highlighted


def test_a_word_in_the_text_of_a_spanish_page_finds_it(built: Path, open_page: Any) -> None:
    # "desencadenantes" (triggers) is in the body of the common challenges page, not in its title
    challenges = (built / SPANISH / "challenges.html").read_text(encoding="utf-8")
    assert "desencadenantes" in challenges and "desencadenantes" not in challenges.split("<title>")[1][:200]
    found = search(open_page(f"{SPANISH}/index.html"), "desencadenantes", "es")
    assert found and all(path.startswith(f"/{SPANISH}/") for path in found), found
    assert f"/{SPANISH}/challenges.html" in found, found


def test_the_spanish_search_index_is_the_spanish_sites_own(built: Path) -> None:
    english = (built / ENGLISH / "search/search_index.json").read_text(encoding="utf-8")
    spanish = (built / SPANISH / "search/search_index.json").read_text(encoding="utf-8")
    assert '"lang":["es"]' in spanish.replace(" ", "") and "Semana 2" in spanish
    assert "Semana 2" not in english, "each language searches its own pages only"
