"""Translation files (core-iop.es.yaml beside core-iop.yaml): laid over their English, checked at their own lines,
stale when the English changes, marked as reviewed by a command, and English (marked as such) where one is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import edit, line_of, problems

from generator import pipeline
from generator.cli import main
from generator.paths import Project
from generator.planning import plan
from generator.render import interface
from generator.resolve import needed_files
from generator.translate.marks import english_mark

CBT_ES = "therapies/cbt.es.yaml"
CBT_SUMMARY = "Learn how your thoughts shape your feelings and actions"


def test_the_demo_translations_are_whole_and_reviewed(bilingual: Path) -> None:
    assert problems(bilingual) == []
    loaded, diagnostics = pipeline.check(bilingual)
    languages = {site.key: [spec.language for spec in site.translations] for site in plan(loaded, diagnostics).sites}
    assert languages == {"cedar-path/sacramento": [], "harbor-light/pasadena": ["es"], "harbor-light/riverside": ["es"]}
    assert len([key for key in loaded.translations if key[2] == "es"]) == 21


def test_a_spanish_site_is_resolved_from_the_translations(bilingual: Path) -> None:
    loaded, diagnostics = pipeline.check(bilingual)
    assert diagnostics == []
    site = next(site for site in plan(loaded, diagnostics).sites if site.key == "harbor-light/pasadena")
    [spanish] = site.translations
    assert spanish.language == "es" and spanish.guide_languages == ("en", "es") == site.spec.guide_languages
    cbt = spanish.therapies["cbt"]
    assert cbt.name == "Terapia cognitivo-conductual"
    assert cbt.summary.origin.file.name == "cbt.es.yaml" and cbt.summary.lang is None
    assert spanish.location.name == site.spec.location.name == "Pasadena", "names stay as written"
    assert spanish.location.hours.startswith("De lunes a viernes")
    assert spanish.program.phases[0].title != site.spec.program.phases[0].title
    assert spanish.weeks[0].phase.title == spanish.program.phases[0].title, "the weeks are resolved from Spanish"
    assert any(file.name == "pasadena.es.yaml" for file in
               needed_files(loaded, "harbor-light", "pasadena")), "an error in it blocks the site"


def test_a_changed_english_text_makes_its_translation_stale_until_reviewed(bilingual: Path) -> None:
    edit(bilingual / "therapies/cbt.yaml", "shape your feelings", "shape your moods")
    spanish_line = line_of(bilingual / CBT_ES, "summary:") + 1  # its text: >- line
    [said] = problems(bilingual)
    assert said.startswith(f"{CBT_ES}:{spanish_line}:") and "warning: the English changed since this was " \
        "translated; it now reads: Learn how your thoughts shape your moods" in said
    before = (bilingual / CBT_ES).read_text(encoding="utf-8").splitlines()
    assert main(["reviewed", "--data", str(bilingual), f"{bilingual / CBT_ES}:{spanish_line}"]) == 0
    after = (bilingual / CBT_ES).read_text(encoding="utf-8").splitlines()
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    mark = english_mark("Learn how your thoughts shape your moods and actions, and how to change the ones that "
                        "hold you back.")
    assert len(changed) == 1 and changed[0][1] == f'  from: "{mark}"', "only the mark changed; the file kept its layout"
    assert problems(bilingual) == []


def test_reviewing_a_whole_file_marks_every_text_and_a_second_time_changes_nothing(
        bilingual: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(bilingual / "therapies/cbt.yaml", "shape your feelings", "shape your moods")
    edit(bilingual / "therapies/cbt.yaml", "Handling cravings", "Meeting cravings")
    assert len(problems(bilingual)) == 2
    assert main(["reviewed", "--data", str(bilingual), str(bilingual / CBT_ES)]) == 0
    assert main(["reviewed", "--data", str(bilingual), str(bilingual / CBT_ES)]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[0].endswith("2 texts marked as reviewed against the English") and said[1].split(": ")[1].startswith("0")
    assert problems(bilingual) == []


def test_an_unreviewed_text_is_a_warning_that_names_the_command(bilingual: Path) -> None:
    text = (bilingual / CBT_ES).read_text(encoding="utf-8")
    (bilingual / CBT_ES).write_text(text.replace(f'from: "{english_mark("CBT")}"', 'from: ""', 1), encoding="utf-8")
    [said] = problems(bilingual)
    assert said.startswith(f"{CBT_ES}:{line_of(bilingual / CBT_ES, 'text: TCC')}:")
    assert "not yet marked as reviewed" in said


def test_a_missing_translation_shows_the_english_marked_as_english_and_warns_at_the_english(bilingual: Path) -> None:
    spanish_file = (bilingual / CBT_ES).read_text(encoding="utf-8").splitlines()
    start = spanish_file.index("summary:")
    (bilingual / CBT_ES).write_text("\n".join(spanish_file[:start] + spanish_file[start + 5:]) + "\n", encoding="utf-8")
    loaded, diagnostics = pipeline.check(bilingual)
    result = plan(loaded, diagnostics)
    said = [d.format(root=bilingual).splitlines()[0] for d in result.diagnostics]
    english = line_of(bilingual / "therapies/cbt.yaml", CBT_SUMMARY)
    assert said == [f"therapies/cbt.yaml:{english}:10: warning: this text "
                    "has no Spanish translation yet, so the Spanish pages show it in English"], said
    spanish = next(site for site in result.sites if site.key == "harbor-light/pasadena").translations[0]
    summary = spanish.therapies["cbt"].summary
    assert summary.startswith(CBT_SUMMARY) and summary.lang == "en"


def test_a_site_without_a_translation_file_gets_one_warning_for_the_file(bilingual: Path) -> None:
    (bilingual / CBT_ES).unlink()
    loaded, diagnostics = pipeline.check(bilingual)
    said = [d.format(root=bilingual).splitlines()[0] for d in plan(loaded, diagnostics).diagnostics]
    assert said == ["therapies/cbt.yaml:1:1: warning: this file has no Spanish translation, so its 10 texts show "
                    "in English on the Spanish pages"], said


@pytest.mark.parametrize(("old", "new", "where", "message"), [
    ("short_name:\n", "kind:\n  text: base\n  from: \"\"\nshort_name:\n", "text: base",
     "warning: this is not translated: it stays as the English file has it"),
    ("short_name:\n", "nickname:\n  text: apodo\n  from: \"\"\nshort_name:\n", "nickname:",
     "warning: the English file has no 'nickname' here, so this is not shown"),
    ("  text: TCC\n", "  texto: TCC\n", "texto: TCC",
     "error: a translated text is a mapping of 'text' (the Spanish) and 'from'"),
    ("  text: TCC\n", "  text: \"\"\n", "text: \"\"", "error: must not be empty"),
])
def test_a_broken_translation_is_said_at_its_own_line(bilingual: Path, old: str, new: str, where: str,
                                                      message: str) -> None:
    edit(bilingual / CBT_ES, old, new)
    said = problems(bilingual)
    assert len(said) == 1 and said[0].startswith(f"{CBT_ES}:{line_of(bilingual / CBT_ES, where)}:"), said
    assert message in said[0]


def test_a_translated_list_longer_than_its_english_is_a_warning_at_the_extra_item(bilingual: Path) -> None:
    edit(bilingual / CBT_ES, "helps_with:\n", "helps_with:\n  - text: Uno de más\n    from: \"\"\n")
    said = [line for line in problems(bilingual) if "English list" in line]
    assert said and said[0].startswith(f"{CBT_ES}:") and "warning: the English list has 5 items" in said[0], said


def test_removing_english_text_never_blocks_the_english_guide(bilingual: Path) -> None:
    text = (bilingual / "therapies/cbt.yaml").read_text(encoding="utf-8")
    (bilingual / "therapies/cbt.yaml").write_text(text.replace("  - Making choices that fit your goals\n", ""),
                                                  encoding="utf-8")
    loaded, diagnostics = pipeline.check(bilingual)
    said = [d.format(root=bilingual).splitlines()[0] for d in diagnostics]
    assert said == [f"{CBT_ES}:{line_of(bilingual / CBT_ES, 'Tomar decisiones')}:5: warning: the English list has "
                    "4 items; this one has no English to translate, so it is not shown"], said
    site = next(site for site in plan(loaded, diagnostics).sites if site.key == "harbor-light/pasadena")
    assert site.spec is not None and len(site.translations[0].therapies["cbt"].helps_with) == 4


def test_guide_languages_need_english_first(bilingual: Path) -> None:
    edit(bilingual / "clinics/harbor-light/clinic.yaml", "guide_languages: [en, es]\n", "guide_languages: [es]\n")
    [said] = problems(bilingual)
    assert said.startswith("clinics/harbor-light/clinic.yaml:") and "every guide is published in English" in said


def test_a_translation_in_a_language_the_guide_lacks_is_not_read(bilingual: Path) -> None:
    (bilingual / "therapies/cbt.fr.yaml").write_text("name:\n  text: TCC\n  from: \"\"\n", encoding="utf-8")
    [said] = problems(bilingual)
    assert said.startswith("therapies/cbt.fr.yaml:1:1: warning: 'fr' is not a language the guide is published in")


def test_reviewed_refuses_a_file_that_is_no_translation(bilingual: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reviewed", "--data", str(bilingual), str(bilingual / "therapies/cbt.yaml")]) == 2
    assert "is not a translation file" in capsys.readouterr().err


def test_the_988_and_911_lines_need_no_translation_and_one_given_is_a_warning_where_it_stands(bilingual: Path) -> None:
    program = "programs/core-iop.es.yaml"
    # the demo's Spanish leaves them out, and nothing is missing
    assert problems(bilingual) == []
    edit(bilingual / program, "    from: \"9305523b\"\n", "    from: \"9305523b\"\n  lines:\n"
         "    - name:\n        text: Línea 988\n        from: \"\"\n")
    said = problems(bilingual)
    assert len(said) == 1 and said[0].startswith(f"{program}:{line_of(bilingual / program, 'text: Línea 988') - 1}:")
    assert "warning: in the Spanish guide, 988 is shown in the generator's own Spanish words, so this is not shown" \
        in said[0]


def test_a_crisis_line_of_the_programs_own_after_them_is_translated_in_its_place(bilingual: Path) -> None:
    edit(bilingual / "programs/core-iop.yaml", "crisis:\n  text: If you are in danger or thinking about hurting "
         "yourself, get help right now.\n  lines:\n", "crisis:\n  text: If you are in danger or thinking about "
         "hurting yourself, get help right now.\n  lines:\n    - name: Warm line\n      action: Call to talk\n"
         "      number: \"8005550100\"\n")
    # the new line comes first in the English; the translation keeps the two others' places with {}
    edit(bilingual / "programs/core-iop.es.yaml", "    from: \"9305523b\"\n", "    from: \"9305523b\"\n  lines:\n"
         "    - name: {text: Línea de apoyo, from: \"\"}\n      action: {text: Llame para hablar, from: \"\"}\n"
         "    - {}\n    - {}\n")
    loaded, diagnostics = pipeline.check(bilingual)
    said = [d.format(root=bilingual).splitlines()[0] for d in plan(loaded, diagnostics).diagnostics]
    assert all("is not yet marked as reviewed" in line for line in said) and len(said) == 2, said
    site = next(site for site in plan(loaded, diagnostics).sites if site.key == "harbor-light/pasadena")
    shown = interface.crisis(site.translations[0])["lines"]
    assert [(line["name"], line["action"]) for line in shown if line["number"] == "8005550100"] == \
        [("Línea de apoyo", "Llame para hablar")]


def test_a_built_spanish_page_showing_english_says_so_at_its_top_and_marks_the_english(
        bilingual: Path, project: Project, tmp_path: Path) -> None:
    spanish_file = (bilingual / CBT_ES).read_text(encoding="utf-8").splitlines()
    start = spanish_file.index("summary:")
    (bilingual / CBT_ES).write_text("\n".join(spanish_file[:start] + spanish_file[start + 5:]) + "\n", encoding="utf-8")
    # and the crisis banner's sentence, which the theme shows on every page
    edit(bilingual / "programs/core-iop.es.yaml", "crisis:\n  text:\n    text: Si está en peligro o piensa en hacerse "
         "daño, busque ayuda ahora mismo.\n    from: \"9305523b\"\n", "")
    result = pipeline.build_sites(project, bilingual, tmp_path / "site", ["harbor-light/pasadena"])
    assert result.failed == {}
    site = tmp_path / "site/harbor-light/pasadena"

    def page(path: str) -> BeautifulSoup:
        return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")

    cbt = page("es/therapies/cbt.html")
    note = cbt.select("article .iop-untranslated")
    assert [p.get_text(" ", strip=True) for p in note] == \
        ["Algunas partes de esta página siguen en inglés: todavía no se han traducido."]
    assert any(span.get_text().startswith(CBT_SUMMARY) for span in cbt.select('article span[lang="en"]'))
    # a page whose texts are all translated, and the English page, say nothing of the kind
    assert not page("es/faq.html").select(".iop-untranslated")
    assert not page("therapies/cbt.html").select(".iop-untranslated")
    # the banner's English sentence is marked English on every Spanish page; its own Spanish words are not
    for path in ("es/faq.html", "es/therapies/cbt.html"):
        banner = page(path).select_one(".iop-crisis")
        assert banner is not None
        assert [tag.get_text() for tag in banner.select('[lang="en"]')] == \
            ["If you are in danger or thinking about hurting yourself, get help right now."]
    assert not page("faq.html").select('.iop-crisis [lang]')
