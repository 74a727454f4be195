"""Put data text into Markdown safely: inline formatting stays, HTML and block syntax do not.

Data is data. A clinician may write *emphasis* or a [link](https://...), but raw
HTML is escaped, attribute lists (`{: onclick=...}`) cannot form, and a line
that starts with `#`, `>` or `-` cannot turn into a heading, quote or list.
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


def inline(text: str) -> str:
    """Escape one piece of data text for a single Markdown line (a list item, a heading)."""
    text = _SPACE.sub(" ", text).strip().translate(_HTML).translate(_BRACES)
    text = _NUMBERED.sub(r"\1\\\2", text, count=1)
    return _BLOCK_START.sub(lambda m: "\\" + m.group(1), text, count=1)


def paragraphs(text: str) -> str:
    """Escape data text that may hold several paragraphs separated by blank lines."""
    parts = [inline(part) for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]
    return "\n\n".join(parts)


def cell(text: str) -> str:
    """Escape data text for a Markdown table cell."""
    return inline(text).replace("|", "\\|")


def clock(time: str) -> str:
    """Show a 24-hour HH:MM time the way patients read it: 6:30 pm."""
    hours, minutes = (int(part) for part in time.split(":"))
    suffix = "am" if hours < 12 else "pm"
    return f"{(hours - 1) % 12 + 1}:{minutes:02d} {suffix}"
