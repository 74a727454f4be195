"""Every internal link and anchor of a built site resolves; external links are listed in the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DEMO_SITES
from support.commands import iop
from support.files import tree_hash

from generator.build import linkcheck, output
from generator.diagnostics import SiteBuildError


@pytest.mark.parametrize("site", DEMO_SITES)
def test_the_demo_sites_have_no_broken_links(built: Path, site: str) -> None:
    report = linkcheck.scan(built / site)
    assert report.broken == []
    maps = [url for url in report.external if url.startswith("https://www.openstreetmap.org/")]
    # the contact page of each language the guide is published in (es/ below the English)
    contacts = ["contact.html", *(f"{code}/contact.html" for code in ("es",) if (built / site / code).is_dir())]
    assert len(maps) == 1 and report.external[maps[0]] == contacts
    assert "404.html" in report.external["tel:988"]  # 404.html is read too
    # the site's own address (canonical links) is checked as internal, never listed as external
    assert not any(url.startswith("https://guide.") for url in report.external)


def test_the_build_report_lists_each_sites_external_links(built: Path) -> None:
    entries = {entry["site"]: entry for entry in json.loads((built / "build-report.json").read_text())["sites"]}
    links = entries["harbor-light/pasadena"]["external_links"]
    assert links["https://www.openstreetmap.org/?mlat=34.1561&mlon=-118.1545#map=18/34.1561/-118.1545"] == [
        "contact.html", "es/contact.html"]
    assert links == dict(sorted(links.items()))
    assert "tel:988" in entries["cedar-path/sacramento"]["external_links"]


def page(folder: Path, name: str, body: str) -> None:
    file = folder / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(f"<!doctype html><html><head></head><body>{body}</body></html>", encoding="utf-8")


def test_a_hand_made_site(tmp_path: Path) -> None:
    page(tmp_path, "index.html", '<link rel="canonical" href="https://guide.example/here/index.html">'
                                 '<h2 id="top">Top</h2><a href="weeks/">weeks</a> <a href="gone.html">gone</a>'
                                 '<a href="weeks/week-1.html#goals">ok</a> <a href="weeks/week-1.html#nope">x</a>'
                                 '<a href="https://www.openstreetmap.org/?a=1&amp;b=2">map</a> <a href="#top">up</a>'
                                 '<a href="mailto:care@clinic.example">mail</a> <a href="javascript:alert(1)">js</a>'
                                 '<img src="data:image/png;base64,AAAA" alt=""> <a href="../../escape.html">out</a>')
    page(tmp_path, "weeks/index.html", '<a href="../index.html#top">home</a> <a href="../weeks">dir</a>')
    page(tmp_path, "weeks/week-1.html", '<h2 id="goals">Goals</h2><a name="old">old</a>'
                                        '<a href="../index.html?x=1#top">home</a> <a href="#old">old</a>'
                                        '<script src="../assets/app.js"></script>')
    page(tmp_path, "404.html", '<a href="/here/weeks/week-1.html#goals">abs</a> <a href="/here/missing.html">no</a>'
                               '<a href="https://guide.example/here/index.html">self</a>')
    report = linkcheck.scan(tmp_path)
    assert report.broken == [
        "404.html: broken link to /here/missing.html (no such file)",
        "index.html: broken link to gone.html (no such file)",
        "index.html: broken link to weeks/week-1.html#nope (no #nope in weeks/week-1.html)",
        "index.html: broken link to javascript:alert(1) (javascript: links are not allowed)",
        "index.html: broken link to ../../escape.html (outside the site)",
        "weeks/week-1.html: broken link to ../assets/app.js (no such file)",
    ]
    assert report.external == {"https://www.openstreetmap.org/?a=1&b=2": ["index.html"],
                               "mailto:care@clinic.example": ["index.html"]}
    with pytest.raises(SiteBuildError) as failure:
        linkcheck.check(tmp_path, "clinic/here")
    assert failure.value.site == "clinic/here"
    assert failure.value.output.splitlines() == report.broken


def test_a_site_without_site_url_roots_404_links_at_the_folder(tmp_path: Path) -> None:
    page(tmp_path, "index.html", '<h1 id="home">Home</h1>')
    page(tmp_path, "404.html", '<a href="/index.html#home">home</a> <a href="/nowhere.html">no</a>')
    assert linkcheck.scan(tmp_path).broken == ["404.html: broken link to /nowhere.html (no such file)"]


def test_a_template_that_writes_a_broken_link_fails_its_site_and_keeps_the_old_one(workdir: Path) -> None:
    site = "harbor-light/pasadena"
    # what is online now, in an output folder of earlier builds; one build is enough to show that it stays
    page(workdir / "site" / site, "index.html", "<p>The site as it was</p>")
    (workdir / "site" / output.MARKER).write_text(output.MARKER_TEXT, encoding="utf-8")
    before = tree_hash(workdir / "site" / site)
    template = workdir / "content/contact.md.jinja"
    template.write_text(template.read_text(encoding="utf-8") + '\n<a href="nowhere.html">Nowhere</a>\n',
                        encoding="utf-8")
    result = iop(workdir, "build", "--site", site)
    assert result.returncode == 1
    # check renders every page before the build: the link is found at the template line that writes it
    line = len(template.read_text(encoding="utf-8").splitlines())
    assert (f"content/contact.md.jinja:{line}:10: error: the page contact.md links to 'nowhere.html', which is not "
            "a page of this site") in result.stderr
    assert tree_hash(workdir / "site" / site) == before
    assert not list((workdir / "site").rglob(".iop-tmp-*"))
    report = json.loads((workdir / "site/build-report.json").read_text(encoding="utf-8"))
    assert {entry["site"]: entry for entry in report["sites"]}[site]["last_result"] == "failed"
