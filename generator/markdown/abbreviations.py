"""A Python-Markdown extension: abbreviations patients meet become explained, focusable <abbr> elements.

MkDocs converts each page on its own; the site's terms come with the extension's
configuration (its `glossary` option, term -> meaning, which each site's
mkdocs.yml gives). Then, in the text of each page (never in code, attributes or
raw HTML):

- every whole-word use of a term, and of its plural with "s", becomes
  `<abbr title="meaning">`; outside links and other controls it gets
  `tabindex="0"`, so a keyboard or a tap can reach the meaning (abbr.css shows it);
- the first use in body text (not in a heading) is explained in words,
  "CBT (cognitive behavioral therapy)", unless the meaning is already right
  next to it, as in "Cognitive Behavioral Therapy (CBT)".
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator, Mapping
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# text inside these is not prose, or is an abbreviation already
_SKIP = {"code", "pre", "kbd", "samp", "script", "style", "abbr", "svg", "math", "textarea", "select", "option"}
# a focusable element inside these would be a control inside a control
_CONTROLS = {"a", "button", "label", "summary", "select", "textarea"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# the text around a term that "right next to it" is judged in; a definition list counts as a whole
_BLOCKS = {"p", "li", "dl", "td", "th", "blockquote", "figcaption", "caption"} | _HEADINGS
_SEPARATOR = r"[\s,;:(\u2013\u2014-]*"


def terms_of(glossary: Mapping[Any, Any] | None) -> dict[str, str]:
    """The terms of a glossary option, each meaning on one line; a term or meaning left empty is left out."""
    return {str(k): " ".join(str(v).split()) for k, v in (glossary or {}).items() if str(k) and str(v).strip()}


def _pattern(terms: dict[str, str]) -> re.Pattern[str] | None:
    if not terms:
        return None
    # longest first, so that a longer term wins over a shorter one it starts with
    names = "|".join(re.escape(t) for t in sorted(terms, key=lambda t: (-len(t), t)))
    return re.compile(rf"(?<!\w)(?:{names})s?(?!\w)")


class _Abbreviations(Treeprocessor):
    def __init__(self, md: Markdown, terms: dict[str, str]):
        super().__init__(md)
        self.terms = terms
        self.pattern = _pattern(terms)

    def run(self, root: etree.Element) -> None:
        if self.pattern is None:
            return
        self._wrap(root)
        parents = {child: parent for parent in root.iter() for child in parent}
        explained: set[str] = set()
        for abbr in list(root.iter("abbr")):
            self._mark(abbr, parents, explained)

    def term_of(self, text: str) -> str | None:
        """The term a word is, or is the plural of."""
        if text in self.terms:
            return text
        return text[:-1] if text.endswith("s") and text[:-1] in self.terms else None

    # -- find the terms -------------------------------------------------------

    def _split(self, text: str) -> tuple[str, list[etree.Element]]:
        """Cut text into the part before the first term and <abbr> elements whose tails hold the rest."""
        assert self.pattern is not None
        parts: list[etree.Element] = []
        head, last = text, 0
        for match in self.pattern.finditer(text):
            if parts:
                parts[-1].tail = text[last:match.start()]
            else:
                head = text[:match.start()]
            abbr = etree.Element("abbr", {"title": self.terms[self.term_of(match[0]) or match[0]]})
            abbr.text = match[0]
            parts.append(abbr)
            last = match.end()
        if parts:
            parts[-1].tail = text[last:]
        return head, parts

    def _wrap(self, el: etree.Element) -> None:
        children = list(el)  # the <abbr> elements added below are not walked again
        if el.text:
            el.text, parts = self._split(el.text)
            for i, abbr in enumerate(parts):
                el.insert(i, abbr)
        for child in children:
            if isinstance(child.tag, str) and child.tag not in _SKIP:
                self._wrap(child)
            if child.tail:
                child.tail, parts = self._split(child.tail)
                at = list(el).index(child) + 1
                for i, abbr in enumerate(parts):
                    el.insert(at + i, abbr)

    # -- make them reachable and explain the first --------------------------------

    def _mark(self, abbr: etree.Element, parents: dict[etree.Element, etree.Element], explained: set[str]) -> None:
        term = self.term_of(abbr.text or "")
        if term is not None:
            abbr.set("title", self.terms[term])
        if abbr.get("title") is None:
            return  # nothing to show
        ancestors = list(_ancestors(abbr, parents))
        tags = {a.tag for a in ancestors}
        if not tags & _CONTROLS:
            abbr.set("tabindex", "0")
        if term is None or tags & _HEADINGS or term in explained:
            return
        explained.add(term)
        meaning = self.terms[term]
        block = next((a for a in ancestors if a.tag in _BLOCKS), ancestors[0] if ancestors else abbr)
        before, after = _around(block, abbr)
        if _next_to(meaning, before, after):
            return
        inside_brackets = before.rstrip().endswith("(") and after.lstrip().startswith(")")
        abbr.tail = (f", {meaning}" if inside_brackets else f" ({meaning})") + (abbr.tail or "")


def _ancestors(el: etree.Element, parents: dict[etree.Element, etree.Element]) -> Iterator[etree.Element]:
    while el in parents:
        el = parents[el]
        yield el


def _around(block: etree.Element, target: etree.Element) -> tuple[str, str]:
    """The text of a block before and after one element in it (the element's own text left out)."""
    before: list[str] = []
    after: list[str] = []
    out = before

    def walk(el: etree.Element) -> None:
        nonlocal out
        out.append(el.text or "")
        for child in el:
            if child is target:
                out = after
            else:
                walk(child)
            out.append(child.tail or "")

    walk(block)
    return "".join(before), "".join(after)


def _next_to(meaning: str, before: str, after: str) -> bool:
    """True when the meaning is written just before or just after the term."""
    words = re.escape(" ".join(meaning.lower().split()))
    before = " ".join(before.lower().split())
    after = " ".join(after.lower().split())
    return bool(re.search(rf"{words}{_SEPARATOR}(?:or{_SEPARATOR})?$", before)
                or re.match(rf"{_SEPARATOR}(?:or{_SEPARATOR})?{words}(?!\w)", after))


class AbbreviationsExtension(Extension):
    """Registered in mkdocs.yml; each site's mkdocs.yml gives its terms as the `glossary` option."""

    def __init__(self, **kwargs: Any):
        self.config = {"glossary": [{}, "The site's terms: a mapping of each term to its meaning"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        terms = terms_of(self.getConfig("glossary"))
        # after toc (5), so headings' ids and the table of contents keep plain text
        md.treeprocessors.register(_Abbreviations(md, terms), "iop_abbreviations", 3)


def makeExtension(**kwargs: Any) -> AbbreviationsExtension:
    """Python-Markdown's entry point for `generator.markdown.abbreviations`."""
    return AbbreviationsExtension(**kwargs)
