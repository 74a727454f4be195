"""A clinic's brand: colors patients can read, and files that are where they should be and what they claim."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.diagnostics import Diagnostic
from generator.load import brand_files
from generator.load.dataset import DataSet, Entry
from generator.model import Clinic, colors
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
