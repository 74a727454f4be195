"""A logo the color of the header: `check` warns, with the colors read from the SVG, and a plate keeps it visible."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import edit, line_of

from generator import pipeline
from generator.load.svg_fill import backmost_fill
from generator.paths import Project

CLINIC = "clinics/harbor-light/clinic.yaml"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8">{}</svg>'


@pytest.mark.parametrize(("shapes", "fill"), [
    ('<circle r="4" fill="#5b2a86"/><path d="M0 0h2v2z" fill="#ffffff"/>', "#5b2a86"),  # the first shape drawn
    ('<g fill="#abc"><rect width="8" height="8"/></g>', "#aabbcc"),  # inherited from its group, short form
    ('<rect width="8" height="8" style="stroke: red; fill: rgb(1, 2, 3)"/>', "#010203"),  # an inline style
    ('<path d="M0 0h8" fill="none" stroke="#000"/><rect width="8" height="8" fill="navy"/>', "#000080"),
    ('<defs><rect id="r" fill="#ff0000"/></defs><circle r="4" fill="#00ff00"/>', "#00ff00"),  # defs draw nothing
    ('<rect width="8" height="8"/>', "#000000"),  # SVG's default fill
    ('<rect width="8" height="8" fill="url(#gradient)"/>', None),  # a gradient: no guess
    ('<title>only words</title>', None),
])
def test_the_backmost_fill_is_read_from_the_markup(shapes: str, fill: str | None) -> None:
    assert backmost_fill(SVG.format(shapes).encode()) == fill


def logo(data: Path, shapes: str) -> None:
    (data / "clinics/harbor-light/logo.svg").write_text(SVG.format(shapes), encoding="utf-8")


def warnings(data: Path) -> list[str]:
    _, diagnostics = pipeline.check(data)
    return [d.format(root=data) for d in diagnostics]


def test_a_logo_the_color_of_the_header_is_a_warning_at_the_logo(data: Path) -> None:
    logo(data, '<circle cx="4" cy="4" r="4" fill="#1f5090"/>')  # Harbor Light's header is #1d4e89
    found = warnings(data)
    assert found == [f"{CLINIC}:{line_of(data / CLINIC, 'logo: logo.svg')}:9: warning: the logo's main color #1f5090 "
                     "is close to the header's color #1d4e89: a contrast of 1.04:1, where 3:1 lets it stand out, so it "
                     "can vanish into the header\n    hint: add logo_background: light under brand, to show the logo "
                     "on a light plate"]


def test_a_plate_takes_the_warning_away_and_a_wrong_plate_is_warned_at_its_line(data: Path) -> None:
    logo(data, '<circle cx="4" cy="4" r="4" fill="#1f5090"/>')
    edit(data / CLINIC, "  logo: logo.svg\n", "  logo: logo.svg\n  logo_background: light\n")
    assert warnings(data) == []
    edit(data / CLINIC, "logo_background: light", "logo_background: dark")
    found = warnings(data)
    at = f"{CLINIC}:{line_of(data / CLINIC, 'logo_background')}:20"
    assert len(found) == 1
    assert found[0].startswith(f"{at}: warning: the logo's main color #1f5090 is close to its dark plate (#1a1a1a)")
    assert "hint: add logo_background: light" in found[0]


def test_the_demo_logos_stand_out_from_their_headers(data: Path) -> None:
    assert not [line for line in warnings(data) if "logo" in line]


def test_the_built_header_shows_the_logo_on_its_plate(data: Path, project: Project, tmp_path: Path) -> None:
    edit(data / CLINIC, "  logo: logo.svg\n", "  logo: logo.svg\n  logo_background: light\n")
    result = pipeline.build_sites(project, data, tmp_path / "site", ["harbor-light"])
    assert sorted(result.built) == ["harbor-light/pasadena", "harbor-light/riverside"]
    page = BeautifulSoup((tmp_path / "site/harbor-light/pasadena/weeks/week-2.html").read_text(encoding="utf-8"),
                         "html.parser")
    image = page.select_one("header .md-logo img")
    assert image is not None and image["class"] == ["iop-logo-plate", "iop-logo-plate--light"]
    css = (tmp_path / "site/harbor-light/pasadena/assets/stylesheets/guide.css").read_text(encoding="utf-8")
    assert re.search(r"img\.iop-logo-plate--light\s*\{\s*background-color: var\(--iop-plate-light\);", css)
    # the plate is white: the very color check measures the logo against
    brand = (tmp_path / "site/harbor-light/pasadena/assets/brand.css").read_text(encoding="utf-8")
    assert "--iop-plate-light: #ffffff;" in brand
