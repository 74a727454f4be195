"""The color an SVG logo shows at its edge, read from its markup: the fill of the first shape it draws.

The first shape is the one behind all the others, usually the largest (a badge,
a circle, the mark itself), so it is what meets the header's color. Fills are
read from `fill` attributes and inline `style`, inherited from the groups around
a shape as SVG inherits them; nothing is drawn. A fill this cannot name (a
gradient, `currentColor`, a class styled elsewhere) gives no answer rather than
a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.etree import ElementTree as etree

from defusedxml.ElementTree import fromstring

from generator.load.brand_files import SVG_NS

_SHAPES = frozenset({"rect", "circle", "ellipse", "path", "polygon", "text"})
# what is never drawn where it stands
_UNDRAWN = frozenset({"defs", "symbol", "clipPath", "mask", "pattern", "marker", "title", "desc", "metadata", "style"})
_NAMED = {"black": "#000000", "white": "#ffffff", "red": "#ff0000", "green": "#008000", "blue": "#0000ff",
          "yellow": "#ffff00", "purple": "#800080", "orange": "#ffa500", "gray": "#808080", "grey": "#808080",
          "navy": "#000080", "teal": "#008080", "maroon": "#800000", "olive": "#808000", "silver": "#c0c0c0",
          "lime": "#00ff00", "aqua": "#00ffff", "fuchsia": "#ff00ff"}
_RGB = re.compile(r"rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)")
_STYLE_FILL = re.compile(r"(?:^|;)\s*fill\s*:\s*([^;]+)")
_UNKNOWN = "?"


def backmost_fill(data: bytes) -> str | None:
    """'#rrggbb' of the first shape's fill, or None when the file has no shape with a fill this can name."""
    root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    for fill in _fills(root, "#000000"):  # SVG's own default fill is black
        return None if fill == _UNKNOWN else fill
    return None


def _fills(element: etree.Element, inherited: str) -> Iterator[str]:
    """The fill of each shape drawn below element, in the order they are drawn (none-filled shapes left out)."""
    local = element.tag.removeprefix(f"{{{SVG_NS}}}")
    if local in _UNDRAWN:
        return
    fill = _own_fill(element) or inherited
    if local in _SHAPES and fill != "none":
        yield fill
    for child in element:
        yield from _fills(child, fill)


def _own_fill(element: etree.Element) -> str | None:
    style = _STYLE_FILL.search(element.get("style", ""))
    written = (style[1] if style else element.get("fill", "")).strip().lower()
    if not written or written == "inherit":
        return None
    return "none" if written == "none" else _color(written)


def _color(text: str) -> str:
    if re.fullmatch(r"#[0-9a-f]{6}", text):
        return text
    if re.fullmatch(r"#[0-9a-f]{3}", text):
        return "#" + "".join(c * 2 for c in text[1:])
    match = _RGB.fullmatch(text)
    if match and all(int(part) <= 255 for part in match.groups()):
        return "#" + "".join(f"{int(part):02x}" for part in match.groups())
    return _NAMED.get(text, _UNKNOWN)
