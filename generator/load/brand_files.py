"""Brand files (logo, favicon, share image, fonts): one checked reader, used by `check` and by render alike.

A brand file is taken only from inside its clinic's folder, only if it is a
regular file no larger than its kind's cap (known from os.stat before a byte is
read), only if its bytes are what its name says (PNG, JPEG, ICO, WOFF and WOFF2
by their first bytes, SVG by parsing it) and, for SVG, only if it holds nothing
that runs code or loads anything. `check` reports what this reader refuses;
render publishes the very bytes it returns, so what is published is what was checked.

Unsafe SVG is refused, not cleaned. Cleaning would publish a file nobody saw
(what was drawn may change), and SVG cleaners have a long history of being
bypassed (namespaces, entities, CSS escapes). A logo never needs a script, a link
or a picture from elsewhere, so it is simpler and safer to say what was found and
let the person export the drawing again. The parser refuses DTDs, so entity
tricks cannot hide anything from the checks below. Elements are allowed from a
list (drawing, text, paint servers, clipping, filters), not blocked from one:
an element that browsers may one day give a behaviour is refused until it is added here.
"""

from __future__ import annotations

import errno
import math
import os
import re
import stat
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import defusedxml
from defusedxml.ElementTree import DefusedXMLParser

KB = 1024
MB = 1024 * KB


@dataclass(frozen=True)
class Kind:
    """What one kind of brand file may be: its suffixes, the largest size, how to name and shrink it."""

    what: str
    suffixes: tuple[str, ...]
    label: str
    example: str
    cap: int
    smaller: str


LOGO = Kind("logo", (".svg", ".png"), "SVG or PNG", "logo.svg", 1 * MB,
            "save it smaller: the header shows it about 48 pixels tall")
FAVICON = Kind("favicon", (".svg", ".png", ".ico"), "SVG, PNG or ICO", "favicon.svg", 256 * KB,
               "save it smaller: browsers show it 16 to 32 pixels wide")
# social sites and search engines show PNG and JPEG pictures, not SVG
SHARE_IMAGE = Kind("share image", (".png", ".jpg", ".jpeg"), "PNG or JPEG", "share.png", 1 * MB,
                   "save it at 1200 by 630 pixels, or as a JPEG")
# pictures that data text shows on a page, from the folder the clinic declares (brand.pictures)
PICTURE = Kind("picture", (".png", ".jpg", ".jpeg", ".svg"), "PNG, JPEG or SVG", "group-room.jpg", 1 * MB,
               "save it smaller: a page shows a picture at most about 700 pixels wide")
FONT = Kind("font file", (".woff2", ".woff"), "WOFF2 or WOFF", "fonts/MyFont-Regular.woff2", 512 * KB,
            "use a WOFF2 subset of the font that holds only the letters the site needs")

# the first bytes of each kind of file, by suffix
_MAGIC = {".png": (b"\x89PNG\r\n\x1a\n", "PNG"), ".jpg": (b"\xff\xd8\xff", "JPEG"), ".jpeg": (b"\xff\xd8\xff", "JPEG"),
          ".ico": (b"\x00\x00\x01\x00", "ICO"), ".woff": (b"wOFF", "WOFF"), ".woff2": (b"wOF2", "WOFF2")}


class BrandFileError(Exception):
    """Raised when a brand file may not be published: says what is wrong and how to fix it."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message = message
        self.hint = hint


def read(folder: Path, name: str, kind: Kind) -> bytes:
    """Return the bytes of a brand file named in a clinic file, once they pass every check."""
    path = _inside(folder, name, kind)
    suffix = Path(name).suffix.lower()
    if suffix not in kind.suffixes:
        kinds = " or ".join(", ".join(kind.suffixes).rsplit(", ", 1))
        raise BrandFileError(f"the {kind.what} '{name}' must be an {kinds} file",
                             f"save the {kind.what} as {kind.label} in the clinic folder and name that file")
    data = _read_capped(path, folder, name, kind)
    problem = check_svg(data) if suffix == ".svg" else _magic_problem(data, suffix)
    if problem:
        message, hint = problem
        raise BrandFileError(f"the {kind.what} '{name}' {message}", hint)
    return data


def picture_folder(clinic_folder: Path, name: str) -> Path:
    """The clinic's pictures folder, once it is a folder inside the clinic folder."""
    what = Kind("pictures folder", (), "folder", "pictures", 0, "")
    path = _inside(clinic_folder, name, what)
    if not path.exists():
        raise BrandFileError(f"the pictures folder '{name}' does not exist",
                             f"make the folder {clinic_folder.name}/{name}/ and put the pictures in it")
    if not path.is_dir():
        raise BrandFileError(f"the pictures folder '{name}' is not a folder",
                             "name a folder in the clinic folder that holds the pictures, like 'pictures'")
    return path


def _lexically_inside(folder: Path, name: str) -> bool:
    """True if a name stays in the folder as written (no '..' out, not absolute): then a link leads out."""
    written = os.path.normpath(folder / name)
    return Path(written).is_relative_to(os.path.normpath(folder))


def _named(kind: Kind) -> str:
    """'logo file', 'font file': the kind's name with 'file' once."""
    return kind.what if kind.what.endswith(" file") else f"{kind.what} file"


def _unreadable(e: OSError, name: str, kind: Kind) -> BrandFileError:
    if e.errno == errno.ELOOP:
        return _loop(name, kind)
    return BrandFileError(f"the {kind.what} '{name}' cannot be read: {e.strerror or e}",
                          "check that the file can be opened, and its permissions")


def _loop(name: str, kind: Kind) -> BrandFileError:
    return BrandFileError(f"the {kind.what} '{name}' is a link that leads back to itself (a link loop)",
                          f"replace the link with the {kind.what} itself, in the clinic folder")


def _inside(folder: Path, name: str, kind: Kind) -> Path:
    """The file's real path, if it lies in the clinic folder."""
    try:
        # Python 3.11 raises RuntimeError on a link loop; later versions may raise OSError
        path = (folder / name).resolve()
        inside = path.is_relative_to(folder.resolve())
    except RuntimeError:
        raise _loop(name, kind) from None
    except OSError as e:
        raise _unreadable(e, name, kind) from None
    if not inside:
        # the file is copied into every site: never take a file from elsewhere on the disk,
        # not through '..', an absolute path or a link
        linked = ", through a link," if _lexically_inside(folder, name) else ""
        raise BrandFileError(f"the {kind.what} '{name}' is{linked} outside the clinic folder",
                             f"put the {kind.what} in the clinic folder, {folder.name}/, and write its file name, "
                             f"like '{kind.example}'")
    return path


def _size(size: int) -> str:
    """A size as people read it, rounded up so a file just over a cap never reads as the cap: '1.1 MB', '1 GB'."""
    for unit, name in ((1024 * MB, "GB"), (MB, "MB"), (KB, "KB")):
        if size >= unit:
            return f"{math.ceil(size * 10 / unit) / 10:.1f}".removesuffix(".0") + f" {name}"
    return f"{size} bytes"


def _not_regular(mode: int, name: str, kind: Kind) -> BrandFileError:
    what = "a folder" if stat.S_ISDIR(mode) else "a named pipe" if stat.S_ISFIFO(mode) else \
        "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else \
        "a special file"
    return BrandFileError(f"the {kind.what} '{name}' is {what}, not an ordinary file",
                          f"put the {_named(kind)} itself in the clinic folder and write its file name")


def _check_stat(info: os.stat_result, name: str, kind: Kind) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise _not_regular(info.st_mode, name, kind)
    if info.st_size > kind.cap:
        raise BrandFileError(f"the {kind.what} '{name}' is {_size(info.st_size)}; a {kind.what} may be at most "
                             f"{_size(kind.cap)}", kind.smaller)


def _read_capped(path: Path, folder: Path, name: str, kind: Kind) -> bytes:
    """Read a regular file of at most kind.cap bytes; never open anything else, never read more than the cap."""
    try:
        _check_stat(os.stat(path), name, kind)
        # a FIFO swapped in after the stat must not block the open; the resolved path has no link left
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise BrandFileError(f"the {_named(kind)} '{name}' does not exist",
                             f"put it in the clinic folder: {folder.name}/") from None
    except OSError as e:
        raise _unreadable(e, name, kind) from None
    try:
        with os.fdopen(fd, "rb") as file:
            _check_stat(os.fstat(file.fileno()), name, kind)
            data = file.read(kind.cap + 1)
    except OSError as e:
        raise _unreadable(e, name, kind) from None
    if len(data) > kind.cap:  # it grew after the stat
        raise BrandFileError(f"the {kind.what} '{name}' is larger than {_size(kind.cap)}", kind.smaller)
    return data


def _magic_problem(data: bytes, suffix: str) -> tuple[str, str] | None:
    """Why a file's first bytes are not those its suffix promises, or None."""
    magic, label = _MAGIC[suffix]
    if data.startswith(magic):
        return None
    found = next((f" (it is {other} content)" for other_magic, other in _MAGIC.values()
                  if data.startswith(other_magic)), "")
    if not found and data.lstrip()[:1] == b"<":
        found = " (it holds text such as a web page or SVG)"
    if not data:
        found = " (it is empty)"
    article = "an" if label[0] in "AEIOU" else "a"
    return (f"is not {article} {label} file{found}",
            f"save it again as {label} from a drawing or photo program, or give it the file name its kind has")


# -- SVG ---------------------------------------------------------------------------------------

SVG_NS = "http://www.w3.org/2000/svg"
XHTML_NS = "http://www.w3.org/1999/xhtml"
# what drawing programs add for themselves; browsers give these no behaviour
_EDITOR_NS = frozenset({
    "http://www.inkscape.org/namespaces/inkscape", "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://purl.org/dc/elements/1.1/", "http://creativecommons.org/ns#",
})
# drawing, text, reuse inside the file, paint servers, clipping and filters: nothing that runs, links or loads
_SVG_ELEMENTS = frozenset({
    "svg", "g", "defs", "symbol", "use", "switch", "title", "desc", "metadata", "style",
    "path", "circle", "ellipse", "rect", "line", "polyline", "polygon", "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feDropShadow", "feFlood",
    "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology",
    "feOffset",
})
_WHY = {
    "script": "a <script> element, which runs code",
    "foreignObject": "a <foreignObject> element, which can carry a web page with code",
    "a": "a link (an <a> element)",
    "image": "an <image> element, a picture inside the picture that may come from elsewhere",
    "feImage": "an <feImage> element, which loads a picture",
    "set": "an animation (<set>), which can change what the drawing links to",
    "animate": "an animation (<animate>), which can change what the drawing links to",
}
_HINT = ("export the drawing again as plain SVG with shapes and text only (no scripts, links, "
         "embedded pictures or animations), or use a PNG")
_BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
# browsers drop tab, newline and controls anywhere in an address
_DROPPED = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200d\ufeff]")
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\r\n\f]?|\\(.)", re.S)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.S)
_CSS_URL = re.compile(r"url\(\s*[\"']?\s*([^\"')\s]*)", re.I)
_CSS_IMAGE = re.compile(r"(?:^|[^\w-])((?:-webkit-)?image-set|image|cross-fade|-moz-element)\(", re.I)


def check_svg(data: bytes) -> tuple[str, str] | None:
    """Why an SVG may not be published (what was found, a hint), or None if it is a plain, safe drawing."""
    target = _Builder()
    parser = DefusedXMLParser(target=target, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        parser.feed(data)
        root = parser.close()
    except defusedxml.DTDForbidden:
        return ("has a <!DOCTYPE ...> declaration, which can hide content in entities",
                "delete the <!DOCTYPE ...> lines at the top of the file: browsers do not need them")
    except (defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden):
        return "declares entities, which can hide content", "export the drawing again as plain SVG"
    except etree.ParseError as e:
        return (f"is not a well-formed SVG file ({e})",
                "open it in a drawing program and save it again as SVG, or use a PNG")
    if target.instructions:
        return (f"holds the instruction '<?{target.instructions[0]} ...?>', which can load styles or code",
                f"delete that line from the file; {_HINT}")
    if root.tag != f"{{{SVG_NS}}}svg":
        return _not_svg(root.tag)
    return next(_problems(root), None)


class _Builder(etree.TreeBuilder):
    """A tree builder that also notes every processing instruction, even those outside the root element."""

    def __init__(self) -> None:
        super().__init__()
        self.instructions: list[str] = []

    def pi(self, target: str, text: str | None = None) -> etree.Element:  # type: ignore[override]
        self.instructions.append(target)
        return etree.Element("pi")


def _split(tag: str) -> tuple[str, str]:
    """(namespace, local name) of an ElementTree tag or attribute name."""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def _not_svg(tag: str) -> tuple[str, str]:
    namespace, local = _split(tag)
    if local == "svg" and not namespace:
        return ("is not an SVG drawing: its <svg> element lacks xmlns=\"http://www.w3.org/2000/svg\"",
                "add xmlns=\"http://www.w3.org/2000/svg\" to the <svg> tag at the top of the file")
    return (f"is not an SVG drawing: its outermost element is <{local}>, not <svg>",
            "save the picture as SVG from a drawing program, or use a PNG")


def _element_problem(tag: str) -> str | None:
    namespace, local = _split(tag)
    if namespace in _EDITOR_NS or (namespace == SVG_NS and local in _SVG_ELEMENTS):
        return None
    if namespace == SVG_NS:
        return _WHY.get(local, f"a <{local}> element, which a logo has no need of")
    if namespace == XHTML_NS:
        return f"an HTML <{local}> element, which can run code or load a page"
    return f"a <{local}> element from another language ({namespace or 'no namespace'})"


def _problems(root: etree.Element) -> Iterator[tuple[str, str]]:
    """What makes a parsed SVG unsafe, first found first."""
    for element in root.iter():
        found = _element_problem(element.tag)
        if found:
            yield f"holds {found}", _HINT
        for name, value in element.attrib.items():
            found = _attribute_problem(name, value)
            if found:
                yield found, _HINT
        if _split(element.tag) == (SVG_NS, "style"):
            found = _css_problem("".join(element.itertext()))
            if found:
                yield f"has a <style> element that {found}", _HINT


def _attribute_problem(name: str, value: str) -> str | None:
    """Why one attribute may not stay, or None."""
    _, local = _split(name)
    if local.lower().startswith("on"):
        return f"has an event handler ({local}=\"...\"), which runs code"
    if local.lower().startswith("aria-"):
        return None  # words for screen readers, never an address
    address = _DROPPED.sub("", value).lower()
    bad = next((s for s in _BAD_SCHEMES if address.startswith(s)), None)
    if bad:
        return f"has a {bad} address in {local}=\"...\", which can run code or carry a hidden page"
    if local == "href" and not value.strip().startswith("#"):
        return (f"links to '{_shown(value)}' (in {local}=\"...\"): a drawing may only point to its own parts, "
                "like \"#shape\"")
    found = _css_problem(value)
    return f"has an attribute {local}=\"...\" that {found}" if found else None


def _css_problem(css: str) -> str | None:
    """Why a piece of CSS (a <style> element, a style or paint attribute) may not stay, or None."""
    text = _CSS_COMMENT.sub("", _CSS_ESCAPE.sub(_unescape, css))
    if "@import" in text.lower():
        return "imports a style sheet (@import)"
    for match in _CSS_URL.finditer(text):
        if not match[1].startswith("#"):
            return f"loads '{_shown(match[1])}' through url(): only url(#id), a part of the same drawing, may be used"
    image = _CSS_IMAGE.search(text)
    if image:
        return f"loads a picture through {image[1]}()"
    return None


def _unescape(match: re.Match[str]) -> str:
    """A CSS escape as the character it stands for, as a browser reads it."""
    if match[1] is None:
        return match[2]
    code = int(match[1], 16)
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"


def _shown(text: str) -> str:
    """A value from the file for a one-line message: hidden characters as '?', at most 40 characters."""
    shown = "".join(c if c.isprintable() else "?" for c in text.strip())
    return shown if len(shown) <= 40 else shown[:39] + "…"
