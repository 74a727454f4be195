"""A Python-Markdown extension: links and images to addresses that could run code become plain text.

The defence at render time, whatever `check` said: an <a> whose href is not an
allowed kind of address (see link_targets.allowed), or leads into the site's own files
(assets/, see link_targets.into_assets), loses its link and keeps its words; an <img>
with such a src is replaced by its alt text.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from generator.markdown.link_targets import safe


class _SafeLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            if el.tag == "a" and not safe(el.get("href", "")):
                el.tag = "span"
                el.attrib.clear()
            elif el.tag == "img" and not safe(el.get("src", "")):
                alt = el.get("alt", "")
                el.tag = "span"
                el.attrib.clear()
                el.text = alt


class SafeLinksExtension(Extension):
    """Registered in mkdocs.yml; has no options."""

    def extendMarkdown(self, md: Markdown) -> None:
        # after the inline patterns (20) have made the links, and after the abbreviations (3)
        md.treeprocessors.register(_SafeLinks(md), "iop_safe_links", 1)


def makeExtension(**kwargs: Any) -> SafeLinksExtension:
    """Python-Markdown's entry point for `generator.markdown.safe_links`."""
    return SafeLinksExtension(**kwargs)
