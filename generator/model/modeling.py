"""Turn loaded documents into typed models, mapping every pydantic error to its YAML node."""

from __future__ import annotations

import copy
import difflib
import types
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.diagnostics import Diagnostic
from generator.model import origins
from generator.model.overrides import FIXED
from generator.source import Document, SourceMap

M = TypeVar("M", bound=BaseModel)

_KINDS_OF_INPUT = {
    str: "text", int: "a number", float: "a number", bool: "true/false",
    list: "a list", dict: "a mapping (key: value lines)", type(None): "nothing",
}


def parse(doc: Document, model: type[M]) -> tuple[M | None, list[Diagnostic]]:
    """Validate a document against a model; return the model or every located error.

    When the only errors are unknown keys, the model is still made, without them
    (a likely misspelling of a key the file lacks stands for that key, and the source
    map learns where), so the rest of the file takes part in every other rule; its
    errors still block the sites made from it.
    """
    if not isinstance(doc.data, dict):
        got = _kind_of(doc.data)
        return None, [doc.source.diagnostic((), f"the file must hold a mapping of keys, but holds {got}",
                                            hint="start each line with a key, like 'name: ...'")]
    try:
        parsed = model.model_validate(doc.data)
    except ValidationError as e:
        found = _merge_misspellings(_findings(doc, model, e))
        if not all(f.unknown for f in found):
            return None, [f.diagnostic for f in found]
        value, more = _without_unknown_keys(doc, model, found)
        if value is not None:
            origins.attach(value, doc.source)
        return value, [f.diagnostic for f in found] + more
    origins.attach(parsed, doc.source)
    return parsed, []


def _findings(doc: Document, model: type[BaseModel], error: ValidationError) -> list[_Finding]:
    return [_finding(doc, model, err) for err in error.errors(include_url=False)]


@dataclass(frozen=True)
class _Finding:
    """One pydantic error put in words, with what merging and recovering need to know about it."""

    diagnostic: Diagnostic
    # the data path it is about
    at: tuple[Any, ...] = ()
    # a missing required key: its pydantic loc
    missing: tuple[Any, ...] | None = None
    # an unknown key that looks like a misspelling: the loc of the key it likely means
    meant: tuple[Any, ...] | None = None
    # an unknown key: `at` is the key
    unknown: bool = False


def _merge_misspellings(found: list[_Finding]) -> list[_Finding]:
    """Report a misspelled required key once, as the unknown key, not also as a missing one."""
    meant = {f.meant for f in found if f.meant is not None}
    return [f for f in found if f.missing is None or f.missing not in meant]


def _without_unknown_keys(doc: Document, model: type[M], unknown: list[_Finding]) -> tuple[M | None, list[Diagnostic]]:
    """The model of the document with its unknown keys left out, or the errors that hid behind them.

    A misspelled key the mapping lacks is read as the key it likely means, where it
    stands in the file; any other unknown key is left out. Left out, a key changes
    nothing else, but the guessed key may be a wrong guess: an error at it, or at the
    model around it, waits until the key is fixed, so it is never a false one.
    """
    data = copy.deepcopy(doc.data)
    renamed: list[tuple[Any, ...]] = []
    for f in unknown:
        parent, key = _node(data, f.at[:-1]), f.at[-1] if f.at else None
        if not isinstance(parent, dict) or key not in parent:
            return None, []
        value = parent.pop(key)
        if f.meant and f.meant[-1] not in parent:
            parent[f.meant[-1]] = value
            renamed.append(f.at[:-1] + (f.meant[-1],))
            _alias(doc.source, f.at, renamed[-1])
    try:
        return model.model_validate(data), []
    except ValidationError as e:
        # a model's own checks (a track ends after it starts) wait for its keys to be known: these are new
        found = _findings(Document(data, doc.source), model, e)
        return None, [f.diagnostic for f in found if not any(_related(f.at, path) for path in renamed)]


def _node(data: Any, path: tuple[Any, ...]) -> Any:
    """The value at a data path, or None if the data has none there."""
    for part in path:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _alias(source: SourceMap, old: tuple[Any, ...], new: tuple[Any, ...]) -> None:
    """Make the positions under a misspelled key the positions of the key it stands for."""
    for table in (source.values, source.keys):
        table.update({new + path[len(old):]: where for path, where in list(table.items())
                      if path[:len(old)] == old})


def _related(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """True when one data path lies inside the other."""
    return a[:len(b)] == b or b[:len(a)] == a


def _kind_of(value: Any) -> str:
    return _KINDS_OF_INPUT.get(type(value), type(value).__name__)


def show_path(loc: tuple[Any, ...]) -> str:
    """Write a data path for people: `phases[2].weeks`, counting list items from 1."""
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _data_path(doc: Document, loc: tuple[Any, ...], keep_last: bool) -> tuple[Any, ...]:
    """Keep the parts of a pydantic loc that are keys of the data; drop union branch tags."""
    known: tuple[Any, ...] = ()
    for i, part in enumerate(loc):
        if known + (part,) in doc.source.values or (keep_last and i == len(loc) - 1):
            known = known + (part,)
    return known


def _finding(doc: Document, model: type[BaseModel], err: Any) -> _Finding:
    """Put one pydantic error in words, at the YAML node it is about."""
    kind = err["type"]
    loc = _data_path(doc, tuple(err["loc"]), keep_last=kind == "missing")
    if kind == "missing":
        return _Finding(_missing(doc, model, loc), loc, missing=tuple(err["loc"]))
    if kind == "extra_forbidden":
        diagnostic, meant = _unknown_key(doc, model, loc)
        return _Finding(diagnostic, loc, meant=(tuple(err["loc"][:-1]) + (meant,)) if meant else None, unknown=True)
    if kind == "enum":
        return _Finding(_not_one_of(doc, loc, err.get("input"), err.get("ctx") or {}), loc)
    return _Finding(_wrong_value(doc, loc, err), loc)


def _missing(doc: Document, model: type[BaseModel], loc: tuple[Any, ...]) -> Diagnostic:
    parent, key = loc[:-1], loc[-1]
    fields = _fields_at(model, parent)
    hint = f"add '{key}: ...'" + (f" ({fields[key]})" if fields and fields.get(key) else "")
    where = f"{show_path(parent)}: " if parent else ""
    return doc.source.diagnostic(parent, f"{where}missing required key '{key}'", hint=hint, at_key=bool(parent))


def _unknown_key(doc: Document, model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[Diagnostic, str | None]:
    """The diagnostic of an unknown key, and the known key it likely misspells (None if none)."""
    key = loc[-1]
    allowed = _fields_at(model, loc[:-1]) or {}
    close = difflib.get_close_matches(str(key), list(allowed), n=1, cutoff=0.6)
    target = _model_at(model, loc[:-1])
    fixed = FIXED.get((target.__name__ if target else "", str(key)))
    meant = close[0] if close and fixed is None else None
    hint = fixed or (f"did you mean '{meant}'?" if meant else f"allowed keys here: {', '.join(allowed)}")
    return doc.source.diagnostic(loc, f"{show_path(loc)}: unknown key '{key}'", hint=hint, at_key=True), meant


def _not_one_of(doc: Document, loc: tuple[Any, ...], value: Any, ctx: dict[str, Any]) -> Diagnostic:
    where = show_path(loc)
    options = [o.strip(" '") for o in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
    if not isinstance(value, (str, int, float)):
        return doc.source.diagnostic(loc, f"{where}: expected one of: {', '.join(options)}, got {_kind_of(value)}")
    close = difflib.get_close_matches(str(value).lower(), options, n=1, cutoff=0.6)
    return doc.source.diagnostic(loc, f"{where}: '{value}' is not one of: {', '.join(options)}",
                                 hint=f"did you mean '{close[0]}'?" if close else None)


def _wrong_value(doc: Document, loc: tuple[Any, ...], err: Any) -> Diagnostic:
    kind, value = err["type"], err.get("input")
    message = _message(kind, value, err["msg"], err.get("ctx") or {})
    advice = None
    if value is None and loc:
        after = "'- '" if isinstance(loc[-1], int) else f"'{loc[-1]}:'"
        advice = f"write the value after {after}; text that starts with '#' goes in quotes, " \
                 "or YAML skips it as a comment"
    elif kind == "string_type" and isinstance(value, dict):
        advice = "text that contains ': ' goes in quotes"
    # a key with no value: point at the key, which is what the eye finds
    return doc.source.diagnostic(loc, f"{show_path(loc)}: {message}", hint=advice,
                                 at_key=value is None and bool(loc) and isinstance(loc[-1], str))


def error_message(err: Any) -> str:
    """A pydantic error as the data guide words it (what translate/overlay.py says of a translated text too)."""
    return _message(err["type"], err.get("input"), err["msg"], err.get("ctx") or {})


def _message(kind: str, value: Any, msg: str, ctx: dict[str, Any]) -> str:
    got = _kind_of(value)
    shown = str(value).lower() if isinstance(value, bool) else repr(value) if isinstance(value, (int, float)) else got
    if kind == "string_type":
        return f"expected text, got {shown}" + (" (put it in quotes)" if isinstance(value, (int, float)) else "")
    if kind in ("list_type", "tuple_type"):
        return f"expected a list (lines starting with '- '), got {got}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping (key: value lines), got {got}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {shown}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {shown}"
    if kind == "too_short":
        least, actual = ctx.get("min_length", 1), ctx.get("actual_length", 0)
        return f"needs at least {least} item{'s' if least != 1 else ''}, has {actual or 'none'}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        return f"{value} is {'below' if kind == 'greater_than_equal' else 'above'} the limit of {bound}"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    return msg[0].lower() + msg[1:]


def _model_at(model: type[BaseModel], path: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model found by walking a data path from a top-level model."""
    annotation: Any = model
    for part in path:
        annotation = _step(annotation, part)
        if annotation is None:
            return None
    return model_in(annotation)


def _fields_at(model: type[BaseModel], path: tuple[Any, ...]) -> dict[str, str | None] | None:
    """The known keys (with descriptions) of the model found by walking a data path."""
    target = _model_at(model, path)
    if target is None:
        return None
    return {name: info.description for name, info in target.model_fields.items()}


def _step(annotation: Any, part: Any) -> Any:
    target = model_in(annotation)
    if isinstance(part, str) and target is not None:
        info = target.model_fields.get(part)
        return info.annotation if info else None
    if isinstance(part, int):
        for arg in branches(annotation):
            if typing.get_origin(arg) is list:
                return typing.get_args(arg)[0]
    return None


def branches(annotation: Any) -> list[Any]:
    """The types an annotation may hold: unions and Annotated unwrapped."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return [b for a in typing.get_args(annotation) for b in branches(a)]
    if origin is typing.Annotated:
        return branches(typing.get_args(annotation)[0])
    return [annotation]


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The model an annotation may hold, if any."""
    for branch in branches(annotation):
        if isinstance(branch, type) and issubclass(branch, BaseModel):
            return branch
    return None


def enum_values(enum: type[Enum]) -> list[str]:
    """The values of an enum, for messages."""
    return [member.value for member in enum]
