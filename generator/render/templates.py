"""The one Jinja environment: strict, over content/, autoescaping only HTML and XML."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import jinja2
from markdown.extensions.toc import slugify

from generator.compiled import Compiled
from generator.render import markup, one_line, pages, words, xrefs
from generator.render.href import Href
from generator.source import Located, origin_of

# a language code as a lang attribute takes it (only the generator's own codes reach it)
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def _autoescape(name: str | None) -> bool:
    # Markdown output is not HTML: data text in it is escaped by the markup filters instead
    return name is not None and name.endswith((".html.jinja", ".xml.jinja"))


def link(text: str, target: Href) -> str:
    """A Markdown link: the data's words escaped, the target an Href the views built (nothing else is taken)."""
    if not isinstance(target, Href):
        raise TypeError(f"a link target must be an Href built in generator/render/href.py, not {type(target).__name__}")
    return f"[{markup.inline(text)}]({target.target})"


def _prose(escape: Callable[[str], str]) -> Callable[[jinja2.runtime.Context, str], str]:
    """A filter that puts data text into a page: its links made right for the page, then escaped.

    Pages are rendered with `here`, `targets` (what the site's cross-references may
    name) and `findings` (where problems go, at each value's origin).
    """
    @jinja2.pass_context
    def apply(context: jinja2.runtime.Context, text: str) -> str:
        here, targets, findings = _here(context), context.get("targets"), context.get("findings")
        if not isinstance(targets, xrefs.SiteTargets) or not isinstance(findings, xrefs.Findings):
            raise TypeError("data text is rendered for a page of a site: render it with targets and findings")
        findings.page = here
        text = _without_comments(text)
        if escape is markup.title:
            one_line.check_title(text, findings)
        one_line.check(text, escape is markup.paragraphs, findings)
        made = escape(xrefs.rewrite(text, here, targets, findings))
        marked = in_language(made, getattr(text, "lang", None), context.get("language"), escape is markup.paragraphs)
        if marked is not made:
            findings.untranslated.add(here)
        return marked
    return apply


def _without_comments(text: str) -> str:
    """Data text without its notes for the team (HTML comments), at its origin: links in a note are not checked."""
    stripped = markup.without_comments(text)
    if stripped == text:
        return text  # the same value, with its origin
    origin = origin_of(text)
    return Located(stripped, origin, getattr(text, "lang", None)) if origin is not None else stripped


def in_language(made: str, lang: str | None, page_language: object, paragraphs: bool) -> str:
    """Escaped data text in another language than its page's (English where a translation is missing), marked
    so, paragraph by paragraph: a screen reader reads it in that language's voice (WCAG 3.1.2)."""
    if not lang or lang == page_language or not made.strip() or not _LANGUAGE_CODE.fullmatch(lang):
        return made
    parts = made.split("\n\n") if paragraphs else [made]
    return "\n\n".join(f'<span lang="{lang}">{part}</span>' for part in parts)


@jinja2.pass_context
def md_url(context: jinja2.runtime.Context, target: str) -> str:
    """A Markdown link target to a docs path (from the views), from the page being rendered."""
    return pages.md_url(target, _here(context))


@jinja2.pass_context
def html_url(context: jinja2.runtime.Context, target: str) -> str:
    """The built page of a docs path (from the views), from the page being rendered, for raw HTML."""
    return pages.html_url(target, _here(context))


def anchored(heading: str, anchor: str) -> str:
    """A heading that other pages link to by `anchor`: given that id when its words (translated) would not make it.

    Markdown's toc makes a heading's id from its words, so "Plan your dates" is #plan-your-dates; the
    same heading in Spanish keeps that id through an attribute list, and links to it hold in every language.
    """
    return heading if slugify(heading, "-") == anchor else f"{heading} {{ #{anchor} }}"


def _here(context: jinja2.runtime.Context) -> str:
    here = context.get("here")
    if not isinstance(here, str):
        # a macro file imported without `with context` cannot see the page it is rendered for
        raise TypeError("links need `here`, the page being rendered: import macro files `with context`")
    return here


# every environment is new (the templates may have changed), but compiling them is most of the time a
# render takes: the preview renders again on every save, so the code of unchanged templates is kept
_COMPILED = Compiled()


def environment(content_dir: Path) -> jinja2.Environment:
    """Build the environment every page and the portal are rendered with."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(content_dir),
        bytecode_cache=_COMPILED,
        undefined=jinja2.StrictUndefined,
        autoescape=_autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        inline=_prose(markup.inline),
        paragraphs=_prose(markup.paragraphs),
        cell=_prose(markup.cell),
        title=_prose(markup.title),
        # a title in raw HTML (the timeline, aria-labels): its plain words, to be escaped with `e`
        plain=markup.plain_text,
        clock=markup.clock,
        link=link,
        md_url=md_url,
        html_url=html_url,
        anchored=anchored,
    )
    # the pages' own words, in the language each page is rendered for (its `language`)
    words.install(env)
    return env
