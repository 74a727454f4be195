"""`iop-guide reviewed FILE[:LINE]`: mark a translation's texts as checked against the English they translate now.

Each `from` value of the file (or only the text at LINE) gets the mark of the
English as it reads now (marks.py), so `check` stops saying it is stale or not
reviewed. Only those values' characters change; the file keeps its layout.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from generator.diagnostics import UsageError, resolved_or_none
from generator.load.dataset import DataSet
from generator.source import Path_
from generator.translate.dataset import translated
from generator.translate.marks import set_marks


def mark_reviewed(data: DataSet, file: Path, line: int | None = None) -> int:
    """Set the marks of a translation file's texts (those starting or marked on line, if given); how many changed."""
    real = resolved_or_none(file)
    found = [doc for (_, _, language), doc in data.translations.items() if resolved_or_none(doc.source.file) == real]
    if real is None or not found:
        raise UsageError(f"{file} is not a translation file of the data (a file such as core-iop.es.yaml, "
                         "beside its English)")
    doc = found[0]
    language = next(language for (_, _, language), other in data.translations.items() if other is doc)
    leaves = translated(data, language).leaves.get(doc.source.file, [])
    chosen = [(path, mark) for path, mark in leaves if line is None or line in _lines(doc.source.values, path)]
    if line is not None and not chosen:
        raise UsageError(f"no translated text starts on line {line} of {file}")
    marks = {}
    for path, mark in chosen:
        at = doc.source.values.get(path + ("from",))
        if at is None:
            raise UsageError(f"the text at {file}:{doc.source.locate(path)[0]} has no 'from:' to mark; add "
                             'from: "" under its text: and run this again')
        if _current(doc.source.lines, at) != mark:
            marks[at] = mark
    if marks:
        _write(doc.source.file, set_marks(doc.source.lines, marks))
    return len(marks)


def _lines(values: dict[Path_, tuple[int, int]], path: Path_) -> set[int]:
    return {values[part][0] for part in (path + ("text",), path + ("from",)) if part in values}


def _current(lines: list[str], at: tuple[int, int]) -> str:
    text = lines[at[0] - 1][at[1] - 1:]
    return text.split()[0].strip("\"'") if text.split() else ""


def _write(file: Path, lines: list[str]) -> None:
    """Replace the file whole (a temporary file beside it, then a rename): an interrupted write loses nothing."""
    handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write("\n".join(lines) + "\n")
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
