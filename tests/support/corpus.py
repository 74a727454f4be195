"""The corpus' vocabulary: changes to a copy of the minimal data, and the errors `check` must give."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

T = "therapies/cbt.yaml"
G = "therapies/group-therapy.yaml"
P = "programs/core-iop.yaml"
C = "clinics/harbor-light/clinic.yaml"
L = "clinics/harbor-light/locations/pasadena.yaml"

Change = Callable[[Path], None]

# -- changes ---------------------------------------------------------------------


def replace(file: str, old: str, new: str) -> Change:
    """Replace the one occurrence of old in a file."""
    def apply(root: Path) -> None:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} is not in {file} exactly once"
        path.write_text(text.replace(old, new), encoding="utf-8")
    return apply


def write(file: str, text: str) -> Change:
    """Write a whole file (creating its folder)."""
    def apply(root: Path) -> None:
        (root / file).parent.mkdir(parents=True, exist_ok=True)
        (root / file).write_text(text, encoding="utf-8")
    return apply


def write_bytes(file: str, data: bytes) -> Change:
    """Write raw bytes to a file."""
    def apply(root: Path) -> None:
        (root / file).write_bytes(data)
    return apply


def raw(file: str, edit: Callable[[bytes], bytes]) -> Change:
    """Change the bytes of a file."""
    def apply(root: Path) -> None:
        (root / file).write_bytes(edit((root / file).read_bytes()))
    return apply


def append(file: str, text: str) -> Change:
    """Add lines at the end of a file."""
    def apply(root: Path) -> None:
        path = root / file
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return apply


def delete(file: str) -> Change:
    """Remove a file."""
    def apply(root: Path) -> None:
        (root / file).unlink()
    return apply


def rename(old: str, new: str) -> Change:
    """Rename a file or folder."""
    def apply(root: Path) -> None:
        (root / old).rename(root / new)
    return apply


def both(*changes: Change) -> Change:
    """Several changes that make one mistake together."""
    def apply(root: Path) -> None:
        for change in changes:
            change(root)
    return apply


def err(place: str, message: str, hint: str | None = None, severity: str = "error") -> str:
    """The text of one diagnostic, as `check` prints it."""
    return f"{place}: {severity}: {message}" + (f"\n    hint: {hint}" if hint else "")


def warn(place: str, message: str, hint: str | None = None) -> str:
    return err(place, message, hint, severity="warning")


@dataclass(frozen=True)
class Case:
    """One bad input: a change to the minimal data and what `check` must say about it."""

    name: str
    change: Change
    errors: list[str]
    # the exact warnings, for the cases whose point is a warning; None: warnings are not checked
    warnings: list[str] | None = None


ART_THERAPY = """\
name: Art therapy
kind: complementary
summary: Make art to say what words cannot.
what_it_is: You draw, paint or build.
session: A quiet room with paper and paint.
helps_with:
  - Feelings that are hard to put into words
"""

ADD_ART = "therapies:\n  add:\n    - therapy: art-therapy\n      weeks: 2+\n"
