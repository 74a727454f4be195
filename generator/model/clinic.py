"""The clinic file: clinics/<id>/clinic.yaml, one clinic brand."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from generator.model import examples as ex
from generator.model.base import Closed
from generator.model.overrides import Overrides
from generator.model.scalars import (
    Color,
    Email,
    FontFamily,
    GuideLanguage,
    GuideLanguages,
    Id,
    Line,
    Phone,
    Ref,
    SiteUrl,
    Text,
    Url,
)


class FontStyle(StrEnum):
    """Upright or slanted letters."""

    normal = "normal"
    italic = "italic"


class LogoPlate(StrEnum):
    """What the logo sits on in the header."""

    none = "none"  # the header's own color
    light = "light"  # a white plate: for a dark logo, or one the color of the header
    dark = "dark"  # a near-black plate: for a light logo on a light header


class FontFile(Closed):
    """One font file: one weight and style of a family."""

    file: str = Field(description="Font file (WOFF2 or WOFF), relative to the clinic folder.",
                      examples=["fonts/AtkinsonHyperlegible-Regular.woff2"])
    weight: int = Field(400, ge=100, le=900, multiple_of=100,
                        description="How heavy the letters are: 400 is regular, 700 is bold.", examples=[400, 700])
    style: FontStyle = Field(FontStyle.normal, description="normal (upright) or italic.", examples=["normal"])


class Font(Closed):
    """A font family the site carries itself: nothing is loaded from another website."""

    family: FontFamily = Field(description="The family name, as the font calls itself.",
                               examples=["Atkinson Hyperlegible"])
    files: list[FontFile] = Field(min_length=1, description="Its files, one per weight and style.",
                                  examples=[ex.FONT["files"]])


class Fonts(Closed):
    """The clinic's own fonts; without them the reader's system fonts are used."""

    text: Font = Field(description="The font of all text.", examples=[ex.FONT])
    headings: Font | None = Field(None, description="Another font for headings, if wanted.",
                                  examples=[{"family": "Merriweather",
                                             "files": [{"file": "fonts/Merriweather-Bold.woff2", "weight": 700}]}])


class Brand(Closed):
    """How the clinic's sites look."""

    logo: str = Field(description="Logo file (SVG or PNG), relative to the clinic folder.", examples=["logo.svg"])
    favicon: str | None = Field(None, description="Small icon for browser tabs (SVG, PNG or ICO), relative to the "
                                "clinic folder; without it the logo is used.", examples=["favicon.svg"])
    fonts: Fonts | None = Field(None, description="Fonts the sites carry; without them the reader's own fonts "
                                "are used.", examples=[{"text": ex.FONT}])
    logo_alt: Line = Field(description="Text that describes the logo for screen readers.",
                           examples=["Harbor Light Recovery logo, a lighthouse beam over water"])
    logo_background: LogoPlate = Field(
        LogoPlate.none, description="What the logo sits on in the header: none (the header's color), light (a "
        "white plate) or dark; use light when the logo is the header's color or too dark on it.",
        examples=["light"])
    primary: Color = Field(description="Main color: header and headings.", examples=["#1d4e89"])
    accent: Color = Field(description="Accent color: links and buttons.", examples=["#b3541e"])
    share_image: str | None = Field(
        None, description="Picture shown when a page of the guide is shared or found on the web (PNG or JPEG, "
        "1200 by 630 pixels is best), relative to the clinic folder; without it a PNG logo is used.",
        examples=["share.png"])
    pictures: str | None = Field(
        None, description="A folder in the clinic folder holding the pictures (PNG, JPEG or SVG) that text may "
        "show, as ![what it shows](picture:file-name.jpg); nothing outside it can be shown.",
        examples=["pictures"])


class Contact(Closed):
    """How to reach the clinic as a whole."""

    phone: Phone = Field(description="Main phone number.", examples=["(626) 555-0100"])
    email: Email | None = Field(None, description="Email address for questions.",
                               examples=["hello@harborlight.example"])
    website: Url | None = Field(None, description="The clinic's main website.",
                                examples=["https://harborlight.example/"])


class Clinic(Closed):
    """One clinic brand; lives at clinics/<id>/clinic.yaml."""

    id: Id | None = Field(None, description="Optional: the folder name already gives the id; if set, it must match.",
                          examples=["harbor-light"])
    name: Line = Field(description="The clinic's name.", examples=["Harbor Light Recovery"])
    tagline: Line = Field(description="A short line under the name.", examples=["Steady support, close to home."])
    program: Ref = Field(description="Id of the program this clinic runs.", examples=["core-iop"])
    base_url: SiteUrl = Field(description="Web address the location sites live under, without a query or "
                              "fragment; a missing final / is added.",
                              examples=["https://guide.harborlight.example/"])
    brand: Brand = Field(description="Logo and colors.",
                         examples=[{"logo": "logo.svg", "logo_alt": "Harbor Light Recovery logo",
                                    "primary": "#1d4e89", "accent": "#b3541e"}])
    contact: Contact = Field(description="Clinic-wide contact details.",
                             examples=[{"phone": "(626) 555-0100", "email": "hello@harborlight.example"}])
    languages: list[Line] = Field(default_factory=lambda: ["English"], description="Languages spoken.",
                                  examples=[["English", "Spanish"]])
    guide_languages: GuideLanguages = Field(
        default_factory=lambda: [GuideLanguage.en], description="Languages every location publishes the guide in: "
        "en, and es for a Spanish guide at <site>/es/ (its texts come from the .es.yaml files beside the English).",
        examples=[["en", "es"]])
    overrides: Overrides | None = Field(None, description="Program fields changed for every location.",
                                        examples=[{"title": "Evening Intensive Outpatient Program"}])
    legal: Text | None = Field(None, description="Legal line shown at the foot of every page: owner, license.",
                               examples=["© 2026 Harbor Light Recovery, Inc. Licensed by the California Department "
                                         "of Health Care Services, license 190000AP."])
    disclaimer: Text | None = Field(None, description="Replaces the shared medical disclaimer at the foot of every "
                                    "page.", examples=["This guide is general information. It is not medical advice "
                                                       "or a diagnosis. In a crisis, call or text 988, or call 911."])
    max_reading_grade: float | None = Field(
        None, ge=1, le=18, description="Highest reading grade (Flesch-Kincaid) patient text may have; default 8.",
        examples=[8])
