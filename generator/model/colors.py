"""Contrast of brand colors (WCAG 2.1), and readable shades of them: lighter for the dark scheme, darker as advice.

Material puts white text on the primary color (header, tabs) and uses the
primary and accent colors for links on the page. WCAG 2.1 AA asks 4.5:1 for
normal text, so a brand color is usable only if white text on it, and it as
text on white, reach that ratio (the two are the same number).
"""

from __future__ import annotations

WHITE = "#ffffff"
BLACK = "#000000"
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
