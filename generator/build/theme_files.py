"""The theme's files, listed once per process instead of once per site.

MkDocs finds the static files a theme gives a site by listing every file of the
theme's folders through Jinja and matching each name against a dozen patterns:
for Material, some 14,000 names a site, more than a tenth of a site's build. The
installed theme does not change while a worker builds its sites, so its listing
is kept, keyed by the folder, the folder's time and the patterns. A folder of the
staging (the site's own overrides) is listed afresh on every build.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from pathlib import Path

import jinja2

_Key = tuple[str, int, tuple[str, ...] | None, object, object]
_listed: dict[_Key, list[str]] = {}


def _listing(folder: str, extensions: tuple[str, ...] | None,
             filter_func: Callable[[str], bool] | None) -> list[str]:
    names = jinja2.FileSystemLoader(folder).list_templates()
    if extensions is not None:
        names = [name for name in names if "." in name and name.rsplit(".", 1)[1] in extensions]
    return [name for name in names if filter_func is None or filter_func(name)]


def list_once(env: jinja2.Environment, dirs: list[str], staging: Path, patterns: object) -> None:
    """Make env.list_templates keep the listing of each theme folder outside the staging folder.

    A listing is reused for the same filter function (its code) with the same
    patterns: what MkDocs' filter depends on besides the name (the theme's static templates).
    """
    staging = staging.resolve()

    def list_templates(extensions: Collection[str] | None = None,
                       filter_func: Callable[[str], bool] | None = None) -> list[str]:
        wanted = tuple(extensions) if extensions is not None else None
        found: set[str] = set()
        for folder in dirs:
            if not os.path.isdir(folder):
                continue
            if Path(folder).resolve().is_relative_to(staging):
                found.update(_listing(folder, wanted, filter_func))
                continue
            # the filter's code names the function; patterns, the values it closes over
            key = (os.path.realpath(folder), os.stat(folder).st_mtime_ns, wanted,
                   getattr(filter_func, "__code__", filter_func), patterns)
            if key not in _listed:
                _listed[key] = _listing(folder, wanted, filter_func)
            found.update(_listed[key])
        return sorted(found)

    env.list_templates = list_templates  # type: ignore[method-assign]
