"""The theme's listing, kept between a worker's builds: the same names as MkDocs' own listing, the installed
theme walked once, and a site's own overrides seen afresh on every build."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator.build import theme_files


def _theme(tmp_path: Path) -> tuple[Path, Path]:
    installed, overrides = tmp_path / "installed", tmp_path / "staging" / "overrides"
    for name in ("main.html", "assets/app.js", "assets/app.js.map", "partials/footer.html"):
        (installed / name).parent.mkdir(parents=True, exist_ok=True)
        (installed / name).write_text(name)
    overrides.mkdir(parents=True)
    (overrides / "main.html").write_text("mine")
    return installed, overrides


def _no_html(name: str) -> bool:
    return not name.endswith(".html")


def test_the_listing_is_the_one_jinja_makes(tmp_path: Path) -> None:
    installed, overrides = _theme(tmp_path)
    dirs = [str(overrides), str(installed)]
    plain = jinja2.Environment(loader=jinja2.FileSystemLoader(dirs))
    kept = jinja2.Environment(loader=jinja2.FileSystemLoader(dirs))
    theme_files.list_once(kept, dirs, tmp_path / "staging", ("first",))
    assert kept.list_templates(filter_func=_no_html) == plain.list_templates(filter_func=_no_html)
    assert kept.list_templates(extensions=["js"]) == plain.list_templates(extensions=["js"]) == ["assets/app.js"]
    assert kept.list_templates() == plain.list_templates()


def test_the_installed_theme_is_walked_once_and_the_sites_overrides_every_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    installed, overrides = _theme(tmp_path)
    walked: list[str] = []
    listing = jinja2.FileSystemLoader.list_templates

    def counted(loader: jinja2.FileSystemLoader) -> list[str]:
        walked.extend(loader.searchpath)
        return listing(loader)

    monkeypatch.setattr(jinja2.FileSystemLoader, "list_templates", counted)
    dirs = [str(overrides), str(installed)]
    names = []
    for site in range(3):
        (overrides / f"extra-{site}.css").write_text("a{}")
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(dirs))
        theme_files.list_once(env, dirs, tmp_path / "staging", ("second",))
        names.append(env.list_templates(filter_func=_no_html))
    assert walked.count(str(installed)) == 1
    assert walked.count(str(overrides)) == 3
    assert "extra-2.css" in names[2] and "assets/app.js" in names[2]
    assert "extra-2.css" not in names[1]


def test_other_patterns_list_the_theme_again(tmp_path: Path) -> None:
    installed, overrides = _theme(tmp_path)
    dirs = [str(installed)]
    first = jinja2.Environment(loader=jinja2.FileSystemLoader(dirs))
    theme_files.list_once(first, dirs, tmp_path / "staging", ("third",))
    assert "main.html" not in first.list_templates(filter_func=_no_html)
    other = jinja2.Environment(loader=jinja2.FileSystemLoader(dirs))
    theme_files.list_once(other, dirs, tmp_path / "staging", ("fourth",))
    assert "main.html" in other.list_templates()
