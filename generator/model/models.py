"""Typed models of the four file kinds: therapy, program, clinic and location.

The world is closed: unknown keys are errors, required keys are listed, and
vocabularies are enums. JSON Schema for editors is generated from these models.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator, model_validator

from generator.model.scalars import (
    Color,
    Day,
    Email,
    Id,
    Line,
    Phone,
    ShortNumber,
    SiteUrl,
    Text,
    Time,
    Url,
    Weeks,
    WeekSpan,
    parse_weeks,
)


class Closed(BaseModel):
    """Base of every model: unknown keys are errors and models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# -- shared pieces ---------------------------------------------------------------

# example values shown by editors (JSON Schema `examples`); some are used by more than one field
_EX_POINTS = [{"title": "Go to every session",
               "text": "Come each time and join in. The more you put in, the more you get."}]
_EX_SECTIONS = [{"title": "Finding your routine",
                 "text": "Week 2 feels less strange than week 1. The group and the staff start to feel familiar.",
                 "items": ["Try to come to every session.", "Come on the hard days, too. Those days count."]}]
_EX_ACTIVITIES = ["You go to an orientation that explains the rules and the schedule.",
                  {"text": "You join your first group and meet the people you will work with.",
                   "therapy": "group-therapy"}]
_EX_WHO_FOR = {"good_fit": ["You have a safe place to live", "Weekly therapy is not enough right now"],
               "needs_more_care": ["You need help to stop drinking safely (detox)"]}
_EX_PROGRESS = {"text": "Your team checks in with you often and changes your care to fit your needs.",
                "measures": [{"title": "Coping and stress",
                              "text": "How you say you are coping, and how stressed you feel."}]}
_EX_AFTERCARE = {"text": "Your recovery keeps going after your last session.",
                 "options": [{"title": "Alumni groups", "text": "Stay in touch with peers who finished the program."}]}
_EX_FAQ = [{"question": "Will I be able to keep working?",
            "answer": "Most people can. You live at home, and many programs offer morning or evening times."}]
_EX_LEVELS = [{"name": "Outpatient therapy", "text": "You see a therapist, most often once a week."},
              {"name": "Intensive Outpatient Program", "short_name": "IOP",
               "text": "You come several days a week for a few hours, and you live at home.", "this_program": True}]
_EX_CRISIS = {"text": "If you are in danger or thinking about hurting yourself, get help right now.",
              "lines": [{"name": "988 Suicide & Crisis Lifeline", "action": "Call or text 988", "number": "988"},
                        {"name": "Emergency", "action": "Call 911", "number": "911"}]}
_EX_PHASE_TIPS = ["Write down questions as they come up, and bring them to staff.",
                  "You do not have to share much in group yet. Listening is a fine start."]
_EX_CHECKLIST = ["Finish your intake forms", "Put your session days and times in your calendar"]
_EX_OVERRIDE_PHASES = [{"id": "getting-started",
                        "tips": ["Park in the garage on Orange Grove; it is free after 5 pm."]}]


class Point(Closed):
    """A short title with a sentence or two under it: a tip, a step, a measure."""

    title: Line = Field(description="A few words, shown in bold.", examples=["Show up, even on hard days"])
    text: Text = Field(description="One to three plain sentences.", examples=["Coming every time builds trust."])


class Section(Closed):
    """A titled part of a page: optional text, then an optional list."""

    title: Line = Field(description="The section heading.", examples=["Finding your routine"])
    text: Text | None = Field(None, description="A short paragraph under the heading.",
                              examples=[_EX_SECTIONS[0]["text"]])
    items: list[Text] = Field(default_factory=list, description="Bullet points under the text.",
                              examples=[_EX_SECTIONS[0]["items"]])


# -- therapies -------------------------------------------------------------------


class TherapyKind(StrEnum):
    """How central a therapy is to the program."""

    core = "core"
    complementary = "complementary"
    support = "support"


class Format(Closed):
    """One form a therapy can take, such as a processing group."""

    name: Line = Field(description="Name of this form.", examples=["Processing groups"])
    text: Text = Field(description="What happens in it, in a sentence or two.",
                       examples=["You bring what is weighing on you, and the group helps you work through it."])


class Therapy(Closed):
    """One therapy; the file name (without .yaml) is its id."""

    id: Id | None = Field(None, description="Optional: the file name already gives the id; if set, it must match.",
                          examples=["cbt"])
    name: Line = Field(description="Full name.", examples=["Cognitive Behavioral Therapy"])
    short_name: Line | None = Field(None, description="Abbreviation, if people use one.", examples=["CBT"])
    kind: TherapyKind = Field(description="How central it is to the program: core, complementary or support.",
                              examples=["core", "complementary"])
    summary: Text = Field(description="One sentence, shown in lists of therapies.",
                          examples=["Meet with a small group of peers and a counselor to share, listen and grow."])
    what_it_is: Text = Field(description="A short paragraph: what this therapy is.",
                             examples=["Art therapy lets you put feelings on paper instead of into words. "
                                       "You do not need any art skills."])
    session: Text = Field(description="A short paragraph: what a session is like.",
                          examples=["You get simple art supplies and a prompt. Afterward you can talk about "
                                    "what you made, if you want to."])
    helps_with: list[Text] = Field(min_length=1, description="What it can help with, as bullet points.",
                                   examples=[["Feelings that are hard to name", "Stress and tension"]])
    formats: list[Format] = Field(default_factory=list, description="Forms it can take (optional).",
                                  examples=[[{"name": "Processing groups",
                                              "text": "You bring what is weighing on you right now."},
                                             {"name": "Topic groups",
                                              "text": "Each group has a set topic, such as boundaries."}]])


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
    # the bounds are checked by Program._sane_length (with a plain message) and shown to editors here
    Annotated[int, Tag("fixed"), Field(json_schema_extra={"minimum": 1, "maximum": 52})]
    | Annotated[LengthRange, Tag("range")],
    Discriminator(_length_kind),
]


class Activity(Closed):
    """Something that happens in a week; may name the therapy it belongs to."""

    text: Text = Field(description="What happens, in a sentence.",
                       examples=["You join your first group and meet the people you will work with."])
    therapy: Id | None = Field(None, description="Id of the therapy this activity is part of.", examples=["cbt"])

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        # a bare string is the common case: an activity that names no therapy
        return {"text": value} if isinstance(value, str) else value


class WeekNote(Closed):
    """Extra detail for one week inside a multi-week phase."""

    week: int = Field(ge=1, le=52, description="The week this note belongs to.", examples=[12])
    title: Line | None = Field(None, description="A title for that week, shown after 'Week N:'.",
                               examples=["Your last week and your plan"])
    summary: Text = Field(description="What is special about that week.",
                          examples=["This is your last week. You finish your aftercare plan and go over it "
                                    "with your team."])
    sections: list[Section] = Field(default_factory=list, description="More detail, as titled sections.",
                                    examples=[_EX_SECTIONS])
    checklist: list[Text] = Field(default_factory=list, description="Extra checklist items for that week.",
                                  examples=[["Share my aftercare plan with my family"]])


class Phase(Closed):
    """A stretch of the program: one or more weeks with a shared focus."""

    id: Id = Field(description="Short id, unique in the program.", examples=["settling-in"])
    title: Line = Field(description="Title of the phase.", examples=["Settling in"])
    weeks: Weeks = Field(description="Weeks covered: 3, 2-3, or 5+ (5 to the end).")
    summary: Text = Field(description="What this phase is about, in a short paragraph.",
                          examples=["Week 1 is for getting to know the program, and for the team to get "
                                    "to know you."])
    goals: list[Text] = Field(min_length=1, description="What you work toward.",
                              examples=[["Learn how the program works", "Set a few personal goals for your recovery"]])
    activities: list[Activity] = Field(min_length=1, description="What happens; an item may name a therapy.",
                                       examples=[_EX_ACTIVITIES])
    therapies: list[Id] = Field(default_factory=list, description="Ids of the therapies you meet.",
                                examples=[["group-therapy", "individual-counseling"]])
    feelings: list[Text] = Field(default_factory=list, description="What you may feel.",
                                 examples=[["Nervous or unsure about what comes next",
                                            "Relieved that you took the first step"]])
    tips: list[Text] = Field(default_factory=list, description="Tips for these weeks.", examples=[_EX_PHASE_TIPS])
    checklist: list[Text] = Field(default_factory=list, description="Things to do, as checkboxes.",
                                  examples=[_EX_CHECKLIST])
    sections: list[Section] = Field(default_factory=list, description="More detail, as titled sections.",
                                    examples=[_EX_SECTIONS])
    week_notes: list[WeekNote] = Field(default_factory=list, description="Detail for single weeks of the phase.",
                                       examples=[[{"week": 7, "title": "Looking ahead",
                                                   "summary": "Week 7 is a turning point: you start to plan "
                                                              "how you will use your skills on your own.",
                                                   "checklist": ["Write down what a normal weekday looks like"]}]])

    @property
    def span(self) -> WeekSpan:
        """The weeks this phase covers."""
        return parse_weeks(self.weeks)


class WhoFor(Closed):
    """Who the program suits, and who needs more care."""

    good_fit: list[Text] = Field(min_length=1, description="Signs that this program fits.",
                                 examples=[_EX_WHO_FOR["good_fit"]])
    needs_more_care: list[Text] = Field(default_factory=list, description="Signs that more care is needed first.",
                                        examples=[_EX_WHO_FOR["needs_more_care"]])


class Faq(Closed):
    """A question patients ask, with its answer."""

    question: Line = Field(description="The question, as a patient would ask it.",
                           examples=[_EX_FAQ[0]["question"]])
    answer: Text = Field(description="A short, plain answer.", examples=[_EX_FAQ[0]["answer"]])


class LevelOfCare(Closed):
    """One level of care, to compare with this program."""

    name: Line = Field(description="Name of the level.", examples=["Partial hospitalization"])
    short_name: Line | None = Field(None, description="Abbreviation.", examples=["PHP"])
    text: Text = Field(description="What it is and who it is for.",
                       examples=["You spend most of the day in treatment, then go home at night."])
    this_program: bool = Field(False, examples=[True],
                               description="Set to true for the level this program is; leave it out for the others.")


class Aftercare(Closed):
    """What comes after the program."""

    text: Text = Field(description="A short paragraph on life after the program.", examples=[_EX_AFTERCARE["text"]])
    options: list[Point] = Field(min_length=1, description="Kinds of ongoing support.",
                                 examples=[_EX_AFTERCARE["options"]])


class Progress(Closed):
    """How progress is measured."""

    text: Text = Field(description="A short paragraph on why and how progress is tracked.",
                       examples=[_EX_PROGRESS["text"]])
    measures: list[Point] = Field(min_length=1, description="What the team looks at.",
                                  examples=[_EX_PROGRESS["measures"]])


class CrisisLine(Closed):
    """A number to call or text in a crisis."""

    name: Line = Field(description="Who answers.", examples=["988 Suicide & Crisis Lifeline"])
    action: Line = Field(description="What to do, in a few words.", examples=["Call or text 988"])
    number: ShortNumber = Field(description="The number to dial.", examples=["988"])


class Crisis(Closed):
    """Crisis help shown on every page."""

    text: Text = Field(description="One sentence before the numbers.", examples=[_EX_CRISIS["text"]])
    lines: list[CrisisLine] = Field(min_length=1, description="Numbers to call or text.",
                                    examples=[_EX_CRISIS["lines"]])


GLOSSARY_TERM_RE = re.compile(r"^[A-Za-z0-9]+(?:[-&][A-Za-z0-9]+)*$")


def _check_term(value: str) -> str:
    # pages find a term as a whole word: spaces or punctuation would never match
    if not GLOSSARY_TERM_RE.fullmatch(value) or len(value) > 20:
        raise ValueError(f"'{value}' is not a short term: write the abbreviation alone, in letters and digits, "
                         "such as PHP")
    return value


GlossaryTerm = Annotated[str, AfterValidator(_check_term),
                         Field(json_schema_extra={"pattern": GLOSSARY_TERM_RE.pattern, "maxLength": 20})]


class GlossaryEntry(Closed):
    """A short name patients meet in the guide, with its meaning in plain words."""

    term: GlossaryTerm = Field(description="The abbreviation as the guide writes it; matched as a whole word, "
                                           "case-sensitive.", examples=["PHP"])
    meaning: Line = Field(description="What it stands for, in plain words.",
                          examples=["partial hospitalization program"])


class ProgramBody(Closed):
    """The program fields a clinic or location may override."""

    title: Line = Field(description="Name of the program.", examples=["Intensive Outpatient Program"])
    summary: Text = Field(description="One or two sentences: the program at a glance.",
                          examples=["Group and one-on-one therapy several days a week, while you keep living "
                                    "at home."])
    intro: list[Text] = Field(min_length=1, description="What an IOP is, as short paragraphs.",
                              examples=[["An IOP gives you several hours of care a week, and you sleep at home."]])
    who_for: WhoFor = Field(description="Who it suits, and who needs more care.", examples=[_EX_WHO_FOR])
    conditions: list[Text] = Field(min_length=1, description="Conditions the program serves.",
                                   examples=[["Depression", "Alcohol or drug use"]])
    preparation: list[Point] = Field(default_factory=list, description="Steps to take before you start, in order.",
                                     examples=[[{"title": "Set your goals",
                                                 "text": "Write down a few goals, big or small."}]])
    tips: list[Point] = Field(default_factory=list, description="Tips for success.", examples=[_EX_POINTS])
    progress: Progress | None = Field(None, description="How progress is measured.", examples=[_EX_PROGRESS])
    challenges: list[Point] = Field(default_factory=list, description="Common challenges and how to meet them.",
                                    examples=[[{"title": "Finding the time",
                                                "text": "Plan your week ahead, and tell your team if your "
                                                        "schedule changes."}]])
    aftercare: Aftercare | None = Field(None, description="What comes after the program.", examples=[_EX_AFTERCARE])
    faq: list[Faq] = Field(default_factory=list, description="Questions and answers.", examples=[_EX_FAQ])
    levels_of_care: list[LevelOfCare] = Field(default_factory=list, description="Levels of care, lowest first.",
                                              examples=[_EX_LEVELS])
    crisis: Crisis | None = Field(None, description="Crisis help shown on every page.", examples=[_EX_CRISIS])


class Program(ProgramBody):
    """One curriculum; the file name is its id."""

    id: Id | None = Field(None, description="Optional: the file name already gives the id; if set, it must match.",
                          examples=["core-iop"])
    audience: Audience = Field(Audience.adult, description="Who the program is for: adult (the default) or adolescent.",
                               examples=["adult", "adolescent"])
    length: ProgramLength = Field(description="Weeks: one number, or min and max for each location to pick.",
                                  examples=[12, {"min": 8, "max": 12}])
    phases: list[Phase] = Field(min_length=1, description="The phases, in week order.",
                                examples=[[{"id": "getting-started", "title": "Getting started", "weeks": "1",
                                            "summary": "You meet your team and learn how things work.",
                                            "goals": ["Learn the schedule"], "activities": _EX_ACTIVITIES}]])
    glossary: list[GlossaryEntry] = Field(
        default_factory=list, description="Short names the guide uses, such as IOP, with their meaning; "
        "therapies' short names are added by themselves.",
        examples=[[{"term": "IOP", "meaning": "intensive outpatient program"},
                   {"term": "PHP", "meaning": "partial hospitalization program"}]])

    @field_validator("length")
    @classmethod
    def _sane_length(cls, value: int | LengthRange) -> int | LengthRange:
        if isinstance(value, int) and not 1 <= value <= 52:
            raise ValueError(f"a program lasts 1 to 52 weeks, not {value}")
        return value


class PhaseOverride(Closed):
    """Changes to one phase, found by its id; its weeks cannot change."""

    id: Id = Field(description="Id of the phase to change.", examples=["getting-started"])
    title: Line | None = Field(None, description="New title.", examples=["Your first week"])
    summary: Text | None = Field(None, description="New summary.",
                                 examples=["Your first week is for meeting your team and learning the routine."])
    goals: list[Text] | None = Field(None, description="Replaces the goals.",
                                     examples=[["Learn how the program works"]])
    activities: list[Activity] | None = Field(None, description="Replaces the activities.", examples=[_EX_ACTIVITIES])
    therapies: list[Id] | None = Field(None, description="Replaces the therapies.",
                                       examples=[["group-therapy", "individual-counseling"]])
    feelings: list[Text] | None = Field(None, description="Replaces what you may feel.",
                                        examples=[["Nervous or unsure about what comes next"]])
    tips: list[Text] | None = Field(None, description="Replaces the tips.",
                                    examples=[_EX_OVERRIDE_PHASES[0]["tips"]])
    checklist: list[Text] | None = Field(None, description="Replaces the checklist.", examples=[_EX_CHECKLIST])
    sections: list[Section] | None = Field(None, description="Replaces the sections.", examples=[_EX_SECTIONS])


class Overrides(Closed):
    """Program fields replaced for one clinic or location. Lists replace; phases merge by id."""

    title: Line | None = Field(None, description="Replaces the program title.",
                               examples=["Evening Intensive Outpatient Program"])
    summary: Text | None = Field(None, description="Replaces the summary.",
                                 examples=["Group and one-on-one therapy on weekday evenings, so you can keep "
                                           "working during the day."])
    intro: list[Text] | None = Field(None, description="Replaces the introduction.",
                                     examples=[["An IOP gives you several hours of care a week, and you sleep at "
                                                "home."]])
    who_for: WhoFor | None = Field(None, description="Replaces who the program is for.", examples=[_EX_WHO_FOR])
    conditions: list[Text] | None = Field(None, description="Replaces the conditions served.",
                                          examples=[["Depression", "Alcohol or drug use"]])
    preparation: list[Point] | None = Field(None, description="Replaces the preparation steps.",
                                            examples=[[{"title": "Plan your trip",
                                                        "text": "Sort out how you will get here each time."}]])
    tips: list[Point] | None = Field(None, description="Replaces the tips for success.", examples=[_EX_POINTS])
    progress: Progress | None = Field(None, description="Replaces how progress is measured.",
                                      examples=[_EX_PROGRESS])
    challenges: list[Point] | None = Field(None, description="Replaces the common challenges.",
                                           examples=[[{"title": "Getting here after work",
                                                       "text": "Tell your team if traffic makes you late."}]])
    aftercare: Aftercare | None = Field(None, description="Replaces the aftercare section.",
                                        examples=[_EX_AFTERCARE])
    faq: list[Faq] | None = Field(None, description="Replaces the questions and answers.", examples=[_EX_FAQ])
    levels_of_care: list[LevelOfCare] | None = Field(None, description="Replaces the levels of care.",
                                                     examples=[_EX_LEVELS])
    crisis: Crisis | None = Field(None, description="Replaces the crisis help.", examples=[_EX_CRISIS])
    phases: list[PhaseOverride] | None = Field(None, description="Changes to phases, each found by its id.",
                                               examples=[_EX_OVERRIDE_PHASES])


# -- clinics and locations -------------------------------------------------------


FONT_FAMILY_RE = re.compile(r"^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$")


def _check_family(value: str) -> str:
    # the name goes into the site's CSS: letters, digits and single spaces cannot break out of it
    if not FONT_FAMILY_RE.fullmatch(value) or len(value) > 60:
        raise ValueError(f"'{value}' is not a font family name: use letters, digits and spaces only, "
                         "such as Atkinson Hyperlegible")
    return value


FontFamily = Annotated[str, AfterValidator(_check_family),
                       Field(json_schema_extra={"pattern": FONT_FAMILY_RE.pattern, "maxLength": 60})]


class FontStyle(StrEnum):
    """Upright or slanted letters."""

    normal = "normal"
    italic = "italic"


class FontFile(Closed):
    """One font file: one weight and style of a family."""

    file: str = Field(description="Font file (WOFF2 or WOFF), relative to the clinic folder.",
                      examples=["fonts/AtkinsonHyperlegible-Regular.woff2"])
    weight: int = Field(400, ge=100, le=900, multiple_of=100,
                        description="How heavy the letters are: 400 is regular, 700 is bold.", examples=[400, 700])
    style: FontStyle = Field(FontStyle.normal, description="normal (upright) or italic.", examples=["normal"])


_EX_FONT = {"family": "Atkinson Hyperlegible",
            "files": [{"file": "fonts/AtkinsonHyperlegible-Regular.woff2", "weight": 400, "style": "normal"},
                      {"file": "fonts/AtkinsonHyperlegible-Bold.woff2", "weight": 700, "style": "normal"}]}


class Font(Closed):
    """A font family the site carries itself: nothing is loaded from another website."""

    family: FontFamily = Field(description="The family name, as the font calls itself.",
                               examples=["Atkinson Hyperlegible"])
    files: list[FontFile] = Field(min_length=1, description="Its files, one per weight and style.",
                                  examples=[_EX_FONT["files"]])


class Fonts(Closed):
    """The clinic's own fonts; without them the reader's system fonts are used."""

    text: Font = Field(description="The font of all text.", examples=[_EX_FONT])
    headings: Font | None = Field(None, description="Another font for headings, if wanted.",
                                  examples=[{"family": "Merriweather",
                                             "files": [{"file": "fonts/Merriweather-Bold.woff2", "weight": 700}]}])


class Brand(Closed):
    """How the clinic's sites look."""

    logo: str = Field(description="Logo file (SVG or PNG), relative to the clinic folder.", examples=["logo.svg"])
    favicon: str | None = Field(None, description="Small icon for browser tabs (SVG, PNG or ICO), relative to the "
                                "clinic folder; without it the logo is used.", examples=["favicon.svg"])
    fonts: Fonts | None = Field(None, description="Fonts the sites carry; without them the reader's own fonts "
                                "are used.", examples=[{"text": _EX_FONT}])
    logo_alt: Line = Field(description="Text that describes the logo for screen readers.",
                           examples=["Harbor Light Recovery logo, a lighthouse beam over water"])
    primary: Color = Field(description="Main color: header and headings.", examples=["#1d4e89"])
    accent: Color = Field(description="Accent color: links and buttons.", examples=["#b3541e"])
    share_image: str | None = Field(
        None, description="Picture shown when a page of the guide is shared or found on the web (PNG or JPEG, "
        "1200 by 630 pixels is best), relative to the clinic folder; without it a PNG logo is used.",
        examples=["share.png"])


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
    program: Id = Field(description="Id of the program this clinic runs.", examples=["core-iop"])
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


class Address(Closed):
    """A street address."""

    street: Line = Field(description="Street and number.", examples=["410 Orange Grove Blvd, Suite 200"])
    city: Line = Field(description="City.", examples=["Pasadena"])
    region: Line = Field(description="State or region.", examples=["CA"])
    postal_code: Line = Field(description="ZIP or postal code.", examples=["91105"])
    country: Line = Field("US", description="Country code.", examples=["US"])


class Track(Closed):
    """A schedule option: the days and hours a group meets."""

    name: Line = Field(description="Name patients see.", examples=["Evening track"])
    days: list[Day] = Field(min_length=1, description="Days it meets: mon, tue, wed, thu, fri, sat, sun.",
                            examples=[["mon", "tue", "thu"]])
    start: Time = Field(description="Start time, 24-hour HH:MM.", examples=["18:00"])
    end: Time = Field(description="End time, 24-hour HH:MM.", examples=["21:00"])

    @model_validator(mode="after")
    def _ends_after_start(self) -> Track:
        if self.end <= self.start:
            raise ValueError(f"the end time {self.end} is not after the start time {self.start}")
        return self


class AddedTherapy(Closed):
    """A therapy this location offers beyond the program, and the weeks it meets."""

    therapy: Id = Field(description="Id of the therapy.", examples=["equine-assisted-therapy"])
    weeks: Weeks | None = Field(None, description="Weeks it is part of: 3, 2-3 or 5+.", examples=["5+", "4-6"])


class TherapyChanges(Closed):
    """Therapies added to or removed from the program at this location."""

    add: list[AddedTherapy] = Field(default_factory=list, description="Therapies added, with their weeks.",
                                    examples=[[{"therapy": "equine-assisted-therapy", "weeks": "5+"}]])
    remove: list[Id] = Field(default_factory=list, description="Ids of program therapies not offered here.",
                             examples=[["art-therapy"]])


class Resource(Closed):
    """A local resource: a meeting, a hotline, a service."""

    name: Line = Field(description="Name of the meeting, hotline or service.",
                       examples=["Pasadena Area Recovery Meetings"])
    text: Text = Field(description="What it offers, in a sentence.",
                       examples=["Open 12-step and other peer support meetings most evenings, in person and online."])
    phone: Phone | None = Field(None, description="Phone number, if any.", examples=["(626) 555-0177"])
    url: Url | None = Field(None, description="Web address, if any.", examples=["https://meetings.pasadena.example/"])


class GettingHere(Closed):
    """How patients reach a location: parking, public transit and a map."""

    parking: Text | None = Field(None, description="Where to park, and what it costs.",
                                 examples=["Park free in the lot behind the building."])
    transit: Text | None = Field(None, description="How to come by bus or train.",
                                 examples=["The Metro A Line stops a short walk away, at Memorial Park station."])
    map_url: Url | None = Field(None, description="A map link of your choice; without it the guide links to a map "
                                "search for the address on OpenStreetMap.",
                                examples=["https://www.openstreetmap.org/way/123456789"])


class Insurance(Closed):
    """What patients need to know about insurance and paying."""

    text: Text = Field(description="A few plain sentences on insurance and payment.",
                       examples=["We accept most major plans. Call us to check your coverage before you start."])
    plans: list[Line] = Field(default_factory=list, description="Plans accepted at this location, if you list them.",
                              examples=[["Medi-Cal", "Medicare"]])


class Location(Closed):
    """One place where the clinic runs the program; lives at clinics/<clinic>/locations/<id>.yaml."""

    id: Id | None = Field(None, description="Optional: the file name already gives the id; if set, it must match.",
                          examples=["pasadena"])
    name: Line = Field(description="Name of the location, often the city.", examples=["Pasadena"])
    address: Address = Field(description="Street address.",
                             examples=[{"street": "410 Orange Grove Blvd, Suite 200", "city": "Pasadena",
                                        "region": "CA", "postal_code": "91105"}])
    phone: Phone = Field(description="The location's phone number.")
    hours: Line = Field(description="Office hours, as people should read them.", examples=["Mon-Fri, 8 am to 8 pm"])
    tracks: list[Track] = Field(min_length=1, description="Schedule options.",
                                examples=[[{"name": "Evening track", "days": ["mon", "tue", "thu"],
                                            "start": "18:00", "end": "21:00"}]])
    program_length: int | None = Field(None, ge=1, le=52, description="Weeks, when the program allows a range.",
                                       examples=[10])
    therapies: TherapyChanges = Field(default_factory=TherapyChanges, description="Therapies added or removed.",
                                      examples=[{"add": [{"therapy": "equine-assisted-therapy", "weeks": "5+"}],
                                                 "remove": ["art-therapy"]}])
    resources: list[Resource] = Field(default_factory=list, description="Local help: meetings, hotlines, services.",
                                      examples=[[{"name": "Pasadena Area Recovery Meetings",
                                                  "text": "Open 12-step meetings most evenings.",
                                                  "phone": "(626) 555-0177"}]])
    overrides: Overrides | None = Field(None, description="Program fields changed for this location.",
                                        examples=[{"phases": _EX_OVERRIDE_PHASES}])
    intro: Text | None = Field(None, description="A short welcome from this location: one or two paragraphs, "
                               "with a blank line between them.",
                               examples=["Our Pasadena office is a quiet, bright space near Old Pasadena."])
    getting_here: GettingHere | None = Field(None, description="Parking, transit and a map link.",
                                             examples=[{"parking": "Park free in the lot behind the building.",
                                                        "transit": "The Metro A Line stops a short walk away."}])
    languages: list[Line] | None = Field(None, min_length=1, description="Languages spoken at this location; "
                                         "replaces the clinic's list.", examples=[["English", "Spanish"]])
    insurance: Insurance | None = Field(None, description="Insurance and payment notes.",
                                        examples=[{"text": "We accept most major plans. Call to check your "
                                                   "coverage."}])
    site_url: SiteUrl | None = Field(None, description="Web address of this location's site, when it is not the "
                                     "clinic's base_url plus the location id; a missing final / is added.",
                                     examples=["https://pasadena.harborlight.example/"])


MODELS: dict[str, type[Closed]] = {
    "therapy": Therapy,
    "program": Program,
    "clinic": Clinic,
    "location": Location,
}
