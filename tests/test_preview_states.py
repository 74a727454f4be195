"""The preview after every save: the new guide or the page of errors; never stale, never stuck.

How fast a save shows is measured by scripts/bench.py (the target is 3 seconds), not asserted here:
each state must arrive within a bounded wait, so a hang fails the test.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import DEMO_DATA, edit, line_of, without_translations
from support.commands import PREVIEWED, fetch, iop, previewing, wait_for

from generator.paths import Project
from generator.tools.preview import Preview

ROUNDS = 20
CLINIC = "program_data/clinics/harbor-light/clinic.yaml"
THERAPY = "program_data/therapies/cbt.yaml"
LOCATION = "program_data/clinics/harbor-light/locations/pasadena.yaml"
# the line of each file the saves replace
ORIGINAL = {CLINIC: "tagline: Steady support, close to home.",
            THERAPY: "summary: Learn how your thoughts",
            LOCATION: "intro: |"}
# the last line each rebuild prints: the guide is shown, or the page of errors is
REBUILT = re.compile(r"^(rendered again|\d+ problem\(s\): the preview lists them until a save fixes them)$", re.M)


def _line(file: str) -> int:
    return line_of(DEMO_DATA.parent / file, ORIGINAL[file])


@dataclass(frozen=True)
class Save:
    """A broken save and the save that fixes it, both holding the round's new words, and the page they show on."""

    file: str
    page: str
    broken: str
    fixed: str
    error: str  # the located error the page of errors must show


def yaml_syntax(words: str) -> Save:
    return Save(CLINIC, "index.html", f"tagline: [{words}, close to home.", f"tagline: {words}, close to home.",
                f"{CLINIC}:{_line(CLINIC)}:10: error: YAML syntax: the list that opens here with '[' is not closed "
                "by ']'")


def plain_link(words: str) -> Save:
    broken = f"summary: {words}, see [x](contact.html). Learn how your thoughts"
    return Save(THERAPY, "therapies/index.html", broken, f"summary: {words}. Learn how your thoughts",
                f"{THERAPY}:{_line(THERAPY)}:{broken.index('contact.html') + 1}: error: link to 'contact.html' "
                "would break on some of the pages that show this text")


def unknown_key(words: str) -> Save:
    return Save(LOCATION, "index.html", f"intr: |\n  {words}.", f"intro: |\n  {words}.",
                f"{LOCATION}:{_line(LOCATION)}:1: error: intr: unknown key 'intr'")


KINDS: list[Callable[[str], Save]] = [yaml_syntax, plain_link, unknown_key]


def page_text(url: str) -> str:
    """The words of the page at url as a reader sees them (the problems are written as character references)."""
    page = fetch(url)
    return BeautifulSoup(page, "html.parser").get_text() if page else ""


class Data:
    """The project's data files as the test saves them: each a demo file with one line replaced."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.originals = {file: (folder / file).read_text(encoding="utf-8") for file in ORIGINAL}
        assert all(line in self.originals[file] for file, line in ORIGINAL.items())

    def save(self, file: str, line: str) -> float:
        """Save file with its line replaced; return when, to measure from."""
        saved = time.monotonic()
        (self.folder / file).write_text(self.originals[file].replace(ORIGINAL[file], line, 1), encoding="utf-8")
        return saved


def arrives(url: str, since: float, present: str, absent: str | None = None) -> tuple[float, str]:
    """Poll the page at url (bounded) until it holds present and not absent; how long after `since`, and its words."""
    text = wait_for(lambda: present in (words := page_text(url)) and (absent is None or absent not in words) and words,
                    timeout=30)
    return time.monotonic() - since, text


@pytest.mark.slow
def test_every_save_shows_the_new_guide_or_its_errors_twenty_times(workdir: Path) -> None:
    # English only: each save rebuilds one site, not also its Spanish (the languages have a test of their own)
    without_translations(workdir / "program_data")
    data = Data(workdir)
    errors: list[str] = []
    with previewing(workdir) as running:
        for round_ in range(ROUNDS):
            words = f"Fresh words {round_}"  # new each round: a page left from before can never pass
            save = KINDS[round_ % len(KINDS)](words)
            url = f"{running.url}/{save.page}"
            # the guide showed before this save: the error can only come from it
            _, shown = arrives(url, data.save(save.file, save.broken), save.error)
            assert "problem(s) to fix" in shown, shown
            arrives(url, data.save(save.file, save.fixed), words, "problem(s)")
            errors.append(save.error)
        output = running.output()
    assert "Traceback" not in output
    # each save reached the terminal too: its error, located, then the guide again
    assert [error for error in errors if error not in output] == []
    assert output.count("rendered again") >= ROUNDS, output


def test_saves_during_a_rebuild_lead_to_one_more_with_the_newest_files(workdir: Path, tmp_path: Path) -> None:
    data = Data(workdir)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    with previewing(workdir, env={**os.environ, "TMPDIR": str(temporary)}) as running:
        (folder,) = temporary.glob("iop-serve-*")

        def staged() -> set[str]:
            return {path.name for path in folder.glob("stage-*")}

        before, seen = len(REBUILT.findall(running.output())), staged()
        data.save(CLINIC, "tagline: Words before, close to home.")
        # a new staging folder: the rebuild has reviewed and written the guide, and MkDocs is building it
        # (on a fast run it may be done before a poll sees the folder: then the saves below come after it)
        wait_for(lambda: staged() - seen or len(REBUILT.findall(running.output())) > before)
        during = bool(staged() - seen)
        newest = plain_link("Newest words")
        last = data.save(THERAPY, newest.broken)
        data.save(LOCATION, "intro: |\n  Newest words too.")
        # the rebuild under way ends, then one more shows what the files say now
        _, shown = arrives(f"{running.url}/{newest.page}", last, newest.error)
        assert "1 problem(s) to fix" in shown, shown
        _, shown = arrives(f"{running.url}/index.html", data.save(THERAPY, newest.fixed), "Newest words too",
                               "problem(s)")
        output = running.output()
    assert "Words before, close to home" in shown
    rebuilt = REBUILT.findall(output)[before:]
    errors = "1 problem(s): the preview lists them until a save fixes them"
    if during:
        # the guide with the first save, the page of errors with the two saved during it, the guide again
        assert rebuilt == ["rendered again", errors, "rendered again"], output
    else:
        assert rebuilt[0] == "rendered again" and rebuilt[-1] == "rendered again" and errors in rebuilt, output
    assert "Traceback" not in output

def article(preview: Preview, page: str = "index.html") -> str:
    """The words of a page of the version the preview shows."""
    found = BeautifulSoup((preview.site / page).read_text(encoding="utf-8"), "html.parser").select_one("article")
    assert found is not None
    return found.get_text()


def versions(preview: Preview) -> list[str]:
    """What the preview's folder holds: the link it serves through and the folders it keeps."""
    return sorted(path.name for path in preview.versions.folder.iterdir())


@pytest.fixture
def preview(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Preview, list[str]]]:
    """The preview's rebuild, run here without its server, in the project folder; and what it said."""
    monkeypatch.chdir(workdir)  # as `iop-guide serve` runs: problems name files from the project folder
    said: list[str] = []
    made = Preview(Project(workdir), Path("program_data"), PREVIEWED, "127.0.0.1:8000", said.append)
    try:
        yield made, said
    finally:
        made.remove()


def test_an_mkdocs_warning_shows_on_the_page_of_errors(workdir: Path, preview: tuple[Preview, list[str]]) -> None:
    made, said = preview
    assert made.build()
    config = workdir / "mkdocs.yml"
    kept = config.read_text(encoding="utf-8")
    config.write_text(kept + "not_a_setting: 1\n", encoding="utf-8")
    assert not made.build()
    problems = ["MkDocs: Config value 'not_a_setting': Unrecognised configuration name: not_a_setting",
                "MkDocs: Aborted with 1 configuration warnings in 'strict' mode!"]
    # every page of the guide, in each of its languages, still answers, with the list, in the guide's look
    for page in ("index.html", "weeks/week-2.html", "therapies/cbt.html", "es/index.html", "es/weeks/week-2.html"):
        assert all(problem in article(made, page) for problem in problems), page
    assert "Harbor Light" in (made.site / "weeks/week-2.html").read_text(encoding="utf-8")
    assert said == [*problems, "2 problem(s): the preview lists them until a save fixes them"]
    # the guide's staging folder stays as the look of the page of errors; everything older is gone
    assert versions(made) == ["current", "site-3", "stage-1"]
    config.write_text(kept, encoding="utf-8")
    assert made.build()
    assert "problem(s)" not in article(made)
    assert versions(made) == ["current", "site-4", "stage-4"]


def test_the_preview_shows_every_language_of_the_guide_and_its_switch_leads_to_the_same_page(
        workdir: Path, preview: tuple[Preview, list[str]]) -> None:
    made, _ = preview
    assert made.build()
    for page in ("index.html", "weeks/week-2.html", "therapies/cbt.html"):
        for here in (page, f"es/{page}"):
            html = BeautifulSoup((made.site / here).read_text(encoding="utf-8"), "html.parser")
            assert html.html is not None and html.html["lang"] == ("es" if here.startswith("es/") else "en")
            switch = html.select_one("a.iop-language__link")
            assert switch is not None, here
            target = (made.site / here).parent / str(switch["href"])
            assert target.resolve() == (made.site / (page if here.startswith("es/") else f"es/{page}")).resolve()
            assert target.is_file(), f"the switch on {here} leads to a page the preview has"
    # a Spanish text edited shows on the next version
    spanish = workdir / "program_data/clinics/harbor-light/locations/pasadena.es.yaml"
    edit(spanish, "text: ", "text: Hola de nuevo. ")
    assert made.build()
    assert "Hola de nuevo." in (made.site / "es/index.html").read_text(encoding="utf-8")


def test_data_broken_from_the_start_shows_its_errors_then_the_guide(
        workdir: Path, preview: tuple[Preview, list[str]]) -> None:
    made, said = preview
    edit(workdir / LOCATION, "phone: (626)", "phne: (626)")
    assert not made.build()
    error = f"{LOCATION}:{line_of(workdir / LOCATION, 'phne:')}:1: error: phne: unknown key 'phne'"
    shown = article(made)
    assert "1 problem(s) to fix" in shown and error in shown and "hint: did you mean 'phone'?" in shown
    assert said[0].startswith(error) and said[-1] == "1 problem(s): the preview lists them until a save fixes them"
    edit(workdir / LOCATION, "phne: (626)", "phone: (626)")
    assert made.build()
    assert "Harbor Light Recovery" in (made.site / "index.html").read_text(encoding="utf-8")


def test_errors_in_files_the_site_does_not_use_leave_it_shown(
        workdir: Path, preview: tuple[Preview, list[str]]) -> None:
    made, said = preview
    edit(workdir / "program_data/clinics/cedar-path/locations/sacramento.yaml", "phone:", "phne:")
    assert made.build()
    assert "problem(s)" not in article(made)
    assert said == ["note: the data has 1 error(s) and 0 warning(s) in files this site does not use; "
                    "`iop-guide check` lists them"]


def test_each_version_says_the_warnings_check_says_about_the_site(
        workdir: Path, preview: tuple[Preview, list[str]]) -> None:
    """A warning only rendering finds (a title with marks) and one in another site's file, once a version."""
    made, said = preview
    # English only: an English edit would also make the Spanish beside it stale (test_translations says so)
    without_translations(workdir / "program_data")
    program = workdir / "program_data/programs/core-iop.yaml"
    edit(program, "title: Getting started", "title: Getting *started*")
    edit(workdir / "program_data/clinics/cedar-path/locations/sacramento.yaml", "\nname: ", "\nname: Old # ")
    assert made.build()
    checked = iop(workdir, "check", "--force")
    warning = f"programs/core-iop.yaml:{line_of(program, 'Getting *started*')}:12: warning: a title is shown as plain"
    assert warning in checked.stdout + checked.stderr
    first = [line for line in said if "warning:" in line]
    assert len(first) == 1 and warning in first[0] and "Getting *started*" in first[0]
    assert said[-2:] == ["1 warning(s) in what this site is made from: the guide is shown all the same",
                         "note: the data has 0 error(s) and 1 warning(s) in files this site does not use; "
                         "`iop-guide check` lists them"]
    said.clear()
    edit(program, "Getting *started*", "Getting *started* here")
    assert made.build()
    assert sum("warning:" in line for line in said) == 1
