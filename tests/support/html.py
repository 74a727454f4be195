"""Built pages as the tests read them: parsed, their article, their words."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup, Tag

from generator.translate.marks import LANGUAGE_NAMES


def soup(path: Path) -> BeautifulSoup:
    """Parse a built page."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(page: Path) -> Tag:
    """The page's main content; fail if it has none."""
    found = soup(page).find("article")
    assert isinstance(found, Tag), page
    return found


def pages_of(folder: Path, with_404: bool = False) -> list[Path]:
    """Every page of a built site; 404.html only if asked (it is in no sitemap and has no address of its own).

    A guide in another language (es/ below the English) is a site of its own: its pages are not these.
    """
    others = [folder / code for code in LANGUAGE_NAMES if code != "en" and (folder / code / "index.html").is_file()]
    return sorted(p for p in folder.rglob("*.html") if (with_404 or p.name != "404.html")
                  and not any(p.is_relative_to(other) for other in others))


def words(text: str) -> str:
    """Text with every run of white space made one space, as a reader sees it."""
    return " ".join(text.split())
