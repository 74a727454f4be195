"""An MkDocs plugin that leaves out of a site the theme files no page of it uses.

Material copies its whole asset folder into every site: source maps for its
scripts and styles (1.3 MB, read only by a developer's browser tools), the search
stemmers of every language it supports (0.96 MB; a site needs only its own) and a
default favicon (each site has the clinic's). With a hundred sites that is most
of what is uploaded. This plugin drops them from the files MkDocs copies,
removes the comments that would send browser tools looking for the maps, and
trims the indentation the theme's templates leave in every page.

Material's search worker loads, for the site's search languages: the stemmer
support and lunr.<lang> for each language other than English, lunr.multi when
there are several, tinyseg for Japanese and wordcut for Hindi and Thai
(assets/javascripts/workers/search.*.js). Exactly those are kept.

The staging folder names it in its mkdocs.yml as `iop-slim`, registered as an
MkDocs plugin by this package, so `mkdocs build` run by hand makes the same site.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

LUNR = "assets/javascripts/lunr/"
_KEPT_WHOLE = re.compile(r"(<(pre|code|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t]+")
_BLANK_LINES = re.compile(r"\n{2,}")
# the comment at the end of a minified script or style that names its map
_MAP_COMMENT = re.compile(rb"\n?(?://# sourceMappingURL=[^\n]*|/\*# sourceMappingURL=[^*]*\*/)\s*$")


def search_languages(config: MkDocsConfig) -> list[str]:
    """The languages the search plugin stems, as it settled them (its own default is the theme's language)."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    langs = getattr(getattr(search, "config", None), "lang", None)
    return list(langs) if langs else [str(config.theme.get("language") or "en")]


def needed_lunr(langs: list[str]) -> set[str]:
    """The search-language files Material's worker loads for these languages (paths under the lunr folder)."""
    needed = {f"min/lunr.{lang}.min.js" for lang in langs if lang != "en"}
    needed |= {"tinyseg.js" for lang in langs if lang == "ja"}
    needed |= {"wordcut.js" for lang in langs if lang in ("hi", "th")}
    if len(langs) > 1:
        needed.add("min/lunr.multi.min.js")
    if needed:
        needed.add("min/lunr.stemmer.support.min.js")
    return needed


def unused(file: File, lunr: set[str], theme_dirs: list[str]) -> bool:
    """True for a theme file no page of the site uses; files of the site's own docs are always kept."""
    source = file.abs_src_path
    if source is None or not any(Path(source).is_relative_to(folder) for folder in theme_dirs):
        return False
    name = file.src_uri
    if name.endswith(".map") or name == "assets/images/favicon.png":
        return True
    return name.startswith(LUNR) and name.removeprefix(LUNR) not in lunr


def trimmed(html: str) -> str:
    """The page without the indentation and blank lines the theme's templates leave: a quarter of its bytes.

    Whitespace after a line break is one space to a browser, however long, so
    the page reads and works the same. Elements that keep their spaces as written
    (pre and code, which the theme sets to pre-wrap; textarea; scripts and styles) are left whole.
    """
    parts = _KEPT_WHOLE.split(html)
    # split() gives: text, a kept element, its tag name, text, ...
    made = []
    for index in range(0, len(parts), 3):
        made.append(_BLANK_LINES.sub("\n", _INDENT.sub("\n", parts[index])))
        if index + 1 < len(parts):
            made.append(parts[index + 1])
    return "".join(made)


class SlimPlugin(BasePlugin):  # type: ignore[type-arg]
    """Drop the theme files a site does not use; strip the map comments from the ones it keeps; trim pages."""

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return trimmed(output)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        lunr = needed_lunr(search_languages(config))
        theme_dirs = [os.path.realpath(folder) for folder in config.theme.dirs]
        for file in [file for file in files if unused(file, lunr, theme_dirs)]:
            files.remove(file)
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assets = Path(config.site_dir) / "assets"
        for path in sorted([*assets.rglob("*.js"), *assets.rglob("*.css")]):
            content = path.read_bytes()
            stripped = _MAP_COMMENT.sub(b"\n", content) if b"sourceMappingURL=" in content[-300:] else content
            if stripped != content:
                path.write_bytes(stripped)
