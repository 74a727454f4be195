"""A clinic's brand: colors patients can read, and files that are where they should be and what they claim."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import ParseError

from generator.diagnostics import Diagnostic, Severity
from generator.load import brand_files, svg_fill
from generator.load.dataset import DataSet, Entry
from generator.model import Clinic, colors
from generator.model.clinic import LogoPlate
from generator.source import SourceMap
from generator.validate.references import twice


def contrast(clinic: Clinic, source: SourceMap) -> Iterator[Diagnostic]:
    """Report a brand color whose site would still show text below 4.5:1, naming both colors and the ratio.

    The site's palette (model/colors.py) picks the text on each color and shades
    what does not read, so this is the check that it did.
    """
    for role, what, text, background, ratio in colors.unreadable(colors.palette(clinic.brand.primary,
                                                                                clinic.brand.accent)):
        yield source.diagnostic(("brand", role), f"{what} would be {text} on {background}, a contrast of only "
                                f"{ratio:.2f}:1; patients need at least {colors.AA_TEXT}:1 to read it",
                                hint=f"choose a darker or a lighter {role} color")


# WCAG 1.4.11: a graphic people need stands 3:1 apart from what is around it
LOGO_CONTRAST = 3.0
PLATES = {plate: colors.PLATES[plate.value] for plate in (LogoPlate.light, LogoPlate.dark)}


def logo_plate(entry: Entry[Clinic], data: DataSet) -> Iterator[Diagnostic]:
    """Warn when an SVG logo's main color is too close to what it sits on: the header, or the plate chosen."""
    brand = entry.model.brand
    if not brand.logo.lower().endswith(".svg"):
        return
    try:
        fill = svg_fill.backmost_fill(brand_files.read(data.clinic_folder(entry.id), brand.logo, brand_files.LOGO))
    except (brand_files.BrandFileError, ParseError):
        return  # files() says what is wrong with the file
    if fill is None:
        return
    plate = brand.logo_background
    behind = PLATES.get(plate, brand.primary)
    ratio = colors.contrast(fill, behind)
    if ratio >= LOGO_CONTRAST:
        return
    better = max(PLATES, key=lambda choice: colors.contrast(fill, PLATES[choice]))
    where = f"the header's color {behind}" if plate is LogoPlate.none else f"its {plate.value} plate ({behind})"
    at = ("brand", "logo") if plate is LogoPlate.none else ("brand", "logo_background")
    yield entry.source.diagnostic(at, f"the logo's main color {fill} is close to {where}: a contrast of "
                                  f"{ratio:.2f}:1, where {LOGO_CONTRAST:g}:1 lets it stand out, so it can vanish "
                                  "into the header", hint=f"add logo_background: {better.value} under brand, to show "
                                  f"the logo on a {better.value} plate", severity=Severity.WARNING)


def _clinic_file(entry: Entry[Clinic], data: DataSet, at: tuple[Any, ...], name: str,
                 kind: brand_files.Kind) -> Iterator[Diagnostic]:
    """A file the data names: read through the very checks render uses (place, kind, size, content)."""
    try:
        brand_files.read(data.clinic_folder(entry.id), name, kind)
    except brand_files.BrandFileError as e:
        yield entry.source.diagnostic(at, e.message, hint=e.hint)


def files(entry: Entry[Clinic], data: DataSet) -> Iterator[Diagnostic]:
    """Check every file the brand names (logo, icon, share image, fonts), and each font style once."""
    brand = entry.model.brand
    yield from _clinic_file(entry, data, ("brand", "logo"), brand.logo, brand_files.LOGO)
    if brand.favicon is not None:
        yield from _clinic_file(entry, data, ("brand", "favicon"), brand.favicon, brand_files.FAVICON)
    if brand.share_image is not None:
        yield from _clinic_file(entry, data, ("brand", "share_image"), brand.share_image, brand_files.SHARE_IMAGE)
    if brand.pictures is not None:
        try:
            brand_files.picture_folder(data.clinic_folder(entry.id), brand.pictures)
        except brand_files.BrandFileError as e:
            yield entry.source.diagnostic(("brand", "pictures"), e.message, hint=e.hint)
    for role, font in (("text", brand.fonts.text), ("headings", brand.fonts.headings)) if brand.fonts else ():
        if font is None:
            continue
        at = ("brand", "fonts", role, "files")
        for i, item in enumerate(font.files):
            yield from _clinic_file(entry, data, at + (i, "file"), item.file, brand_files.FONT)
        yield from twice(entry.source, at, [f"weight {item.weight}, {item.style.value}" for item in font.files])
