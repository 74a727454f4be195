"""Put data text into Markdown safely: inline formatting stays, HTML and block syntax do not.

Data is data. A clinician may write *emphasis* or a [link](https://...), but raw
HTML is escaped, attribute lists (`{: onclick=...}`) cannot form, and a line
that starts with `#`, `>` or `-` cannot turn into a heading, quote or list.
An HTML comment (`<!-- ... -->`) is a note for the team: it is dropped, never
shown as text.

The way back is here too: data text as plain words, for page descriptions and
structured data.
"""

from __future__ import annotations

import re

_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# braces would let attr_list attach attributes (even event handlers) to an element
_BRACES = str.maketrans({"{": "\\{", "}": "\\}"})
# what turns a line into a block: heading, quote, list, rule, admonition, table, definition, reference,
# abbreviation definition (`*[X]: ...` would define X for the whole page)
_BLOCK_START = re.compile(r"^(#|>|[*+-](?=\s)|\*(?=\[[^\]]*\]:)|-(?=\s*-)|\*(?=\s*\*\s*\*)|=(?==)|!(?=!!)"
                          r"|\||:(?=\s)|\[(?=[^\]]*\]:))")
_NUMBERED = re.compile(r"^(\d+)([.)])(?=\s)")
_SPACE = re.compile(r"\s+")
# a comment on a line of its own goes with its line break, so the lines around it stay one paragraph
_COMMENT = r"<!--(?:(?!-->).)*-->"
_HTML_COMMENT = re.compile(rf"^[ \t]*{_COMMENT}[ \t]*(?:\n|$)|{_COMMENT}", re.DOTALL | re.MULTILINE)
# emphasis the value opens and closes itself, and code spans, where a * or _ is literal
_EMPHASIS = re.compile(r"(?<!\\)(\*\*\*|\*\*|\*|___|__|_)(?=\S)(.+?)(?<=\S)(?<!\\)\1")
_CODE = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)")
# for plain text: the words of a Markdown link, its marks, and where a sentence ends
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"[*_`]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
DESCRIPTION_LIMIT = 160  # search engines cut longer descriptions anyway


def inline(text: str) -> str:
    """Escape one piece of data text for a single Markdown line (a list item, a heading)."""
    text = _SPACE.sub(" ", without_comments(text)).strip().translate(_HTML).translate(_BRACES)
    text = _lone_markers(text)
    text = _NUMBERED.sub(r"\1\\\2", text, count=1)
    return _BLOCK_START.sub(lambda m: "\\" + m.group(1), text, count=1)


def _lone_markers(text: str) -> str:
    """Escape each * and _ that the value does not pair itself.

    A lone one would pair with the template's own markers around the value
    (`**{{ title }}.**`) or with the next value's, and take the value's words
    into emphasis they were not written with.
    """
    kept: set[int] = set()
    masked = text
    for span in _CODE.finditer(text):
        kept |= set(range(span.start(), span.end()))
        masked = masked[: span.start()] + "\0" * len(span[0]) + masked[span.end():]
    for pair in _EMPHASIS.finditer(masked):
        width = len(pair[1])
        kept |= set(range(pair.start(), pair.start() + width)) | set(range(pair.end() - width, pair.end()))
    return "".join("\\" + c if c in "*_" and i not in kept and text[i - 1: i] != "\\" else c
                   for i, c in enumerate(text))


def without_comments(text: str) -> str:
    """Data text without its HTML comments."""
    return _HTML_COMMENT.sub("", text)


def paragraphs(text: str) -> str:
    """Escape data text that may hold several paragraphs separated by blank lines."""
    # a comment may hold a blank line: it goes before the text is cut into paragraphs
    parts = [inline(part) for part in re.split(r"\n\s*\n", without_comments(text).strip()) if part.strip()]
    return "\n\n".join(parts)


def cell(text: str) -> str:
    """Escape data text for a Markdown table cell."""
    return inline(text).replace("|", "\\|")


def title(text: str) -> str:
    """A title (of a week, a phase, a section, a therapy): plain words everywhere it shows, marks left out.

    The navigation, the timeline and aria-labels cannot show emphasis or links, so
    a title shows the same plain words in its heading too. Safe in a table cell.
    """
    return cell(plain_text(text))


def has_marks(text: str) -> bool:
    """True when a text holds Markdown marks or links that plain_text would leave out."""
    return plain_text(text) != " ".join(text.split())


def clock(time: str, suffixes: tuple[str, str] = ("am", "pm")) -> str:
    """Show a 24-hour HH:MM time the way patients read it: 6:30 pm (suffixes: the language's am and pm)."""
    hours, minutes = (int(part) for part in time.split(":"))
    suffix = suffixes[0] if hours < 12 else suffixes[1]
    return f"{(hours - 1) % 12 + 1}:{minutes:02d} {suffix}"


def plain_text(text: str) -> str:
    """Data text without its Markdown marks (links keep their words), on one line."""
    return " ".join(_MD_MARKS.sub("", _MD_LINK.sub(r"\1", without_comments(text))).split())


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph (all of it when it has one)."""
    return _SENTENCE_END.split(plain_text(text), maxsplit=1)[0]


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """Plain text of at most `limit` characters, cut at a word boundary with an ellipsis."""
    text = plain_text(text)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit - 1]
    return cut.rstrip(" ,;:-–") + "…"
