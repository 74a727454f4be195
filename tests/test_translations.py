"""Translation files (core-iop.es.yaml beside core-iop.yaml): laid over their English, checked at their own lines,
stale when the English changes, marked as reviewed by a command, and English (marked as such) where one is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import edit, line_of, problems

from generator import pipeline
from generator.cli import main
from generator.planning import plan
from generator.resolve import needed_files
from generator.translate.marks import english_mark

CBT_ES = "therapies/cbt.es.yaml"
CBT_SUMMARY = "Learn how your thoughts shape your feelings and actions"


def _spanish_sites(data: Path) -> None:
    clinic = data / "clinics/harbor-light/clinic.yaml"
    edit(clinic, "program: core-iop\n", "program: core-iop\nguide_languages: [en, es]\n")


def test_the_demo_translations_are_whole_and_reviewed(data: Path) -> None:
    assert problems(data) == []
    loaded, diagnostics = pipeline.check(data)
    spanish = plan(loaded, diagnostics).sites[0].translations
    assert spanish == [], "no demo clinic publishes Spanish until its sites are built (the check here is of the data)"
    assert len([key for key in loaded.translations if key[2] == "es"]) == 21


def test_a_spanish_site_is_resolved_from_the_translations(data: Path) -> None:
    _spanish_sites(data)
    loaded, diagnostics = pipeline.check(data)
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


def test_a_changed_english_text_makes_its_translation_stale_until_reviewed(data: Path) -> None:
    edit(data / "therapies/cbt.yaml", "shape your feelings", "shape your moods")
    spanish_line = line_of(data / CBT_ES, "summary:") + 1  # its text: >- line
    [said] = problems(data)
    assert said.startswith(f"{CBT_ES}:{spanish_line}:") and "warning: the English changed since this was " \
        "translated; it now reads: Learn how your thoughts shape your moods" in said
    before = (data / CBT_ES).read_text(encoding="utf-8").splitlines()
    assert main(["reviewed", "--data", str(data), f"{data / CBT_ES}:{spanish_line}"]) == 0
    after = (data / CBT_ES).read_text(encoding="utf-8").splitlines()
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    mark = english_mark("Learn how your thoughts shape your moods and actions, and how to change the ones that "
                        "hold you back.")
    assert len(changed) == 1 and changed[0][1] == f'  from: "{mark}"', "only the mark changed; the file kept its layout"
    assert problems(data) == []


def test_reviewing_a_whole_file_marks_every_text_and_a_second_time_changes_nothing(
        data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(data / "therapies/cbt.yaml", "shape your feelings", "shape your moods")
    edit(data / "therapies/cbt.yaml", "Handling cravings", "Meeting cravings")
    assert len(problems(data)) == 2
    assert main(["reviewed", "--data", str(data), str(data / CBT_ES)]) == 0
    assert main(["reviewed", "--data", str(data), str(data / CBT_ES)]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[0].endswith("2 texts marked as reviewed against the English") and said[1].split(": ")[1].startswith("0")
    assert problems(data) == []


def test_an_unreviewed_text_is_a_warning_that_names_the_command(data: Path) -> None:
    text = (data / CBT_ES).read_text(encoding="utf-8")
    (data / CBT_ES).write_text(text.replace(f'from: "{english_mark("CBT")}"', 'from: ""', 1), encoding="utf-8")
    [said] = problems(data)
    assert said.startswith(f"{CBT_ES}:{line_of(data / CBT_ES, 'text: TCC')}:") and "not yet marked as reviewed" in said


def test_a_missing_translation_shows_the_english_marked_as_english_and_warns_at_the_english(data: Path) -> None:
    _spanish_sites(data)
    spanish_file = (data / CBT_ES).read_text(encoding="utf-8").splitlines()
    start = spanish_file.index("summary:")
    (data / CBT_ES).write_text("\n".join(spanish_file[:start] + spanish_file[start + 5:]) + "\n", encoding="utf-8")
    loaded, diagnostics = pipeline.check(data)
    result = plan(loaded, diagnostics)
    said = [d.format(root=data).splitlines()[0] for d in result.diagnostics]
    assert said == [f"therapies/cbt.yaml:{line_of(data / 'therapies/cbt.yaml', CBT_SUMMARY)}:10: warning: this text "
                    "has no Spanish translation yet, so the Spanish pages show it in English"], said
    spanish = next(site for site in result.sites if site.key == "harbor-light/pasadena").translations[0]
    summary = spanish.therapies["cbt"].summary
    assert summary.startswith(CBT_SUMMARY) and summary.lang == "en"


def test_a_site_without_a_translation_file_gets_one_warning_for_the_file(data: Path) -> None:
    _spanish_sites(data)
    (data / CBT_ES).unlink()
    loaded, diagnostics = pipeline.check(data)
    said = [d.format(root=data).splitlines()[0] for d in plan(loaded, diagnostics).diagnostics]
    assert said == ["therapies/cbt.yaml:1:1: warning: this file has no Spanish translation, so its 10 texts show "
                    "in English on the Spanish pages"], said


@pytest.mark.parametrize(("old", "new", "where", "message"), [
    ("short_name:\n", "kind:\n  text: base\n  from: \"\"\nshort_name:\n", "text: base",
     "error: this is not translated: it stays as the English file has it"),
    ("short_name:\n", "nickname:\n  text: apodo\n  from: \"\"\nshort_name:\n", "nickname:",
     "error: the English file has no 'nickname' here, so there is nothing to translate"),
    ("  text: TCC\n", "  texto: TCC\n", "texto: TCC",
     "error: a translated text is a mapping of 'text' (the Spanish) and 'from'"),
    ("  text: TCC\n", "  text: \"\"\n", "text: \"\"", "error: must not be empty"),
])
def test_a_broken_translation_is_an_error_at_its_own_line(data: Path, old: str, new: str, where: str,
                                                          message: str) -> None:
    edit(data / CBT_ES, old, new)
    said = [line for line in problems(data) if "error" in line]
    assert len(said) == 1 and said[0].startswith(f"{CBT_ES}:{line_of(data / CBT_ES, where)}:"), said
    assert message in said[0]


def test_a_translated_list_longer_than_its_english_is_an_error_at_the_extra_item(data: Path) -> None:
    edit(data / CBT_ES, "helps_with:\n", "helps_with:\n  - text: Uno de más\n    from: \"\"\n")
    said = [line for line in problems(data) if "error" in line]
    assert said and said[0].startswith(f"{CBT_ES}:") and "the English list has 5 items" in said[0], said


def test_guide_languages_need_english_first(data: Path) -> None:
    edit(data / "clinics/harbor-light/clinic.yaml", "program: core-iop\n", "program: core-iop\nguide_languages: [es]\n")
    [said] = problems(data)
    assert said.startswith("clinics/harbor-light/clinic.yaml:") and "every guide is published in English" in said


def test_a_translation_in_a_language_the_guide_lacks_is_not_read(data: Path) -> None:
    (data / "therapies/cbt.fr.yaml").write_text("name:\n  text: TCC\n  from: \"\"\n", encoding="utf-8")
    [said] = problems(data)
    assert said.startswith("therapies/cbt.fr.yaml:1:1: warning: 'fr' is not a language the guide is published in")


def test_reviewed_refuses_a_file_that_is_no_translation(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reviewed", "--data", str(data), str(data / "therapies/cbt.yaml")]) == 2
    assert "is not a translation file" in capsys.readouterr().err
