"""Constrained scalar types of the data model, each with a message a clinician can act on.

Every check matches the whole value (`fullmatch`): a `$` would let a final newline through.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

# the patterns also go into the JSON Schema, which reads them as ECMAScript regexes: keep ^...$ there
ID_RE = re.compile(r"^[a-z0-9-]+$")
TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})$")
COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
PHONE_RE = re.compile(r"^\+?[0-9 ().-]{3,20}$")
# 3-digit numbers every US phone can dial: 211 (community services) to 911 (the N11 codes), and 988
SERVICE_NUMBER_RE = re.compile(r"[2-9]11|988")
_PHONE_CHARS = re.compile(r"\+?[0-9 ().-]+")
WEEKS_RE = re.compile(r"^\s*(\d+)\s*(?:(-)\s*(\d+)|(\+))?\s*$")
GLOSSARY_TERM_RE = re.compile(r"^[A-Za-z0-9]+(?:[-&][A-Za-z0-9]+)*$")
FONT_FAMILY_RE = re.compile(r"^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
HOST_RE = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
# a conservative address grammar: what clinics use, and nothing that could end a link or an attribute
EMAIL_RE = re.compile(rf"^[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@(?:{_LABEL}\.)+[A-Za-z]{{2,63}}$")
# RFC 3986 characters, without the apostrophe and the square brackets (no IPv6 literals):
# nothing in an address can end a quoted attribute, a Markdown link or a line
URL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#@!$&()*+,;=%")
# a site's own address names a folder: letters, digits and - . _ ~ / (and %XX) only
SITE_PATH_RE = re.compile(r"(?:[A-Za-z0-9._~/-]|%[0-9A-Fa-f]{2})*/")
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_NAMED = {" ": "a space", '"': 'a quotation mark (")', "'": "an apostrophe (')", "<": "'<'", ">": "'>'",
          "\\": "a backslash", "[": "'['", "]": "']'", "{": "'{'", "}": "'}'", "|": "'|'", "`": "'`'", "^": "'^'"}
MAX_URL = 2000
MAX_REFERENCE = 100  # a therapy's name, written where its id goes, fits
# C0 and C1 control characters, and DEL; tab and line feed are the only ones text may hold
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _check_time(value: str) -> str:
    match = TIME_RE.fullmatch(value)
    if match and int(match[1]) == 24 and int(match[2]) == 0:
        # the end of the day, as some timetables write it: an end after the start must stay on the same day
        raise ValueError(f"'{value}' is not a time of day: the day ends at 23:59, so a session that ends at "
                         "midnight ends at \"23:59\"")
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(f"'{value}' is not a time of day: write 24-hour HH:MM, such as 09:00 or 18:30")
    return f"{int(match[1]):02d}:{match[2]}"


def _time_input(value: Any) -> Any:
    # `start: 18` is a number to YAML: say what to write instead in one go
    if isinstance(value, int) and not isinstance(value, bool):
        example = f"{value:02d}:00" if 0 <= value <= 23 else "18:00"
        raise ValueError(f"{value} is not a time of day: write 24-hour HH:MM in quotes, such as \"{example}\"")
    return value


def _check_color(value: str) -> str:
    if not COLOR_RE.fullmatch(value):
        raise ValueError(f"'{value}' is not a color: write # and six hex digits, such as #1f5f8b")
    return value.lower()


def check_phone(value: str, fewest: int = 7) -> str:
    """Return a phone number of digits, spaces, ( ) - . and a leading +, or a service number; raise ValueError."""
    if not _PHONE_CHARS.fullmatch(value):
        raise ValueError(f"'{value}' is not a phone number: use digits, spaces, ( ) - and an optional leading +")
    if not PHONE_RE.fullmatch(value) or (sum(c.isdigit() for c in value) < fewest
                                         and not SERVICE_NUMBER_RE.fullmatch(value.strip())):
        raise ValueError(f"'{value}' is not a phone number: write its 10 digits, such as (626) 555-0142, or 1 and "
                         "10 digits, or a 3-digit service number like 211 or 988")
    return value


def _check_short_number(value: str) -> str:
    # crisis lines such as 988 and 911 are three-digit short codes
    return check_phone(value, fewest=3)


def check_email(value: str) -> str:
    """Return an email address that fits a strict grammar; raise ValueError."""
    local = value.split("@", 1)[0]
    if not EMAIL_RE.fullmatch(value) or len(value) > 254 or len(local) > 64:
        raise ValueError(f"'{value}' is not an email address: write it like hello@clinic.org, with no spaces, "
                         "brackets or quotes")
    return value


def _named(char: str) -> str:
    """A character as a message names it."""
    if char in _NAMED:
        return _NAMED[char]
    return f"an invisible character (U+{ord(char):04X})" if not char.isprintable() else f"'{char}'"


def check_url(value: str) -> str:
    """Return a web address that holds only RFC 3986 characters, http(s) and a plain host; raise ValueError."""
    start = f"'{value}' is not a web address"
    bad = next((c for c in value if c not in URL_CHARS), None)
    if bad is not None:
        raise ValueError(f"{start}: it holds {_named(bad)}; write a space as %20 and leave out quotes and brackets")
    if _PERCENT.search(value):
        raise ValueError(f"{start}: a % must be followed by two hex digits, as in %20")
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not value.lower().startswith(f"{parts.scheme.lower()}://"):
        raise ValueError(f"{start}: it must start with https:// (or http://)")
    if "@" in parts.netloc:
        raise ValueError(f"{start}: it holds a user name or '@' before the host; write only the host")
    host, _, port = parts.netloc.partition(":")
    if not HOST_RE.fullmatch(host) or (port and not (port.isdigit() and 0 < int(port) < 65536)):
        raise ValueError(f"{start}: '{parts.netloc}' is not a host name like clinic.org")
    if len(value) > MAX_URL:
        raise ValueError(f"{start}: it is {len(value)} characters long; the limit is {MAX_URL}")
    return value


def _check_site_url(value: str) -> str:
    check_url(value)
    if "?" in value or "#" in value:
        raise ValueError(f"'{value}' has a ? or #: write the plain address of the site's folder, "
                         "without a query or a fragment")
    folder = value if value.endswith("/") else value + "/"
    if not SITE_PATH_RE.fullmatch(urlsplit(folder).path or "/"):
        raise ValueError(f"'{value}' is not a plain folder address: its path may hold only letters, digits "
                         "and - . _ ~ /")
    # pages, the sitemap and search results are addressed below it, so it names a folder
    return folder


def _check_reference(value: str) -> str:
    # 'CBT', 'cbt ' or 'Dialectical Behavior Therapy' name a file too: validate/references.py refuses them
    # with the id they meant, which only it knows; here only what no one would write for an id is refused
    if not value.isprintable() or len(value) > MAX_REFERENCE:
        raise ValueError(_NOT_AN_ID.format(value=value))
    return value


def _check_text(value: str) -> str:
    # one kind of line break: CR and CRLF (a double-quoted "\r") and the Unicode separators become \n
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    bad = _CONTROL.search(value)
    if bad:
        before = " ".join(value[: bad.start()].split()[-4:])
        where = f" after '{before}'" if before else " at its start"
        raise ValueError(f"this text holds an invisible control character (U+{ord(bad[0]):04X}){where}: delete it "
                         "(in double-quoted text, escapes such as \\e or \\x1b write such characters)")
    return value


def _one_line(value: str) -> str:
    # a name or title is one line wherever it goes: a heading, an option of a form, a calendar event
    return " ".join(value.split())


def matching(pattern: re.Pattern[str], message: str, longest: int | None = None) -> tuple[Any, ...]:
    """Return the Annotated metadata of a text that all of `pattern` matches, at most `longest` characters long.

    A value that does not fit raises ValueError(message), `{value}` in it standing for the value; the JSON
    Schema gets the pattern (and maxLength), so that editors flag the value too. Write the type as
    `Annotated[str, *matching(...)]`: type checkers read that as str.
    """
    def check(value: str) -> str:
        if not pattern.fullmatch(value) or (longest is not None and len(value) > longest):
            raise ValueError(message.format(value=value))
        return value

    schema: dict[str, Any] = {"pattern": pattern.pattern}
    if longest is not None:
        schema["maxLength"] = longest
    return AfterValidator(check), Field(json_schema_extra=schema)


def text_of_number(value: Any) -> Any:
    """Return a whole number as text; leave any other value as it is."""
    # `weeks: 1` is the natural way to write a one-week phase; keep it as text
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


@dataclass(frozen=True)
class WeekSpan:
    """Weeks a phase covers: `first` to `last`; `last` None means "to the end" (`5+`)."""

    first: int
    last: int | None

    def end(self, length: int) -> int:
        """The last week covered in a program of `length` weeks."""
        return length if self.last is None else self.last

    def weeks(self, length: int) -> range:
        """Every week covered in a program of `length` weeks."""
        return range(self.first, self.end(length) + 1)


def parse_weeks(value: str) -> WeekSpan:
    """Read `3`, `2-3` or `5+` into a WeekSpan; raise ValueError with a plain message."""
    match = WEEKS_RE.fullmatch(value)
    if not match:
        raise ValueError(f"'{value}' is not a week or range of weeks: write 3, 2-3 or 5+ (5 to the end)")
    first = int(match[1])
    last = None if match[4] else int(match[3]) if match[2] else first
    if first < 1:
        raise ValueError(f"'{value}' starts at week {first}, but weeks are counted from 1")
    if last is not None and last < first:
        raise ValueError(f"'{value}' ends before it starts: write the smaller week first")
    return WeekSpan(first, last)


def _check_weeks(value: str) -> str:
    parse_weeks(value)
    return value.replace(" ", "")


class GuideLanguage(StrEnum):
    """A language the guide can be published in (translate/marks.py names them): English and Spanish."""

    en = "en"
    es = "es"


def _english_first(languages: list[GuideLanguage]) -> list[GuideLanguage]:
    if GuideLanguage.en not in languages:
        raise ValueError("every guide is published in English (en), at the site's own address: list en first")
    if len(set(languages)) != len(languages):
        raise ValueError("a language is listed twice")
    return [GuideLanguage.en, *(language for language in languages if language is not GuideLanguage.en)]


GuideLanguages = Annotated[list[GuideLanguage], AfterValidator(_english_first)]


class Weekday(StrEnum):
    """A day of the week, as its three-letter short name."""

    mon = "mon"
    tue = "tue"
    wed = "wed"
    thu = "thu"
    fri = "fri"
    sat = "sat"
    sun = "sun"


DAY_NAMES = {
    "mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
    "fri": "Friday", "sat": "Saturday", "sun": "Sunday",
}


def _lower(value: Any) -> Any:
    return value.strip().lower()[:3] if isinstance(value, str) and value.strip().lower() in _FULL_DAYS else value


_FULL_DAYS = {name.lower() for name in DAY_NAMES.values()} | set(DAY_NAMES)

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_check_text)]
# names and titles: one line, however the YAML wrote them
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_check_text),
                 AfterValidator(_one_line)]


def is_text(annotation: Any) -> bool:
    """True for Text or Line (or either or None): words a patient reads, which a translation may give."""
    arms = typing.get_args(annotation) if typing.get_origin(annotation) in (typing.Union, types.UnionType) \
        else (annotation,)
    return any(typing.get_origin(arm) is Annotated
               and any(getattr(meta, "func", None) is _check_text for meta in typing.get_args(arm)[1:])
               for arm in arms)


_NOT_AN_ID = "'{value}' is not a valid id: use only lowercase letters, digits and hyphens"
Id = Annotated[str, *matching(ID_RE, _NOT_AN_ID)]
# an id that names another file (or a program's phase): that it names one is checked across files
Ref = Annotated[str, AfterValidator(_check_reference), Field(json_schema_extra={"pattern": ID_RE.pattern})]
Time = Annotated[str, BeforeValidator(_time_input), AfterValidator(_check_time),
                 Field(json_schema_extra={"pattern": r"^([01]?\d|2[0-3]):[0-5]\d$"}, examples=["09:00"])]
Color = Annotated[str, AfterValidator(_check_color),
                  Field(json_schema_extra={"pattern": COLOR_RE.pattern}, examples=["#1f5f8b"])]
Phone = Annotated[str, AfterValidator(check_phone), Field(examples=["(626) 555-0142"])]
ShortNumber = Annotated[str, AfterValidator(_check_short_number), Field(examples=["988"])]
Email = Annotated[str, AfterValidator(check_email),
                  Field(json_schema_extra={"pattern": EMAIL_RE.pattern}, examples=["hello@clinic.example"])]
Url = Annotated[str, AfterValidator(check_url),
                Field(json_schema_extra={"pattern": r"^https?://[A-Za-z0-9\-._~:/?#@!$&()*+,;=%]+$"},
                      examples=["https://example.org/guide/"])]
# where a site lives: no query or fragment, a plain folder path; a missing final / is added
SiteUrl = Annotated[str, AfterValidator(_check_site_url),
                    Field(json_schema_extra={"pattern": r"^https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~%/-]*)?$"},
                          examples=["https://guide.example.org/"])]
Weeks = Annotated[str, BeforeValidator(text_of_number), AfterValidator(_check_weeks),
                  Field(json_schema_extra={"pattern": r"^\d+(-\d+|\+)?$"}, examples=["1", "2-3", "5+"])]
Day = Annotated[Weekday, BeforeValidator(_lower)]
# pages find a term as a whole word: spaces or punctuation would never match
GlossaryTerm = Annotated[str, *matching(GLOSSARY_TERM_RE, "'{value}' is not a short term: write the abbreviation "
                                        "alone, in letters and digits, such as PHP", longest=20)]
# the name goes into the site's CSS: letters, digits and single spaces cannot break out of it
FontFamily = Annotated[str, *matching(FONT_FAMILY_RE, "'{value}' is not a font family name: use letters, digits "
                                      "and spaces only, such as Atkinson Hyperlegible", longest=60)]
