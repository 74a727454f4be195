"""Nothing built from data reaches outside the data folder or the output folder, and YAML stays bounded.

Every escape is a located error from `check`, before any file is written; the
writers also refuse, as a last guard, any target outside their own folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import line_of, problems

from generator import paths
from generator.build import publish
from generator.load import loader
from generator.load.loader import LoadError, load_file, load_text

CLINIC = "clinics/cedar-path/clinic.yaml"


def set_key(data: Path, old: str, new: str) -> str:
    """Replace text of the clinic file; return where the first new line's value starts, as file:line:col."""
    clinic = data / CLINIC
    text = clinic.read_text(encoding="utf-8")
    assert old in text
    clinic.write_text(text.replace(old, new, 1), encoding="utf-8")
    first = new.split("\n")[0]
    line = line_of(clinic, first)
    column = clinic.read_text(encoding="utf-8").splitlines()[line - 1].index(first.split(": ", 1)[1]) + 1
    return f"{CLINIC}:{line}:{column}"


# -- file references of a clinic ------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "what"), [
    ("logo: logo.svg", "logo: /etc/hostname.svg", "logo '/etc/hostname.svg'"),
    ("favicon: favicon.svg", "favicon: ../../../../../secret.svg", "favicon '../../../../../secret.svg'"),
    ("file: fonts/DejaVuSerif.woff2", "file: /usr/share/fonts/x.woff2", "font file '/usr/share/fonts/x.woff2'"),
    ("favicon: favicon.svg", "share_image: ../../secret.png\n  favicon: favicon.svg", "share image '../../secret.png'"),
], ids=["absolute-logo", "dotdot-favicon", "absolute-font", "dotdot-share-image"])
def test_a_reference_out_of_the_clinic_folder_is_a_located_error(data: Path, old: str, new: str, what: str) -> None:
    at = set_key(data, old, new)
    found = problems(data)
    assert len(found) == 1, found
    assert found[0].startswith(f"{at}: error: the {what} is outside the clinic folder"), found


def test_a_linked_folder_does_not_lead_out_of_the_clinic_folder(data: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.woff2").write_bytes(b"wOF2")
    (data / "clinics/cedar-path/linked").symlink_to(elsewhere, target_is_directory=True)
    at = set_key(data, "file: fonts/DejaVuSerif.woff2", "file: linked/x.woff2")
    found = problems(data)
    assert len(found) == 2, found
    assert found[0].startswith(f"{at}: error: the font file 'linked/x.woff2' is, through a link, outside the "
                               "clinic folder"), found
    assert found[1].startswith("clinics/cedar-path/linked:1:1: error: this is a link to something outside "
                               "the data folder"), found


def test_a_linked_logo_file_is_refused(data: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.svg"
    secret.write_text("<svg/>")
    logo = data / "clinics/cedar-path/logo.svg"
    logo.unlink()
    logo.symlink_to(secret)
    at = set_key(data, "logo: logo.svg", "logo: logo.svg")
    found = problems(data)
    assert any(f.startswith(f"{at}: error: the logo 'logo.svg' is, through a link, outside the clinic folder")
               for f in found), found


def test_a_link_inside_the_data_folder_is_allowed(data: Path) -> None:
    (data / "clinics/cedar-path/logo-link.svg").symlink_to("logo.svg")
    set_key(data, "logo: logo.svg", "logo: logo-link.svg")
    assert problems(data) == []


@pytest.mark.parametrize("link", ["therapies/stolen.yaml", "clinics/stolen"])
def test_a_data_file_or_folder_linked_from_outside_is_refused(data: Path, tmp_path: Path, link: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "stolen.yaml").write_text("name: Stolen\n", encoding="utf-8")
    (data / link).symlink_to(outside / "stolen.yaml" if link.endswith(".yaml") else outside)
    found = problems(data)
    assert found == [f"{link}:1:1: error: this is a link to something outside the data folder; it is not read\n"
                     "    hint: copy the file into the data folder instead"], found


def test_writers_refuse_a_target_outside_their_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert paths.inside(out, out / "harbor-light" / "pasadena") == out / "harbor-light" / "pasadena"
    with pytest.raises(RuntimeError, match="outside"):
        paths.inside(out, out / ".." / "elsewhere")
    (out / "link").symlink_to(tmp_path, target_is_directory=True)
    with pytest.raises(RuntimeError, match="outside"):
        paths.inside(out, out / "link" / "index.html")


# -- YAML limits --------------------------------------------------------------------------


def _laughs(levels: int) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        name, previous = chr(ord("a") + i), chr(ord("a") + i - 1)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_expansion_stops_at_the_node_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[int] = []
    real = loader._Builder.build

    def counting(self: loader._Builder, node: object, path: tuple) -> object:
        built.append(1)
        return real(self, node, path)  # type: ignore[arg-type]

    monkeypatch.setattr(loader._Builder, "build", counting)
    with pytest.raises(LoadError) as caught:
        load_text(_laughs(9), Path("bomb.yaml"))  # 9**9 values once expanded
    d = caught.value.diagnostic
    assert (d.line, d.col) == (2, 8)  # the first *alias
    assert d.message == f"the file expands to more than {loader.MAX_NODES:,} values".replace(",", "")
    # the work is bounded by the limit, not by the 387 million values the file describes
    assert len(built) == loader.MAX_NODES + 1


def test_nesting_is_limited() -> None:
    with pytest.raises(LoadError) as caught:
        load_text("a: " + "[" * (loader.MAX_DEPTH + 5) + "]" * (loader.MAX_DEPTH + 5) + "\n", Path("deep.yaml"))
    assert caught.value.diagnostic.message == f"the data is nested more than {loader.MAX_DEPTH} levels deep"


def test_a_file_over_the_size_limit_is_not_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "big.yaml"
    file.write_text("a: 1\n" + "#" * loader.MAX_FILE_BYTES + "\n", encoding="utf-8")
    monkeypatch.setattr(loader, "load_text", lambda *_: pytest.fail("a file over the limit was parsed"))
    with pytest.raises(LoadError) as caught:
        load_file(file)
    d = caught.value.diagnostic
    assert (d.line, d.col) == (1, 1)
    assert d.message == f"the file is {loader.MAX_FILE_BYTES + 6:,} bytes; the limit is {loader.MAX_FILE_BYTES:,}"


def test_non_utf8_is_reported_at_the_byte(tmp_path: Path) -> None:
    file = tmp_path / "latin1.yaml"
    file.write_bytes(b"name: CBT\nsummary: caf\xe9 au lait\n")
    with pytest.raises(LoadError) as caught:
        load_file(file)
    d = caught.value.diagnostic
    assert (d.line, d.col) == (2, 13)
    assert d.message == "the file is not UTF-8 text (byte 22 is 0xe9)"


@pytest.mark.parametrize(("text", "message"), [
    ("a: 1\nb: 2\na: 3\n", "duplicate key 'a' (first set at line 1)"),
    ("a: !!python/object/apply:os.system [echo hi]\n", "the tag '!!python/object/apply:os.system' is not allowed"),
    ("a: !custom x\n", "the tag '!custom' is not allowed"),
])
def test_unsafe_or_ambiguous_yaml_is_refused(text: str, message: str) -> None:
    with pytest.raises(LoadError) as caught:
        load_text(text, Path("x.yaml"))
    assert caught.value.diagnostic.message == message


# -- leftovers of a killed build ----------------------------------------------------------


def test_leftovers_are_removed_and_a_site_moved_aside_is_put_back(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "clinic" / ".iop-tmp-gone-old-123").mkdir(parents=True)  # killed between the two renames
    (out / "clinic" / ".iop-tmp-gone-old-123" / "index.html").write_text("old")
    (out / "clinic" / ".iop-tmp-here-abc_12").mkdir()  # a half-built fresh folder
    (out / "clinic" / "here").mkdir()
    (out / "clinic" / ".iop-tmp-x-old-y-abc").mkdir()  # a fresh folder of a site named x-old-y
    (out / ".index.html.77").write_text("half")
    (out / ".build-report.json.77").write_text("half")
    publish.clean_leftovers(out)
    assert sorted(p.name for p in out.rglob("*")) == ["clinic", "gone", "here", "index.html"]
    assert (out / "clinic" / "gone" / "index.html").read_text() == "old"


def test_a_swap_replaces_the_whole_folder(tmp_path: Path) -> None:
    fresh, destination = tmp_path / ".iop-tmp-site-abc", tmp_path / "site"
    fresh.mkdir()
    (fresh / "index.html").write_text("new")  # a complete site: swap_in refuses a folder without its index.html
    destination.mkdir()
    (destination / "old.html").write_text("old")
    publish.swap_in(fresh, destination)
    assert [p.name for p in tmp_path.rglob("*")] == ["site", "index.html"]
    assert (destination / "index.html").read_text() == "new"
