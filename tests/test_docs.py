"""The examples in the data guide are valid data: the guide cannot drift from the models."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT
from jsonschema import Draft202012Validator

from generator.load.loader import load_text
from generator.model import Clinic, Location, Overrides, Program, Therapy
from generator.model.modeling import parse
from generator.model.schema import TRANSLATION

GUIDE = ROOT / "docs" / "data-guide.md"
# whole-file examples only: the guide's indented snippets show a single key
BLOCKS = list(re.findall(r"^```yaml\n(.*?)^```", GUIDE.read_text(encoding="utf-8"), flags=re.S | re.M))


def model_for(block: str) -> type | None:
    if "translation.schema.json" in block:
        return None  # a translation: checked against its schema
    if block.startswith("overrides:"):
        return Overrides
    if block.startswith("title:"):
        return Program
    if "program:" in block:
        return Clinic
    if "address:" in block:
        return Location
    return Therapy


def test_the_guide_has_an_example_of_every_file_kind() -> None:
    assert {model_for(b) for b in BLOCKS} == {
        Therapy, Program, Clinic, Location, Overrides, None}


@pytest.mark.parametrize("block", BLOCKS)
def test_each_example_is_valid(block: str) -> None:
    model = model_for(block)
    doc = load_text(block, Path("example.yaml"))
    if model is None:
        assert list(Draft202012Validator(TRANSLATION).iter_errors(doc.data)) == []
        return
    if model is Overrides:
        doc.data = doc.data["overrides"]
    value, problems = parse(doc, model)
    assert problems == [] and value is not None
