"""Data text in Markdown: inline formatting works, HTML and block syntax stay text."""

from __future__ import annotations

import markdown
from bs4 import BeautifulSoup

from generator.render.markup import cell, clock, inline, paragraphs


def html(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "tables"])


def test_inline_formatting_and_links_survive() -> None:
    assert html(inline("Be *kind* to [yourself](https://example.org/)")) == (
        '<p>Be <em>kind</em> to <a href="https://example.org/">yourself</a></p>')


def test_raw_html_is_shown_as_text() -> None:
    assert html(inline("<script>alert(1)</script> & <b>bold</b>")) == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;</p>")


def test_attribute_lists_cannot_attach_attributes() -> None:
    # unescaped, attr_list would give <em onclick="x">
    paragraph = BeautifulSoup(html(inline("Hello *hi*{: onclick=x}")), "html.parser").p
    assert [tag.attrs for tag in paragraph.find_all(True)] == [{}]
    assert paragraph.get_text() == "Hello hi{: onclick=x}"


def test_block_syntax_at_the_start_stays_text() -> None:
    for text, shown in [("# Not a heading", "# Not a heading"), ("- not a list", "- not a list"),
                        ("> not a quote", "&gt; not a quote"), ("1. not a list", "1. not a list"),
                        ("--- not a rule", "--- not a rule"), ("[x]: https://e.org", "[x]: https://e.org")]:
        assert html(inline(text)) == f"<p>{shown}</p>", text


def test_paragraphs_keep_blank_line_breaks_and_collapse_the_rest() -> None:
    assert paragraphs("One\nline.\n\n# Two") == "One line.\n\n\\# Two"


def test_table_cells_escape_pipes() -> None:
    assert cell("a | b") == "a \\| b"


def test_clock() -> None:
    assert [clock(t) for t in ("00:05", "09:00", "12:00", "18:30")] == ["12:05 am", "9:00 am", "12:00 pm", "6:30 pm"]
