"""Stage 2, model: typed models of the four file kinds, their scalars, parsing into models, JSON Schema.

The world is closed: unknown keys are errors, required keys are listed, and vocabularies are enums.
Each file kind has its module (therapy, program, clinic, location); `overrides` derives what a clinic
or location may replace from the program's models. Import the models from here.
"""

from __future__ import annotations

from generator.model.base import Closed, Point, Section
from generator.model.clinic import Brand, Clinic, Contact, Font, FontFile, Fonts, FontStyle
from generator.model.location import (
    AddedTherapy,
    Address,
    GettingHere,
    Insurance,
    Location,
    Resource,
    TherapyChanges,
    Track,
)
from generator.model.overrides import Overrides, PhaseOverride
from generator.model.program import (
    Activity,
    Aftercare,
    Audience,
    Crisis,
    CrisisLine,
    Faq,
    GlossaryEntry,
    LengthRange,
    LevelOfCare,
    Phase,
    Program,
    ProgramBody,
    ProgramLength,
    Progress,
    WeekNote,
    WhoFor,
)
from generator.model.therapy import Format, Therapy, TherapyKind

# the four file kinds, by the name the command line and the schemas use
MODELS: dict[str, type[Closed]] = {
    "therapy": Therapy,
    "program": Program,
    "clinic": Clinic,
    "location": Location,
}

__all__ = [
    "MODELS", "Activity", "AddedTherapy", "Address", "Aftercare", "Audience", "Brand", "Clinic", "Closed", "Contact",
    "Crisis", "CrisisLine", "Faq", "Font", "FontFile", "FontStyle", "Fonts", "Format", "GettingHere", "GlossaryEntry",
    "Insurance", "LengthRange", "LevelOfCare", "Location", "Overrides", "Phase", "PhaseOverride", "Point", "Program",
    "ProgramBody", "ProgramLength", "Progress", "Resource", "Section", "Therapy", "TherapyChanges", "TherapyKind",
    "Track", "WeekNote", "WhoFor",
]
