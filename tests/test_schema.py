"""The JSON Schemas for editors: in sync with the models, documented, closed, linked from and true to the data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import DEMO_DATA, ROOT
from jsonschema import Draft202012Validator

from generator.load.loader import load_file
from generator.model.schema import DIALECT, TRANSLATION, dump, schemas

SCHEMAS = ROOT / "schemas"
HEADER = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
GLOBS = {
    "therapy": "therapies/*.yaml",
    "program": "programs/*.yaml",
    "clinic": "clinics/*/clinic.yaml",
    "location": "clinics/*/locations/*.yaml",
}
# translations (cbt.es.yaml) sit beside their English and have a schema of their own
SHIPPED = [(kind, file) for kind, pattern in GLOBS.items() for file in sorted(DEMO_DATA.glob(pattern))
           if len(file.suffixes) == 1]
TRANSLATIONS = sorted(DEMO_DATA.rglob("*.es.yaml"))
THERAPY = {
    "name": "Art therapy", "kind": "complementary", "summary": "Use paint to show what is hard to say.",
    "what_it_is": "You put feelings on paper.", "session": "You get supplies and a prompt.",
    "helps_with": ["Stress"],
}


def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(schemas()[kind])


def objects(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The top level and every `$defs` entry, each with a name for messages."""
    yield "(top level)", schema
    yield from schema.get("$defs", {}).items()


def properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property of every object of a schema, named `Object.property`."""
    for name, obj in objects(schema):
        for key, prop in obj.get("properties", {}).items():
            yield f"{name}.{key}", prop


def errors(kind: str, instance: Any) -> list[str]:
    return [error.message for error in validator(kind).iter_errors(instance)]


def test_every_file_kind_has_a_schema() -> None:
    assert set(schemas()) == set(GLOBS)
    for kind, schema in schemas().items():
        assert schema["$schema"] == DIALECT
        assert schema["title"] and schema["description"], kind
        assert "$id" not in schema
        Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("kind", sorted(GLOBS))
def test_committed_schema_is_in_sync_with_the_models(kind: str) -> None:
    file = SCHEMAS / f"{kind}.schema.json"
    committed = file.read_text(encoding="utf-8") if file.is_file() else ""
    assert committed == dump(schemas()[kind]), (
        f"{file.relative_to(ROOT)} is out of date with the models in generator/model/: "
        "regenerate it with `iop-guide schema --out schemas`")


def test_schemas_folder_holds_only_the_generated_files() -> None:
    assert sorted(p.name for p in SCHEMAS.iterdir()) == sorted(f"{kind}.schema.json"
                                                               for kind in [*GLOBS, "translation"])


@pytest.mark.parametrize("kind", sorted(GLOBS))
def test_every_property_has_a_description_and_examples(kind: str) -> None:
    missing = [f"{name}: {key}" for name, prop in properties(schemas()[kind])
               for key in ("description", "examples") if not prop.get(key)]
    assert not missing, f"add to the Field in generator/model/: {missing}"


@pytest.mark.parametrize("kind", sorted(GLOBS))
def test_every_example_is_valid_for_its_property(kind: str) -> None:
    check = validator(kind)
    wrong = [f"{name}: {example!r}: {error.message}"
             for name, prop in properties(schemas()[kind]) for example in prop["examples"]
             for error in check.evolve(schema=prop).iter_errors(example)]
    assert not wrong


@pytest.mark.parametrize("kind", sorted(GLOBS))
def test_every_object_is_closed(kind: str) -> None:
    open_ = [name for name, obj in objects(schemas()[kind])
             if "properties" in obj and obj.get("additionalProperties") is not False]
    assert not open_


@pytest.mark.parametrize(("kind", "file"), SHIPPED, ids=lambda value: getattr(value, "name", value))
def test_shipped_file_names_its_schema_on_line_one(kind: str, file: Path) -> None:
    first = file.read_text(encoding="utf-8").splitlines()[0]
    match = HEADER.match(first)
    assert match, f"{file}: line 1 must be '# yaml-language-server: $schema=<path to {kind}.schema.json>'"
    target = (file.parent / match[1]).resolve()
    assert target == (SCHEMAS / f"{kind}.schema.json").resolve()
    assert target.is_file()


@pytest.mark.parametrize(("kind", "file"), SHIPPED, ids=lambda value: getattr(value, "name", value))
def test_shipped_file_is_valid_against_its_schema(kind: str, file: Path) -> None:
    data = load_file(file).data
    assert errors(kind, data) == []


def test_every_shipped_yaml_file_is_checked() -> None:
    assert sorted([*(file for _, file in SHIPPED), *TRANSLATIONS]) == sorted(DEMO_DATA.rglob("*.yaml"))


def test_unknown_key_is_rejected() -> None:
    assert errors("therapy", THERAPY) == []
    assert errors("therapy", {**THERAPY, "colour": "blue"}) == [
        "Additional properties are not allowed ('colour' was unexpected)"]


def test_unknown_key_in_a_nested_object_is_rejected() -> None:
    found = errors("therapy", {**THERAPY, "formats": [{"name": "Open studio", "txt": "You choose."}]})
    assert any("'txt' was unexpected" in message for message in found)


def test_wrong_type_is_rejected() -> None:
    assert errors("therapy", {**THERAPY, "kind": 5})
    assert errors("therapy", {**THERAPY, "kind": "central"})
    assert errors("therapy", {**THERAPY, "helps_with": "Stress"})


def test_missing_required_key_is_rejected() -> None:
    assert errors("therapy", {k: v for k, v in THERAPY.items() if k != "summary"}) == [
        "'summary' is a required property"]


def test_what_the_models_read_before_validation_is_accepted() -> None:
    # `weeks: 1` and an activity written as plain text are what the data guide shows
    program = load_file(DEMO_DATA / "programs" / "core-iop.yaml").data
    program["phases"][0]["weeks"] = 1
    program["phases"][0]["activities"] = ["Meet your counselor", {"text": "Your first group", "therapy": "cbt"}]
    assert errors("program", program) == []
    program["phases"][0]["weeks"] = 0
    assert errors("program", program)


@pytest.mark.parametrize("file", TRANSLATIONS, ids=lambda f: f.name)
def test_each_shipped_translation_is_valid_against_the_translation_schema_it_names(file: Path) -> None:
    header = HEADER.match(file.read_text(encoding="utf-8").splitlines()[0])
    assert header, f"{file} names no schema on its first line"
    named = (file.parent / header.group(1)).resolve()
    assert named == SCHEMAS / "translation.schema.json"
    assert dump(TRANSLATION) == named.read_text(encoding="utf-8"), "run: iop-guide schema --out schemas"
    errors = list(Draft202012Validator(TRANSLATION).iter_errors(load_file(file).data))
    assert not errors, errors[0].message


def test_the_translation_schema_refuses_a_text_without_its_mark() -> None:
    errors = list(Draft202012Validator(TRANSLATION).iter_errors({"name": {"text": "Terapia"}}))
    assert errors
