"""The one Jinja environment: strict, over content/, autoescaping only HTML and XML."""

from __future__ import annotations

from pathlib import Path

import jinja2

from generator.render import markup
from generator.render.href import Href


def _autoescape(name: str | None) -> bool:
    # Markdown output is not HTML: data text in it is escaped by the markup filters instead
    return name is not None and name.endswith((".html.jinja", ".xml.jinja"))


def link(text: str, target: Href) -> str:
    """A Markdown link: the data's words escaped, the target an Href the views built (nothing else is taken)."""
    if not isinstance(target, Href):
        raise TypeError(f"a link target must be an Href built in generator/href.py, not {type(target).__name__}")
    return f"[{markup.inline(text)}]({target.target})"


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
    )
    return env
