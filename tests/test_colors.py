"""Brand colors: WCAG contrast, the located error of `check`, and the dark-scheme tints each site gets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import edit, line_of

from generator import pipeline
from generator.model import colors


@pytest.mark.parametrize(("first", "second", "ratio"), [
    ("#000000", "#ffffff", 21.0),   # the extremes WCAG names
    ("#ffffff", "#ffffff", 1.0),
    ("#767676", "#ffffff", 4.54),   # the lightest gray that passes AA on white
    ("#777777", "#ffffff", 4.48),
])
def test_contrast_matches_wcag(first: str, second: str, ratio: float) -> None:
    assert colors.contrast(first, second) == pytest.approx(ratio, abs=0.01)


@pytest.mark.parametrize("color", ["#1d4e89", "#b3541e", "#000000", "#7a3e9d", "#ff0000"])
def test_dark_scheme_tint_reads_on_the_dark_background(color: str) -> None:
    tint = colors.readable_on(color, colors.SLATE_BACKGROUND)
    assert colors.contrast(tint, colors.SLATE_BACKGROUND) >= colors.AA_TEXT
    if colors.contrast(color, colors.SLATE_BACKGROUND) >= colors.DARK_TARGET:
        assert tint == color  # a color that already reads is kept as it is


@pytest.mark.parametrize("color", ["#f0a050", "#ffff00", "#777777", "#ffffff", "#1d4e89"])
def test_darker_shade_carries_white_text(color: str) -> None:
    # the advice for a brand color too pale for white text: the same search, toward black
    shade = colors.readable_on(color, colors.WHITE, target=colors.AA_TEXT, toward=colors.BLACK)
    assert colors.contrast(shade, colors.WHITE) >= colors.AA_TEXT
    assert colors.luminance(shade) <= colors.luminance(color)
    if colors.contrast(color, colors.WHITE) >= colors.AA_TEXT:
        assert shade == color


def test_a_pale_brand_color_is_an_error_at_its_line(data: Path) -> None:
    clinic = data / "clinics/harbor-light/clinic.yaml"
    edit(clinic, 'accent: "#b3541e"', 'accent: "#f0a050"')
    _, diagnostics = pipeline.check(data)
    found = [d.format(root=data) for d in diagnostics]
    line = line_of(clinic, "accent:")
    assert len(found) == 1
    assert found[0].startswith(f"clinics/harbor-light/clinic.yaml:{line}:11: error: white text on the accent "
                               "color #f0a050 has a contrast of only 2.13:1")
    suggestion = re.search(r"such as (#[0-9a-f]{6})", found[0])
    assert suggestion and colors.contrast(suggestion[1], colors.WHITE) >= colors.AA_TEXT


def test_each_site_gets_readable_dark_scheme_colors(built: Path) -> None:
    for css in built.glob("*/*/assets/brand.css"):
        dark = css.read_text(encoding="utf-8").split('[data-md-color-scheme="slate"]')[1]
        found = re.findall(r"--md-(?:typeset-a|accent-fg)-color: (#[0-9a-f]{6})", dark)
        assert len(found) == 2
        assert all(colors.contrast(color, colors.SLATE_BACKGROUND) >= colors.AA_TEXT for color in found)
