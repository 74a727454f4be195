"""The program file: programs/<id>.yaml, the curriculum week by week."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import Discriminator, Field, Tag, field_validator, model_validator

from generator.model import examples as ex
from generator.model.base import Closed, Point, Section
from generator.model.scalars import GlossaryTerm, Id, Line, Ref, ShortNumber, Text, Weeks, WeekSpan, parse_weeks


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
    therapy: Ref | None = Field(None, description="Id of the therapy this activity is part of.", examples=["cbt"])

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
                                    examples=[ex.SECTIONS])
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
                                       examples=[ex.ACTIVITIES])
    therapies: list[Ref] = Field(default_factory=list, description="Ids of the therapies you meet.",
                                examples=[["group-therapy", "individual-counseling"]])
    feelings: list[Text] = Field(default_factory=list, description="What you may feel.",
                                 examples=[["Nervous or unsure about what comes next",
                                            "Relieved that you took the first step"]])
    tips: list[Text] = Field(default_factory=list, description="Tips for these weeks.", examples=[ex.PHASE_TIPS])
    checklist: list[Text] = Field(default_factory=list, description="Things to do, as checkboxes.",
                                  examples=[ex.CHECKLIST])
    sections: list[Section] = Field(default_factory=list, description="More detail, as titled sections.",
                                    examples=[ex.SECTIONS])
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
                                 examples=[ex.WHO_FOR["good_fit"]])
    needs_more_care: list[Text] = Field(default_factory=list, description="Signs that more care is needed first.",
                                        examples=[ex.WHO_FOR["needs_more_care"]])


class Faq(Closed):
    """A question patients ask, with its answer."""

    question: Line = Field(description="The question, as a patient would ask it.",
                           examples=[ex.FAQ[0]["question"]])
    answer: Text = Field(description="A short, plain answer.", examples=[ex.FAQ[0]["answer"]])


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

    text: Text = Field(description="A short paragraph on life after the program.", examples=[ex.AFTERCARE["text"]])
    options: list[Point] = Field(min_length=1, description="Kinds of ongoing support.",
                                 examples=[ex.AFTERCARE["options"]])


class Progress(Closed):
    """How progress is measured."""

    text: Text = Field(description="A short paragraph on why and how progress is tracked.",
                       examples=[ex.PROGRESS["text"]])
    measures: list[Point] = Field(min_length=1, description="What the team looks at.",
                                  examples=[ex.PROGRESS["measures"]])


# the crisis numbers every guide shows, in every language (render/interface.py)
NATIONAL_NUMBERS = ("988", "911")


class CrisisLine(Closed):
    """A number to call or text in a crisis."""

    name: Line = Field(description="Who answers.", examples=["988 Suicide & Crisis Lifeline"])
    action: Line = Field(description="What to do, in a few words.", examples=["Call or text 988"])
    number: ShortNumber = Field(description="The number to dial.", examples=["988"])

    @property
    def national(self) -> bool:
        """True for 988 and 911: in a guide in another language than English, the generator's own words show
        them (988 with the options it answers in that language), not the data's."""
        return "".join(c for c in self.number if c.isdigit()) in NATIONAL_NUMBERS


class Crisis(Closed):
    """Crisis help shown on every page."""

    text: Text = Field(description="One sentence before the numbers.", examples=[ex.CRISIS["text"]])
    lines: list[CrisisLine] = Field(min_length=1, description="Numbers to call or text.",
                                    examples=[ex.CRISIS["lines"]])


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
    who_for: WhoFor = Field(description="Who it suits, and who needs more care.", examples=[ex.WHO_FOR])
    conditions: list[Text] = Field(min_length=1, description="Conditions the program serves.",
                                   examples=[["Depression", "Alcohol or drug use"]])
    preparation: list[Point] = Field(default_factory=list, description="Steps to take before you start, in order.",
                                     examples=[[{"title": "Set your goals",
                                                 "text": "Write down a few goals, big or small."}]])
    tips: list[Point] = Field(default_factory=list, description="Tips for success.", examples=[ex.POINTS])
    progress: Progress | None = Field(None, description="How progress is measured.", examples=[ex.PROGRESS])
    challenges: list[Point] = Field(default_factory=list, description="Common challenges and how to meet them.",
                                    examples=[[{"title": "Finding the time",
                                                "text": "Plan your week ahead, and tell your team if your "
                                                        "schedule changes."}]])
    aftercare: Aftercare | None = Field(None, description="What comes after the program.", examples=[ex.AFTERCARE])
    faq: list[Faq] = Field(default_factory=list, description="Questions and answers.", examples=[ex.FAQ])
    levels_of_care: list[LevelOfCare] = Field(default_factory=list, description="Levels of care, lowest first.",
                                              examples=[ex.LEVELS])
    crisis: Crisis | None = Field(None, description="Crisis help shown on every page.", examples=[ex.CRISIS])


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
                                            "goals": ["Learn the schedule"], "activities": ex.ACTIVITIES}]])
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
