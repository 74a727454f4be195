"""Convert one site's rendered pages as MkDocs will, in memory, and prove every link lands.

`check` and `build` share this: the pages come from render_pages (the same
templates and filters that write the staging folder), and the Markdown
extensions and their settings are the ones the site's mkdocs.yml gives MkDocs
(the base config merged with the site's own, read through MkDocs' own option).
Each converted page's links, images and anchors are resolved against the site's
pages and their ids. A broken one is reported at the data value that wrote it;
one no value wrote is the generator's own mistake, reported at its template.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import markdown
import mergedeep  # type: ignore[import-untyped]
from mkdocs.config import config_options
from mkdocs.utils import meta
from mkdocs.utils.yaml import yaml_load

from generator.diagnostics import Diagnostic
from generator.markdown.link_targets import scheme
from generator.paths import Project
from generator.render import config
from generator.render.site import Rendered
from generator.resolve import SiteSpec

# MkDocs adds these to every site's extensions, first (mkdocs/config/defaults.py)
MKDOCS_BUILTINS = ["toc", "tables", "fenced_code"]


def markdown_settings(project: Project, spec: SiteSpec) -> tuple[list[str], dict[str, Any]]:
    """The extensions and their settings MkDocs will convert this site's pages with."""
    with open(project.base_config, encoding="utf-8") as base_file:
        base = yaml_load(base_file) or {}
    merged = mergedeep.merge({}, base.get("markdown_extensions") or {},
                             config.site_config(spec).get("markdown_extensions") or {})
    option = config_options.MarkdownExtensions(builtins=MKDOCS_BUILTINS, configkey="mdx_configs")
    extensions = option.run_validation(merged)
    return extensions, option.configdata


class _Page(HTMLParser):
    """The ids a converted page has, and the link and image targets it holds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        target = found.get("href") if tag == "a" else found.get("src") if tag == "img" else None
        if target is not None:
            self.targets.append(target)


def convert(rendered: Rendered, extensions: list[str], settings: dict[str, Any]) -> dict[str, _Page]:
    """Every page of a site converted to HTML as MkDocs converts it, and read back."""
    md = markdown.Markdown(extensions=extensions, extension_configs=settings)
    found = {}
    for path, text in rendered.pages.items():
        body, _ = meta.get_data(text)
        page = _Page()
        page.feed(md.reset().convert(body))
        found[path] = page
    return found


def prove(project: Project, spec: SiteSpec, rendered: Rendered) -> list[Diagnostic]:
    """Every problem with the site's pages: what rendering found, then every link that does not land."""
    extensions, settings = markdown_settings(project, spec)
    converted = convert(rendered, extensions, settings)
    problems = set(rendered.findings.diagnostics)
    for here, found in rendered.findings.unplaced.items():
        template = project.content / rendered.templates[here]
        problems |= {Diagnostic(template, 1, 1, f"in text this template shows on {here}: {message}", severity, hint)
                     for message, hint, severity in found}
    for here, page in converted.items():
        for target in dict.fromkeys(page.targets):
            why = _broken(target, here, converted, rendered.findings.files)
            if why is None:
                continue
            written = rendered.findings.written.get(here, {}).get(target)
            if written is not None:
                origin, xref = written
                problems.add(origin.at(xref).diagnostic(f"the link '{xref}' {why}",
                                               hint="name a section the page has: its heading in lowercase, "
                                                    "with hyphens for spaces"))
            else:
                template = project.content / rendered.templates[here]
                line, col = _written_at(template, target)
                problems.add(Diagnostic(template, line, col, f"the page {here} links to '{target}', which {why}",
                                        hint="a template wrote this link, not the data: fix the template"))
    return sorted(problems)


def _broken(target: str, here: str, converted: dict[str, _Page], files: dict[str, bytes]) -> str | None:
    """Why a link target on a page lands nowhere, or None when it lands."""
    if scheme(target) is not None or target.startswith("//"):
        return None  # web, mail and phone addresses are the data's to get right; check validates them
    path, _, anchor = target.partition("#")
    if path:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(here), unquote(path)))
        page = converted.get(resolved.removesuffix(".html") + ".md" if resolved.endswith(".html") else resolved)
        if page is None:
            return None if _theme_file(resolved) or resolved in files else "is not a page of this site"
    else:
        page = converted[here]
    if anchor and unquote(anchor) not in page.ids:
        return "names a section the page does not have"
    return None


def _written_at(template: Path, target: str) -> tuple[int, int]:
    """Where a template writes a link target literally (its line and column), else its first line."""
    lines = template.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if target in line:
            return number, line.index(target) + 1
    return 1, 1


def _theme_file(path: str) -> bool:
    """Files the build adds beside the pages (brand files, the theme's assets): not pages, not data's to name."""
    return Path(path).parts[:1] == ("assets",)
