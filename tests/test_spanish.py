"""A site in Spanish: every word our templates, code and theme give is Spanish; the data's words are the data's.

The demo data is English, so a Spanish spec here shows English data text under
Spanish headings and labels. To find an English word of our own that was left
(a word not marked, or marked and not translated), the data's prose is first
made unreadable (every ASCII letter of a text with a space in it becomes a
Cyrillic one, the same letter always the same): any English word of a message
of the catalog still on the page is then ours.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
from support.languages import english_fragments, unreadable

from generator.paths import Project
from generator.render import config, interface, markup, words
from generator.render.site import Rendered, render_pages
from generator.render.templates import environment
from generator.resolve import SiteSpec
from generator.source import Located, Origin, origin_of

SITE = "harbor-light/pasadena"


def spanish(spec: SiteSpec) -> SiteSpec:
    return dataclasses.replace(spec, language="es", guide_languages=("en", "es"))


@pytest.fixture(scope="module")
def es(demo_specs: dict[str, SiteSpec], project: Project) -> tuple[SiteSpec, Rendered]:
    spec = spanish(demo_specs[SITE])
    return spec, render_pages(spec, environment(project.content))


# what a reader meets of an HTML tag: the words of these attributes (link targets, classes and ids are no words)
_READ = re.compile(r'\b(?:aria-label|title|alt|placeholder|data-iop-print-button)="([^"]*)"')


def read_words(markdown: str) -> str:
    """The words of a page as it reads: without link targets, attribute lists and tags (but their read words)."""
    text = re.sub(r"\]\([^)]*\)", "]", markdown)
    text = re.sub(r"\{:?\s*[#.][^}]*\}", "", text)
    return re.sub(r"<[^>]*>", lambda tag: " ".join(_READ.findall(tag.group())), text)


def shown_words(settings: dict[str, Any]) -> list[str]:
    """Every word the theme and the scripts show, from a site's settings (not its paths, keys or addresses)."""
    extra = settings["extra"]
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            found.append(value)

    walk([extra["words"], extra["site_data"]["words"], extra["crisis"], extra["disclaimer"],
          settings["theme"]["palette"], settings["markdown_extensions"]["toc"], _labels(settings["nav"])])
    return found


def _labels(nav: list[Any]) -> list[str]:
    return [label for item in nav for label, target in item.items()
            for label in [label, *(_labels(target) if isinstance(target, list) else [])]]


def test_no_english_message_word_is_left_on_a_spanish_page(demo_specs: dict[str, SiteSpec], project: Project) -> None:
    spec = spanish(unreadable(demo_specs[SITE]))
    rendered = render_pages(spec, environment(project.content))
    texts = {path: read_words(text) for path, text in rendered.pages.items()}
    texts["mkdocs.yml"] = "\n".join(shown_words(config.site_config(spec)))
    assert "Semana" in texts["weeks/week-2.md"] and "Ayuda en una crisis" in texts["mkdocs.yml"]
    left = [f"{path}: {fragment!r}" for fragment in english_fragments() for path, text in texts.items()
            if re.search(rf"(?<![A-Za-z]){re.escape(fragment)}(?![A-Za-z])", text)]
    assert not left, "English words of our own on Spanish pages or in their settings:\n" + "\n".join(left)


def test_headings_labels_and_descriptions_are_spanish(es: tuple[SiteSpec, Rendered]) -> None:
    _, rendered = es
    pages = rendered.pages
    home = pages["index.md"]
    for line in ["## El programa en pocas palabras", "- **Duración:** 10 semanas, en 5 fases",
                 "| Horario | Días | Horas | Horas por semana |",
                 "| Morning track | lunes, martes, miércoles, jueves | 9:00 a. m. a 12:00 p. m. | 12 |",
                 "## Sus semanas", "## Planifique sus fechas { #plan-your-dates }",
                 '<label for="iop-plan-start">Primer día de la semana 1</label>', "## Por dónde empezar",
                 "| [Semanas 5-10](weeks/week-5.md) |"]:
        assert line in home, line
    assert "[cómo llegar](contact.md#getting-here)" in home
    assert "## Cómo llegar { #getting-here }" in pages["contact.md"]
    week = pages["weeks/week-2.md"]
    assert "# Semana 2: Settling in and finding a routine" in week
    assert "## Metas" in week and "## Su lista de tareas para la semana 2 { #checklist }" in week
    assert "description: 'Semana 2 de 10: Settling in" in week
    assert pages["preparing.md"].split("\n---\n\n", 1)[1].startswith("# Cómo prepararse\n")
    assert "## Terapias principales" in pages["therapies/index.md"]
    assert "- [Semana 3](../weeks/week-3.md)" in pages["therapies/cbt.md"]
    assert 'data-iop-print-button="Imprimir toda la guía"' in pages["print.md"]


def test_the_settings_of_a_spanish_site(es: tuple[SiteSpec, Rendered]) -> None:
    spec, _ = es
    settings = config.site_config(spec)
    assert settings["site_url"] == "https://guide.harborlight.example/pasadena/es/"
    assert settings["theme"]["language"] == "es"
    assert [p["toggle"]["name"] for p in settings["theme"]["palette"]] == \
        ["Cambiar al modo oscuro", "Cambiar al modo claro"]
    assert settings["plugins"] == {"search": {"lang": ["es"]}}
    assert settings["markdown_extensions"]["toc"] == {"permalink_title": "Enlace a esta sección"}
    labels = [next(iter(item)) for item in settings["nav"]]
    assert labels[:5] == ["Inicio", "Cómo prepararse", "Sus semanas", "Terapias", "Ayuda en el camino"]
    extra = settings["extra"]
    assert extra["seo"]["locale"] == "es_US"
    assert extra["jsonld"]["mainEntityOfPage"]["inLanguage"] == "es"
    assert extra["words"]["language_help"] == {"before": "Hay ayuda gratuita con el idioma. Llame al ",
                                               "after": " para pedir un intérprete."}
    assert extra["words"]["call"] == "Llame a Pasadena: (626) 555-0142"
    assert extra["disclaimer"].startswith("Esta guía da información general")
    data = extra["site_data"]
    assert data["words"]["weekdays"][:2] == ["domingo", "lunes"]
    assert data["words"]["date_range"] == "del {first} al {last}"
    assert data["tracks"][0]["time"] == "9:00 a. m. a 12:00 p. m."
    assert extra["languages"] == {
        "switch": [{"lang": "en", "label": "English", "path": "../"}],
        "alternates": [{"hreflang": "en", "url": "https://guide.harborlight.example/pasadena/", "path": "../"},
                       {"hreflang": "es", "url": "https://guide.harborlight.example/pasadena/es/", "path": "../es/"},
                       {"hreflang": "x-default", "url": "https://guide.harborlight.example/pasadena/", "path": "../"}],
        "locales": ["en_US"]}


def test_the_english_site_of_a_guide_in_two_languages_links_to_the_spanish(demo_specs: dict[str, SiteSpec]) -> None:
    spec = dataclasses.replace(demo_specs[SITE], guide_languages=("en", "es"))
    settings = config.site_config(spec)
    assert settings["site_url"] == "https://guide.harborlight.example/pasadena/"
    assert "plugins" not in settings and "language" not in settings["theme"]
    assert settings["extra"]["languages"]["switch"] == [{"lang": "es", "label": "Español", "path": "es/"}]
    # an English guide alone has no switch and no alternates
    english = dataclasses.replace(demo_specs[SITE], guide_languages=("en",))
    assert "languages" not in config.site_config(english)["extra"]


def test_the_spanish_crisis_banner_offers_988_in_spanish_then_the_datas_other_lines(
        es: tuple[SiteSpec, Rendered]) -> None:
    spec, _ = es
    crisis = config.site_config(spec)["extra"]["crisis"]
    assert [(line["action"], line.get("tel") or line["sms"]) for line in crisis["lines"][:3]] == [
        ("Llame al 988 y oprima el 2", "tel:988"),
        ("Envíe AYUDA por mensaje de texto al 988", "sms:988?body=AYUDA"),
        ("Llame al 911", "tel:911")]
    given = spec.program.crisis
    others = [line for line in given.lines if line.number not in ("988", "911")] if given else []
    assert [line["number"] for line in crisis["lines"][3:]] == [line.number for line in others]
    assert crisis["text"] == (given.text if given else words.Words("es").of(interface.CRISIS_TEXT))
    # without crisis help in the data, the base config's English text is given in Spanish
    bare = dataclasses.replace(spec, program=spec.program.model_copy(update={"crisis": None}))
    bare_crisis = config.site_config(bare)["extra"]["crisis"]
    assert bare_crisis["text"] == "Si está en crisis o piensa en hacerse daño, hay ayuda ahora mismo."
    assert len(bare_crisis["lines"]) == 3


def test_english_pages_are_as_before_language_or_not(demo_specs: dict[str, SiteSpec], project: Project) -> None:
    """An English site that publishes Spanish too has the same pages as one that does not."""
    spec = demo_specs[SITE]
    env = environment(project.content)
    both = render_pages(dataclasses.replace(spec, guide_languages=("en", "es")), env).pages
    assert both == render_pages(spec, env).pages


def test_a_template_with_words_needs_the_pages_language(project: Project) -> None:
    with pytest.raises(TypeError, match="rendered with `language`"):
        environment(project.content).from_string("{{ _('Home') }}").render()
    assert environment(project.content).from_string("{{ _('Home') }}").render(language="es") == "Inicio"


def test_the_pages_have_the_same_paths_in_every_language(es: tuple[SiteSpec, Rendered], demo_specs: dict[str, SiteSpec],
                                                     project: Project) -> None:
    _, rendered = es
    english = render_pages(demo_specs[SITE], environment(project.content))
    assert sorted(rendered.pages) == sorted(english.pages)


def test_english_data_text_on_a_spanish_page_is_marked_english(demo_specs: dict[str, SiteSpec],
                                                                project: Project) -> None:
    """Where a translation is missing, the English shows (translate/overlay.py): its language is said."""
    spec = spanish(demo_specs[SITE])
    summary = spec.program.summary
    english = Located(str(summary), origin_of(summary) or Origin(Path("program.yaml"), 1, 1), lang="en")
    spec = dataclasses.replace(spec, program=spec.program.model_copy(update={"summary": english}))
    home = render_pages(spec, environment(project.content)).pages["index.md"]
    assert f'<span lang="en">{markup.paragraphs(summary)}</span>' in home
    # on an English page the same text is in the page's own language
    same = dataclasses.replace(spec, language="en")
    assert 'lang="en"' not in render_pages(same, environment(project.content)).pages["index.md"]
