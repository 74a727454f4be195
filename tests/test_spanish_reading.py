"""Spanish texts are scored with a Spanish formula (Fernández-Huerta), at the Spanish line, with their own limit."""

from __future__ import annotations

from pathlib import Path

from conftest import line_of

from generator import pipeline
from generator.cli import main
from generator.review import spanish

HARD = ("Consideraciones terapéuticas interdisciplinarias concernientes a comorbilidades psiquiátricas "
        "institucionalizadas requieren evaluaciones multidimensionales.")


def test_a_hard_spanish_text_is_a_warning_at_its_own_line_by_the_spanish_formula(bilingual: Path) -> None:
    file = bilingual / "therapies/dbt.es.yaml"
    text = file.read_text(encoding="utf-8")
    start = text.index("summary:\n  text: >-\n") + len("summary:\n  text: ")
    end = text.index("\n  from:", start)
    file.write_text(text[:start] + HARD + text[end:], encoding="utf-8")
    said = [d.format(root=bilingual) for d in pipeline.review(bilingual).diagnostics]
    line = line_of(file, "Consideraciones")
    assert [s.splitlines()[0] for s in said] == [
        f"therapies/dbt.es.yaml:{line}:9: warning: reading ease {spanish.ease(HARD):g} is below the limit of 60 "
        "(Fernández-Huerta reading ease, higher is easier)"], said


def test_the_english_formula_would_not_tell_plain_spanish_from_hard_spanish() -> None:
    plain = "Aprenda a manejar emociones fuertes. Viva el momento y llévese mejor con los demás."
    ease = spanish.ease(plain)
    assert ease is not None and ease >= spanish.DEFAULT_MIN_EASE > (spanish.ease(HARD) or 0)


def test_check_names_the_spanish_formula_in_its_summary(capsys: object) -> None:
    assert main(["check", "--force"]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "harbor-light/pasadena (es): reading grade (Fernández-Huerta reading ease, higher is easier) median" in out
    assert "cedar-path/sacramento (es)" not in out, "Cedar Path publishes English only"
