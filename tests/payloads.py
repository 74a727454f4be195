"""The hostile-text corpus (tests/data/payloads.txt) and a copy of the demo data with it in many fields."""

from __future__ import annotations

import re
import shutil
from itertools import cycle
from pathlib import Path
from typing import Any

import yaml

from generator.model.scalars import check_url

CORPUS = Path(__file__).resolve().parent / "data" / "payloads.txt"
MARKER = re.compile(r"pwn\d\d")
SITE = "harbor-light/pasadena"
# free text a patient reads (names and titles too); ids, times, colors, phones and terms keep their demo values
TEXT_KEYS = {
    "title", "summary", "intro", "good_fit", "needs_more_care", "conditions", "text", "question", "answer", "name",
    "short_name", "meaning", "action", "goals", "feelings", "tips", "checklist", "items", "tagline", "logo_alt",
    "legal", "hours", "parking", "transit", "what_it_is", "session", "helps_with", "street", "city",
}
URL_KEYS = {"url", "map_url", "website"}
FILES = ["programs/core-iop.yaml", "clinics/harbor-light/clinic.yaml", "clinics/harbor-light/locations/pasadena.yaml",
         "therapies/group-therapy.yaml"]


def payloads() -> list[str]:
    """Every payload of the corpus, a written \\n made a line break."""
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [line.replace("\\n", "\n") for line in lines if line and not line.startswith("#")]


def text_payloads() -> list[str]:
    """The payloads a text field may hold: a picture in text is refused at its line (tests/test_xrefs.py)."""
    return [p for p in payloads() if "![" not in p]


def url_payloads() -> list[str]:
    """The payloads that pass the web address check (the others are refused at their line: tests/test_addresses.py)."""
    return [p for p in payloads() if _is_url(p)]


def _is_url(text: str) -> bool:
    try:
        check_url(text)
    except ValueError:
        return False
    return True


def inject(data: Path) -> None:
    """Put a payload into every text and URL field of the site's files, in turn, so each payload lands somewhere."""
    texts, urls = cycle(text_payloads()), cycle(url_payloads())

    def walk(value: Any, key: str | None) -> Any:
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        if isinstance(value, str) and key in TEXT_KEYS:
            return next(texts)
        if isinstance(value, str) and key in URL_KEYS:
            return next(urls)
        return value

    for name in FILES:
        file = data / name
        file.write_text(yaml.safe_dump(walk(yaml.safe_load(file.read_text(encoding="utf-8")), None),
                                       allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def hostile_copy(demo: Path, target: Path) -> Path:
    """A copy of the demo data at target with the corpus injected."""
    shutil.copytree(demo, target)
    inject(target)
    return target
