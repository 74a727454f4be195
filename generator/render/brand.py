"""The clinic's brand in a site: its files (logo, favicon, share image, fonts) and its colors and fonts as CSS."""

from __future__ import annotations

import posixpath
from pathlib import Path

from generator.diagnostics import SiteBuildError
from generator.load import brand_files
from generator.model import colors
from generator.paths import inside
from generator.resolve import SiteSpec


def logo(spec: SiteSpec) -> str:
    """The logo's path in docs/."""
    return f"assets/logo{spec.logo.suffix.lower()}"


def copy_files(spec: SiteSpec, staging: Path) -> None:
    """Write the brand files into docs/ of the staging folder, through the reader `check` uses.

    The site carries exactly the bytes that were checked.
    """
    docs = staging / "docs"
    _copy(spec, spec.clinic.brand.logo, brand_files.LOGO, inside(staging, docs / logo(spec)))
    chosen, shared = spec.clinic.brand.share_image, share_image(spec)
    if chosen and shared:
        _copy(spec, chosen, brand_files.SHARE_IMAGE, inside(staging, docs / shared))
    if spec.clinic.brand.favicon:
        _copy(spec, spec.clinic.brand.favicon, brand_files.FAVICON, inside(staging, docs / "assets" / favicon(spec)))
    for font_file, font_target in font_files(spec):
        target = inside(staging, docs / font_target)
        target.parent.mkdir(parents=True, exist_ok=True)
        _copy(spec, font_file, brand_files.FONT, target)


def _copy(spec: SiteSpec, name: str, kind: brand_files.Kind, target: Path) -> None:
    """Write a brand file as the checked reader returns it; never copy it from the data folder directly."""
    try:
        target.write_bytes(brand_files.read(spec.clinic_folder, name, kind))
    except brand_files.BrandFileError as e:
        # it changed after `check` looked at it: fail this site rather than publish what was not checked
        raise SiteBuildError(spec.key, f"{e.message}\n    hint: {e.hint}") from None


def share_image(spec: SiteSpec) -> str | None:
    """The picture of shared links, in docs/: the clinic's share image, else a PNG logo.

    SVG is left out: social sites do not show it.
    """
    chosen = spec.clinic.brand.share_image
    if chosen:
        return f"assets/share{Path(chosen).suffix.lower()}"
    return "assets/logo.png" if spec.logo.suffix.lower() == ".png" else None


def favicon(spec: SiteSpec) -> str:
    """The browser-tab icon in the site's assets: the clinic's favicon, else its logo."""
    chosen = spec.clinic.brand.favicon
    return f"favicon{Path(chosen).suffix.lower()}" if chosen else f"logo{spec.logo.suffix.lower()}"


def font_files(spec: SiteSpec) -> list[tuple[str, str]]:
    """(file in the clinic folder, path in docs/) of each font file, named by role and place in the list.

    The names are made here, so the data's file names never reach the CSS.
    """
    fonts = spec.clinic.brand.fonts
    if fonts is None:
        return []
    return [(item.file, f"assets/fonts/{role}-{i}{Path(item.file).suffix.lower()}")
            for role, font in (("text", fonts.text), ("headings", fonts.headings)) if font is not None
            for i, item in enumerate(font.files, start=1)]


def brand_css(spec: SiteSpec) -> str:
    """CSS variables that put the clinic's colors into Material's palette, readable in both schemes.

    The header keeps the brand color with white or near-black text, whichever
    reads; links and hover use the color where it reads on the page, else its
    nearest shade that does (model/colors.py, which `check` holds to 4.5:1).
    """
    brand = spec.clinic.brand
    shown = colors.palette(brand.primary, brand.accent)
    return (
        "/* Generated from the clinic's brand colors: do not edit. */\n"
        # Material sets its light scheme's link color on [data-md-color-scheme=default], which outranks :root
        ":root, [data-md-color-scheme=\"default\"] {\n"
        f"  --md-primary-fg-color: {shown.primary};\n"
        f"  --md-primary-fg-color--light: {shown.primary};\n"
        f"  --md-primary-fg-color--dark: {shown.primary};\n"
        f"  --md-primary-bg-color: {shown.on_primary};\n"
        f"  --md-primary-bg-color--light: {shown.on_primary};\n"
        f"  --md-accent-fg-color: {shown.accent};\n"
        f"  --md-accent-bg-color: {shown.on_accent};\n"
        f"  --md-accent-bg-color--light: {shown.on_accent};\n"
        f"  --md-typeset-a-color: {shown.link};\n"
        f"  --iop-brand-primary: {brand.primary};\n"
        f"  --iop-brand-accent: {brand.accent};\n"
        f"  --iop-plate-light: {colors.PLATES['light']};\n"
        f"  --iop-plate-dark: {colors.PLATES['dark']};\n"
        "}\n"
        "[data-md-color-scheme=\"slate\"] {\n"
        f"  --md-typeset-a-color: {shown.dark_link};\n"
        f"  --md-accent-fg-color: {shown.dark_accent};\n"
        f"  --md-accent-bg-color: {shown.on_dark_accent};\n"
        f"  --md-accent-bg-color--light: {shown.on_dark_accent};\n"
        f"  --iop-link-on-dark: {shown.dark_link};\n"
        "}\n"
    ) + font_css(spec)


def font_css(spec: SiteSpec) -> str:
    """@font-face rules for the clinic's own fonts (files beside brand.css), and where each is used.

    Material's fallbacks stay behind the family (--md-text-font feeds --md-text-font-family);
    code keeps Material's monospace font.
    """
    fonts = spec.clinic.brand.fonts
    if fonts is None:
        return ""
    files = iter(target for _, target in font_files(spec))
    css = ["/* The clinic's own fonts, carried by the site. */\n"]
    for font in [f for f in (fonts.text, fonts.headings) if f is not None]:
        for item in font.files:
            url = posixpath.relpath(next(files), "assets")
            fmt = "woff2" if url.endswith(".woff2") else "woff"
            css.append(f"@font-face {{\n  font-family: \"{font.family}\";\n"
                       f"  src: url(\"{url}\") format(\"{fmt}\");\n"
                       f"  font-weight: {item.weight};\n  font-style: {item.style.value};\n"
                       "  font-display: swap;\n}\n")
    css.append(f":root {{\n  --md-text-font: \"{fonts.text.family}\";\n}}\n")
    if fonts.headings:
        css.append(".md-typeset h1, .md-typeset h2, .md-typeset h3 {\n"
                   f"  font-family: \"{fonts.headings.family}\", var(--md-text-font-family);\n}}\n")
    return "".join(css)
