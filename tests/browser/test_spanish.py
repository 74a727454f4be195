"""A guide in Spanish in the browser: the scripts speak Spanish, dates read in Spanish, the switch finds the twin page.

The guide (English at the root, Spanish in es/) is opened from disk, as a patient
may open a downloaded guide: every link between the languages is relative.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from support.languages import build_guide

from browser.test_accessibility import AXE, RULES, describe
from generator.paths import Project
from generator.resolve import SiteSpec

SITE = "harbor-light/pasadena"


@pytest.fixture(scope="module")
def guide(demo_specs: dict[str, SiteSpec], project: Project, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_guide(demo_specs[SITE], project, tmp_path_factory.mktemp("languages"))


@pytest.fixture
def open_file(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="America/Los_Angeles")

    def opener(path: Path) -> Any:
        page = context.new_page()
        page.goto(path.as_uri())
        return page

    yield opener
    context.close()


def test_the_plan_and_its_dates_read_in_spanish(guide: Path, open_file: Any) -> None:
    page = open_file(guide / "es/index.html")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_label("Primer día de la semana 1").fill("2026-03-09")
    page.get_by_role("button", name="Guardar mi plan").click()
    status = page.locator("[data-iop-plan-status]")
    expect(status).to_have_text("Plan guardado. Su programa termina el domingo, 17 de mayo de 2026.")
    facts = page.locator("[data-iop-plan-facts]")
    expect(facts).to_contain_text("La semana 1 empieza: lunes, 9 de marzo de 2026")
    expect(facts).to_contain_text("El programa termina: domingo, 17 de mayo de 2026 (fin de la semana 10)")
    page.get_by_role("button", name="Agregar a mi calendario").click()
    expect(status).to_have_text(
        "Listo el archivo de calendario con 40 sesiones. Ábralo para agregarlas a su calendario.")
    week = open_file(guide / "es/weeks/week-3.html")
    expect(week.locator(".iop-week-plan__dates")).to_have_text(
        "Su semana 3: del lunes, 23 de marzo al domingo, 29 de marzo de 2026")
    expect(week.get_by_role("link", name="Cambie su plan")).to_be_visible()


def test_checklists_and_the_footer_speak_spanish(guide: Path, open_file: Any) -> None:
    page = open_file(guide / "es/weeks/week-1.html")
    progress = page.locator(".iop-checklist__progress").first
    expect(progress).to_have_text(re.compile(r"^Listas: 0 de \d+$"))
    page.locator(".iop-checklist__box").first.check()
    expect(progress).to_have_text(re.compile(r"^Listas: 1 de \d+$"))
    page.get_by_role("button", name="Borrar lo que guardó esta guía").click()
    expect(page.locator(".iop-privacy__status")).to_have_text(
        "Listo: ya no queda nada de esta guía guardado en este navegador.")
    expect(page.get_by_role("button", name="Borrar mis marcas")).to_be_visible()


def test_the_switch_opens_the_same_page_in_the_other_language(guide: Path, open_file: Any) -> None:
    page = open_file(guide / "es/weeks/week-3.html")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url((guide / "weeks/week-3.html").as_uri())
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="Español").click()
    expect(page).to_have_url((guide / "es/weeks/week-3.html").as_uri())
    crisis = page.get_by_role("region", name="Ayuda en una crisis")
    expect(crisis.get_by_role("link", name="Envíe AYUDA por mensaje de texto al 988")).to_have_attribute(
        "href", "sms:988?body=AYUDA")


@pytest.mark.parametrize("path", ["es/index.html", "es/weeks/week-3.html", "es/contact.html", "weeks/week-3.html"])
def test_no_axe_violations_in_either_language(guide: Path, open_file: Any, path: str) -> None:
    page = open_file(guide / path)
    violations = AXE.run(page, options=RULES).response["violations"]
    assert violations == [], describe(violations)
