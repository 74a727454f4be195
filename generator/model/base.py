"""The base of every model, and the small pieces more than one file kind uses."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from generator.model import examples as ex
from generator.model.scalars import Line, Text


class Closed(BaseModel):
    """Base of every model: unknown keys are errors and models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Point(Closed):
    """A short title with a sentence or two under it: a tip, a step, a measure."""

    title: Line = Field(description="A few words, shown in bold.", examples=["Show up, even on hard days"])
    text: Text = Field(description="One to three plain sentences.", examples=["Coming every time builds trust."])


class Section(Closed):
    """A titled part of a page: optional text, then an optional list."""

    title: Line = Field(description="The section heading.", examples=["Finding your routine"])
    text: Text | None = Field(None, description="A short paragraph under the heading.",
                              examples=[ex.SECTIONS[0]["text"]])
    items: list[Text] = Field(default_factory=list, description="Bullet points under the text.",
                              examples=[ex.SECTIONS[0]["items"]])
