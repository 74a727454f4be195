"""Give every text value of a parsed model its origin, so later stages can point at it.

Pydantic makes plain str values; this walks a model alongside the document it
came from and puts a Located text (the same words, with file, line and column)
in place of each. Models are frozen, so the walk sets the fields directly, once,
before the model is handed on.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel

from generator.source import Located, SourceMap


def attach(model: BaseModel, source: SourceMap) -> None:
    """Put a Located text in place of every str in a model (in place, before anyone else sees it)."""
    _walk_model(model, (), source)


def _walk_model(model: BaseModel, path: tuple[Any, ...], source: SourceMap) -> None:
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        located = _located(value, path + (field.alias or name,), source)
        if located is not value:
            # frozen models refuse setattr; the value is the same text, only located
            object.__setattr__(model, name, located)


def _located(value: Any, path: tuple[Any, ...], source: SourceMap) -> Any:
    if isinstance(value, str) and not isinstance(value, (Enum, Located)):
        # a value the data wrote as something else (an activity given as a bare string) is at its closest node
        return Located(value, source.origin(path))
    if isinstance(value, BaseModel):
        _walk_model(value, path, source)
    elif isinstance(value, list):
        value[:] = [_located(item, path + (i,), source) for i, item in enumerate(value)]
    elif isinstance(value, dict):
        for key in list(value):
            value[key] = _located(value[key], path + (key,), source)
    return value
