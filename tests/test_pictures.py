"""Pictures in data text: from the folder the clinic declares, checked like the logo, published as checked.

Text shows a picture as `![what it shows](picture:file-name.jpg)`. The file comes
from the clinic's pictures folder (brand.pictures) through the reader the logo
uses; a site whose clinic declares no folder, a missing or wrong file, a path
instead of a name, or a picture without words is an error at the text's place.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from conftest import edit, line_of
from support.files import png

from generator import pipeline
from generator.diagnostics import Severity
from generator.paths import Project

DBT = "therapies/dbt.yaml"
SUMMARY = "summary: Build skills to handle strong emotions, stay in the moment and get along better with people."
HARBOR = "clinics/harbor-light"




def declare(data: Path, clinic: str = HARBOR, folder: str = "pictures") -> Path:
    """Give a clinic a pictures folder; return the folder."""
    edit(data / clinic / "clinic.yaml", "brand:\n", f"brand:\n  pictures: {folder}\n")
    path = data / clinic / folder
    path.mkdir(exist_ok=True)
    return path


def errors(data: Path, project: Project) -> list[str]:
    plan = pipeline.review(data, project=project)
    return [d.format(root=data) for d in plan.diagnostics if d.severity is Severity.ERROR]


def with_summary(data: Path, words: str) -> tuple[int, int]:
    """Give DBT's summary new words (shown by every site); return the line and the column of its picture."""
    edit(data / DBT, SUMMARY, f"summary: {words}")
    return line_of(data / DBT, f"summary: {words}"), len("summary: ") + words.index("picture:") + 1


def test_a_declared_picture_is_published_as_checked_on_every_page_that_shows_it(
        data: Path, project: Project, tmp_path: Path) -> None:
    picture = png()
    (declare(data) / "group-room.png").write_bytes(picture)
    declare(data, "clinics/cedar-path")
    (data / "clinics/cedar-path/pictures/group-room.png").write_bytes(png(3, 1))
    with_summary(data, "Build skills in a calm room. "
                       "![Our group room, with chairs in a circle](picture:group-room.png)")
    assert errors(data, project) == []
    result = pipeline.build_sites(project, data, tmp_path / "site", [])
    assert not result.failed, result.failed
    for site, expected in ((tmp_path / "site/harbor-light/pasadena", picture),
                           (tmp_path / "site/cedar-path/sacramento", png(3, 1))):
        shown = {}
        for page in site.rglob("*.html"):
            for src in re.findall(r'<img alt="Our group room, with chairs in a circle" src="([^"]+)"',
                                  page.read_text(encoding="utf-8")):
                shown[page.relative_to(site).as_posix()] = posixpath.normpath(
                    posixpath.join(page.relative_to(site).parent.as_posix(), src))
        # its therapy's page, the therapies page and the whole guide, at two depths, all find the one file
        assert {"therapies/dbt.html", "therapies/index.html", "print.html"} <= set(shown), shown
        assert set(shown.values()) == {"pictures/group-room.png"}
        assert (site / "pictures/group-room.png").read_bytes() == expected, "each clinic shows its own picture"


def test_a_clinic_without_a_pictures_folder_blocks_only_its_sites(data: Path, project: Project) -> None:
    (declare(data) / "group-room.png").write_bytes(png())
    line, col = with_summary(data, "Build skills in a calm room. ![Our group room](picture:group-room.png)")
    plan = pipeline.review(data, project=project)
    blocked = {site.key for site in plan.sites if site.spec is None}
    assert blocked == {"cedar-path/sacramento"}
    assert [d.format(root=data) for d in plan.diagnostics if d.severity is Severity.ERROR] == [
        f"{DBT}:{line}:{col}: error: 'picture:group-room.png' needs a pictures folder, and the clinic of "
        "cedar-path/sacramento names none\n    hint: add `pictures: pictures` under brand: in clinic.yaml and put "
        "the picture in that folder"]


@pytest.mark.parametrize(("written", "file", "message"), [
    ("![Our room](picture:missing.png)", None, "the picture file 'missing.png' does not exist"),
    ("![Our room](picture:room.png)", b"<html>hello</html>", "the picture 'room.png' is not a PNG file "
                                                             "(it holds text such as a web page or SVG)"),
    ("![Our room](picture:room.gif)", b"GIF89a", "the picture 'room.gif' must be an .png, .jpg, .jpeg or .svg file"),
    ("![Our room](picture:../clinic.yaml)", None, "'picture:../clinic.yaml' is not the name of a file in the "
                                                   "pictures folder"),
    ("![Our room](picture:room.svg)", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     "the picture 'room.svg' "),
    ("![](picture:room.png)", b"", "the picture 'picture:room.png' has no words that say what it shows"),
    ("[Our room](picture:room.png)", b"", "'picture:room.png' is a picture, written as a link"),
    ("![Our room](pictures/room.png)", b"", "image 'pictures/room.png' from a path cannot be shown in the guide"),
])
def test_a_picture_that_cannot_be_shown_is_an_error_at_its_place(data: Path, project: Project, written: str,
                                                                 file: bytes | None, message: str) -> None:
    folder = declare(data)
    declare(data, "clinics/cedar-path")
    if file is not None:
        name = re.search(r"(?:picture:|/)([\w.-]+)\)", written)
        assert name is not None
        (folder / name[1]).write_bytes(file)
        (data / "clinics/cedar-path/pictures" / name[1]).write_bytes(file)
    words = f"Build skills in a calm room. {written}"
    edit(data / DBT, SUMMARY, f"summary: {words}")
    line = line_of(data / DBT, f"summary: {words}")
    col = len("summary: ") + words.index(re.search(r"\((.*)\)", written)[1]) + 1  # type: ignore[index]
    found = errors(data, project)
    assert found, "check must refuse the picture"
    assert {problem.split("\n")[0] for problem in found} == {problem.split("\n")[0] for problem in found
                                                             if problem.startswith(f"{DBT}:{line}:{col}: error: ")}
    assert any(message in problem for problem in found), found


@pytest.mark.parametrize(("folder", "message"), [
    ("photos", "the pictures folder 'photos' does not exist"),
    ("clinic.yaml", "the pictures folder 'clinic.yaml' is not a folder"),
    ("../cedar-path", "the pictures folder '../cedar-path' is outside the clinic folder"),
])
def test_the_pictures_folder_must_be_a_folder_in_the_clinic_folder(data: Path, folder: str, message: str) -> None:
    clinic = data / HARBOR / "clinic.yaml"
    edit(clinic, "brand:\n", f"brand:\n  pictures: {folder}\n")
    line = line_of(clinic, "  pictures:")
    found = [d.format(root=data) for d in pipeline.review(data).diagnostics if d.severity is Severity.ERROR]
    assert [problem.split("\n")[0] for problem in found] == [f"{HARBOR}/clinic.yaml:{line}:13: error: {message}"]
