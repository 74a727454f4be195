"""The therapy file: therapies/<id>.yaml."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from generator.model.base import Closed
from generator.model.scalars import Id, Line, Text


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
