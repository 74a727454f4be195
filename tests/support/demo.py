"""The demo data: where it is, its site keys (read from file paths) and its sites resolved once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from generator import pipeline
from generator.resolve import SiteSpec

ROOT = Path(__file__).resolve().parents[2]
DEMO_DATA = ROOT / "program_data"


def site_keys() -> list[str]:
    """List every demo site as clinic/location, from its location file's path: no data is read.

    Cheap enough for parametrize lists, which are made when the tests are collected.
    """
    return sorted(f"{file.parent.parent.name}/{file.stem}" for file in DEMO_DATA.glob("clinics/*/locations/*.yaml")
                  if len(file.suffixes) == 1)  # pasadena.es.yaml is a translation, not a site


@cache
def specs() -> dict[str, SiteSpec]:
    """Resolve every demo site, by key: one run of the pipeline, the first time it is asked for.

    Tests take it through the `demo_specs` fixture; only plain helpers that cannot take
    a fixture (the browser tests' page paths) call it directly, and share the same run.
    """
    resolved, _ = pipeline.resolve_all(DEMO_DATA)
    return {spec.key: spec for spec in resolved}
