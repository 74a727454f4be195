"""JSON Schema of each data file kind, so that editors complete keys, show help and flag mistakes as people type.

The schemas come from the pydantic models, plus what the models accept before validation turns it into
their own form: a week written as a number (`weeks: 1`) and an activity written as plain text. They are
committed in `schemas/` and regenerated with `iop-guide schema --out schemas`; each YAML file names its
schema on its first line, `# yaml-language-server: $schema=<relative path>`, which VS Code's YAML
extension reads.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from generator.model import MODELS, Activity
from generator.model.scalars import text_of_number

DIALECT = "https://json-schema.org/draft/2020-12/schema"

ABOUT = {
    "therapy": ("IOP guide therapy", "One therapy: program_data/therapies/<id>.yaml; the file name is its id."),
    "program": ("IOP guide program", "One curriculum: program_data/programs/<id>.yaml; the file name is its id."),
    "clinic": ("IOP guide clinic", "One clinic brand: program_data/clinics/<id>/clinic.yaml; the folder name is "
               "its id."),
    "location": ("IOP guide location", "One clinic location, one site: "
                 "program_data/clinics/<clinic>/locations/<id>.yaml; the file name is its id."),
}

# models that also accept a bare string, read as their `text` (Activity._from_text)
_BARE_TEXT = {Activity.__name__: {"type": "string", "minLength": 1,
                                  "description": "What happens, in a sentence (no therapy named).",
                                  "examples": ["You go to an orientation that explains the rules and the schedule."]}}


class _InputSchema(GenerateJsonSchema):
    """Pydantic's generator, widened where a before-validator accepts more: `weeks: 1` is week 1."""

    def function_before_schema(self, schema: core_schema.BeforeValidatorFunctionSchema) -> JsonSchemaValue:
        """The validated form's schema; a number is also allowed where it is read as text."""
        generated = super().function_before_schema(schema)
        if schema["function"]["function"] is text_of_number and generated.get("type") == "string":
            return {**generated, "type": ["string", "integer"], "minimum": 1}
        return generated


def _accept_bare_text(node: Any) -> Any:
    """A copy of node where each reference to a model in _BARE_TEXT also allows a plain string."""
    if isinstance(node, list):
        return [_accept_bare_text(item) for item in node]
    if not isinstance(node, dict):
        return node
    name = str(node.get("$ref", "")).removeprefix("#/$defs/")
    if len(node) == 1 and name in _BARE_TEXT:
        return {"anyOf": [_BARE_TEXT[name], node]}
    return {key: value if key == "examples" else _accept_bare_text(value) for key, value in node.items()}


def schema_of(kind: str) -> dict[str, Any]:
    """The JSON Schema of one file kind: therapy, program, clinic or location."""
    generated = MODELS[kind].model_json_schema(schema_generator=_InputSchema)
    title, description = ABOUT[kind]
    rest = {key: value for key, value in generated.items() if key not in ("title", "description")}
    return {"$schema": DIALECT, "title": title, "description": description, **_accept_bare_text(rest)}


def schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of every file kind, by kind."""
    return {kind: schema_of(kind) for kind in MODELS}


# a translation file (core-iop.es.yaml) mirrors its English file's keys, so one schema serves every kind:
# texts are {text, from} mappings; an item's id (copied from the English) is the only bare string
TRANSLATION: dict[str, Any] = {
    "$schema": DIALECT,
    "title": "IOP guide translation",
    "description": "The texts of one data file in another language: <file>.<language>.yaml beside the English "
                   "file, with its keys, in its places; lists in its order.",
    "type": "object",
    "additionalProperties": {"$ref": "#/$defs/Node"},
    "$defs": {
        "Text": {
            "type": "object",
            "description": "One translated text, and the mark of the English it translates.",
            "properties": {
                "text": {"type": "string", "minLength": 1, "description": "The text in this file's language."},
                "from": {"type": "string", "description": "The mark of the English this translates: \"\" until "
                         "reviewed; `iop-guide reviewed FILE` sets it.", "examples": ["", "6879e016"]},
            },
            "required": ["text", "from"],
            "additionalProperties": False,
        },
        "Node": {
            "description": "A translated text, a list in the English list's order, a mapping of the English keys, "
                           "or an item's id (as the English item has it).",
            "anyOf": [{"$ref": "#/$defs/Text"},
                      {"type": "array", "items": {"$ref": "#/$defs/Node"}},
                      {"type": "object", "additionalProperties": {"$ref": "#/$defs/Node"}},
                      {"type": "string", "pattern": "^[a-z0-9-]+$"}],
        },
    },
}


def dump(schema: dict[str, Any]) -> str:
    """The text of a schema file: JSON indented by 2, keys in pydantic's order, a final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(out: Path) -> list[Path]:
    """Write `<kind>.schema.json` for every file kind and for translations into out (created if needed)."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, schema in {**schemas(), "translation": TRANSLATION}.items():
        path = out / f"{kind}.schema.json"
        path.write_text(dump(schema), encoding="utf-8")
        written.append(path)
    return written
