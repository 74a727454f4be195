"""A light brand color works: the header's text turns near-black, links take a readable shade, axe finds nothing;
the logo sits on the light plate the clinic chose.

Harbor Light's Pasadena is built with a gold primary and a pale yellow accent,
colors on which white text would be unreadable (1.8:1 and 1.3:1).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import DEMO_DATA, edit
from support import static_host

from browser.test_accessibility import RULES, describe
from generator import pipeline
from generator.model import colors
from generator.paths import Project

SITE = "harbor-light/pasadena"
GOLD, PALE = "#f4b942", "#ffe680"
AXE = Axe()


@pytest.fixture(scope="module")
def gold(tmp_path_factory: pytest.TempPathFactory, project: Project) -> Iterator[str]:
    data = tmp_path_factory.mktemp("gold") / "program_data"
    shutil.copytree(DEMO_DATA, data)
    clinic = data / "clinics/harbor-light/clinic.yaml"
    edit(clinic, 'primary: "#1d4e89"', f'primary: "{GOLD}"')
    edit(clinic, 'accent: "#b3541e"', f'accent: "{PALE}"')
    edit(clinic, "  logo: logo.svg\n", "  logo: logo.svg\n  logo_background: light\n")
    out = tmp_path_factory.mktemp("gold-site")
    result = pipeline.build_sites(project, data, out, [SITE])
    assert result.built == [SITE], result.failed
    with static_host.serving(out, {}) as url:
        yield f"{url}/{SITE}/"


def rgb(css: str) -> str:
    """'#rrggbb' of a computed 'rgb(r, g, b)'."""
    red, green, blue = (int(float(part)) for part in css[css.index("(") + 1:css.index(")")].split(",")[:3])
    return colors.hex_color(red, green, blue)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_name", ["index.html", "weeks/week-2.html"])
def test_a_gold_brand_reads_everywhere(browser: Any, gold: str, scheme: str, page_name: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(gold + page_name)
        header = page.locator("header.md-header")
        assert rgb(header.evaluate("h => getComputedStyle(h).backgroundColor")) == GOLD  # the brand as it is
        text = rgb(header.locator(".md-header__title").evaluate("t => getComputedStyle(t).color"))
        assert text == colors.NEAR_BLACK and colors.contrast(text, GOLD) >= colors.AA_TEXT
        plate = header.locator(".md-logo img").evaluate("i => getComputedStyle(i).backgroundColor")
        assert rgb(plate) == colors.WHITE  # logo_background: light
        page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
        violations = AXE.run(page, options=RULES).response["violations"]
        assert violations == [], describe(violations)
    finally:
        context.close()
