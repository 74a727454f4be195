"""A location's guide in English and Spanish, built as its published folder holds it: English at the root, es/ below.

The build stage (generator/build/) decides how a guide in several languages is
published; this builds the two sites the way it must lay them out, so that the
theme's links between the languages can be followed on disk and in a browser.
"""

from __future__ import annotations

import dataclasses
import re
from enum import Enum
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po
from pydantic import BaseModel

from generator.build.mkdocs import Stopper
from generator.paths import Project
from generator.render import words
from generator.render.site import render_site
from generator.render.templates import environment
from generator.resolve import SiteSpec

LANGUAGES = ("en", "es")
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")
# the data's prose made unreadable: an English word left on a page is then one of our own
UNREADABLE = str.maketrans({**{chr(ord("a") + i): chr(0x430 + i) for i in range(26)},
                            **{chr(ord("A") + i): chr(0x410 + i) for i in range(26)}})


def unreadable(value: Any) -> Any:
    """The data with its prose made unreadable; ids, addresses, numbers and single words (no space) are kept."""
    if isinstance(value, Enum):
        return value
    if isinstance(value, str):
        return str(value).translate(UNREADABLE) if " " in value else value
    if isinstance(value, BaseModel):
        return value.model_copy(update={name: unreadable(getattr(value, name)) for name in type(value).model_fields})
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: unreadable(getattr(value, f.name))
                                             for f in dataclasses.fields(value) if f.init})
    if isinstance(value, dict):
        return {unreadable(k): unreadable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(unreadable(v) for v in value)
    return value


def build_guide(spec: SiteSpec, project: Project, out: Path) -> Path:
    """Build spec in English and in Spanish below out; the folder of the English site (Spanish in its es/)."""
    site = out / "site"
    stopper = Stopper(out)
    try:
        # English first: MkDocs empties the folder it builds into, and es/ is inside the English one
        for language in LANGUAGES:
            one = dataclasses.replace(spec, language=language, guide_languages=LANGUAGES)
            staging = out / f"staging-{language}"
            staging.mkdir(parents=True)
            render_site(one, project, environment(project.content), staging)
            answer = stopper.build(staging, site / ("" if language == "en" else language))
            assert answer["ok"], answer["output"]
    finally:
        stopper.close()
    return site


def english_fragments() -> list[str]:
    """The English words of each message whose Spanish differs: each run of text between its placeholders."""
    with open(words.po_file("es"), "rb") as file:
        catalog = read_po(file)
    found = set()
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in ids:
            for part in PLACEHOLDER.split(text or ""):
                part = part.strip(" .,:;()[]*\"")
                # short pieces ("am") or ones the translation keeps (a name, "IOP") say nothing
                if len(part) >= 4 and re.search("[a-z]", part) and not any(part in s for s in strings):
                    found.add(part)
    return sorted(found)
