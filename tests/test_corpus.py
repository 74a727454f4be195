"""A corpus of bad inputs: each case breaks a copy of tests/data/minimal in one way.

Every mistake a clinician can make must come back as `path:line:col: error: message`
(with a hint where one helps), never as a Python traceback. Each case lists the
exact errors `check` reports, positions included.

The minimal data (valid, with no warning either), and the lines the cases rely on:

    therapies/cbt.yaml        1 name, 3 kind, 4 summary, 7 helps_with, 8 its one item
    therapies/group-therapy.yaml
    programs/core-iop.yaml    3 length {min: 6, max: 8}; three phases from lines 10, 19 and 26,
                              weeks 1, 2-3 and 4+ (lines 12, 21, 28), therapies at lines 25 and 32;
                              preparation, aftercare and crisis after line 32
    clinics/harbor-light/clinic.yaml      3 program, 4 base_url, 5 brand (6 logo, 8 primary,
                              9 accent), 10 contact (11 phone, 12 website)
    clinics/harbor-light/logo.svg
    clinics/harbor-light/locations/pasadena.yaml      2 address (4 city), 7 phone,
                              9 program_length: 7, 10 tracks (11 name, 12 days, 13 start, 14 end)

Each case is (name, change, the exact errors, and for cases about a warning the exact
warnings). Other checks may add warnings to a case: only the cases whose point is a warning
(or that must pass cleanly) pin them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import pipeline
from generator.diagnostics import Diagnostic
from generator.load.loader import MAX_FILE_BYTES, MAX_NODES

MINIMAL = Path(__file__).resolve().parent / "data" / "minimal"

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

CASES: list[Case] = [
    # -- YAML syntax -------------------------------------------------------------------------------------------------
    Case("tab-indentation", replace(T, "  - Noticing", "\t- Noticing"),
         [err("therapies/cbt.yaml:8:1",
              "YAML syntax: a tab character is used for indentation",
              "indent with spaces only (YAML does not allow tabs)")]),
    Case("tab-after-colon", replace(T, "kind: core", "kind:\tcore"),
         [err("therapies/cbt.yaml:3:6",
              "YAML syntax: a tab character is used where YAML expects a space",
              "replace the tab with a space (YAML does not allow tabs)")]),
    Case("unclosed-quote", replace(T, "summary: Learn", 'summary: "Learn'),
         [err("therapies/cbt.yaml:4:10",
              "YAML syntax: a quote is opened but never closed",
              "close the quote (\" or ') at the end of the text")]),
    Case("unclosed-bracket", replace(L, "days: [mon, wed, thu]", "days: [mon, wed, thu"),
         [err("clinics/harbor-light/locations/pasadena.yaml:12:11",
              "YAML syntax: the list that opens here with '[' is not closed by ']'",
              "close it with ']' on the same line; an item that contains ': ' or ',' goes in quotes")]),
    Case("bad-indent", replace(L, "  city: Pasadena", "   city: Pasadena"),
         [err("clinics/harbor-light/locations/pasadena.yaml:4:8",
              "YAML syntax: a ':' appears where YAML does not expect one",
              "check the indentation of this line, or put text containing ': ' in quotes")]),
    Case("key-without-colon", replace(C, "tagline: Steady", "tagline Steady"),
         [err("clinics/harbor-light/clinic.yaml:2:1",
              "YAML syntax: a key has no ':' after it",
              "write 'key: value'")]),
    Case("key-without-value", replace(T, "name: Cognitive Behavioral Therapy", "name:"),
         [err("therapies/cbt.yaml:1:1",
              "name: expected text, got nothing",
              "write the value after 'name:'; text that starts with '#' goes in quotes, or YAML skips it as a "
              "comment")]),
    Case("colon-in-text", replace(T, "summary: Learn how", "summary: Note: learn how"),
         [err("therapies/cbt.yaml:4:14",
              "YAML syntax: a ':' appears where YAML does not expect one",
              "check the indentation of this line, or put text containing ': ' in quotes")]),
    Case("star-at-start-of-text", replace(T, "summary: Learn how", "summary: *Really* learn how"),
         [err("therapies/cbt.yaml:4:10",
              "YAML syntax: text that starts with '*' must be in quotes",
              "YAML reads '*' at the start as an alias; write the text in quotes, like \"*really* helpful\"")]),
    Case("at-sign-at-start-of-text", replace(T, "summary: Learn how", "summary: @home learn how"),
         [err("therapies/cbt.yaml:4:10",
              "YAML syntax: text that starts with '@' must be in quotes",
              "write the whole text in quotes, like \"@...\"")]),
    Case("text-after-closing-quote", replace(T, "name: Cognitive Behavioral Therapy", 'name: "Cognitive" therapy'),
         [err("therapies/cbt.yaml:1:19",
              "YAML syntax: text goes on after a closing quote",
              "to quote words inside a text, put the whole text in single quotes: 'A \"new\" start'")]),
    Case("apostrophe-in-single-quotes", replace(T, "name: Cognitive Behavioral Therapy", "name: 'Don't worry'"),
         [err("therapies/cbt.yaml:1:12",
              "YAML syntax: text goes on after a closing quote",
              "inside '...' write an apostrophe twice, like 'Don''t worry', or use \"...\" around the text")]),
    Case("checkbox-item", replace(P, "goals: [Learn the schedule]", "goals:\n      - [ ] Learn the schedule"),
         [err("programs/core-iop.yaml:15:13",
              "YAML syntax: text goes on after a closing ']'",
              "text that starts with '[' goes in quotes, like \"[ ] Bring your ID\"")]),
    Case("pipe-at-start-of-text", replace(T, "summary: Learn how", "summary: | Learn how"),
         [err("therapies/cbt.yaml:4:10",
              "YAML syntax: text that starts with '|' must be in quotes",
              "a '|' alone at the end of a line starts a block of text on the lines below; other text that "
              "starts with it goes in quotes")]),
    Case("list-item-on-the-key-line", replace(L, "tracks:\n  - name: Evening track", "tracks: - name: Evening track"),
         [err("clinics/harbor-light/locations/pasadena.yaml:10:9",
              "YAML syntax: a list item ('- ') must start on a line of its own",
              "put each '- ' item on its own line, indented under its key")]),
    Case("backslash-in-double-quotes", replace(T, "name: Cognitive Behavioral Therapy", 'name: "CBT\\Cognitive"'),
         [err("therapies/cbt.yaml:1:11",
              "YAML syntax: a '\\' inside double quotes must be followed by a known letter, like \\n",
              "write '\\\\' for a backslash, or put the text in single quotes")]),
    Case("duplicate-key", replace(T, "kind: core\n", "kind: core\nkind: support\n"),
         [err("therapies/cbt.yaml:4:1",
              "duplicate key 'kind' (first set at line 3)",
              "keep one of them; YAML would silently drop the first")]),
    Case("duplicate-nested-key", replace(C, '  accent: "#b3541e"\n', '  accent: "#b3541e"\n  primary: "#000000"\n'),
         [err("clinics/harbor-light/clinic.yaml:10:3",
              "duplicate key 'primary' (first set at line 8)",
              "keep one of them; YAML would silently drop the first")]),
    Case("two-documents", append(T, "---\nname: Other\n"),
         [err("therapies/cbt.yaml:9:1",
              "YAML syntax: a second document starts here ('---'); a file holds only one",
              "remove the '---' line, or move what follows into a file of its own")]),
    Case("control-character", replace(T, "kind: core", "kind: co\x07re"),
         [err("therapies/cbt.yaml:3:9",
              "the file holds an invisible control character (U+0007)",
              "delete it; it often comes with text copied from another program")]),
    # -- the file as a whole -----------------------------------------------------------------------------------------
    Case("empty-file", write(T, ""),
         [err("therapies/cbt.yaml:1:1", "the file is empty", "a file here must hold a mapping of keys and values")]),
    Case("comment-only-file", write(T, "# to do: write this therapy\n"),
         [err("therapies/cbt.yaml:1:1", "the file is empty", "a file here must hold a mapping of keys and values")]),
    Case("null-file", write(T, "~\n"),
         [err("therapies/cbt.yaml:1:1",
              "the file must hold a mapping of keys, but holds nothing",
              "start each line with a key, like 'name: ...'")]),
    Case("not-utf8", write_bytes(T, "name: Caf\u00e9 therapy\n".encode("latin-1")),
         [err("therapies/cbt.yaml:1:10",
              "the file is not UTF-8 text (byte 9 is 0xe9)",
              "save the file as UTF-8 in your editor")]),
    Case("top-level-list", write(T, "- name: Cognitive Behavioral Therapy\n- kind: core\n"),
         [err("therapies/cbt.yaml:1:1",
              "the file must hold a mapping of keys, but holds a list",
              "start each line with a key, like 'name: ...'")]),
    Case("top-level-string", write(T, "Cognitive Behavioral Therapy\n"),
         [err("therapies/cbt.yaml:1:1",
              "the file must hold a mapping of keys, but holds text",
              "start each line with a key, like 'name: ...'")]),
    Case("too-large", write(T, "name: CBT\nsummary: " + "x" * MAX_FILE_BYTES + "\n"),
         [err("therapies/cbt.yaml:1:1",
              "the file is 1,000,020 bytes; the limit is 1,000,000",
              "split the content, or look for text pasted by mistake")]),
    Case("nesting-too-deep", replace(T, "  - Noticing thoughts that drag you down", "  - " + "[" * 5000 + "]" * 5000),
         [err("therapies/cbt.yaml:8:63",
              "the data is nested more than 60 levels deep",
              "use fewer levels of indentation or brackets")]),
    # -- wrong types -------------------------------------------------------------------------------------------------
    Case("string-for-list", replace(T, "helps_with:\n  - Noticing", "helps_with: Noticing"),
         [err("therapies/cbt.yaml:7:13", "helps_with: expected a list (lines starting with '- '), got text")]),
    Case("number-for-string", replace(T, "name: Cognitive Behavioral Therapy", "name: 42"),
         [err("therapies/cbt.yaml:1:7", "name: expected text, got 42 (put it in quotes)")]),
    Case("boolean-for-string", replace(T, "name: Cognitive Behavioral Therapy", "name: true"),
         [err("therapies/cbt.yaml:1:7", "name: expected text, got true (put it in quotes)")]),
    Case("mapping-for-text", replace(C, "tagline: Steady", "tagline:\n  text: Steady"),
         [err("clinics/harbor-light/clinic.yaml:3:3",
              "tagline: expected text, got a mapping (key: value lines)",
              "text that contains ': ' goes in quotes")]),
    Case("mapping-for-list-item", replace(P, "goals: [Learn the schedule]", "goals:\n      - Learn: the schedule"),
         [err("programs/core-iop.yaml:15:9",
              "phases[1].goals[1]: expected text, got a mapping (key: value lines)",
              "text that contains ': ' goes in quotes")]),
    Case("list-for-mapping", replace(P, "  good_fit: [You have a safe place to live]",
                                     "  - You have a safe place to live"),
         [err("programs/core-iop.yaml:7:3", "who_for: expected a mapping (key: value lines), got a list")]),
    Case("text-for-number", replace(L, "program_length: 7", "program_length: seven"),
         [err("clinics/harbor-light/locations/pasadena.yaml:9:17",
              "program_length: expected a whole number, got text")]),
    Case("list-for-therapy-changes", append(L, "therapies: [cbt]\n"),
         [err("clinics/harbor-light/locations/pasadena.yaml:15:12",
              "therapies: expected a mapping (key: value lines), got a list")]),
    # -- required and unknown keys -----------------------------------------------------------------------------------
    Case("missing-top-level-key", replace(C, "tagline: Steady support, close to home.\n", ""),
         [err("clinics/harbor-light/clinic.yaml:1:1",
              "missing required key 'tagline'",
              "add 'tagline: ...' (A short line under the name.)")]),
    Case("missing-nested-key", replace(P, "    summary: You practice new skills.\n", ""),
         [err("programs/core-iop.yaml:19:5",
              "phases[2]: missing required key 'summary'",
              "add 'summary: ...' (What this phase is about, in a short paragraph.)")]),
    Case("missing-section", replace(C, "contact:\n  phone: (626) 555-0100\n  website: https://harborlight.example/\n",
                                    ""),
         [err("clinics/harbor-light/clinic.yaml:1:1",
              "missing required key 'contact'",
              "add 'contact: ...' (Clinic-wide contact details.)")]),
    Case("unknown-key-did-you-mean", replace(C, "tagline:", "tagLine:"),
         [err("clinics/harbor-light/clinic.yaml:2:1", "tagLine: unknown key 'tagLine'", "did you mean 'tagline'?")]),
    Case("unknown-nested-key-did-you-mean", replace(C, "logo_alt:", "logo-alt:"),
         [err("clinics/harbor-light/clinic.yaml:7:3",
              "brand.logo-alt: unknown key 'logo-alt'",
              "did you mean 'logo_alt'?")]),
    Case("unknown-key-no-close-match", append(T, "colour: blue\n"),
         [err("therapies/cbt.yaml:9:1",
              "colour: unknown key 'colour'",
              "allowed keys here: id, name, short_name, kind, summary, what_it_is, session, helps_with, formats")]),
    Case("override-of-phase-weeks", append(C, "overrides:\n  phases:\n    - id: moving-on\n      weeks: 4-5\n"),
         [err("clinics/harbor-light/clinic.yaml:16:7",
              "overrides.phases[1].weeks: unknown key 'weeks'",
              "the weeks of a phase cannot be overridden; change them in the program file")]),
    Case("override-of-length", append(C, "overrides:\n  length: 5\n"),
         [err("clinics/harbor-light/clinic.yaml:14:3",
              "overrides.length: unknown key 'length'",
              "the program's length cannot be overridden; a location picks one from a range with 'program_length'")]),
    # -- ids ---------------------------------------------------------------------------------------------------------
    Case("file-name-not-an-id", rename(G, "therapies/Group Therapy.yaml"),
         [err("therapies/Group Therapy.yaml:1:1",
              "the file name 'Group Therapy' is not a valid id",
              "ids use only lowercase letters, digits and hyphens, like 'harbor-light'")]),
    Case("file-name-in-capitals", rename(T, "therapies/CBT.yaml"),
         [err("therapies/CBT.yaml:1:1",
              "the file name 'CBT' is not a valid id",
              "ids use only lowercase letters, digits and hyphens, like 'harbor-light'")]),
    Case("folder-name-not-an-id", rename("clinics/harbor-light", "clinics/Harbor_Light"),
         [err("clinics/Harbor_Light/clinic.yaml:1:1",
              "the folder 'Harbor_Light' is not a valid id",
              "ids use only lowercase letters, digits and hyphens, like 'harbor-light'")]),
    Case("id-key-does-not-match-file-name", replace(T, "name: Cognitive", "id: cbt-therapy\nname: Cognitive"),
         [err("therapies/cbt.yaml:1:5",
              "the id 'cbt-therapy' does not match the file name 'cbt'",
              "the file name is the id: rename it, or remove 'id:'")]),
    Case("id-key-not-an-id", replace(T, "name: Cognitive", "id: CBT\nname: Cognitive"),
         [err("therapies/cbt.yaml:1:5",
              "id: 'CBT' is not a valid id: use only lowercase letters, digits and hyphens")]),
    Case("duplicate-phase-id", replace(P, "id: moving-on", "id: building-skills"),
         [err("programs/core-iop.yaml:26:9",
              "two phases have the id 'building-skills'",
              "the first is phases[2]; ids must be unique")]),
    Case("therapy-twice-in-a-phase", replace(P, "therapies: [cbt, group-therapy]",
                                             "therapies: [cbt, group-therapy, cbt]"),
         [err("programs/core-iop.yaml:25:37", "'cbt' is listed twice", "remove one of them")]),
    Case("track-day-twice", replace(L, "days: [mon, wed, thu]", "days: [mon, wed, mon]"),
         [err("clinics/harbor-light/locations/pasadena.yaml:12:22", "'mon' is listed twice", "remove one of them")]),
    # -- references --------------------------------------------------------------------------------------------------
    Case("dangling-phase-therapy", replace(P, "therapies: [cbt]", "therapies: [cbtt]"),
         [err("programs/core-iop.yaml:32:17", "no therapy has the id 'cbtt'", "did you mean 'cbt'?")]),
    Case("dangling-activity-therapy", replace(P, "therapy: group-therapy", "therapy: group"),
         [err("programs/core-iop.yaml:18:18", "no therapy has the id 'group'", "did you mean 'group-therapy'?")]),
    Case("dangling-program", replace(C, "program: core-iop", "program: core"),
         [err("clinics/harbor-light/clinic.yaml:3:10", "no program has the id 'core'", "did you mean 'core-iop'?")]),
    Case("dangling-override-phase", append(C, "overrides:\n  phases:\n    - id: moving-no\n      title: Next steps\n"),
         [err("clinics/harbor-light/clinic.yaml:15:11",
              "the program has no phase with the id 'moving-no'",
              "did you mean 'moving-on'?")]),
    Case("dangling-added-therapy", append(L, ADD_ART),
         [err("clinics/harbor-light/locations/pasadena.yaml:17:16",
              "no therapy has the id 'art-therapy'",
              "did you mean 'group-therapy'?")]),
    Case("clinic-file-missing", delete(C),
         [err("clinics/harbor-light/locations/pasadena.yaml:1:1",
              "the clinic 'harbor-light' has no clinic.yaml, so this location cannot be built",
              "add clinics/harbor-light/clinic.yaml")]),
    # -- weeks and lengths -------------------------------------------------------------------------------------------
    Case("phase-gap", replace(P, "weeks: 2-3", "weeks: 3"),
         [err("programs/core-iop.yaml:21:12",
              "week 2 belongs to no phase: this phase starts at week 3",
              "start this phase at week 2, or add a phase for the gap")]),
    Case("phase-overlap", replace(P, "weeks: 4+", "weeks: 3+"),
         [err("programs/core-iop.yaml:28:12",
              "week 3 is already covered by the phase before",
              "start this phase at week 4")]),
    Case("week-past-the-length", replace(P, "weeks: 4+", "weeks: 4-9"),
         [err("programs/core-iop.yaml:28:12",
              "'4-9' goes past the end of a 6-week program",
              "the last week is 6, or write '4+' to run to the end"),
          err("programs/core-iop.yaml:28:12",
              "'4-9' goes past the end of an 8-week program",
              "the last week is 8, or write '4+' to run to the end")]),
    Case("open-ended-phase-not-last", replace(P, "weeks: 2-3", "weeks: 2+"),
         [err("programs/core-iop.yaml:21:12",
              "'2+' runs to the end of the program, so only the last phase may use it",
              "give this phase an end week, like 2-3")]),
    Case("weeks-backwards", replace(P, "weeks: 2-3", "weeks: 3-2"),
         [err("programs/core-iop.yaml:21:12",
              "phases[2].weeks: '3-2' ends before it starts: write the smaller week first")]),
    Case("week-zero", replace(P, "weeks: 1\n", "weeks: 0\n"),
         [err("programs/core-iop.yaml:12:12", "phases[1].weeks: '0' starts at week 0, but weeks are counted from 1")]),
    Case("weeks-unparseable", replace(P, "weeks: 2-3", "weeks: 2 to 3"),
         [err("programs/core-iop.yaml:21:12",
              "phases[2].weeks: '2 to 3' is not a week or range of weeks: write 3, 2-3 or 5+ (5 to the end)")]),
    Case("length-outside-the-range", replace(L, "program_length: 7", "program_length: 9"),
         [err("clinics/harbor-light/locations/pasadena.yaml:9:17",
              "9 weeks is outside the program's range of 6 to 8 weeks")]),
    Case("length-missing-for-a-range", replace(L, "program_length: 7\n", ""),
         [err("clinics/harbor-light/locations/pasadena.yaml:1:1",
              "missing required key 'program_length': the program 'core-iop' lasts 6 to 8 weeks",
              "add 'program_length: N'")]),
    Case("length-range-backwards", replace(P, "length: {min: 6, max: 8}", "length: {min: 8, max: 6}"),
         [err("programs/core-iop.yaml:3:9",
              "length: max (6) must be more than min (8); for a fixed length write one number")]),
    Case("therapy-offered-never-scheduled", both(write("therapies/art-therapy.yaml", ART_THERAPY),
                                                 append(L, ADD_ART.replace("      weeks: 2+\n", ""))),
         [err("clinics/harbor-light/locations/pasadena.yaml:17:7",
              "'art-therapy' is offered here but no week uses it",
              "add 'weeks: ...' (like 3, 2-3 or 5+) to say when it meets")]),
    Case("remove-a-therapy-not-in-the-program", both(write("therapies/art-therapy.yaml", ART_THERAPY),
                                                     append(L, "therapies:\n  remove: [art-therapy]\n")),
         [err("clinics/harbor-light/locations/pasadena.yaml:16:12",
              "'art-therapy' is not part of the program 'core-iop', so there is nothing to remove",
              "take it out of 'remove'; only a therapy the program uses can be removed")]),
    Case("remove-a-misspelled-therapy", append(L, "therapies:\n  remove: [cbtt]\n"),
         [err("clinics/harbor-light/locations/pasadena.yaml:16:12",
              "'cbtt' is not part of the program 'core-iop', so there is nothing to remove",
              "did you mean 'cbt'?")]),
    # -- times, days, colors, files, addresses -----------------------------------------------------------------------
    Case("time-25-00", replace(L, 'start: "18:00"', 'start: "25:00"'),
         [err("clinics/harbor-light/locations/pasadena.yaml:13:12",
              "tracks[1].start: '25:00' is not a time of day: write 24-hour HH:MM, such as 09:00 or 18:30")]),
    Case("time-9am", replace(L, 'start: "18:00"', "start: 9am"),
         [err("clinics/harbor-light/locations/pasadena.yaml:13:12",
              "tracks[1].start: '9am' is not a time of day: write 24-hour HH:MM, such as 09:00 or 18:30")]),
    Case("end-before-start", replace(L, 'end: "21:00"', 'end: "17:00"'),
         [err("clinics/harbor-light/locations/pasadena.yaml:11:5",
              "tracks[1]: the end time 17:00 is not after the start time 18:00")]),
    Case("unknown-weekday", replace(L, "days: [mon, wed, thu]", "days: [mon, wed, thurs]"),
         [err("clinics/harbor-light/locations/pasadena.yaml:12:22",
              "tracks[1].days[3]: 'thurs' is not one of: mon, tue, wed, thu, fri, sat, sun",
              "did you mean 'thu'?")]),
    Case("unknown-weekday-no-close-match", replace(L, "days: [mon, wed, thu]", "days: [weekdays]"),
         [err("clinics/harbor-light/locations/pasadena.yaml:12:12",
              "tracks[1].days[1]: 'weekdays' is not one of: mon, tue, wed, thu, fri, sat, sun")]),
    Case("color-name", replace(C, 'primary: "#1d4e89"', "primary: blue"),
         [err("clinics/harbor-light/clinic.yaml:8:12",
              "brand.primary: 'blue' is not a color: write # and six hex digits, such as #1f5f8b")]),
    Case("color-five-digits", replace(C, 'accent: "#b3541e"', 'accent: "#12345"'),
         [err("clinics/harbor-light/clinic.yaml:9:11",
              "brand.accent: '#12345' is not a color: write # and six hex digits, such as #1f5f8b")]),
    Case("color-not-in-quotes", replace(C, 'primary: "#1d4e89"', "primary: #1d4e89"),
         [err("clinics/harbor-light/clinic.yaml:8:3",
              "brand.primary: expected text, got nothing",
              "write the value after 'primary:'; text that starts with '#' goes in quotes, or YAML skips it as a "
              "comment")]),
    Case("logo-missing", delete("clinics/harbor-light/logo.svg"),
         [err("clinics/harbor-light/clinic.yaml:6:9",
              "the logo file 'logo.svg' does not exist",
              "put it in the clinic folder: harbor-light/")]),
    Case("logo-not-svg-or-png", both(rename("clinics/harbor-light/logo.svg", "clinics/harbor-light/logo.jpg"),
                                     replace(C, "logo: logo.svg", "logo: logo.jpg")),
         [err("clinics/harbor-light/clinic.yaml:6:9",
              "the logo 'logo.jpg' must be an .svg or .png file",
              "save the logo as SVG or PNG in the clinic folder and name that file")]),
    Case("logo-outside-the-clinic-folder", replace(C, "logo: logo.svg", "logo: ../../../../etc/hostname.png"),
         [err("clinics/harbor-light/clinic.yaml:6:9",
              "the logo '../../../../etc/hostname.png' is outside the clinic folder",
              "put the logo in the clinic folder, harbor-light/, and write its file name, like 'logo.svg'")]),
    Case("bad-url", replace(C, "base_url: https://", "base_url: "),
         [err("clinics/harbor-light/clinic.yaml:4:11",
              "base_url: 'guide.harborlight.example/' is not a web address: it must start with https:// (or "
              "http://)")]),
    Case("bad-phone", replace(L, "phone: (626) 555-0142", "phone: call the front desk"),
         [err("clinics/harbor-light/locations/pasadena.yaml:7:8",
              "phone: 'call the front desk' is not a phone number: use digits, spaces, ( ) - and an optional "
              "leading +")]),
    Case("empty-list", replace(P, "goals: [Learn the schedule]", "goals: []"),
         [err("programs/core-iop.yaml:14:12", "phases[1].goals: needs at least 1 item, has none")]),
    Case("empty-text", replace(T, "summary: Learn how your thoughts shape your feelings.", 'summary: ""'),
         [err("therapies/cbt.yaml:4:10", "summary: must not be empty")]),
    Case("enum-typo", replace(T, "kind: core", "kind: cor"),
         [err("therapies/cbt.yaml:3:7",
              "kind: 'cor' is not one of: core, complementary, support",
              "did you mean 'core'?")]),
    Case("enum-given-a-list", replace(T, "kind: core", "kind: [core]"),
         [err("therapies/cbt.yaml:3:7", "kind: expected one of: core, complementary, support, got a list")]),
    # -- YAML features that are refused ------------------------------------------------------------------------------
    Case("merge-key", both(replace(L, "  - name: Evening track\n", "  - &evening\n    name: Evening track\n"),
                           append(L, "  - <<: *evening\n    name: Late track\n")),
         [err("clinics/harbor-light/locations/pasadena.yaml:16:5",
              "merge keys (<<) are not supported",
              "write the keys out in full")]),
    Case("python-tag", replace(T, "name: Cognitive Behavioral Therapy", "name: !!python/object:os.system x"),
         [err("therapies/cbt.yaml:1:7",
              "the tag '!!python/object:os.system' is not allowed",
              "remove the '!' tag; plain text, numbers, lists and mappings are enough")]),
    Case("custom-tag", replace(T, "kind: core", "kind: !core core"),
         [err("therapies/cbt.yaml:3:7",
              "the tag '!core' is not allowed",
              "remove the '!' tag; plain text, numbers, lists and mappings are enough")]),
    # -- not mistakes: these must pass -------------------------------------------------------------------------------
    Case("windows-line-endings", raw(T, lambda text: text.replace(b"\n", b"\r\n")),
         [],
         warnings=[]),
    Case("byte-order-mark", raw(T, lambda text: b"\xef\xbb\xbf" + text),
         [],
         warnings=[]),
    Case("full-day-names", replace(L, "days: [mon, wed, thu]", "days: [Monday, Wednesday, Thursday]"),
         [],
         warnings=[]),
    Case("times-without-quotes", replace(L, 'start: "18:00"', "start: 18:00"),
         [],
         warnings=[]),
    # -- files in the wrong place ------------------------------------------------------------------------------------
    Case("yml-extension", rename(T, "therapies/cbt.yml"),
         [err("therapies/cbt.yml:1:1",
              "this file is not read: data files end in .yaml, not .yml",
              "rename it to cbt.yaml")]),
    Case("yaml-in-a-subfolder", write("therapies/old/cbt.yaml", "name: Old\n"),
         [],
         warnings=[warn("therapies/old/cbt.yaml:1:1",
               "this file is not read: it is not where a therapy, program, clinic or location belongs",
               "therapies/ID.yaml, programs/ID.yaml, clinics/ID/clinic.yaml, "
               "clinics/ID/locations/ID.yaml")]),
    Case("locations-folder-misspelled", rename("clinics/harbor-light/locations", "clinics/harbor-light/location"),
         [],
         warnings=[warn("clinics/harbor-light/location/pasadena.yaml:1:1",
               "this file is not read: it is not where a therapy, program, clinic or location belongs",
               "therapies/ID.yaml, programs/ID.yaml, clinics/ID/clinic.yaml, "
               "clinics/ID/locations/ID.yaml")]),
]


# -- running the cases -----------------------------------------------------------


def diagnostics_of(folder: Path) -> list[Diagnostic]:
    """Every diagnostic `check` finds in a data folder."""
    result = pipeline.check(folder)
    return list(result[1] if isinstance(result, tuple) else result.diagnostics)


def shown(diagnostics: list[Diagnostic], severity: str, root: Path) -> list[str]:
    return [d.format(root=root) for d in diagnostics if d.severity.value == severity]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A private copy of the minimal data that a case may break."""
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    return target


def test_the_minimal_data_is_valid() -> None:
    assert [d.format(root=MINIMAL) for d in diagnostics_of(MINIMAL)] == []


def test_the_corpus_is_large_and_each_case_has_its_own_name() -> None:
    names = [case.name for case in CASES]
    assert len(names) >= 45
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in CASES])
def test_case(case: Case, folder: Path) -> None:
    case.change(folder)
    found = diagnostics_of(folder)
    assert shown(found, "error", folder) == case.errors
    if case.warnings is not None:
        assert shown(found, "warning", folder) == case.warnings


# -- alias bombs: they must fail fast and small ------------------------------------


def _billion_laughs() -> str:
    """Nine levels of nine aliases each: 9**9 values once expanded."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _wide_mapping_bomb() -> str:
    """One mapping of 1,000 keys, used 1,000 times: a million values from a small file."""
    keys = ", ".join(f"k{i}: v" for i in range(1000))
    return f"a: &a {{{keys}}}\nb: [" + ", ".join(["*a"] * 1000) + "]\n"


BOMB_ERROR = (f"the file expands to more than {MAX_NODES} values",
              "repeated aliases (*name) multiply the data; write the values out instead")


@pytest.mark.parametrize(("bomb", "place"), [
    pytest.param(_billion_laughs(), "therapies/cbt.yaml:2:8", id="billion-laughs"),
    pytest.param(_wide_mapping_bomb(), "therapies/cbt.yaml:2:5", id="wide-mapping"),
])
def test_an_alias_bomb_fails_fast_and_small(bomb: str, place: str, folder: Path) -> None:
    # the error proves the loader stopped at MAX_NODES values; how long that takes is measured in scripts/bench.py
    (folder / T).write_text(bomb, encoding="utf-8")
    found = diagnostics_of(folder)
    assert shown(found, "error", folder) == [err(place, *BOMB_ERROR)]
    # again, for memory only: tracing every allocation makes the run several times slower
    tracemalloc.start()
    try:
        diagnostics_of(folder)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50 * 1024 * 1024, f"peak memory {peak / 1e6:.1f} MB"


# -- the real command line ---------------------------------------------------------

CLI_CASES = ["tab-indentation", "control-character", "nesting-too-deep", "not-utf8", "python-tag",
             "unknown-key-did-you-mean", "dangling-program", "phase-gap", "clinic-file-missing"]


def iop_check(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "check", "--data", folder.name], cwd=folder.parent,
                          capture_output=True, text=True, timeout=120, check=False)


def test_the_command_line_passes_the_minimal_data(folder: Path) -> None:
    result = iop_check(folder)
    assert result.returncode == 0, result.stderr
    assert "1 site(s), 0 error(s), 0 warning(s)" in result.stderr


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in CASES if case.name in CLI_CASES])
def test_the_command_line_reports_the_located_line(case: Case, folder: Path) -> None:
    case.change(folder)
    result = iop_check(folder)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    lines = result.stderr.splitlines()
    for expected in case.errors:
        first, *hint = expected.split("\n")
        assert f"{folder.name}/{first}" in lines, result.stderr
        assert all(line in lines for line in hint), result.stderr
    assert f"{len(case.errors)} error(s)" in result.stderr


def test_every_cli_case_exists() -> None:
    assert set(CLI_CASES) <= {case.name for case in CASES}
