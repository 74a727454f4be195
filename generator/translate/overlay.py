"""Lay a translation file over the model of its English file: the same model, its texts in another language.

A translation file (core-iop.es.yaml beside core-iop.yaml) mirrors the English
file's keys. Each text a patient reads is a mapping of `text` (the translation)
and `from` (the mark of the English it translates, see marks.py). Lists keep the
English order; items of a list whose English items have an id are matched by id.

What the overlay finds, each at its place:
- an error where a text has the wrong shape or one the English's own rules
  refuse (the same field types);
- a warning where the translation holds what the English lacks (a key, an item:
  removing English text never blocks the English guide) or what is never shown
  (the 988 and 911 lines, which the generator words itself), where the English
  changed since the translation was made (stale),
  where it was never marked as reviewed, and where a text has no translation:
  that text stays English, marked (source.Located.lang) so the page says so.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from generator.diagnostics import Diagnostic, Severity
from generator.model import Clinic, Location
from generator.model.location import Address, Insurance
from generator.model.modeling import error_message
from generator.model.program import CrisisLine
from generator.model.scalars import is_text
from generator.source import Document, Located, Origin, Path_, origin_of
from generator.translate.marks import LANGUAGE_NAMES, english_mark

M = TypeVar("M", bound=BaseModel)

# texts that are names, the same in every language: the clinic's and the location's, the address, plan names
KEPT_AS_WRITTEN = {(Clinic, "name"), (Location, "name"), (Insurance, "plans"),
                   *((Address, name) for name in Address.model_fields)}
_LEAF_KEYS = {"text", "from"}


@dataclass
class Overlay:
    """One translation file laid over its English model: what it found, by kind."""

    doc: Document
    language: str
    problems: list[Diagnostic] = field(default_factory=list)
    # English texts without a translation: their origins in the English file
    missing: list[Origin] = field(default_factory=list)
    # each translated text laid over its English: its path in the translation, and the English's mark now
    leaves: list[tuple[Path_, str]] = field(default_factory=list)

    @property
    def language_name(self) -> str:
        return LANGUAGE_NAMES[self.language]

    def error(self, path: Path_, message: str, hint: str | None = None, at_key: bool = False) -> None:
        self.problems.append(self.doc.source.diagnostic(path, message, hint=hint, at_key=at_key))

    def warn(self, path: Path_, message: str, hint: str | None = None, at_key: bool = False) -> None:
        self.problems.append(self.doc.source.diagnostic(path, message, hint=hint, at_key=at_key,
                                                        severity=Severity.WARNING))


def fallback(english: str) -> Located | str:
    """The English text shown where a translation is missing, marked as English for the page."""
    origin = origin_of(english)
    if origin is None:
        return english
    return Located(english, origin, lang="en")


def overlay(model: M, overlay_: Overlay) -> M:
    """The model with every text the translation gives replaced by it (at its own origin)."""
    return _model(model, overlay_.doc.data, (), overlay_)


def _model(model: M, node: Any, path: Path_, into: Overlay) -> M:
    if isinstance(model, CrisisLine) and model.national:
        # shown in the generator's own words in every other language (988 with the options it answers in
        # that language): nothing to translate, and a translation would never show
        if node:  # an empty mapping only keeps its place in the list, for a line after it
            into.warn(path, f"in the {into.language_name} guide, {model.number} is shown in the generator's own "
                      f"{into.language_name} words, so this is not shown", hint="remove it from the translation")
        return model
    if node is not None and not isinstance(node, dict):
        into.error(path, "this should be a mapping of the English file's keys, as the English writes them here")
        node = None
    node = node or {}
    fields = type(model).model_fields
    for key in node:
        if key not in fields or getattr(model, key) is None:
            # a warning: removing an English text must not stop the English guide until the Spanish follows
            into.warn(path + (key,), f"the English file has no '{key}' here, so this is not shown",
                      hint="a translation holds only keys the English file has, in the same places: remove it",
                      at_key=True)
    updates = {}
    for name, info in fields.items():
        value = getattr(model, name)
        kept = (type(model), name) in KEPT_AS_WRITTEN
        # pydantic keeps a field's own Annotated metadata apart: put it back, so Text and Line are known
        annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        made = _value(value, annotation, node.get(name), path + (name,), into, kept)
        if made is not value:
            updates[name] = made
    return model.model_copy(update=updates) if updates else model


def _value(value: Any, annotation: Any, node: Any, path: Path_, into: Overlay, kept: bool) -> Any:
    if value is None:
        return None
    if isinstance(value, BaseModel):
        return _model(value, node, path, into)
    if isinstance(value, list):
        return _list(value, _item_type(annotation), node, path, into, kept)
    if isinstance(value, str) and not kept and is_text(annotation):
        return _leaf(value, annotation, node, path, into)
    if node is not None:
        into.warn(path, "this is not translated: it stays as the English file has it",
                  hint="remove it from the translation")
    return value


def _list(values: list[Any], item: Any, node: Any, path: Path_, into: Overlay, kept: bool) -> list[Any]:
    if node is not None and not isinstance(node, list):
        into.error(path, "this should be a list, in the English list's order")
        node = None
    node = node or []
    ids = [str(v.id) for v in values if isinstance(getattr(v, "id", None), str)]
    if values and len(ids) == len(values):
        by_id: dict[Any, tuple[int | None, Any]] = {
            entry.get("id"): (n, entry) for n, entry in enumerate(node) if isinstance(entry, dict)}
        for n, entry in enumerate(node):
            if not isinstance(entry, dict) or entry.get("id") not in ids:
                into.warn(path + (n,), f"this item names no id the English list has ({', '.join(ids)}), so it is "
                          "not shown", hint="items of this list are matched by their id: copy the English item's id")
        made = []
        for value, item_id in zip(values, ids, strict=True):
            at, entry = by_id.get(item_id, (None, None))
            if isinstance(entry, dict):
                entry = {k: v for k, v in entry.items() if k != "id"}
            made.append(_value(value, item, entry, path + (at,) if at is not None else path, into, kept))
        return made
    for n in range(len(values), len(node)):
        into.warn(path + (n,), f"the English list has {len(values)} item{'s' if len(values) != 1 else ''}; "
                  "this one has no English to translate, so it is not shown",
                  hint="keep the English list's items, in its order")
    return [_value(v, item, node[n] if n < len(node) else None, path + (n,), into, kept)
            for n, v in enumerate(values)]


def _leaf(english: str, annotation: Any, node: Any, path: Path_, into: Overlay) -> Any:
    if node is None:
        origin = origin_of(english)
        if origin is not None:
            into.missing.append(origin)
        return fallback(english)
    if not isinstance(node, dict) or set(node) - _LEAF_KEYS or "text" not in node:
        into.error(path, f"a translated text is a mapping of 'text' (the {into.language_name}) and 'from' "
                   "(the mark of the English it translates)", hint="text: ...\n  from: \"\"")
        return english
    origin = into.doc.source.origin(path + ("text",))
    try:
        checked = TypeAdapter(annotation).validate_python(node["text"])
    except ValidationError as e:
        into.error(path + ("text",), error_message(e.errors()[0]))
        return english
    _check_mark(english, node.get("from"), path, into)
    into.leaves.append((path, english_mark(english)))
    return Located(checked, origin)


def _check_mark(english: str, mark: Any, path: Path_, into: Overlay) -> None:
    if not isinstance(mark, str):
        into.error(path + ("from",) if mark is not None else path, "'from' is the mark of the English text, "
                   "written in quotes (\"\" until the translation is reviewed)")
    elif not mark:
        into.warn(path + ("text",), f"this {into.language_name} text is not yet marked as reviewed",
                  hint=f"once a qualified person has checked it against the English, run: "
                  f"iop-guide reviewed {into.doc.source.file}")
    elif mark != english_mark(english):
        english_now = " ".join(english.split())
        into.warn(path + ("text",), f"the English changed since this was translated; it now reads: {english_now}",
                  hint=f"update the {into.language_name}, then run: iop-guide reviewed "
                  f"{into.doc.source.file}:{into.doc.source.locate(path + ('text',))[0]}")


def _item_type(annotation: Any) -> Any:
    for arg in _union(annotation):
        if typing.get_origin(arg) is list:
            return typing.get_args(arg)[0]
    return None


def _union(annotation: Any) -> tuple[Any, ...]:
    """The types a field may hold, its outer Annotated and unions unwrapped (a list's items are left whole)."""
    if typing.get_origin(annotation) is Annotated:
        return _union(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return tuple(arm for arg in typing.get_args(annotation) for arm in _union(arg))
    return (annotation,)
