"""WCAG 2.1 AA, checked by axe-core on every page kind of every demo site, in both color schemes."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser.conftest import PAGE_KINDS, SITES, page_path

RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
         "resultTypes": ["violations"]}
AXE = Axe()


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [node["target"] for node in violation["nodes"][:3]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("site", SITES)
def test_no_axe_violations(open_page, site: str, kind: str, scheme: str) -> None:
    page = open_page(page_path(site, kind), color_scheme=scheme)
    violations = AXE.run(page, options=RULES).response["violations"]
    assert violations == [], describe(violations)


# phone width changes the layout: wide tables scroll sideways, the navigation moves into a drawer
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["home", "week", "contact", "print"])
@pytest.mark.parametrize("site", SITES)
def test_no_axe_violations_on_a_phone(open_page, site: str, kind: str, scheme: str) -> None:
    page = open_page(page_path(site, kind), color_scheme=scheme, viewport={"width": 360, "height": 740})
    violations = AXE.run(page, options=RULES).response["violations"]
    assert violations == [], describe(violations)
