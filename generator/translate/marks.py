"""The mark a translation keeps of the English it translates, and the command that sets it once reviewed.

The mark is the first 8 hex digits of the SHA-256 of the English text with its
spaces and line breaks made single spaces: re-wrapping a paragraph does not make
its translation stale; changing a word does. It works as gettext's fuzzy flag
does, per value, and lives in the translation file beside the text it vouches for.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

# the guide languages a location may publish, by code: English is every site's first
LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}
# a translation's file name: the English file's stem, a dot and a language other than English
TRANSLATION_NAME = re.compile(r"^(?P<stem>[^.]+)\.(?P<language>[a-z]{2})$")
MARK_LENGTH = 8
# the value of a `from:` as written: quoted, or bare (which YAML may have read as a number)
_MARK_VALUE = re.compile(r'"[^"\n]*"|\'[^\'\n]*\'|[^\s#]*')


def english_mark(text: str) -> str:
    """The mark of an English text: what a translation records to say which English it translates."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:MARK_LENGTH]


def set_marks(lines: list[str], marks: dict[tuple[int, int], str]) -> list[str]:
    """The file's lines with each `from` value at (line, column) replaced by its new mark.

    Only the value's own characters change (a quoted empty string or a mark),
    so the file keeps its comments, order and layout.
    """
    made = list(lines)
    for (line, col), mark in marks.items():
        text = made[line - 1]
        found = _MARK_VALUE.match(text, col - 1)
        end = found.end() if found else col - 1
        # quoted: a mark of digits and an e (6879e016) would be a number to YAML
        made[line - 1] = f'{text[:col - 1]}"{mark}"{text[end:]}'
    return made


def split_target(target: str) -> tuple[Path, int | None]:
    """FILE or FILE:LINE, as `iop-guide reviewed` takes it."""
    file, _, line = target.rpartition(":")
    if file and line.isdigit():
        return Path(file), int(line)
    return Path(target), None
