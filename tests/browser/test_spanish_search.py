"""Searching the Spanish guide finds Spanish pages by the words in their text, in the Spanish site's own index.

Stemming (a search for "recaída" finding "recaídas") is not on: with the
Spanish pipeline named, Material 9.8's search worker indexed only the pages'
titles (measured), so the site names only its language. See config.language_settings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SPANISH = "harbor-light/pasadena/es"


def search(page: Any, words: str) -> list[str]:
    """The addresses of what the site's search finds for words, once it has answered."""
    page.keyboard.press("/")
    page.keyboard.type(words)
    meta = page.locator(".md-search-result__meta")
    expect(meta).not_to_contain_text("Inicializando", timeout=30000)
    expect(meta).to_contain_text("encontrado", timeout=30000)
    return page.locator(".md-search-result__item a").evaluate_all("links => links.map(link => link.href)")


def test_a_word_in_the_text_of_a_spanish_page_finds_it(built: Path, open_page: Any) -> None:
    # "desencadenantes" (triggers) is in the body of the common challenges page, not in its title
    challenges = (built / SPANISH / "challenges.html").read_text(encoding="utf-8")
    assert "desencadenantes" in challenges and "desencadenantes" not in challenges.split("<title>")[1][:200]
    page = open_page(f"{SPANISH}/index.html")
    found = [urlsplit(link).path for link in search(page, "desencadenantes")]
    assert found and all(f"/{SPANISH}/" in path for path in found), found
    assert f"/{SPANISH}/challenges.html" in found, found


def test_the_spanish_search_index_is_the_spanish_sites_own(built: Path) -> None:
    english = (built / "harbor-light/pasadena/search/search_index.json").read_text(encoding="utf-8")
    spanish = (built / SPANISH / "search/search_index.json").read_text(encoding="utf-8")
    assert '"lang":["es"]' in spanish.replace(" ", "") and "Semana 2" in spanish
    assert "Semana 2" not in english, "each language searches its own pages only"
