"""The project folder, and the guard every writer goes through."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import ProjectError


@dataclass(frozen=True)
class Project:
    """The folder with the shared mkdocs.yml, content/ templates and overrides/."""

    root: Path

    @property
    def base_config(self) -> Path:
        """The base MkDocs config every site inherits."""
        return self.root / "mkdocs.yml"

    @property
    def content(self) -> Path:
        """The page templates."""
        return self.root / "content"

    @property
    def overrides(self) -> Path:
        """The Material theme overrides."""
        return self.root / "overrides"

    def missing(self) -> list[str]:
        """Name what a project folder lacks."""
        return [p.name for p in (self.base_config, self.content, self.overrides) if not p.exists()]

    def require(self) -> Project:
        """This project, if it has what rendering needs; the one message when it does not."""
        if self.missing():
            raise ProjectError(f"{self.root} is not an iop-guide project: missing {', '.join(self.missing())}")
        return self


def inside(root: Path, target: Path) -> Path:
    """Return target if it resolves inside root; raise otherwise.

    The last guard of every writer: ids and file names are checked long before,
    so this only fails on a bug, never on data.
    """
    resolved = target.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise RuntimeError(f"refusing to write {target}: it is outside {root}")
    return target
