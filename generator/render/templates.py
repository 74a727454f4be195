"""The one Jinja environment: strict, over content/, autoescaping only HTML and XML."""

from __future__ import annotations

from pathlib import Path

import jinja2

from generator.render import markup, pages
from generator.render.href import Href


def _autoescape(name: str | None) -> bool:
    # Markdown output is not HTML: data text in it is escaped by the markup filters instead
    return name is not None and name.endswith((".html.jinja", ".xml.jinja"))


def link(text: str, target: Href) -> str:
    """A Markdown link: the data's words escaped, the target an Href the views built (nothing else is taken)."""
    if not isinstance(target, Href):
        raise TypeError(f"a link target must be an Href built in generator/render/href.py, not {type(target).__name__}")
    return f"[{markup.inline(text)}]({target.target})"


@jinja2.pass_context
def md_url(context: jinja2.runtime.Context, target: str) -> str:
    """A Markdown link target to a docs path (from the views), from the page being rendered."""
    return pages.md_url(target, _here(context))


@jinja2.pass_context
def html_url(context: jinja2.runtime.Context, target: str) -> str:
    """The built page of a docs path (from the views), from the page being rendered, for raw HTML."""
    return pages.html_url(target, _here(context))


def _here(context: jinja2.runtime.Context) -> str:
    here = context.get("here")
    if not isinstance(here, str):
        # a macro file imported without `with context` cannot see the page it is rendered for
        raise TypeError("links need `here`, the page being rendered: import macro files `with context`")
    return here


def environment(content_dir: Path) -> jinja2.Environment:
    """Build the environment every page and the portal are rendered with."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(content_dir),
        undefined=jinja2.StrictUndefined,
        autoescape=_autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        inline=markup.inline,
        paragraphs=markup.paragraphs,
        cell=markup.cell,
        clock=markup.clock,
        link=link,
        md_url=md_url,
        html_url=html_url,
    )
    return env
