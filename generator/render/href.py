"""Link targets from validated values: the one way a web, mail, phone or text address becomes a link.

Templates never paste data into `[words](target)` or `href="..."`. A view turns a
value into an Href here: checked again (a value that skipped the model's check is
refused, not linked) and percent-encoded, so nothing in it can end a Markdown link,
an autolink or a quoted attribute. The `link` filter (templates.py) writes the
Markdown link and accepts nothing but an Href; `| e` on an Href gives its
attribute-escaped form.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import quote

from generator.model.scalars import check_email, check_phone, check_url

# kept as written in a validated address; brackets, parentheses, quotes and spaces are percent-encoded
_KEEP = "/:?#@!$&*+,;=%~-._"
MAP_SEARCH = "https://www.openstreetmap.org/search?query="


@dataclass(frozen=True)
class Href:
    """A link target the generator built; its text is safe in a Markdown link and, escaped, in an attribute."""

    target: str

    def __str__(self) -> str:
        return self.target

    def __html__(self) -> str:
        return html.escape(self.target, quote=True)


def web(url: str) -> Href:
    """An http(s) address as a link target."""
    return Href(quote(check_url(url), safe=_KEEP))


def mailto(email: str) -> Href:
    """An email address as a mailto: link target."""
    return Href("mailto:" + quote(check_email(email), safe="@+"))


def tel(phone: str) -> Href:
    """A displayed phone number as a tel: target of its digits (ten-digit US numbers get +1)."""
    return Href("tel:" + _dialed(phone))


def sms(phone: str, body: str | None = None) -> Href:
    """A text message to a displayed phone number (checked and written as tel does), with its first words.

    The body is percent-encoded whole (RFC 5724), so no word of it can end the link or add a field.
    """
    return Href("sms:" + _dialed(phone) + (f"?body={quote(body, safe='')}" if body else ""))


def _dialed(phone: str) -> str:
    """The number a phone dials, checked: its digits, with + kept and +1 given to ten-digit US numbers."""
    digits = "".join(c for c in check_phone(phone, fewest=3) if c.isdigit())
    if phone.strip().startswith("+"):
        return f"+{digits}"
    return f"+1{digits}" if len(digits) == 10 else digits


def map_search(query: str) -> Href:
    """A plain link to a map search: nothing is embedded or loaded from the map's host."""
    return Href(MAP_SEARCH + quote(query, safe=""))
