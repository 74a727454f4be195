"""Contrast of brand colors (WCAG 2.1), and the palette each site gets from them, readable everywhere.

Material puts text on the primary color (header, tabs) and on the accent (a
button under the pointer), and uses the two colors for links and their hover on
the page. WCAG 2.1 AA asks 4.5:1 for normal text. Any brand color can be used:
the text on it is white or a near-black, whichever reads (black or white always
reaches 4.58:1 or more), and where the color itself is text on the page (links),
a site whose color does not read there gets the nearest shade that does: darker
on the light scheme, lighter on the dark one. `palette` makes those choices;
`unreadable` names any pair that still misses 4.5:1, for `check` to refuse.
"""

from __future__ import annotations

from dataclasses import dataclass

WHITE = "#ffffff"
BLACK = "#000000"
# text on a light brand color: as dark as Material's own text, a little softer than black
NEAR_BLACK = "#1a1a1a"
# what a logo sits on when the clinic asks for a plate (brand.logo_background)
PLATES = {"light": WHITE, "dark": NEAR_BLACK}
# Material's slate (dark scheme) page background: hsl(232, 15%, 14%)
SLATE_BACKGROUND = "#1e2129"
AA_TEXT = 4.5
# the dark-scheme tints aim a little above the minimum, so small rendering differences never fail AA
DARK_TARGET = 5.0


def rgb(color: str) -> tuple[int, int, int]:
    """The red, green and blue of a '#rrggbb' color."""
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def hex_color(red: float, green: float, blue: float) -> str:
    """'#rrggbb' of channel values, rounded and clamped."""
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in (red, green, blue))


def luminance(color: str) -> float:
    """Relative luminance, as WCAG 2.1 defines it."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """The contrast ratio of two colors, from 1 to 21."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(color: str, other: str, share: float) -> str:
    """color moved toward other by share (0 keeps color, 1 gives other)."""
    return hex_color(*(a + (b - a) * share for a, b in zip(rgb(color), rgb(other), strict=True)))


def readable_on(color: str, background: str, target: float = DARK_TARGET, toward: str = WHITE) -> str:
    """Return the color itself if it reads on the background, else its nearest mix toward `toward` that does.

    Toward white gives a lighter tint (links on the dark scheme), toward black a darker shade (the
    advice for a brand color too light to carry white text).
    """
    for step in range(0, 101):
        shade = mix(color, toward, step / 100)
        if contrast(shade, background) >= target:
            return shade
    return toward


def text_on(color: str) -> str:
    """The text color for a background of this color: white, else near-black, else black, whichever reads first."""
    for candidate in (WHITE, NEAR_BLACK, BLACK):
        if contrast(candidate, color) >= AA_TEXT:
            return candidate
    return max((WHITE, BLACK), key=lambda candidate: contrast(candidate, color))


@dataclass(frozen=True)
class Palette:
    """The colors a site uses, each with what it is read against."""

    primary: str  # the header and tabs: the brand color as it is
    on_primary: str  # their text
    accent: str  # hover of links, and buttons under the pointer, on the light scheme's white page
    on_accent: str
    link: str  # links on the light scheme's white page
    dark_link: str  # links on the dark scheme's page
    dark_accent: str
    on_dark_accent: str


def palette(primary: str, accent: str) -> Palette:
    """The site's colors from its two brand colors: each as it is wherever it reads, else its nearest readable shade."""
    light_accent = readable_on(accent, WHITE, target=AA_TEXT, toward=BLACK)
    dark_accent = readable_on(accent, SLATE_BACKGROUND)
    return Palette(primary=primary, on_primary=text_on(primary), accent=light_accent,
                   on_accent=text_on(light_accent), link=readable_on(primary, WHITE, target=AA_TEXT, toward=BLACK),
                   dark_link=readable_on(primary, SLATE_BACKGROUND), dark_accent=dark_accent,
                   on_dark_accent=text_on(dark_accent))


def pairs(colors: Palette) -> list[tuple[str, str, str, str]]:
    """Each text a patient reads in the palette: (brand role, what it is, text color, background)."""
    return [
        ("primary", "text on the header", colors.on_primary, colors.primary),
        ("primary", "links on the page", colors.link, WHITE),
        ("primary", "links on the dark page", colors.dark_link, SLATE_BACKGROUND),
        ("accent", "text on an accent button", colors.on_accent, colors.accent),
        ("accent", "links under the pointer", colors.accent, WHITE),
        ("accent", "links under the pointer on the dark page", colors.dark_accent, SLATE_BACKGROUND),
        ("accent", "text on an accent button on the dark page", colors.on_dark_accent, colors.dark_accent),
    ]


def unreadable(colors: Palette) -> list[tuple[str, str, str, str, float]]:
    """The pairs below 4.5:1, each with its ratio (none, for any #rrggbb, while the palette is made as above)."""
    return [(role, what, text, background, contrast(text, background))
            for role, what, text, background in pairs(colors) if contrast(text, background) < AA_TEXT]
