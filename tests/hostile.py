"""Hostile values in every string field of every file kind, found by walking the pydantic models.

A data folder is made from the demo data so that every (model, string field) pair
the models define holds a value somewhere: absent optional fields are filled from
the field's own JSON Schema example, so a field added later is covered by itself.
Then each string value gets a marked payload, and `check` decides, round by round,
which values it refuses (each must be refused at its own file:line:col) and which
it accepts (each must then show on a built page as text). See tests/test_every_field.py.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import struct
import typing
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from generator import pipeline
from generator.diagnostics import Diagnostic, Severity
from generator.load.loader import load_file
from generator.model import MODELS
from generator.model.modeling import branches, model_in

Path_ = tuple[str | int, ...]
MARK = re.compile(r"pwn\d{3}")
# what may break out of an attribute, a script, an attribute list, a template or a line; one "*" only, so the
# text never turns into emphasis; each value also gets its own marker in front
MARKUP = ('"><svg onload=window.__pwned=1> </script><script>window.__pwned=1</script> '
          '{: onclick="window.__pwned=1" } x\u2028y\r\nz\rw {{ 7*7 }}\n\n{: onclick="window.__pwned=1" }')
CONTROL = " \x1b[2J\x1b[Hchecked: 0 error(s)\x07"
# a web and a mail address a strict check still accepts, with brackets and a query that must stay inside the link
WEB = "https://{mark}.example/a(b)?c=d&e=f"
MAIL = "{mark}@clinic.example"
KINDS = {"therapy": "therapies/*.yaml", "program": "programs/*.yaml", "clinic": "clinics/*/clinic.yaml",
         "location": "clinics/*/locations/*.yaml"}
# locations added with their required keys only: the clinic's and program's values show there unreplaced
PLAIN = "plain-payloads"


@dataclass(frozen=True)
class Leaf:
    """One string value of one data file, and the model field it fills."""

    file: str
    path: Path_
    field: tuple[str, str]  # (model name, field name)


# -- the models, walked ------------------------------------------------------------------------


def _items(annotation: Any) -> Any:
    return next((typing.get_args(b)[0] for b in branches(annotation) if typing.get_origin(b) is list), None)


def _holds_text(annotation: Any) -> bool:
    return any(b is str or typing.get_origin(b) is typing.Literal for b in branches(annotation))


def string_fields(model: type[BaseModel], seen: set[str] | None = None) -> set[tuple[str, str]]:
    """Every (model, field) pair below model whose value is, or lists, text."""
    seen = set() if seen is None else seen
    if model.__name__ in seen:
        return set()
    seen.add(model.__name__)
    found = set()
    for name, info in model.model_fields.items():
        for annotation in (info.annotation, _items(info.annotation)):
            if annotation is not None and _holds_text(annotation):
                found.add((model.__name__, name))
            inner = model_in(annotation) if annotation is not None else None
            if inner is not None:
                found |= string_fields(inner, seen)
    return found


def models_below(model: type[BaseModel], seen: set[type[BaseModel]] | None = None) -> set[type[BaseModel]]:
    """A model and every model its fields hold, however deep."""
    seen = set() if seen is None else seen
    if model not in seen:
        seen.add(model)
        for info in model.model_fields.values():
            for inner in (model_in(info.annotation), model_in(_items(info.annotation))):
                if inner is not None:
                    models_below(inner, seen)
    return seen


def is_translation(file: str) -> bool:
    """True for a translation's file (`cbt.es.yaml`), which mirrors its English file's keys."""
    return len(Path(file).suffixes) > 1


def leaves(value: Any, model: type[BaseModel], file: str, path: Path_ = ()) -> Iterator[Leaf]:
    """Every string value in a file's plain data, with the model field it fills.

    In a translation, which has the English file's model, the values are the `text` of each
    {text, from} pair, each filling the English field it translates; its other strings (ids,
    marks) are not text.
    """
    for name, info in model.model_fields.items():
        if isinstance(value, dict) and name in value:
            yield from _walk(value[name], info.annotation, file, path + (name,), (model.__name__, name))


def _walk(value: Any, annotation: Any, file: str, path: Path_, owner: tuple[str, str]) -> Iterator[Leaf]:
    inner = model_in(annotation)
    translated = is_translation(file)
    if translated and isinstance(value, dict) and "from" in value:
        if isinstance(value.get("text"), str):
            yield Leaf(file, path + ("text",), (inner.__name__, "text") if inner is not None else owner)
    elif isinstance(value, str):
        # a model that also takes a bare string reads it as its text (Activity)
        if not translated:
            yield Leaf(file, path, (inner.__name__, "text") if inner is not None else owner)
    elif isinstance(value, dict) and inner is not None:
        yield from leaves(value, inner, file, path)
    elif isinstance(value, list) and _items(annotation) is not None:
        for i, item in enumerate(value):
            yield from _walk(item, _items(annotation), file, path + (i,), owner)


# -- a data folder where every string field holds a value ---------------------------------------


def _files(root: Path) -> dict[str, tuple[type[BaseModel], Any]]:
    """Every data file below root, by its path, with its model and its plain data; locations first.

    A translation (`cbt.es.yaml`) comes with its English file's model.
    """
    found = {}
    for kind in ("location", "clinic", "program", "therapy"):
        english = KINDS[kind]  # "*.yaml" finds translations too, but "clinic.yaml" does not
        for file in sorted({*root.glob(english), *root.glob(english.replace(".yaml", ".*.yaml"))}):
            found[file.relative_to(root).as_posix()] = (MODELS[kind], yaml.safe_load(file.read_text("utf-8")))
    return found


def _fill(value: dict[str, Any], model: type[BaseModel], missing: set[tuple[str, str]], file_id: str,
          top: bool = True) -> bool:
    """Add, from each field's example, the absent fields that would cover a missing pair; True if any was added."""
    added = False
    for name, info in model.model_fields.items():
        inner = model_in(info.annotation) or model_in(_items(info.annotation))
        below = string_fields(inner) if inner else set()
        if name not in value and ((model.__name__, name) in missing or below & missing) and info.examples:
            # a file's own id must match its name; every other field takes its documented example
            value[name] = file_id if top and name == "id" else copy.deepcopy(info.examples[0])
            missing -= {(model.__name__, name)} | below
            added = True
        elif name in value and inner is not None:
            items = value[name] if isinstance(value[name], list) else [value[name]]
            for item in items:
                if isinstance(item, dict):
                    added |= _fill(item, inner, missing, file_id, top=False)
    return added


def _plain_location(root: Path, clinic: str, like: Path) -> None:
    """A location of the clinic with only the keys a location must have, taken from another of its locations."""
    data = yaml.safe_load(like.read_text("utf-8"))
    required = {name for name, info in MODELS["location"].model_fields.items() if info.is_required()}
    keep = required | ({"program_length"} & set(data))
    plain = {key: value for key, value in data.items() if key in keep}
    plain["name"] = f"{plain['name']} (required keys only)"  # two locations of a clinic never share a name
    (root / "clinics" / clinic / "locations" / f"{PLAIN}.yaml").write_text(yaml.safe_dump(plain), "utf-8")


def covered_copy(demo: Path, target: Path) -> dict[str, tuple[type[BaseModel], Any]]:
    """Copy the demo data to target so that every string field of every model holds a value; return its files."""
    shutil.copytree(demo, target)
    for clinic in sorted(p.parent for p in target.glob("clinics/*/clinic.yaml")):
        _plain_location(target, clinic.name, sorted(p for p in (clinic / "locations").glob("*.yaml")
                                                    if len(p.suffixes) == 1)[0])
    files = _files(target)
    # every clinic publishes Spanish, so each translation (the second program's too) shows on a page
    for name, (_, data) in files.items():
        if name.endswith("/clinic.yaml") and not is_translation(name):
            data["guide_languages"] = ["en", "es"]
            write(target, name, data)
    wanted = set().union(*(string_fields(m) for m in MODELS.values()))
    # an example may itself hold a model whose fields are still missing: fill until nothing more can be added
    for _ in range(5):
        missing = wanted - covered(files)
        changed = [name for name, (model, data) in files.items()
                   if PLAIN not in name and not is_translation(name) and _fill(data, model, missing, _file_id(name))]
        for name in changed:
            write(target, name, files[name][1])
        if not changed:
            break
    example_files(target, files)
    return files


def covered(files: dict[str, tuple[type[BaseModel], Any]]) -> set[tuple[str, str]]:
    """The (model, field) pairs that hold a string value somewhere in the files."""
    return {leaf.field for name, (model, data) in files.items() for leaf in leaves(data, model, name)}


def _file_id(name: str) -> str:
    # a clinic's id is its folder's name; every other file's is its own
    return Path(name).parent.name if name.endswith("/clinic.yaml") else Path(name).stem


class _Dumper(yaml.SafeDumper):
    """PyYAML's dumper, but a translation's mark is written in quotes: unquoted, 6879e016 reads as a number."""


_Dumper.add_representer(str, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", value, style='"' if re.fullmatch(r"[0-9a-f]{8}", value) else None))


def write(root: Path, name: str, data: Any) -> None:
    """Write one data file's plain data as YAML."""
    (root / name).write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000),
                             "utf-8")


def put(data: Any, path: Path_, value: Any) -> None:
    """Set the value at a path of plain data."""
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def get(data: Any, path: Path_) -> Any:
    """The value at a path of plain data."""
    for part in path:
        data = data[part]
    return data


# -- payloads, rounds of check, and where each refusal points -------------------------------------


@dataclass
class Verdicts:
    """Which values `check` refused (with the diagnostic at each), which it accepted, and what they hold."""

    accepted: dict[Leaf, str] = field(default_factory=dict)
    refused: dict[Leaf, list[Diagnostic]] = field(default_factory=dict)
    unexplained: list[Diagnostic] = field(default_factory=list)


def positions(root: Path, name: str) -> dict[Path_, tuple[int, int]]:
    """Where each value of a data file sits: its line and column."""
    return load_file(root / name).source.values


def _errors(root: Path) -> list[Diagnostic]:
    _, found = pipeline.check(root)
    return [d for d in found if d.severity is Severity.ERROR]


def judge(root: Path, files: dict[str, tuple[type[BaseModel], Any]],
          candidates: Callable[[Leaf, str], list[str]]) -> Verdicts:
    """Try each value's candidates in turn until `check` accepts one or none is left; record what happened."""
    base = {name: copy.deepcopy(data) for name, (_, data) in files.items()}
    every = [leaf for name, (model, data) in files.items() for leaf in leaves(data, model, name)]
    tried = {leaf: candidates(leaf, f"pwn{i:03d}") for i, leaf in enumerate(every)}
    verdicts = Verdicts()
    while True:
        live = {leaf: tried[leaf][0] for leaf in every if tried[leaf]}
        current = copy.deepcopy(base)
        for leaf, value in live.items():
            put(current[leaf.file], leaf.path, value)
        for name, data in current.items():
            write(root, name, data)
        errors = _errors(root)
        where = {name: positions(root, name) for name in {leaf.file for leaf in live}}
        at = {(leaf.file, where[leaf.file].get(leaf.path)): leaf for leaf in live}
        hit = {}
        for d in errors:
            leaf = at.get((d.file.relative_to(root).as_posix(), (d.line, d.col)))
            if leaf is None:
                verdicts.unexplained.append(d)
            else:
                hit.setdefault(leaf, []).append(d)
        if not hit:
            verdicts.accepted = live
            return verdicts
        verdicts.unexplained.clear()
        for leaf, found in hit.items():
            tried[leaf].pop(0)
            if not tried[leaf]:
                verdicts.refused[leaf] = found


def markup_first(leaf: Leaf, mark: str) -> list[str]:
    """Markup that tries to break out, then a web and a mail address that a strict check accepts."""
    return [mark + " " + MARKUP, WEB.format(mark=mark), MAIL.format(mark=mark)]


def control_only(leaf: Leaf, mark: str) -> list[str]:
    """Terminal control characters: no field may accept them."""
    return [mark + CONTROL]


def shown(text: str) -> str:
    """Text as a page shows it: white space of any kind folded to single spaces."""
    return " ".join(text.split())


def site_json(html: str, element_id: str) -> Any:
    """The JSON a page carries in <script id=...>."""
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S)
    return json.loads(match[1]) if match else None


def tiny_png() -> bytes:
    """A valid 1 by 1 PNG, for the share image an example names."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
            + chunk(b"IEND", b""))


def example_files(root: Path, files: dict[str, tuple[type[BaseModel], Any]]) -> None:
    """Put the picture and the pictures folder an example names where they are named, so the example is valid."""
    for name, (_, data) in files.items():
        brand = (data.get("brand") or {}) if name.endswith("/clinic.yaml") else {}
        image, pictures = brand.get("share_image"), brand.get("pictures")
        if image and not (root / name).parent.joinpath(image).exists():
            (root / name).parent.joinpath(image).write_bytes(tiny_png())
        if pictures:
            (root / name).parent.joinpath(pictures).mkdir(exist_ok=True)
