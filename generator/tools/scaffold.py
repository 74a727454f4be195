"""Starter files for a new clinic or location: commented, and valid as written."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.diagnostics import GuideError, UsageError
from generator.load.dataset import DataSet
from generator.model import LengthRange, Program
from generator.model.scalars import ID_RE
from generator.paths import Project
from generator.render.templates import environment


def _check_id(kind: str, value: str) -> None:
    # the whole value: a `$` alone would let a final newline into a folder name
    if not ID_RE.fullmatch(value):
        raise UsageError(f"'{value}' is not a valid {kind} id: use lowercase letters, digits and hyphens")


def _cannot_write(e: OSError) -> GuideError:
    return GuideError(f"cannot write {e.filename}: {e.strerror}")


def _offered(program: Program) -> set[str]:
    """The therapies a program names, in its phases and their activities."""
    named = {therapy for phase in program.phases for therapy in phase.therapies}
    return named | {activity.therapy for phase in program.phases for activity in phase.activities if activity.therapy}


def new_clinic(project: Project, data: DataSet, clinic_id: str) -> list[Path]:
    """Write clinics/<id>/clinic.yaml and a placeholder logo; refuse to overwrite."""
    _check_id("clinic", clinic_id)
    folder = data.clinic_folder(clinic_id)
    if folder.is_symlink() or folder.exists():  # a link, even one to nothing or to itself, is in the way too
        raise UsageError(f"{folder} already exists")
    if not data.programs:
        raise UsageError("there is no program yet: add one to programs/ first")
    text = environment(project.content).get_template("scaffold/clinic.yaml.jinja").render(
        clinic=clinic_id, program=sorted(data.programs)[0])
    try:
        folder.mkdir(parents=True)
        (folder / "clinic.yaml").write_text(text.rstrip("\n") + "\n", encoding="utf-8")
        shutil.copyfile(project.content / "scaffold" / "logo.svg", folder / "logo.svg")
    except OSError as e:
        raise _cannot_write(e) from None
    return [folder / "clinic.yaml", folder / "logo.svg"]


def new_location(project: Project, data: DataSet, clinic_id: str, location_id: str) -> list[Path]:
    """Write clinics/<clinic>/locations/<id>.yaml for an existing clinic; refuse to overwrite."""
    _check_id("location", location_id)
    clinic = data.clinics.get(clinic_id)
    if clinic is None:
        raise UsageError(f"no clinic '{clinic_id}'; the clinics are: {', '.join(sorted(data.clinics)) or 'none'}")
    target = data.clinic_folder(clinic_id) / "locations" / f"{location_id}.yaml"
    if target.is_symlink() or target.exists():
        raise UsageError(f"{target} already exists")
    program = data.programs.get(clinic.model.program)
    length = program.model.length if program else None
    offered = _offered(program.model) if program else set()
    text = environment(project.content).get_template("scaffold/location.yaml.jinja").render(
        clinic=clinic_id, location=location_id, program=clinic.model.program,
        length_range=length if isinstance(length, LengthRange) else None,
        # the examples name real therapies: one the program lacks (to add), one it has (to remove)
        addable=next((t for t in sorted(data.therapies) if t not in offered), None),
        removable=min(offered & set(data.therapies), default=None))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
    except OSError as e:  # a loop of links, a file where the folder goes, no permission
        raise _cannot_write(e) from None
    return [target]
