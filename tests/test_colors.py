"""Brand colors: WCAG contrast, the palette any brand color gets (text on it, readable link shades), the
located error of `check`, and the dark-scheme tints each site gets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import edit, line_of
from hypothesis import given, settings
from hypothesis import strategies as st

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


@settings(max_examples=300, deadline=None)
@given(primary=st.integers(0, 0xFFFFFF), accent=st.integers(0, 0xFFFFFF))
def test_any_two_brand_colors_make_a_palette_patients_can_read(primary: int, accent: int) -> None:
    shown = colors.palette(f"#{primary:06x}", f"#{accent:06x}")
    assert colors.unreadable(shown) == []
    for _, _, text, background in colors.pairs(shown):
        assert colors.contrast(text, background) >= colors.AA_TEXT
    assert shown.primary == f"#{primary:06x}"  # the header keeps the brand color itself
    if colors.contrast(shown.primary, colors.WHITE) >= colors.AA_TEXT:
        assert shown.link == shown.primary and shown.on_primary == colors.WHITE  # a color that reads is kept


@pytest.mark.parametrize(("color", "text"), [("#f4b942", colors.NEAR_BLACK), ("#1d4e89", colors.WHITE),
                                             ("#ffff00", colors.NEAR_BLACK), ("#7a7a7a", colors.BLACK)])
def test_text_on_a_brand_color_is_white_or_near_black(color: str, text: str) -> None:
    assert colors.text_on(color) == text


def test_a_light_brand_color_passes_check(data: Path) -> None:
    clinic = data / "clinics/harbor-light/clinic.yaml"
    edit(clinic, 'accent: "#b3541e"', 'accent: "#f4b942"')
    edit(clinic, 'primary: "#1d4e89"', 'primary: "#ffe680"')
    _, diagnostics = pipeline.check(data)
    # the logo's white badge on the pale header is the logo check's to warn about (test_logo_plate.py)
    assert [d for d in diagnostics if "the logo's main color" not in d.message] == []


def test_a_palette_that_misses_aa_is_an_error_naming_both_colors(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the palette ever chose badly (here: white text on anything), check would refuse the color at its line."""
    monkeypatch.setattr(colors, "text_on", lambda color: colors.WHITE)
    clinic = data / "clinics/harbor-light/clinic.yaml"
    edit(clinic, 'primary: "#1d4e89"', 'primary: "#f4b942"')
    _, diagnostics = pipeline.check(data)
    found = [d.format(root=data) for d in diagnostics if "primary" in d.format()]
    assert found == [f"clinics/harbor-light/clinic.yaml:{line_of(clinic, 'primary:')}:12: error: text on the header "
                     "would be #ffffff on #f4b942, a contrast of only 1.77:1; patients need at least 4.5:1 to read it"
                     "\n    hint: choose a darker or a lighter primary color"]


def test_a_light_brand_gets_dark_text_and_a_readable_link_shade_in_its_css(project, tmp_path: Path, data: Path) -> None:
    clinic = data / "clinics/harbor-light/clinic.yaml"
    edit(clinic, 'primary: "#1d4e89"', 'primary: "#f4b942"')
    result = pipeline.build_sites(project, data, tmp_path / "site", ["harbor-light/pasadena"])
    assert result.built == ["harbor-light/pasadena"]
    css = (tmp_path / "site/harbor-light/pasadena/assets/brand.css").read_text(encoding="utf-8")
    light = css.split('[data-md-color-scheme="slate"]')[0]
    assert re.search(r":root, \[data-md-color-scheme=\"default\"\] \{", light)
    found = dict(re.findall(r"--md-([a-z-]+): (#[0-9a-f]{6});", light))
    assert found["primary-fg-color"] == "#f4b942" and found["primary-bg-color"] == colors.NEAR_BLACK
    assert colors.contrast(found["typeset-a-color"], colors.WHITE) >= colors.AA_TEXT


def test_each_site_gets_readable_dark_scheme_colors(built: Path) -> None:
    for css in built.glob("*/*/assets/brand.css"):
        dark = css.read_text(encoding="utf-8").split('[data-md-color-scheme="slate"]')[1]
        found = re.findall(r"--md-(?:typeset-a|accent-fg)-color: (#[0-9a-f]{6})", dark)
        assert len(found) == 2
        assert all(colors.contrast(color, colors.SLATE_BACKGROUND) >= colors.AA_TEXT for color in found)
