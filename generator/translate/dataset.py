"""The data in another language: every model with the texts its translation file gives, once per DataSet.

The resolve stage makes a language's sites from this DataSet exactly as it makes
the English ones from the English DataSet: one way to resolve a site. A file
with no translation keeps its English texts, each marked as English (overlay.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostic, Severity
from generator.load.dataset import DataSet, Entry, FileKind
from generator.source import Document, Origin, Path_, SourceMap
from generator.translate.marks import LANGUAGE_NAMES
from generator.translate.overlay import Overlay, overlay


@dataclass
class Translated:
    """The data in one language, and what laying the translations over it found."""

    data: DataSet
    # errors and review warnings of the translation files
    problems: list[Diagnostic] = field(default_factory=list)
    # by English file: the English texts that have no translation
    missing: dict[Path, list[Origin]] = field(default_factory=dict)
    # by English file: its translation file, None where there is none yet
    files: dict[Path, Path | None] = field(default_factory=dict)
    # by translation file: each text's path in it and the mark of its English now (what `reviewed` writes)
    leaves: dict[Path, list[tuple[Path_, str]]] = field(default_factory=dict)


def translated(data: DataSet, language: str) -> Translated:
    """The data with each model's texts in language where its translation gives them (made once)."""
    made = data.translated.get(language)
    if isinstance(made, Translated):
        return made
    result = Translated(DataSet(data.root, files=data.files, broken=data.broken, translations=data.translations))
    for kind, english, into in _stores(data, result.data):
        for key, entry in english.items():
            file_id = "/".join(key) if isinstance(key, tuple) else key
            into[key] = _entry(entry, kind, file_id, language, data, result)
    data.translated[language] = result
    return result


def _stores(data: DataSet, into: DataSet) -> list[tuple[FileKind, dict[Any, Entry[Any]], dict[Any, Entry[Any]]]]:
    return [(FileKind.therapy, data.therapies, into.therapies), (FileKind.program, data.programs, into.programs),
            (FileKind.clinic, data.clinics, into.clinics), (FileKind.location, data.locations, into.locations)]


def _entry(entry: Entry[Any], kind: FileKind, file_id: str, language: str, data: DataSet,
           result: Translated) -> Entry[Any]:
    doc = data.translations.get((kind, file_id, language))
    translation = _translation_file(entry.file, language) if doc is not None else None
    laid = Overlay(doc or Document({}, SourceMap(_translation_file(entry.file, language))), language)
    model = overlay(entry.model, laid)
    result.problems += laid.problems
    result.missing[entry.file] = laid.missing
    result.files[entry.file] = translation
    if translation is not None:
        result.leaves[translation] = laid.leaves
    return Entry(entry.id, model, entry.source)


def _translation_file(english: Path, language: str) -> Path:
    return english.with_name(f"{english.stem}.{language}{english.suffix}")


def missing_warnings(result: Translated, english_files: list[Path], language: str) -> list[Diagnostic]:
    """What a language's site lacks: a warning per file with no translation, else one per untranslated text."""
    name = LANGUAGE_NAMES[language]
    said = []
    for english in english_files:
        missing = result.missing.get(english, [])
        if not missing:
            continue
        if result.files.get(english) is None:
            said.append(Diagnostic(english, 1, 1, f"this file has no {name} translation, so its "
                                   f"{len(missing)} texts show in English on the {name} pages",
                                   severity=Severity.WARNING,
                                   hint=f"write {_translation_file(english, language).name} beside it "
                                   "(the data guide shows how)"))
            continue
        said += [origin.diagnostic(f"this text has no {name} translation yet, so the {name} pages show it in "
                                   "English", hint=f"add it to {_translation_file(english, language).name}",
                                   severity=Severity.WARNING) for origin in missing]
    return said
