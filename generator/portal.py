"""The team portal: out/index.html, listing every clinic and location with a link."""

from __future__ import annotations

import os
from itertools import groupby
from pathlib import Path
from typing import Any

import jinja2

from .resolve import SiteSpec


def portal_context(specs: list[SiteSpec]) -> list[dict[str, Any]]:
    """Clinics in id order, each with its sites."""
    clinics = []
    for _, group in groupby(sorted(specs, key=lambda s: s.key), key=lambda s: s.clinic_id):
        sites = list(group)
        clinics.append({"name": sites[0].clinic.name, "sites": [{
            "name": spec.location.name,
            "href": f"{spec.clinic_id}/{spec.location_id}/index.html",
            "program": spec.program.title,
            "length": spec.length,
            "tracks": ", ".join(track.name for track in spec.location.tracks),
        } for spec in sites]})
    return clinics


def write(specs: list[SiteSpec], env: jinja2.Environment, out: Path) -> None:
    """Render the portal and replace out/index.html in one step."""
    html = env.get_template("portal.html.jinja").render(clinics=portal_context(specs))
    target = out / "index.html"
    partial = target.with_name(f".index.html.{os.getpid()}")
    partial.write_text(html, encoding="utf-8")
    os.replace(partial, target)
