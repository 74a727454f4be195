"""Overrides: program fields a clinic or a location replaces, derived from the program's own models.

Each overridable field is the program's (or the phase's) field made optional, so a field added to
`ProgramBody` or `Phase` can be overridden at once, with its type, its checks and its examples.
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import Field, create_model

from generator.model import examples as ex
from generator.model.base import Closed
from generator.model.program import Phase, ProgramBody
from generator.model.scalars import Ref

# keys an override may not set, by the model that leaves them out: why, and what to do instead
FIXED: dict[tuple[str, str], str] = {
    ("PhaseOverride", "weeks"): "the weeks of a phase cannot be overridden; change them in the program file",
    ("Overrides", "length"): "the program's length cannot be overridden; a location picks one from a range "
                             "with 'program_length'",
    ("Overrides", "audience"): "the program's audience cannot be overridden; pick a program for that audience",
}


def replacing(model: type[Closed], owner: str, leave_out: frozenset[str] = frozenset()) -> type[Closed]:
    """Make a model of the fields of `model` but `leave_out`, each optional: a value set replaces the owner's."""
    # the declared types, without the Field's own limits: an override may replace a list with an empty one
    hints = typing.get_type_hints(model, include_extras=True)
    fields: dict[str, Any] = {
        name: (hints[name] | None, Field(None, description=f"Replaces the {owner}'s {name}: {info.description}",
                                         examples=info.examples))
        for name, info in model.model_fields.items() if name not in leave_out}
    return create_model(f"{model.__name__}Replacement", __base__=Closed, __module__=__name__, **fields)


# a base made at run time is Any to the type checker; the fields below are the ones code reads by name.
# A phase's weeks are fixed (see FIXED), and notes for single weeks stay with the program's phases.
class PhaseOverride(replacing(Phase, "phase", frozenset({"weeks", "week_notes"}))):  # type: ignore[misc]
    """Changes to one phase, found by its id; its weeks cannot change."""

    id: Ref = Field(description="Id of the phase to change.", examples=["getting-started"])


class Overrides(replacing(ProgramBody, "program")):  # type: ignore[misc]
    """Program fields replaced for one clinic or location. Lists replace; phases merge by id."""

    phases: list[PhaseOverride] | None = Field(None, description="Changes to phases, each found by its id.",
                                               examples=[ex.OVERRIDE_PHASES])
