"""Typed models of the four file kinds: therapy, program, clinic and location.

The world is closed: unknown keys are errors, required keys are listed, and
vocabularies are enums. JSON Schema for editors is generated from these models.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator, model_validator

from .scalars import Color, Day, Id, Phone, ShortNumber, Text, Time, Url, Weeks, WeekSpan, parse_weeks


class Closed(BaseModel):
    """Base of every model: unknown keys are errors and models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# -- shared pieces ---------------------------------------------------------------


class Point(Closed):
    """A short title with a sentence or two under it: a tip, a step, a measure."""

    title: Text = Field(description="A few words, shown in bold.", examples=["Show up, even on hard days"])
    text: Text = Field(description="One to three plain sentences.", examples=["Coming every time builds trust."])


class Section(Closed):
    """A titled part of a page: optional text, then an optional list."""

    title: Text = Field(description="The section heading.", examples=["Finding your routine"])
    text: Text | None = Field(None, description="A short paragraph under the heading.")
    items: list[Text] = Field(default_factory=list, description="Bullet points under the text.")


# -- therapies -------------------------------------------------------------------


class TherapyKind(StrEnum):
    """How central a therapy is to the program."""

    core = "core"
    complementary = "complementary"
    support = "support"


class Format(Closed):
    """One form a therapy can take, such as a processing group."""

    name: Text = Field(description="Name of this form.", examples=["Processing groups"])
    text: Text = Field(description="What happens in it.")


class Therapy(Closed):
    """One therapy; the file name (without .yaml) is its id."""

    name: Text = Field(description="Full name.", examples=["Cognitive Behavioral Therapy"])
    short_name: Text | None = Field(None, description="Abbreviation, if people use one.", examples=["CBT"])
    kind: TherapyKind = Field(description="core, complementary or support.", examples=["core"])
    summary: Text = Field(description="One sentence, shown in lists of therapies.")
    what_it_is: Text = Field(description="A short paragraph: what this therapy is.")
    session: Text = Field(description="A short paragraph: what a session is like.")
    helps_with: list[Text] = Field(min_length=1, description="What it can help with, as bullet points.")
    formats: list[Format] = Field(default_factory=list, description="Forms it can take (optional).")


# -- programs --------------------------------------------------------------------


class Audience(StrEnum):
    """Who the program is built for; adolescent programs have a lower weekly-hours floor."""

    adult = "adult"
    adolescent = "adolescent"


class LengthRange(Closed):
    """A program length that each location picks from."""

    min: int = Field(ge=1, le=52, description="Fewest weeks.", examples=[8])
    max: int = Field(ge=1, le=52, description="Most weeks.", examples=[12])

    @model_validator(mode="after")
    def _ordered(self) -> LengthRange:
        if self.max <= self.min:
            raise ValueError(f"max ({self.max}) must be more than min ({self.min}); "
                             "for a fixed length write one number")
        return self


def _length_kind(value: Any) -> str:
    return "range" if isinstance(value, (dict, LengthRange)) else "fixed"


# a discriminated union, so that a mistake is reported for the form the clinician used only
ProgramLength = Annotated[
    Annotated[int, Tag("fixed")] | Annotated[LengthRange, Tag("range")],
    Discriminator(_length_kind),
]


class Activity(Closed):
    """Something that happens in a week; may name the therapy it belongs to."""

    text: Text = Field(description="What happens, in a sentence.")
    therapy: Id | None = Field(None, description="Id of the therapy this activity is part of.", examples=["cbt"])

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        # a bare string is the common case: an activity that names no therapy
        return {"text": value} if isinstance(value, str) else value


class WeekNote(Closed):
    """Extra detail for one week inside a multi-week phase."""

    week: int = Field(ge=1, le=52, description="The week this note belongs to.", examples=[12])
    title: Text | None = Field(None, description="A title for that week, shown after 'Week N:'.")
    summary: Text = Field(description="What is special about that week.")
    sections: list[Section] = Field(default_factory=list, description="More detail, as titled sections.")
    checklist: list[Text] = Field(default_factory=list, description="Extra checklist items for that week.")


class Phase(Closed):
    """A stretch of the program: one or more weeks with a shared focus."""

    id: Id = Field(description="Short id, unique in the program.", examples=["settling-in"])
    title: Text = Field(description="Title of the phase.", examples=["Settling in"])
    weeks: Weeks = Field(description="Weeks covered: 3, 2-3, or 5+ (5 to the end).")
    summary: Text = Field(description="What this phase is about, in a short paragraph.")
    goals: list[Text] = Field(min_length=1, description="What you work toward.")
    activities: list[Activity] = Field(min_length=1, description="What happens; an item may name a therapy.")
    therapies: list[Id] = Field(default_factory=list, description="Ids of the therapies you meet.")
    feelings: list[Text] = Field(default_factory=list, description="What you may feel.")
    tips: list[Text] = Field(default_factory=list, description="Tips for these weeks.")
    checklist: list[Text] = Field(default_factory=list, description="Things to do, as checkboxes.")
    sections: list[Section] = Field(default_factory=list, description="More detail, as titled sections.")
    week_notes: list[WeekNote] = Field(default_factory=list, description="Detail for single weeks of the phase.")

    @property
    def span(self) -> WeekSpan:
        """The weeks this phase covers."""
        return parse_weeks(self.weeks)


class WhoFor(Closed):
    """Who the program suits, and who needs more care."""

    good_fit: list[Text] = Field(min_length=1, description="Signs that this program fits.")
    needs_more_care: list[Text] = Field(default_factory=list, description="Signs that more care is needed first.")


class Faq(Closed):
    """A question patients ask, with its answer."""

    question: Text = Field(description="The question, as a patient would ask it.")
    answer: Text = Field(description="A short, plain answer.")


class LevelOfCare(Closed):
    """One level of care, to compare with this program."""

    name: Text = Field(description="Name of the level.", examples=["Partial hospitalization"])
    short_name: Text | None = Field(None, description="Abbreviation.", examples=["PHP"])
    text: Text = Field(description="What it is and who it is for.")
    this_program: bool = Field(False, description="True for the level this program is.")


class Aftercare(Closed):
    """What comes after the program."""

    text: Text = Field(description="A short paragraph on life after the program.")
    options: list[Point] = Field(min_length=1, description="Kinds of ongoing support.")


class Progress(Closed):
    """How progress is measured."""

    text: Text = Field(description="A short paragraph on why and how progress is tracked.")
    measures: list[Point] = Field(min_length=1, description="What the team looks at.")


class CrisisLine(Closed):
    """A number to call or text in a crisis."""

    name: Text = Field(description="Who answers.", examples=["988 Suicide & Crisis Lifeline"])
    action: Text = Field(description="What to do, in a few words.", examples=["Call or text 988"])
    number: ShortNumber = Field(description="The number to dial.", examples=["988"])


class Crisis(Closed):
    """Crisis help shown on every page."""

    text: Text = Field(description="One sentence before the numbers.")
    lines: list[CrisisLine] = Field(min_length=1, description="Numbers to call or text.")


class ProgramBody(Closed):
    """The program fields a clinic or location may override."""

    title: Text = Field(description="Name of the program.", examples=["Intensive Outpatient Program"])
    summary: Text = Field(description="One or two sentences: the program at a glance.")
    intro: list[Text] = Field(min_length=1, description="What an IOP is, as short paragraphs.")
    who_for: WhoFor = Field(description="Who it suits, and who needs more care.")
    conditions: list[Text] = Field(min_length=1, description="Conditions the program serves.")
    preparation: list[Point] = Field(default_factory=list, description="Steps to take before you start, in order.")
    tips: list[Point] = Field(default_factory=list, description="Tips for success.")
    progress: Progress | None = Field(None, description="How progress is measured.")
    challenges: list[Point] = Field(default_factory=list, description="Common challenges and how to meet them.")
    aftercare: Aftercare | None = Field(None, description="What comes after the program.")
    faq: list[Faq] = Field(default_factory=list, description="Questions and answers.")
    levels_of_care: list[LevelOfCare] = Field(default_factory=list, description="Levels of care, lowest first.")
    crisis: Crisis | None = Field(None, description="Crisis help shown on every page.")


class Program(ProgramBody):
    """One curriculum; the file name is its id."""

    audience: Audience = Field(Audience.adult, description="adult or adolescent.")
    length: ProgramLength = Field(description="Weeks: one number, or min and max for each location to pick.")
    phases: list[Phase] = Field(min_length=1, description="The phases, in week order.")

    @field_validator("length")
    @classmethod
    def _sane_length(cls, value: int | LengthRange) -> int | LengthRange:
        if isinstance(value, int) and not 1 <= value <= 52:
            raise ValueError(f"a program lasts 1 to 52 weeks, not {value}")
        return value


class PhaseOverride(Closed):
    """Changes to one phase, found by its id; its weeks cannot change."""

    id: Id = Field(description="Id of the phase to change.")
    title: Text | None = Field(None, description="New title.")
    summary: Text | None = Field(None, description="New summary.")
    goals: list[Text] | None = Field(None, description="Replaces the goals.")
    activities: list[Activity] | None = Field(None, description="Replaces the activities.")
    therapies: list[Id] | None = Field(None, description="Replaces the therapies.")
    feelings: list[Text] | None = Field(None, description="Replaces what you may feel.")
    tips: list[Text] | None = Field(None, description="Replaces the tips.")
    checklist: list[Text] | None = Field(None, description="Replaces the checklist.")
    sections: list[Section] | None = Field(None, description="Replaces the sections.")


class Overrides(Closed):
    """Program fields replaced for one clinic or location. Lists replace; phases merge by id."""

    title: Text | None = Field(None, description="Replaces the program title.")
    summary: Text | None = Field(None, description="Replaces the summary.")
    intro: list[Text] | None = Field(None, description="Replaces the introduction.")
    who_for: WhoFor | None = Field(None, description="Replaces who the program is for.")
    conditions: list[Text] | None = Field(None, description="Replaces the conditions served.")
    preparation: list[Point] | None = Field(None, description="Replaces the preparation steps.")
    tips: list[Point] | None = Field(None, description="Replaces the tips for success.")
    progress: Progress | None = Field(None, description="Replaces how progress is measured.")
    challenges: list[Point] | None = Field(None, description="Replaces the common challenges.")
    aftercare: Aftercare | None = Field(None, description="Replaces the aftercare section.")
    faq: list[Faq] | None = Field(None, description="Replaces the questions and answers.")
    levels_of_care: list[LevelOfCare] | None = Field(None, description="Replaces the levels of care.")
    crisis: Crisis | None = Field(None, description="Replaces the crisis help.")
    phases: list[PhaseOverride] | None = Field(None, description="Changes to phases, each found by its id.")


# -- clinics and locations -------------------------------------------------------


class Brand(Closed):
    """How the clinic's sites look."""

    logo: str = Field(description="Logo file (SVG or PNG), relative to the clinic folder.", examples=["logo.svg"])
    logo_alt: Text = Field(description="Text that describes the logo for screen readers.")
    primary: Color = Field(description="Main color: header and headings.")
    accent: Color = Field(description="Accent color: links and buttons.")


class Contact(Closed):
    """How to reach the clinic as a whole."""

    phone: Phone = Field(description="Main phone number.", examples=["(626) 555-0100"])
    email: Text | None = Field(None, description="Email address for questions.", examples=["hello@example.org"])
    website: Url | None = Field(None, description="The clinic's main website.")


class Clinic(Closed):
    """One clinic brand; lives at clinics/<id>/clinic.yaml."""

    name: Text = Field(description="The clinic's name.", examples=["Harbor Light Recovery"])
    tagline: Text = Field(description="A short line under the name.")
    program: Id = Field(description="Id of the program this clinic runs.", examples=["steady-steps"])
    base_url: Url = Field(description="Web address the location sites live under.")
    brand: Brand = Field(description="Logo and colors.")
    contact: Contact = Field(description="Clinic-wide contact details.")
    languages: list[Text] = Field(default_factory=lambda: ["English"], description="Languages spoken.")
    overrides: Overrides | None = Field(None, description="Program fields changed for every location.")


class Address(Closed):
    """A street address."""

    street: Text = Field(description="Street and number.", examples=["410 Orange Grove Blvd, Suite 200"])
    city: Text = Field(description="City.", examples=["Pasadena"])
    region: Text = Field(description="State or region.", examples=["CA"])
    postal_code: Text = Field(description="ZIP or postal code.", examples=["91105"])
    country: Text = Field("US", description="Country code.", examples=["US"])


class Track(Closed):
    """A schedule option: the days and hours a group meets."""

    name: Text = Field(description="Name patients see.", examples=["Evening track"])
    days: list[Day] = Field(min_length=1, description="Days it meets: mon, tue, wed, thu, fri, sat, sun.")
    start: Time = Field(description="Start time, 24-hour HH:MM.")
    end: Time = Field(description="End time, 24-hour HH:MM.")

    @model_validator(mode="after")
    def _ends_after_start(self) -> Track:
        if self.end <= self.start:
            raise ValueError(f"the end time {self.end} is not after the start time {self.start}")
        return self


class AddedTherapy(Closed):
    """A therapy this location offers beyond the program, and the weeks it meets."""

    therapy: Id = Field(description="Id of the therapy.", examples=["equine-assisted-therapy"])
    weeks: Weeks | None = Field(None, description="Weeks it is part of: 3, 2-3 or 5+.")


class TherapyChanges(Closed):
    """Therapies added to or removed from the program at this location."""

    add: list[AddedTherapy] = Field(default_factory=list, description="Therapies added, with their weeks.")
    remove: list[Id] = Field(default_factory=list, description="Ids of program therapies not offered here.")


class Resource(Closed):
    """A local resource: a meeting, a hotline, a service."""

    name: Text = Field(description="Its name.")
    text: Text = Field(description="What it offers, in a sentence.")
    phone: Phone | None = Field(None, description="Phone number, if any.")
    url: Url | None = Field(None, description="Web address, if any.")


class Location(Closed):
    """One place where the clinic runs the program; lives at clinics/<clinic>/locations/<id>.yaml."""

    name: Text = Field(description="Name of the location, often the city.", examples=["Pasadena"])
    address: Address = Field(description="Street address.")
    phone: Phone = Field(description="The location's phone number.")
    hours: Text = Field(description="Office hours, as people should read them.", examples=["Mon-Fri, 8 am to 8 pm"])
    tracks: list[Track] = Field(min_length=1, description="Schedule options.")
    program_length: int | None = Field(None, ge=1, le=52, description="Weeks, when the program allows a range.")
    therapies: TherapyChanges = Field(default_factory=TherapyChanges, description="Therapies added or removed.")
    resources: list[Resource] = Field(default_factory=list, description="Local resources.")
    overrides: Overrides | None = Field(None, description="Program fields changed for this location.")


MODELS: dict[str, type[Closed]] = {
    "therapy": Therapy,
    "program": Program,
    "clinic": Clinic,
    "location": Location,
}
