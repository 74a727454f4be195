"""Brand files are checked by what they hold: SVG without code or outside addresses, real images, capped sizes.

And a site publishes exactly the bytes `check` looked at.
"""

from __future__ import annotations

import os
import threading
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from conftest import DEMO_DATA, ROOT, edit, line_of, problems

from generator import pipeline, validate
from generator.diagnostics import SiteBuildError
from generator.load import brand_files
from generator.load.dataset import load_dataset
from generator.paths import Project

CLINIC = "clinics/cedar-path/clinic.yaml"
FOLDER = "clinics/cedar-path"
T = TypeVar("T")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 48 48">{}</svg>'


def name_file(data: Path, old: str, new: str) -> str:
    """Make the clinic file name another brand file; return where the new name is, as file:line:col."""
    clinic = data / CLINIC
    text = clinic.read_text(encoding="utf-8")
    assert old in text, old
    clinic.write_text(text.replace(old, new, 1), encoding="utf-8")
    first = new.split("\n")[0]
    line = line_of(clinic, first)
    column = clinic.read_text(encoding="utf-8").splitlines()[line - 1].index(first.split(": ", 1)[1]) + 1
    return f"{CLINIC}:{line}:{column}"


def only_error(data: Path) -> str:
    found = problems(data)
    assert len(found) == 1, found
    return found[0]


# -- SVG ------------------------------------------------------------------------------------------

UNSAFE_SVG = {
    "script": (SVG.format("<script>fetch('/x?'+localStorage.plan)</script>"), "holds a <script> element"),
    "onload": (SVG.format('<rect width="9" height="9" onload="alert(1)"/>'), "has an event handler (onload="),
    "root-onload": ('<svg xmlns="http://www.w3.org/2000/svg" ONLOAD="alert(1)"/>', "has an event handler (ONLOAD="),
    "foreign-object": (SVG.format("<foreignObject><p xmlns='http://www.w3.org/1999/xhtml'>x</p></foreignObject>"),
                       "holds a <foreignObject> element"),
    "html-script": (SVG.format("<h:script xmlns:h='http://www.w3.org/1999/xhtml'>alert(1)</h:script>"),
                    "holds an HTML <script> element"),
    "link": (SVG.format('<a href="https://e.org/"><rect width="9" height="9"/></a>'), "holds a link (an <a> element)"),
    "javascript-href": (SVG.format('<use xlink:href="java&#x09;script:alert(1)"/>'), "has a javascript: address"),
    "data-href": (SVG.format('<use href="data:image/svg+xml,&lt;svg/&gt;"/>'), "has a data: address"),
    "vbscript": (SVG.format('<g xml:base="vbscript:x"/>'), "has a vbscript: address"),
    "external-href": (SVG.format('<use href="https://e.org/sprite.svg#a"/>'),
                      "links to 'https://e.org/sprite.svg#a' (in href=\"...\")"),
    "image": (SVG.format('<image href="https://e.org/pixel.png"/>'), "holds an <image> element"),
    "animation": (SVG.format('<set attributeName="href" to="javascript:alert(1)"/>'), "holds an animation (<set>)"),
    "style-import": (SVG.format('<style>@import url("https://e.org/x.css");</style>'),
                     "has a <style> element that imports a style sheet (@import)"),
    "style-url": (SVG.format("<style>rect { fill: url(https://e.org/track.png) }</style>"),
                  "has a <style> element that loads 'https://e.org/track.png' through url()"),
    "style-escaped-url": (SVG.format(r"<style>rect { fill: \75 rl(https://e.org/a) }</style>"),
                          "has a <style> element that loads 'https://e.org/a' through url()"),
    "style-attribute": (SVG.format('<rect style="fill: url(\'//e.org/t\')"/>'),
                        "has an attribute style=\"...\" that loads '//e.org/t' through url()"),
    "paint-url": (SVG.format('<rect fill="url(data:image/png;base64,AAAA)"/>'),
                  "has an attribute fill=\"...\" that loads 'data:image/png;base64,AAAA' through url()"),
    "doctype-entities": ('<!DOCTYPE svg [<!ENTITY a "<script>x</script>">]>'
                         '<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', "has a <!DOCTYPE ...> declaration"),
    "external-entity": ('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                        '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
                        "has a <!DOCTYPE ...> declaration"),
    "stylesheet-instruction": ('<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="data:,x"?>'
                               '<svg xmlns="http://www.w3.org/2000/svg"/>',
                               "holds the instruction '<?xml-stylesheet ...?>'"),
    "html-page": ("<html><body><script>alert(1)</script></body></html>",
                  "is not an SVG drawing: its outermost element is <html>, not <svg>"),
    "no-namespace": ("<svg><rect/></svg>", "is not an SVG drawing: its <svg> element lacks xmlns="),
    "broken": ('<svg xmlns="http://www.w3.org/2000/svg"><rect>', "is not a well-formed SVG file"),
}


@pytest.mark.parametrize(("svg", "found"), UNSAFE_SVG.values(), ids=UNSAFE_SVG.keys())
def test_an_unsafe_logo_svg_is_refused_where_the_clinic_file_names_it(data: Path, svg: str, found: str) -> None:
    (data / FOLDER / "logo.svg").write_text(svg, encoding="utf-8")
    at = name_file(data, "logo: logo.svg", "logo: logo.svg")
    error = only_error(data)
    assert error.startswith(f"{at}: error: the logo 'logo.svg' {found}"), error
    assert "\n    hint: " in error


def test_an_unsafe_favicon_svg_is_refused_too(data: Path) -> None:
    (data / FOLDER / "favicon.svg").write_text(SVG.format('<circle r="9" onclick="x()"/>'), encoding="utf-8")
    at = name_file(data, "favicon: favicon.svg", "favicon: favicon.svg")
    error = only_error(data)
    assert error.startswith(f"{at}: error: the favicon 'favicon.svg' has an event handler (onclick=\"...\"), "
                            "which runs code\n    hint: export the drawing again as plain SVG"), error


@pytest.mark.parametrize("svg", [
    SVG.format('<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>'
               '<path id="p" d="M0 0h9"/></defs><rect fill="url(#g)" style="stroke: url( \'#g\' )"/>'
               '<use xlink:href="#p"/><use href="#p"/><style>rect { fill: url(#g) }</style>'),
    SVG.format('<title>Cedar Path</title><desc>A tree</desc><text aria-label="Data: our care">Cedar</text>'),
    # what a drawing program adds for itself
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
    'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" inkscape:version="1.3">'
    '<sodipodi:namedview id="n" inkscape:zoom="2"/><g inkscape:label="Layer 1"><circle r="4"/></g></svg>',
], ids=["paint-and-reuse", "text", "editor-marks"])
def test_a_plain_drawing_passes(data: Path, svg: str) -> None:
    (data / FOLDER / "logo.svg").write_text(svg, encoding="utf-8")
    # these draw in black (SVG's default fill), which the dark green header would hide: on a light plate
    edit(data / FOLDER / "clinic.yaml", "  logo: logo.svg\n", "  logo: logo.svg\n  logo_background: light\n")
    assert problems(data) == []


def test_the_demo_and_starter_drawings_pass() -> None:
    drawings = sorted(DEMO_DATA.glob("clinics/*/*.svg")) + [ROOT / "content/scaffold/logo.svg"]
    assert len(drawings) == 5
    for drawing in drawings:
        assert brand_files.check_svg(drawing.read_bytes()) is None, drawing


def test_an_unsafe_logo_is_never_published(data: Path, tmp_path: Path, project: Project) -> None:
    (data / FOLDER / "logo.svg").write_text(UNSAFE_SVG["script"][0], encoding="utf-8")
    out = tmp_path / "site"
    result = pipeline.build_sites(project, data, out, ["cedar-path"])
    assert sorted(result.failed) == ["cedar-path/sacramento"]
    assert any("holds a <script> element" in d.message for d in result.errors)
    assert not list(out.rglob("logo.svg"))


# -- content and size ----------------------------------------------------------------------------

# the favicon is optional: its line is where a test names a share image
@pytest.mark.parametrize(("old", "new", "content", "message"), [
    ("logo: logo.svg", "logo: logo.png", b"<!doctype html><script>alert(1)</script>",
     "the logo 'logo.png' is not a PNG file (it holds text such as a web page or SVG)"),
    ("favicon: favicon.svg", "favicon: favicon.ico", PNG, "the favicon 'favicon.ico' is not an ICO file (it is PNG "),
    ("favicon: favicon.svg", "share_image: share.jpg", PNG,
     "the share image 'share.jpg' is not a JPEG file (it is PNG content)"),
    ("file: fonts/DejaVuSerif.woff2", "file: fonts/x.woff", b"wOF2" + bytes(32),
     "the font file 'fonts/x.woff' is not a WOFF file (it is WOFF2 content)"),
    ("logo: logo.svg", "logo: logo.png", b"", "the logo 'logo.png' is not a PNG file (it is empty)"),
], ids=["html-as-png", "png-as-ico", "png-as-jpeg", "woff2-as-woff", "empty"])
def test_a_file_must_hold_what_its_name_says(data: Path, old: str, new: str, content: bytes, message: str) -> None:
    at = name_file(data, old, new)
    (data / FOLDER / new.split(": ")[1]).write_bytes(content)
    assert only_error(data).startswith(f"{at}: error: {message}")


def test_real_images_and_fonts_pass(data: Path) -> None:
    name_file(data, "logo: logo.svg", "logo: logo.png")
    (data / FOLDER / "logo.png").write_bytes(PNG)
    name_file(data, "favicon: favicon.svg", "favicon: favicon.ico\n  share_image: share.jpeg")
    (data / FOLDER / "favicon.ico").write_bytes(b"\x00\x00\x01\x00" + bytes(32))
    (data / FOLDER / "share.jpeg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(32))
    assert problems(data) == []


def test_a_huge_sparse_logo_is_refused_before_it_is_read(data: Path) -> None:
    at = name_file(data, "logo: logo.svg", "logo: logo.png")
    logo = data / FOLDER / "logo.png"
    with logo.open("wb") as file:
        file.write(PNG)
    os.truncate(logo, 1 << 30)  # 1 GiB on paper, no disk used
    tracemalloc.start()
    try:
        found = problems(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert found == [f"{at}: error: the logo 'logo.png' is 1 GB; a logo may be at most 1 MB\n"
                     "    hint: save it smaller: the header shows it about 48 pixels tall"], found
    assert peak < 50 * brand_files.MB, peak


@pytest.mark.parametrize(("kind", "old", "new"), [
    (brand_files.LOGO, "logo: logo.svg", "logo: big.png"),
    (brand_files.FAVICON, "favicon: favicon.svg", "favicon: big.png"),
    (brand_files.SHARE_IMAGE, "favicon: favicon.svg", "share_image: big.png"),
    (brand_files.FONT, "file: fonts/DejaVuSerif.woff2", "file: big.woff2"),
], ids=["logo", "favicon", "share-image", "font"])
def test_each_kind_has_its_cap(data: Path, kind: brand_files.Kind, old: str, new: str) -> None:
    name = new.split(": ")[1]
    at = name_file(data, old, new)
    content = (b"wOF2" if kind is brand_files.FONT else PNG).ljust(kind.cap, b"\0")
    (data / FOLDER / name).write_bytes(content)
    assert problems(data) == [], "a file of exactly the cap passes"
    (data / FOLDER / name).write_bytes(content + b"\0")
    error = only_error(data)
    assert error.startswith(f"{at}: error: the {kind.what} '{name}' is "), error
    assert f"; a {kind.what} may be at most " in error


def test_the_caps_are_the_documented_ones() -> None:
    assert (brand_files.LOGO.cap, brand_files.FAVICON.cap, brand_files.SHARE_IMAGE.cap, brand_files.FONT.cap) == \
        (1024 * 1024, 256 * 1024, 1024 * 1024, 512 * 1024)
    guide = (ROOT / "docs/data-guide.md").read_text(encoding="utf-8")
    for words in ("logo: at most 1 MB", "favicon: at most 256 KB", "share image: at most 1 MB",
                  "each font file: at most 512 KB"):
        assert words in guide, words


def _within(seconds: float, work: Callable[[], T]) -> T:
    """Run work in a thread and return its result; fail, not hang, if it does not finish in time."""
    done: list[T] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            done.append(work())
        except BaseException as e:  # pytest's own failures too: raised again below, in the test's thread
            failed.append(e)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if failed:
        raise failed[0]
    assert done, f"still running after {seconds} s"
    return done[0]


def test_a_named_pipe_is_refused_without_opening_it(data: Path) -> None:
    at = name_file(data, "logo: logo.svg", "logo: logo.png")
    os.mkfifo(data / FOLDER / "logo.png")
    found = _within(60, lambda: problems(data))
    assert found == [f"{at}: error: the logo 'logo.png' is a named pipe, not an ordinary file\n"
                     "    hint: put the logo file itself in the clinic folder and write its file name"], found


def test_a_folder_is_not_a_logo(data: Path) -> None:
    at = name_file(data, "logo: logo.svg", "logo: logo.png")
    (data / FOLDER / "logo.png").mkdir()
    assert only_error(data).startswith(f"{at}: error: the logo 'logo.png' is a folder, not an ordinary file")


def test_a_link_loop_is_a_located_error(data: Path) -> None:
    at = name_file(data, "logo: logo.svg", "logo: loop.svg")
    loaded, _ = load_dataset(data)
    # made after loading: here the clinic file's own check must say it, not crash
    (data / FOLDER / "loop.svg").symlink_to("loop.svg")
    found = [d.format(root=data) for d in validate.validate(loaded)]
    assert found == [f"{at}: error: the logo 'loop.svg' is a link that leads back to itself (a link loop)\n"
                     "    hint: replace the link with the logo itself, in the clinic folder"], found


# -- render publishes what was checked -----------------------------------------------------------

@pytest.mark.parametrize("swap", ["script", "huge", "fifo"])
def test_render_refuses_a_file_changed_after_the_check(data: Path, tmp_path: Path, project: Project,
                                                       swap: str) -> None:
    specs, _ = pipeline.resolve_all(data)
    spec = next(s for s in specs if s.clinic_id == "cedar-path")
    favicon = data / FOLDER / "favicon.svg"
    favicon.unlink()
    if swap == "script":
        favicon.write_text(UNSAFE_SVG["script"][0], encoding="utf-8")
    elif swap == "huge":
        favicon.write_bytes(b"")
        os.truncate(favicon, 1 << 30)
    else:
        os.mkfifo(favicon)
    staging = tmp_path / "staging"

    def render() -> str:
        with pytest.raises(SiteBuildError) as raised:
            pipeline.render_to(spec, project, staging)
        return raised.value.output

    output = _within(60, render)
    assert output.startswith("the favicon 'favicon.svg' "), output
    assert not (staging / "docs/assets/favicon.svg").exists()


def test_the_site_carries_the_checked_bytes(data: Path, tmp_path: Path, project: Project) -> None:
    specs, _ = pipeline.resolve_all(data)
    spec = next(s for s in specs if s.clinic_id == "cedar-path")
    pipeline.render_to(spec, project, tmp_path / "staging")
    assets = tmp_path / "staging/docs/assets"
    folder = data / FOLDER
    assert (assets / "logo.svg").read_bytes() == brand_files.read(folder, "logo.svg", brand_files.LOGO)
    assert (assets / "favicon.svg").read_bytes() == (folder / "favicon.svg").read_bytes()
    assert (assets / "fonts/text-1.woff2").read_bytes() == (folder / "fonts/DejaVuSerif.woff2").read_bytes()
