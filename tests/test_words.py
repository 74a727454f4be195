"""The guide's own words and their catalogs: every marked message translated, the catalogs read as they are,
the base config's English the same message ids, and the links a crisis line is tapped through."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from support.demo import ROOT

from generator.model.scalars import DAY_NAMES
from generator.render import href, interface, words
from generator.render.templates import anchored
from generator.resolve import SiteSpec

# the placeholders a message fills in: %(name)s in templates, {name} in code
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")


def extracted() -> dict[str | tuple[str, ...], list[str]]:
    """Every message marked in the templates and the code, as `pybabel extract -F babel.cfg` finds it, with where."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found: dict[str | tuple[str, ...], list[str]] = {}
    for file, line, message, _, _ in extract_from_dir(ROOT, method_map, options_map):
        key = message if isinstance(message, str) else tuple(m for m in message if m is not None)
        found.setdefault(key, []).append(f"{file}:{line}")
    return found


def catalog(path: Path) -> Any:
    with open(path, "rb") as file:
        return read_po(file)


@pytest.fixture(scope="module")
def messages() -> dict[str | tuple[str, ...], list[str]]:
    found = extracted()
    assert len(found) > 150, "the extraction found the templates' and the code's words"
    return found


def test_every_message_has_a_spanish_translation_that_is_not_fuzzy(messages: dict[Any, list[str]]) -> None:
    spanish = catalog(words.po_file("es"))
    missing, fuzzy, empty, placeholders = [], [], [], []
    for key, where in messages.items():
        entry = spanish.get(key if isinstance(key, str) else key[0])
        if entry is None:
            missing.append(f"{where[0]}: {key!r}")
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy:
            fuzzy.append(f"{where[0]}: {key!r}")
        if not all(strings):
            empty.append(f"{where[0]}: {key!r}")
        ids = key if isinstance(key, tuple) else (key,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        if any(s and set(PLACEHOLDER.findall(s)) != wanted for s in strings):
            placeholders.append(f"{where[0]}: {key!r}")
    update = ("extract and update the catalogs (docs/architecture.md, 'The guide's words in other languages'), "
              "then translate")
    assert not missing, f"not in generator/locale/es/LC_MESSAGES/messages.po ({update}):\n" + "\n".join(missing)
    assert not empty, "without a Spanish translation:\n" + "\n".join(empty)
    assert not fuzzy, "marked fuzzy (a guess pybabel made: check it, then remove the mark):\n" + "\n".join(fuzzy)
    assert not placeholders, "a translation's {names} or %(names)s differ from its message's:\n" + \
        "\n".join(placeholders)


def test_the_template_catalog_lists_the_messages_marked_now(messages: dict[Any, list[str]]) -> None:
    pot = catalog(ROOT / "generator/locale/messages.pot")
    listed = {m.id if isinstance(m.id, str) else tuple(m.id) for m in pot if m.id}
    assert listed == set(messages), "run pybabel extract -F babel.cfg -o generator/locale/messages.pot . (and update)"


def test_a_catalog_is_compiled_once_for_its_contents_and_read_again_when_it_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "es/LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "messages.po"
    po.write_bytes(words.po_file("es").read_bytes())
    monkeypatch.setattr(words, "LOCALE", tmp_path)
    first = words.load("es")
    assert words.load("es") is first and words.catalog("es") is first
    assert words.Words("es")("Home") == "Inicio"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Inicio"', 'msgstr "Portada"'), encoding="utf-8")
    again = words.load("es")
    assert again is not first and words.Words("es")("Home") == "Portada"
    # a fuzzy entry is a guess: it is never shown
    po.write_text(po.read_text(encoding="utf-8").replace('msgid "Home"', '#, fuzzy\nmsgid "Home"'), encoding="utf-8")
    words.load("es")
    assert words.Words("es")("Home") == "Home"
    monkeypatch.undo()
    words.load("es")  # the real catalog again, for the tests that follow


def test_english_needs_no_catalog_and_a_language_without_one_is_refused() -> None:
    assert words.Words("en")("Home") == "Home"
    assert words.languages() == ["en", "es"]
    with pytest.raises(ValueError, match="no catalog for the language 'fr'"):
        words.load("fr")


def test_words_in_spanish() -> None:
    _ = words.Words("es")
    assert _("Home") == "Inicio" and _.of(interface.LIFELINE) == "Línea 988 de Prevención del Suicidio y Crisis"
    assert words.day_names(_, ["mon", "sat"]) == ["lunes", "sábado"]
    assert _.around(_("Questions? Call {phone}."), "phone") == {"before": "¿Preguntas? Llame al ", "after": "."}
    assert words.language_name("es") == "Español" and words.language_name("en") == "English"
    assert words.region_locale("es") == "es_US"
    # the English weekdays are the data's day names, so the catalog holds every one
    assert set(words.WEEKDAYS.values()) == set(DAY_NAMES.values())


def base_config() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def test_the_base_configs_english_is_the_catalogs_message_ids(demo_specs: dict[str, SiteSpec]) -> None:
    """A site in another language replaces these with their translations: they must be the same words."""
    base = base_config()
    spec = demo_specs["harbor-light/pasadena"]
    extra = base["extra"]
    assert extra["crisis"]["text"] == interface.CRISIS_TEXT
    assert [(line["name"], line["action"]) for line in extra["crisis"]["lines"]] == \
        [(interface.LIFELINE, "Call or text 988"), ("Emergency", "Call 911")]
    assert extra["disclaimer"] == interface.DISCLAIMER
    assert base["theme"]["palette"] == interface.palette(spec)
    assert base["markdown_extensions"]["toc"]["permalink_title"] == interface.PERMALINK_TITLE
    english = interface.theme_words(spec)
    assert extra["words"] == {key: english[key] for key in extra["words"]}


def test_a_heading_other_pages_link_to_keeps_its_id_in_every_language() -> None:
    assert anchored("Plan your dates", "plan-your-dates") == "Plan your dates"
    assert anchored("Planifique sus fechas", "plan-your-dates") == "Planifique sus fechas { #plan-your-dates }"


@pytest.mark.parametrize(("phone", "body", "expected"), [
    ("988", "AYUDA", "sms:988?body=AYUDA"),
    ("988", None, "sms:988"),
    ("(626) 555-0142", None, "sms:+16265550142"),
    ("+1 626 555 0142", "Hola, ¿hay cita?", "sms:+16265550142?body=Hola%2C%20%C2%BFhay%20cita%3F"),
    # nothing in the words can end the link or add a field
    ("988", 'a&b=c#d"<e>', "sms:988?body=a%26b%3Dc%23d%22%3Ce%3E"),
])
def test_a_text_message_link_is_built_like_a_phone_link(phone: str, body: str | None, expected: str) -> None:
    assert href.sms(phone, body).target == expected
    assert href.tel(phone).target == expected.split("?")[0].replace("sms:", "tel:")


@pytest.mark.parametrize("phone", ["98", "call 988", "988<script>", "javascript:alert(1)"])
def test_a_text_message_link_refuses_what_is_no_phone_number(phone: str) -> None:
    with pytest.raises(ValueError, match="is not a phone number"):
        href.sms(phone, "AYUDA")
    with pytest.raises(ValueError, match="is not a phone number"):
        href.tel(phone)


# what the theme may say without the catalog: nothing a reader meets
_JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
_READ_ATTRIBUTES = re.compile(r'\b(?:aria-label|title|alt|placeholder)="([^"]*)"')


@pytest.mark.parametrize("template", sorted(p.relative_to(ROOT / "overrides").as_posix()
                                            for p in (ROOT / "overrides").rglob("*.html")))
def test_the_theme_overrides_say_no_word_of_their_own(template: str) -> None:
    source = _JINJA.sub("", (ROOT / "overrides" / template).read_text(encoding="utf-8"))
    source = re.sub(r"<script\b.*?</script>", "", source, flags=re.S)
    said = _READ_ATTRIBUTES.findall(source) + [re.sub(r"<[^>]*>", " ", source)]
    assert not [text for text in said if re.search("[A-Za-z]{2,}", text)], \
        "words the theme shows come from config.extra (render/interface.py), in the site's language"


# a script's strings (in double quotes, as ESLint keeps them); the calendar's product id names no reader's words
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_NOT_SHOWN = {'"use strict"', '"-//iop-guide//Plan of my weeks//EN"'}


@pytest.mark.parametrize("script", sorted(p.name for p in (ROOT / "overrides/assets/javascripts").glob("*.js")))
def test_the_page_scripts_say_no_word_of_their_own(script: str) -> None:
    source = (ROOT / "overrides/assets/javascripts" / script).read_text(encoding="utf-8")
    source = re.sub(r"/\*.*?\*/|//[^\n]*|window\.console\.warn\([^;]*;", "", source, flags=re.S)
    found = [text for text in _STRING.findall(source)
             if re.search("[A-Za-z]{2,} [A-Za-z]", text) and text not in _NOT_SHOWN]
    assert not found, "the scripts' words come from the site data (iopGuide.say)"


_STAFF_TEMPLATES = {"portal.html.jinja", "errors.md.jinja"}  # for the team: English


@pytest.mark.parametrize("template", sorted(p.name for p in (ROOT / "content").glob("*.md.jinja")
                                            if p.name not in _STAFF_TEMPLATES))
def test_the_page_templates_say_no_word_outside_the_catalog(template: str) -> None:
    source = _JINJA.sub("", (ROOT / "content" / template).read_text(encoding="utf-8"))
    source = re.sub(r"\{:?\s*[#.:][^}]*\}", "", source)  # attribute lists: classes and ids, no words
    said = _READ_ATTRIBUTES.findall(source) + [re.sub(r"<[^>]*>", " ", source)]
    assert not [text for text in said if re.search("[A-Za-z]{2,}", text)], \
        "a word a patient reads is marked for translation: {{ _(\"...\") }}"
