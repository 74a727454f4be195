"""What search engines read about a location: schema.org JSON-LD and the link-preview tags' values.

The home page of each location site carries one `MedicalClinic` built from the
data (name, address, phone, session times, therapies), so a search for the
clinic can show the right address and phone. Everything here is plain data;
the theme writes it out with `tojson` or `| e`.
"""

from __future__ import annotations

from typing import Any

from generator.model import Therapy, TherapyKind, Track
from generator.model.scalars import DAY_NAMES
from generator.render.href import tel
from generator.render.markup import plain_text
from generator.render.views import therapy_views
from generator.resolve import SiteSpec

SCHEMA = "https://schema.org"
# the schema.org specialty closest to an IOP for mental health and substance use
SPECIALTIES = [f"{SCHEMA}/Psychiatric"]


def telephone(phone: str) -> str:
    """A displayed phone number in E.164 form, as schema.org asks: +16265550142."""
    return str(tel(phone)).removeprefix("tel:")


def therapy_type(therapy: Therapy) -> str:
    """The schema.org type of a therapy.

    The data says how central a therapy is, not how it works. An IOP's core
    therapies are talk therapies (CBT, DBT, group, individual and family
    counseling, psychoeducation), which schema.org calls PsychologicalTreatment;
    complementary and support offers (art, music, horses, meetings) stay the
    broader MedicalTherapy rather than claim to be psychotherapy.
    """
    return "PsychologicalTreatment" if therapy.kind is TherapyKind.core else "MedicalTherapy"


def opening_hours(track: Track) -> dict[str, Any]:
    """One schedule track as an OpeningHoursSpecification: its days and session times."""
    return {"@type": "OpeningHoursSpecification",
            "name": track.name,
            "dayOfWeek": [f"{SCHEMA}/{DAY_NAMES[day.value]}" for day in track.days],
            "opens": track.start,
            "closes": track.end}


def clinic(spec: SiteSpec, url: str, logo: str | None = None, image: str | None = None) -> dict[str, Any]:
    """The location as a schema.org MedicalClinic; url is the site's address, logo and image absolute URLs."""
    location, address = spec.location, spec.location.address
    parent: dict[str, Any] = {"@type": "MedicalOrganization", "name": plain_text(spec.clinic.name)}
    if spec.clinic.contact.website:
        parent["url"] = spec.clinic.contact.website
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "MedicalClinic",
        # stable across builds, so search engines see one clinic however often the site changes
        "@id": f"{url}#clinic",
        "name": f"{plain_text(spec.clinic.name)} – {plain_text(location.name)}",
        "description": plain_text(spec.program.summary),
        "url": url,
        "telephone": telephone(location.phone),
        "address": {"@type": "PostalAddress",
                    "streetAddress": address.street,
                    "addressLocality": address.city,
                    "addressRegion": address.region,
                    "postalCode": address.postal_code,
                    "addressCountry": address.country},
        "openingHoursSpecification": [opening_hours(track) for track in location.tracks],
        "medicalSpecialty": SPECIALTIES,
        "availableService": [{"@type": therapy_type(t["model"]), "name": plain_text(t["model"].name),
                              "description": plain_text(t["model"].summary)} for t in therapy_views(spec)],
        "parentOrganization": parent,
        # a clinic has no language; the page that describes it does
        "mainEntityOfPage": {"@type": "WebPage", "url": url, "inLanguage": spec.language},
    }
    if logo:
        data["logo"] = logo
    if image or logo:
        data["image"] = image or logo
    return data
