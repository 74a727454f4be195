"""Constrained scalar types of the data model, each with a message a clinician can act on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

ID_RE = re.compile(r"^[a-z0-9-]+$")
TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})$")
COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
PHONE_RE = re.compile(r"^\+?[0-9 ().-]{3,20}$")
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
WEEKS_RE = re.compile(r"^\s*(\d+)\s*(?:(-)\s*(\d+)|(\+))?\s*$")


def _check_id(value: str) -> str:
    if not ID_RE.match(value):
        raise ValueError(f"'{value}' is not a valid id: use only lowercase letters, digits and hyphens")
    return value


def _check_time(value: str) -> str:
    match = TIME_RE.match(value)
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
    if not COLOR_RE.match(value):
        raise ValueError(f"'{value}' is not a color: write # and six hex digits, such as #1f5f8b")
    return value.lower()


def _check_phone(value: str, fewest: int = 7) -> str:
    if not PHONE_RE.match(value) or sum(c.isdigit() for c in value) < fewest:
        raise ValueError(f"'{value}' is not a phone number: use digits, spaces, ( ) - and an optional leading +")
    return value


def _check_short_number(value: str) -> str:
    # crisis lines such as 988 and 911 are three-digit short codes
    return _check_phone(value, fewest=3)


def _check_url(value: str) -> str:
    if not URL_RE.match(value):
        raise ValueError(f"'{value}' is not a web address: it must start with https:// (or http://)")
    return value


def text_of_number(value: Any) -> Any:
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
    match = WEEKS_RE.match(value)
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

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, AfterValidator(_check_id), Field(json_schema_extra={"pattern": ID_RE.pattern})]
Time = Annotated[str, BeforeValidator(_time_input), AfterValidator(_check_time),
                 Field(json_schema_extra={"pattern": r"^([01]?\d|2[0-3]):[0-5]\d$"}, examples=["09:00"])]
Color = Annotated[str, AfterValidator(_check_color),
                  Field(json_schema_extra={"pattern": COLOR_RE.pattern}, examples=["#1f5f8b"])]
Phone = Annotated[str, AfterValidator(_check_phone), Field(examples=["(626) 555-0142"])]
ShortNumber = Annotated[str, AfterValidator(_check_short_number), Field(examples=["988"])]
Url = Annotated[str, AfterValidator(_check_url), Field(examples=["https://example.org/guide/"])]
Weeks = Annotated[str, BeforeValidator(text_of_number), AfterValidator(_check_weeks),
                  Field(json_schema_extra={"pattern": r"^\d+(-\d+|\+)?$"}, examples=["1", "2-3", "5+"])]
Day = Annotated[Weekday, BeforeValidator(_lower)]


def tel_link(phone: str) -> str:
    """Turn a displayed phone number into a `tel:` target (US numbers get +1)."""
    digits = "".join(c for c in phone if c.isdigit())
    if phone.strip().startswith("+"):
        return f"tel:+{digits}"
    if len(digits) == 10:
        return f"tel:+1{digits}"
    return f"tel:{digits}"
