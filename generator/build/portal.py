"""The team portal: out/index.html, every clinic with its locations, from build-report.json."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path
from typing import Any

import jinja2

from generator.build.outcome import replace_text


def portal_context(sites: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Clinics in id order, each with its sites as the report describes them."""
    clinics = []
    ordered = sorted(sites.values(), key=lambda entry: entry["site"])
    for _, group in groupby(ordered, key=lambda entry: entry["site"].split("/")[0]):
        entries = list(group)
        clinics.append({"name": entries[0].get("clinic", entries[0]["site"].split("/")[0]), "sites": [{
            "name": entry.get("location", entry["site"]),
            "site": entry["site"],
            "href": f"{entry['site']}/index.html" if entry.get("built_at") else None,
            "program": entry.get("program", ""),
            "weeks": entry.get("weeks"),
            "tracks": ", ".join(entry.get("tracks", [])),
            "built_at": entry.get("built_at"),
            "pages": entry.get("page_count"),
            "failed": entry.get("last_result") == "failed",
            # the report is read back from the output folder: only a list of strings is shown (escaped)
            "warnings": [w for w in entry.get("warnings") or [] if isinstance(w, str)],
            "anchor": "warnings-" + entry["site"].replace("/", "-"),
        } for entry in entries]})
    return clinics


def write(sites: dict[str, dict[str, Any]], env: jinja2.Environment, out: Path) -> None:
    """Render the portal and replace out/index.html in one step."""
    html = env.get_template("portal.html.jinja").render(clinics=portal_context(sites))
    replace_text(out / "index.html", html)
