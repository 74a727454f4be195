"""Find every YAML file of the data folder, load it and turn it into its model."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from generator.diagnostics import Diagnostic, LoadError, Severity, guarded, resolved_or_none
from generator.load.loader import load_file
from generator.load.reading import link_loop
from generator.model import Clinic, Location, Program, Therapy
from generator.model.modeling import parse
from generator.model.scalars import ID_RE
from generator.source import Document, SourceMap
from generator.translate.marks import LANGUAGE_NAMES, TRANSLATION_NAME

M = TypeVar("M", bound=BaseModel)

# what editors and systems leave beside the files they open or show: backups (*~), Emacs locks (.#*, which
# are links to nothing) and autosaves (#*#), Vim swap files, macOS and Windows folder views
LEFT_BEHIND = ("*~", ".#*", "#*#", "*.swp", "*.swo", ".DS_Store", "Thumbs.db")


@dataclass(frozen=True)
class Entry(Generic[M]):
    """One valid file: its id (the file name), its model and where its nodes are."""

    id: str
    model: M
    source: SourceMap

    @property
    def file(self) -> Path:
        """The YAML file this entry came from."""
        return self.source.file


class FileKind(StrEnum):
    """The four kinds of data file."""

    therapy = "therapy"
    program = "program"
    clinic = "clinic"
    location = "location"
    # a translation of one of the above (core-iop.es.yaml beside core-iop.yaml): see generator/translate/
    translation = "translation"


@dataclass(frozen=True)
class DataFile:
    """A data file found in the data folder, valid or not: where it is, its kind and its id.

    A location's id is clinic/location, as the site it makes is named.
    """

    path: Path
    kind: FileKind
    id: str


@dataclass
class DataSet:
    """Every data file of a data folder, and the valid ones as models, by kind and id."""

    root: Path
    therapies: dict[str, Entry[Therapy]] = field(default_factory=dict)
    programs: dict[str, Entry[Program]] = field(default_factory=dict)
    clinics: dict[str, Entry[Clinic]] = field(default_factory=dict)
    locations: dict[tuple[str, str], Entry[Location]] = field(default_factory=dict)
    # every data file found, valid or not, in path order
    files: list[DataFile] = field(default_factory=list)
    # (kind, id) of files that exist but failed to load: references to them are not reported again
    broken: set[tuple[FileKind, object]] = field(default_factory=set)
    # each translation file, loaded, by the kind and id of the English file it translates and its language
    translations: dict[tuple[FileKind, str, str], Document] = field(default_factory=dict)
    # what translate/ made of them, by language (it fills this once per DataSet)
    translated: dict[str, Any] = field(default_factory=dict)

    def clinic_folder(self, clinic_id: str) -> Path:
        """The folder that holds a clinic's files and assets."""
        return self.root / "clinics" / clinic_id

    def file_of(self, kind: FileKind, file_id: str) -> Path | None:
        """The data file of a kind and id, valid or not; None when there is none."""
        return next((f.path for f in self.files if f.kind is kind and f.id == file_id), None)

    def entries(self) -> list[Entry[Any]]:
        """Every valid file's entry: therapies, programs, clinics, then locations."""
        return [*self.therapies.values(), *self.programs.values(), *self.clinics.values(), *self.locations.values()]

    def entry_at(self, path: Path) -> Entry[Any]:
        """The entry of the valid data file at path."""
        return next(entry for entry in self.entries() if entry.file == path)

    def of_kind(self, kind: FileKind) -> list[DataFile]:
        """Every data file of one kind, valid or not, in path order."""
        return [f for f in self.files if f.kind is kind]


def load_dataset(root: Path) -> tuple[DataSet, list[Diagnostic]]:
    """Load every file under root; return what is valid and a diagnostic for each problem."""
    data = DataSet(root)
    base = resolved_or_none(root)
    if base is None or not root.is_dir():
        return data, [Diagnostic(root, 1, 1, "the data folder does not exist",
                                 hint="pass --data with the folder that holds therapies/, programs/ and clinics/")]
    problems: list[Diagnostic] = []
    # rglob neither enters linked folders nor stops at a loop of links; each file is checked on its own
    for file in sorted(root.rglob("*")):
        problems += guarded(file, partial(_visit, file, root, base, data))
    return data, problems


def _visit(file: Path, root: Path, base: Path, data: DataSet) -> list[Diagnostic]:
    """Load one path of the data folder if it is a data file; say why if it is not read."""
    if left_behind(file):
        return []  # never a data file, and renaming one would overwrite the file it was made from
    if file.is_symlink():
        target = resolved_or_none(file)
        if target is None:
            return [link_loop(file)]
        if not target.is_relative_to(base):
            # a link could make the sites publish any file of the machine: only the data folder is read
            return [Diagnostic(file, 1, 1, "this is a link to something outside the data folder; it is not read",
                               hint="copy the file into the data folder instead")]
    if file.is_dir():
        return []
    is_yaml = file.suffix.lower() in (".yaml", ".yml")
    if not file.is_file():
        if not (is_yaml or _data_folder(file.relative_to(root).parts)):
            return []
        # a pipe would make reading wait forever, a device would never end: neither is opened
        return [Diagnostic(file, 1, 1, "this is not a plain file (it is a pipe, a device or a link to nothing), "
                           "so it is not read", hint="a data file must be a text file saved by an editor")]
    if is_yaml:
        return _place(file, root, data)
    if _data_folder(file.relative_to(root).parts):
        return [Diagnostic(file, 1, 1, "this file is not read: data files end in .yaml",
                           severity=Severity.WARNING, hint=_rename_hint(file))]
    return []


def with_source_lines(diagnostics: Iterable[Diagnostic], data: DataSet) -> list[Diagnostic]:
    """Give each diagnostic without a source line the line of its file, from the files already read."""
    sources = {entry.file: entry.source for entry in data.entries()}
    return [replace(d, source_line=sources[d.file].line_text(d.line))
            if d.source_line is None and d.file in sources else d for d in diagnostics]


def _data_folder(parts: tuple[str, ...]) -> bool:
    """True for a file in a folder that holds only YAML data (not a clinic's own assets)."""
    return (len(parts) == 2 and parts[0] in ("therapies", "programs")) or \
        (len(parts) == 4 and parts[0] == "clinics" and parts[2] == "locations")


def left_behind(file: Path) -> bool:
    """True for a file an editor or the system leaves beside the data (a backup, a lock, a folder view)."""
    return any(fnmatch.fnmatchcase(file.name, pattern) for pattern in LEFT_BEHIND)


def _rename_hint(file: Path) -> str:
    # cbt.yaml.txt is what some editors save on Windows
    stem = file.name.split(".")[0]
    if not stem or _taken(file, f"{stem}.yaml"):
        return "move it out of this folder: only data files belong here"
    return f"rename it to {stem}.yaml if it holds data, or move it out of this folder"


def _taken(file: Path, name: str) -> bool:
    """True if file's folder holds another file called name; as Windows and macOS compare names, in any case."""
    return any(other.name.lower() == name.lower() for other in file.parent.iterdir() if other != file)


def _place(file: Path, root: Path, data: DataSet) -> list[Diagnostic]:
    parts = file.relative_to(root).parts
    named = TRANSLATION_NAME.match(file.stem)
    if named and _translatable(parts):
        return _add_translation(file, parts, named["stem"], named["language"], data)
    if len(parts) == 2 and parts[0] == "therapies":
        data.files.append(DataFile(file, FileKind.therapy, file.stem))
        return _add(file, Therapy, FileKind.therapy, data.therapies, file.stem, data.broken)
    if len(parts) == 2 and parts[0] == "programs":
        data.files.append(DataFile(file, FileKind.program, file.stem))
        return _add(file, Program, FileKind.program, data.programs, file.stem, data.broken)
    if len(parts) == 3 and parts[0] == "clinics" and file.stem == "clinic":
        data.files.append(DataFile(file, FileKind.clinic, parts[1]))
        return _add(file, Clinic, FileKind.clinic, data.clinics, parts[1], data.broken, id_from="folder")
    if len(parts) == 4 and parts[0] == "clinics" and parts[2] == "locations":
        data.files.append(DataFile(file, FileKind.location, f"{parts[1]}/{file.stem}"))
        return _add(file, Location, FileKind.location, data.locations, file.stem, data.broken,
                    key=(parts[1], file.stem))
    return [Diagnostic(file, 1, 1, "this file is not read: it is not where a therapy, program, clinic "
                       "or location belongs", severity=Severity.WARNING,
                       hint="therapies/ID.yaml, programs/ID.yaml, clinics/ID/clinic.yaml, "
                       "clinics/ID/locations/ID.yaml")]


def _translatable(parts: tuple[str, ...]) -> bool:
    """True where a translation may sit: beside a therapy, a program, a clinic or a location file."""
    return (len(parts) == 2 and parts[0] in ("therapies", "programs")) or \
        (len(parts) == 3 and parts[0] == "clinics") or (len(parts) == 4 and parts[0] == "clinics"
                                                        and parts[2] == "locations")


def _add_translation(file: Path, parts: tuple[str, ...], stem: str, language: str, data: DataSet) -> list[Diagnostic]:
    """Load a translation file; translate/ lays it over its English model once everything is read."""
    kinds = {"therapies": FileKind.therapy, "programs": FileKind.program}
    kind = kinds.get(parts[0]) or (FileKind.clinic if len(parts) == 3 else FileKind.location)
    english_id = {FileKind.clinic: parts[1], FileKind.location: f"{parts[1]}/{stem}"}.get(kind, stem)
    data.files.append(DataFile(file, FileKind.translation, f"{english_id}.{language}"))
    others = [code for code in LANGUAGE_NAMES if code != "en"]
    if language not in others:
        return [Diagnostic(file, 1, 1, f"'{language}' is not a language the guide is published in, so this file "
                           "is not read", severity=Severity.WARNING,
                           hint=f"translations end in .{' or .'.join(others)}.yaml, beside the English file")]
    if kind is FileKind.clinic and stem != "clinic":
        return [Diagnostic(file, 1, 1, "this file is not read: a clinic's translation is named clinic."
                           f"{language}.yaml", severity=Severity.WARNING)]
    try:
        doc = load_file(file)
    except LoadError as e:
        return [e.diagnostic]
    data.translations[(kind, english_id, language)] = doc
    return list(doc.warnings)


def _add(file: Path, model: type[M], kind: FileKind, into: dict, entry_id: str,
         broken: set[tuple[FileKind, object]], key: object = None, id_from: str = "file name") -> list[Diagnostic]:
    broken.add((kind, key or entry_id))
    # a file named CBT.yaml or Group Therapy.yaml is what a reference to 'cbt' or 'group-therapy' meant:
    # do not report that reference too
    meant = re.sub(r"[^a-z0-9]+", "-", entry_id.lower()).strip("-")
    broken.add((kind, meant))
    if file.suffix != ".yaml":
        hint = f"rename it to {file.stem}.yaml"
        if _taken(file, f"{file.stem}.yaml"):
            hint = f"{file.stem}.yaml is here too: keep the one you want, and move the other out of this folder"
        return [Diagnostic(file, 1, 1, f"this file is not read: data files end in .yaml, not {file.suffix}",
                           hint=hint)]
    if not ID_RE.fullmatch(entry_id):  # the whole name: a `$` alone would let a final newline through
        return [Diagnostic(file, 1, 1, f"the {id_from} '{entry_id}' is not a valid id",
                           hint="ids use only lowercase letters, digits and hyphens, like 'harbor-light'")]
    try:
        doc = load_file(file)
    except LoadError as e:
        return [e.diagnostic]
    # a model with problems is one whose only errors are unknown keys: it is checked like the others,
    # and its errors block the sites made from it all the same
    value, problems = parse(doc, model)
    declared = getattr(value, "id", None)
    if declared is not None and declared != entry_id:
        return problems + [doc.source.diagnostic(("id",), f"the id '{declared}' does not match the {id_from} "
                                                 f"'{entry_id}'", hint=f"the {id_from} is the id: rename it, "
                                                 "or remove 'id:'"), *doc.warnings]
    if value is not None:
        into[key or entry_id] = Entry(entry_id, value, doc.source)
        broken -= {(kind, key or entry_id), (kind, meant)}
    return problems + doc.warnings

