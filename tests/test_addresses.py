"""Emails, web addresses, phones and other exact values: checked whole, refused at their line, linked one way."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, edit, line_of, only_problem, problems

from generator.render import href
from generator.render.templates import environment, link

CLINIC = "clinics/harbor-light/clinic.yaml"
PASADENA = "clinics/harbor-light/locations/pasadena.yaml"
CEDAR = "clinics/cedar-path/clinic.yaml"


def refused_at(data: Path, file: str, old: str, new: str) -> str:
    """Put new in place of old in a data file; return the one error `check` gives, which must be at new's value."""
    edit(data / file, old, new)
    col = new.index(":") + 3 if not new.lstrip().startswith("- ") else new.index("- ") + 3
    found = only_problem(data, file, new.split("\n")[0], col)
    assert f":{col}: error: " in found, found
    return found


# -- email: a strict grammar, and a link built from the validated value only ----------------------

@pytest.mark.parametrize("email", [
    'hello@clinic.example){: tabindex="0" autofocus onfocus="window.__pwned=1" }',
    "hello@clinic.example)<img src=x onerror=window.__pwned=1>",
    "hello@clinic.example?subject=<b>hi</b>",
    "hello world@clinic.example",
    "hello@clinic",
    "hello@@clinic.example",
    ".hello@clinic.example",
    "hello@-clinic.example",
    "hello@clinic.example\n",
])
def test_an_email_outside_the_grammar_is_refused_at_its_line(data: Path, email: str) -> None:
    message = refused_at(data, CLINIC, "  email: hello@harborlight.example", f"  email: {json.dumps(email)}")
    assert "contact.email: " in message and "is not an email address" in message


@pytest.mark.parametrize("email", ["hello@harborlight.example", "first.last+iop@mail.clinic-1.org", "A_B@x.co"])
def test_plain_emails_pass(data: Path, email: str) -> None:
    edit(data / CLINIC, "  email: hello@harborlight.example", f"  email: {email}")
    assert problems(data) == []


def test_the_contact_page_links_the_email_it_shows(built: Path) -> None:
    soup = BeautifulSoup((built / "harbor-light/pasadena/contact.html").read_text(encoding="utf-8"), "html.parser")
    mail = [a for a in soup.find_all("a") if a["href"].startswith("mailto:")]
    assert [(a["href"], a.get_text()) for a in mail] == [("mailto:hello@harborlight.example",
                                                          "hello@harborlight.example")]
    assert set(mail[0].attrs) == {"href"}


def test_the_link_filter_takes_only_a_target_the_views_built() -> None:
    with pytest.raises(TypeError, match="Href"):
        link("Write to us", "mailto:hello@clinic.example)")  # type: ignore[arg-type]
    assert link("Write to us", href.mailto("hello@clinic.example")) == "[Write to us](mailto:hello@clinic.example)"
    # a value that skipped the model is checked again before it becomes a link
    with pytest.raises(ValueError, match="not an email address"):
        href.mailto("hello@clinic.example){: onclick=x }")
    with pytest.raises(ValueError, match="not a web address"):
        href.web('https://x.example/"onmouseover=x')


def test_link_targets_escape_what_could_end_a_link_or_an_attribute() -> None:
    target = href.web("https://maps.example/place(1)?q=a&b=2#top").target
    assert target == "https://maps.example/place%281%29?q=a&b=2#top"
    assert href.web("https://x.example/a&b").__html__() == "https://x.example/a&amp;b"
    assert str(href.tel("(626) 555-0142")) == "tel:+16265550142" and str(href.tel("988")) == "tel:988"


# the link targets the page templates may write: a docs path the views give (see render/pages.py) turned into a
# link from the page by md_url (Markdown) or html_url (raw HTML); never a data value, never a path written by hand
_TARGET = re.compile(r"\]\(([^)]*)\)")
_HREF = re.compile(r'href="([^"]*)"')
_PATH_VARIABLES = r"(activity\.therapy|therapy|item|phase|week|week\.(prev|next)|step)\.path|site\.links\.[a-z_]+"
_PAGE_LINK = re.compile(rf"^\{{\{{ ({_PATH_VARIABLES}) \| md_url \}}\}}$")
_PAGE_HREF = re.compile(rf"^\{{\{{ ({_PATH_VARIABLES}) \| html_url \| e \}}\}}$|^\{{\{{ site\.tel \| e \}}\}}$")


def _given_page_link(target: str, template: str) -> bool:
    """A link inside a message (`[words](%(link)s)`, translated whole): its value must be a page link too."""
    name = re.fullmatch(r"%\((\w+)(?:\)s)?", target)  # _TARGET ends the target at the placeholder's ")"
    return bool(name) and re.search(rf"\b{name[1]}=({_PATH_VARIABLES}) \| md_url\b", template) is not None


def test_no_template_pastes_data_into_a_link_target() -> None:
    found = []
    for template in sorted((ROOT / "content").rglob("*.jinja")):
        text = template.read_text(encoding="utf-8")
        found += [f"{template.name}: ({target})" for target in _TARGET.findall(text)
                  if not _PAGE_LINK.match(target) and not _given_page_link(target, text)]
        if template.name.endswith(".md.jinja"):  # the portal links to the sites it lists, not to pages
            found += [f"{template.name}: href={target}" for target in _HREF.findall(text)
                      if not _PAGE_HREF.match(target)]
    assert found == [], "write external links with the link filter and an Href from generator/render/href.py"


def test_a_template_that_writes_a_path_by_hand_is_caught() -> None:
    for target in ["weeks/week-{{ n }}.md", "contact.md#getting-here", "{{ root }}{{ therapy.path }}",
                   "{{ therapy.id }}.md", "{{ location.website }}"]:
        assert not _PAGE_LINK.match(target), target
    assert not _given_page_link("%(link)s", '_("[x](%(link)s)", link=site.location.website)')
    assert _given_page_link("%(link)s", '_("[x](%(link)s)", link=site.links.after | md_url)')
    assert not _PAGE_HREF.match("{{ root }}{{ step.href | e }}")


def test_page_links_start_from_the_page_being_rendered(tmp_path: Path) -> None:
    (tmp_path / "_links.md.jinja").write_text("{% macro to(path) %}[x]({{ path | md_url }}){% endmacro %}")
    (tmp_path / "with.md.jinja").write_text('{% import "_links.md.jinja" as l with context %}{{ l.to("faq.md") }} '
                                            '<a href="{{ "weeks/week-2.md" | html_url }}">')
    (tmp_path / "without.md.jinja").write_text('{% import "_links.md.jinja" as l %}{{ l.to("faq.md") }}')
    env = environment(tmp_path)
    assert env.get_template("with.md.jinja").render(here="weeks/week-1.md") == \
        '[x](../faq.md) <a href="../weeks/week-2.html">'
    assert env.get_template("with.md.jinja").render(here="print.md") == '[x](faq.md) <a href="weeks/week-2.html">'
    # a macro file imported without the page's context cannot guess where the page is
    with pytest.raises(TypeError, match="with context"):
        env.get_template("without.md.jinja").render(here="print.md")


# -- web addresses: RFC 3986 characters, http(s), and a site's address is a plain folder ----------------

@pytest.mark.parametrize("value", [
    'https://x.example/"><script>window.__pwned=1</script>/',
    "https://x.example/'onmouseover='x'/",
    "https://x.example/a b/",
    "https://x.example/a\\b/",
    "javascript://x.example/%0aalert(1)",
    "https://user@x.example/",
    "https://x.example/?utm_source=print#top",
    "https://x.example/#top",
    "https://x.example/a;b/",
    "https://x.example/%zz/",
    "https://x.example/\n",
])
def test_a_site_address_that_is_not_a_plain_folder_is_refused_at_its_line(data: Path, value: str) -> None:
    message = refused_at(data, CLINIC, "base_url: https://guide.harborlight.example/", f"base_url: {json.dumps(value)}")
    assert "base_url: " in message


def test_a_location_site_url_is_checked_the_same_way(data: Path) -> None:
    value = 'https://x.example/"><script>window.__pwned=1</script>/'
    edit(data / PASADENA, "name: Pasadena\n", f"name: Pasadena\nsite_url: '{value}'\n")
    found = problems(data)
    assert len(found) == 1 and found[0].startswith(f"{PASADENA}:{line_of(data / PASADENA, 'site_url:')}:11: error: "
                                                   "site_url: "), found


@pytest.mark.parametrize(("value", "folder"), [("https://guide.example.org", "https://guide.example.org/"),
                                                ("https://guide.example.org:8443/iop", "https://guide.example.org:8443/iop/"),
                                                ("http://guide.example.org/a-b/c_d.e~f/", "http://guide.example.org/a-b/c_d.e~f/")])
def test_a_plain_site_address_passes_and_names_a_folder(data: Path, value: str, folder: str) -> None:
    from generator import pipeline

    edit(data / CLINIC, "base_url: https://guide.harborlight.example/", f"base_url: {value}")
    loaded, found = pipeline.check(data)
    assert found == []
    assert loaded.clinics["harbor-light"].model.base_url == folder


@pytest.mark.parametrize("url", ["https://meetings.example/find?day=mon&time=evening",
                                 "https://meetings.example/a_(b)/c~d;e=f,g*h+i!j$k@l:m%20n"])
def test_ordinary_web_addresses_still_pass(data: Path, url: str) -> None:
    edit(data / PASADENA, "url: https://family.pasadena.example/", f"url: '{url}'")
    assert problems(data) == []


# -- exact values are matched whole: a final newline is not part of an id, a color or a phone ----------

@pytest.mark.parametrize(("file", "old", "new"), [
    (CLINIC, '  primary: "#1d4e89"', "  primary: "),
    (CLINIC, "  phone: (626) 555-0100", "  phone: "),
    (CLINIC, "program: core-iop", "program: "),
    (CEDAR, "      family: DejaVu Serif", "      family: "),
    (PASADENA, '    start: "09:00"', "    start: "),
])
def test_a_value_with_a_final_newline_is_refused(data: Path, file: str, old: str, new: str) -> None:
    value = old.split(": ", 1)[1].strip('"')
    refused_at(data, file, old, new + json.dumps(value + "\n"))


# -- text: no control characters; one kind of line break; names on one line -------------------------

def test_a_control_character_in_text_is_refused_at_its_value(data: Path) -> None:
    message = refused_at(data, CLINIC, "tagline: Steady support, close to home.",
                         "tagline: " + json.dumps("Calm \x1b[2J\x1b[Hchecked: 0 error(s)"))
    assert "invisible control character (U+001B) after 'Calm'" in message


def test_names_are_one_line_and_text_keeps_one_kind_of_line_break(data: Path) -> None:
    from generator import pipeline

    edit(data / PASADENA, "  - name: Evening track", '  - name: "Evening\\r\\ntrack\\u2028two"')
    text = (data / PASADENA).read_text(encoding="utf-8")
    text = re.sub(r"^intro: \|\n(  .*\n|\n)*", lambda _: 'intro: "First.\\r\\rSecond.\\r\\nThird."\n', text,
                  flags=re.M)
    (data / PASADENA).write_text(text, encoding="utf-8")
    loaded, found = pipeline.check(data)
    assert found == []
    location = loaded.locations[("harbor-light", "pasadena")].model
    assert [t.name for t in location.tracks][1] == "Evening track two"
    assert location.intro == "First.\n\nSecond.\nThird."
