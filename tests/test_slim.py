"""Slim sites: no source maps, only the search languages a site uses, no theme file no page needs."""

from __future__ import annotations

import json
import os
import re
import statistics
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import material
import pytest
from bs4 import BeautifulSoup
from conftest import DEMO_SITES

from generator.build.slim import LUNR, needed_lunr, trimmed

THEME = Path(material.__file__).parent / "templates"
MB = 1_000_000


def site_files(site: Path) -> list[Path]:
    return [path for path in site.rglob("*") if path.is_file()]


def test_built_sites_carry_no_source_maps_and_no_comment_naming_one(built: Path) -> None:
    for key in DEMO_SITES:
        files = site_files(built / key)
        assert [f for f in files if f.suffix == ".map"] == []
        named = [f for f in files if f.suffix in (".js", ".css") and b"sourceMappingURL" in f.read_bytes()]
        assert named == [], "browser tools would ask for maps that are not there"


def test_an_english_site_carries_no_search_stemmer_and_the_theme_has_them(built: Path) -> None:
    for key in DEMO_SITES:
        assert not (built / key / LUNR).exists(), key
        if (built / key / "es").is_dir():  # the Spanish guide carries Spanish only
            lunr = built / key / "es" / LUNR
            kept = sorted(p.relative_to(lunr).as_posix() for p in site_files(lunr))
            assert kept == ["min/lunr.es.min.js", "min/lunr.stemmer.support.min.js"], kept
    # the site really did leave them out: the theme ships them
    assert (THEME / LUNR / "wordcut.js").is_file() and (THEME / LUNR / "min/lunr.es.min.js").is_file()


def test_the_search_worker_of_each_site_is_kept_and_the_pages_start_it_through_the_stemming_one(
        built: Path) -> None:
    for key in DEMO_SITES:
        spanish = built / key / "es"
        for site in [built / key] + ([spanish] if spanish.is_dir() else []):
            folder = site / "assets/javascripts/workers"
            workers = [path.name for path in folder.glob("search.*.min.js")]
            assert len(workers) == 1, site
            config = json.loads(BeautifulSoup((site / "weeks/week-2.html").read_text(encoding="utf-8"),
                                              "html.parser").find("script", id="__config").string)
            started = urlsplit(config["search"])
            assert started.path == "../assets/javascripts/workers/stemmed-search.js", config["search"]
            assert parse_qs(started.query) == {"material": workers}, "it loads the theme's own worker, kept beside it"
            assert (folder / "stemmed-search.js").is_file()


def test_the_theme_worker_still_works_the_way_the_stemming_worker_assumes() -> None:
    # stemmed-search.js listens before Material does, and finds lunr and its languages on self
    worker = next((THEME / "assets/javascripts/workers").glob("search.*.min.js")).read_text(encoding="utf-8")
    for piece in ('addEventListener("message"', "self.lunr=", "this.searchPipeline.remove", "case 2:", "case 0:"):
        assert piece in worker, piece
    # and it adds the trailing wildcard that keeps lunr from stemming a query on its own
    assert "`${r}*`" in worker


@pytest.mark.parametrize(("langs", "expected"), [
    (["en"], set()),
    (["es"], {"min/lunr.stemmer.support.min.js", "min/lunr.es.min.js"}),
    (["en", "es"], {"min/lunr.stemmer.support.min.js", "min/lunr.es.min.js", "min/lunr.multi.min.js"}),
    (["ja"], {"min/lunr.stemmer.support.min.js", "min/lunr.ja.min.js", "tinyseg.js"}),
    (["th"], {"min/lunr.stemmer.support.min.js", "min/lunr.th.min.js", "wordcut.js"}),
])
def test_the_search_files_kept_are_those_the_theme_loads(langs: list[str], expected: set[str]) -> None:
    assert needed_lunr(langs) == expected
    assert all((THEME / LUNR / name).is_file() for name in expected), "the theme has each file kept"


def test_the_theme_worker_still_loads_search_languages_the_way_the_plugin_assumes() -> None:
    # if Material changes which files its worker loads, the plugin's rule must change with it
    worker = next((THEME / "assets/javascripts/workers").glob("search.*.min.js")).read_text(encoding="utf-8")
    for piece in ("/tinyseg.js", "/wordcut.js", "/min/lunr.${", ".min.js", "/min/lunr.multi.min.js",
                  "/min/lunr.stemmer.support.min.js", 'case"ja"', 'case"th"', 'case"hi"', '!=="en"'):
        assert piece in worker, piece


def test_the_median_location_site_is_at_most_2_mb(built: Path) -> None:
    # one MkDocs site each: a guide in two languages is two sites (es/ below the English) of its own size
    languages = [(built / key, built / key / "es") for key in DEMO_SITES]
    sizes = [sum(os.path.getsize(f) for f in site_files(site) if not f.is_relative_to(spanish)) for site, spanish in
             languages] + [sum(os.path.getsize(f) for f in site_files(spanish)) for _, spanish in languages
                           if spanish.is_dir()]
    assert len(sizes) == 5 and statistics.median(sizes) <= 2 * MB, sizes


def test_trimming_a_page_keeps_what_it_shows_and_what_keeps_its_spaces() -> None:
    kept = ['<pre><code>  two\n    four</code></pre>', '<code>a  \n   b</code>', '<textarea>\n  x</textarea>',
            '<script>\n  var a = "  b";\n</script>', '<style>\n  p { color: red }\n</style>']
    page = ("<html>\n  <body>\n\n    <p>\n      Words\n      <a href=x>and a link</a>\n    </p>\n    "
            + "\n    ".join(kept) + "\n  </body>\n</html>\n")
    made = trimmed(page)
    rest = made
    for element in kept:
        assert element in made
        rest = rest.replace(element, "")
    assert len(made) < len(page) and "\n " not in rest and "\n\n" not in made
    text = BeautifulSoup(page, "html.parser").get_text(" ")
    assert " ".join(BeautifulSoup(made, "html.parser").get_text(" ").split()) == " ".join(text.split())


def test_built_pages_carry_no_indentation_outside_what_keeps_its_spaces(built: Path) -> None:
    page = (built / DEMO_SITES[0] / "weeks/week-1.html").read_text(encoding="utf-8")
    assert page == trimmed(page), "the plugin trimmed it (trimming again changes nothing)"
    outside = re.sub(r"<(pre|code|textarea|script|style)\b.*?</\1\s*>", "", page, flags=re.S)
    assert "\n " not in outside and "\n\t" not in outside
