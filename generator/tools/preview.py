"""One rebuild of the live preview: the site reviewed in memory, written, built, then shown in one step.

Each rebuild runs the same review as `check` and `build` (load, validate, plan,
render and prove the pages in memory) for the one site previewed. A site that
can be shown is written into a new staging folder, a project for each of its
guide languages, and built by MkDocs into a new site folder, the English at its
root and each other language below it (es/), as `build` lays them out. Only
then does the link the server serves through, `current`, move to it, in one
rename. So MkDocs never reads a folder being written, and a request
gets the old site or the new one, never half of each. Anything that stops the
guide (errors in the files the site needs, a link the proof refuses, an MkDocs
warning in strict mode, a bug of ours) becomes the page of errors instead, each
problem where it is, until the next good save. Older folders are removed.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
import traceback
import unicodedata
from collections.abc import Callable
from functools import partial
from pathlib import Path, PurePosixPath

import yaml

from generator import pipeline
from generator.build import mkdocs_worker
from generator.diagnostics import Diagnostic, errors_in, for_terminal
from generator.paths import Project
from generator.render.site import GENERATED, render_languages
from generator.render.templates import environment
from generator.render.words import SOURCE

_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ")
_SAID = 300  # characters of an unexpected error's message worth a line


def inert(text: str) -> str:
    """Write text as HTML character references but for letters, digits and spaces, so no Markdown or HTML can form."""

    # line breaks become references too, so the text fits on one line of a raw <pre> block
    def one(c: str) -> str:
        if c in _PLAIN:
            return c
        if unicodedata.category(c) == "Cc" and c not in "\n\t":
            c = "\ufffd"  # a control character has no shape: show that something was there
        return f"&#{ord(c)};"

    return "".join(one(c) for c in text)


def one_line(error: BaseException) -> str:
    """Name an exception and its message on one short line that is safe to print."""
    said = " ".join(str(error).split())
    said = said if len(said) <= _SAID else said[:_SAID] + "..."
    return for_terminal(f"{type(error).__name__}: {said}" if said else type(error).__name__)


def show_errors(project: Project, staging: Path, problems: list[str], frame: Path | None = None,
                plain: bool = False) -> dict[str, str]:
    """Write into staging (empty) a project whose pages list the problems, each shown as plain text.

    With frame, the staging folder of the guide shown last, the page keeps its
    look (name, colors, logo), and every address of the guide still answers: one
    page a folder is built, and copy_pages gives each other page of that folder
    its copy (the same folder, so the same relative links). This returns those
    others, each with the page that stands for it. Without a frame, the project
    is bare: one page; plain, it does without the project's MkDocs settings and
    overrides too, for when they are what MkDocs refuses.
    """
    page = environment(project.content).get_template("errors.md.jinja").render(
        count=len(problems), diagnostics=[inert(problem) for problem in problems])
    docs = staging / "docs"
    guide: list[PurePosixPath] = []
    config: dict[str, object] = {"site_name": "Preview", "docs_dir": "docs", "theme": {"name": "material"}}
    if frame is None and not plain:
        shutil.copyfile(project.base_config, staging / "base.yml")
        shutil.copytree(project.overrides, staging / "overrides", dirs_exist_ok=True)
        config = {"INHERIT": "base.yml", "site_name": "Preview", "docs_dir": "docs"}
    elif frame is not None:
        shutil.copytree(frame, staging, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.md"))
        config = yaml.safe_load((frame / "mkdocs.yml").read_text(encoding="utf-8"))
        config.pop("nav", None)  # it names every page of the guide; MkDocs lists the pages built
        guide = sorted(PurePosixPath(p.relative_to(frame / "docs").as_posix()) for p in (frame / "docs").rglob("*.md"))
    (staging / "mkdocs.yml").write_text(GENERATED + yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    # building every page of the guide as a copy of the same page was most of the time the list took to show
    built: dict[PurePosixPath, PurePosixPath] = {}
    for path in guide or [PurePosixPath("index.md")]:
        built.setdefault(path.parent, path)
    for path in built.values():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
    return {str(path): str(built[path.parent]) for path in guide if built[path.parent] != path}


def copy_pages(site: Path, others: dict[str, str]) -> None:
    """Give each page show_errors left out the built copy of the page that stands for it."""
    for path, source in others.items():
        target = site / (path.removesuffix(".md") + ".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(site / (source.removesuffix(".md") + ".html"), target)


def build_site(staging: Path, site: Path, url: str) -> list[str]:
    """Build a staging project with MkDocs (strict) into site for the preview at url; [] when it was built.

    Else the list of what MkDocs said stopped it, one problem a line.
    """
    # served at the root, whatever the site's public address, so the preview URL stays simple
    made = mkdocs_worker.run(staging, site, serve_url=url, site_url=url)
    if made.ok:
        return []
    said = [f"MkDocs: {' '.join(message.split())}" for _, message in made.said]
    stopped = " ".join((made.stopped or "").split())
    if stopped.startswith("Aborted: "):
        return [*said, for_terminal(f"MkDocs: {stopped.removeprefix('Aborted: ')}")]
    stopped = stopped if len(stopped) <= _SAID else stopped[:_SAID] + "..."
    return [*said, for_terminal(f"MkDocs could not build the site: {stopped}")]


def languages(staging: Path) -> list[tuple[str, Path]]:
    """The guide's languages in a staging folder of the preview: (folder below the site, its project), English first.

    English is built at the site's root, the others below it (es/), as `build` lays them out; English
    first, since MkDocs empties the folder it builds into.
    """
    others = sorted(path for path in staging.iterdir() if path.is_dir() and path.name != SOURCE)
    return [("", staging / SOURCE), *((path.name, path) for path in others)]


def build_languages(staging: Path, site: Path, url: str, copies: dict[str, dict[str, str]] | None = None) -> list[str]:
    """Build each language of a staging folder into site (English at its root); what stopped it, or [].

    copies: for a page of errors, the pages of each language (by its folder) that show_errors left out.
    """
    for below, project in languages(staging):
        folder = site / below if below else site
        problems = build_site(project, folder, f"{url}{below}/" if below else url)
        if problems:
            return problems
        copy_pages(folder, (copies or {}).get(below, {}))
    return []


class Versions:
    """The preview's own folder: numbered staging and site folders, and `current`, the link the server serves."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="iop-serve-"))
        self.current = self.folder / "current"
        self._numbers = itertools.count(1)
        # the staging folder of the guide shown last (a project a language): the page of errors keeps its
        # pages and look
        self.frame: Path | None = None

    def new(self) -> tuple[Path, Path]:
        """A new empty staging folder, and the site folder it is to be built into (not made yet)."""
        number = next(self._numbers)
        staging = self.folder / f"stage-{number}"
        staging.mkdir()
        return staging, self.folder / f"site-{number}"

    def switch(self, site: Path) -> None:
        """Serve site from now on: the link is replaced by one rename, so no request sees a mix."""
        link = self.folder / "current-next"
        link.unlink(missing_ok=True)
        link.symlink_to(site.name)
        os.replace(link, self.current)

    def prune(self) -> None:
        """Remove every folder but the site served and the frame."""
        keep = {self.current, self.frame}
        if self.current.is_symlink():
            keep.add(self.folder / os.readlink(self.current))
        for path in self.folder.iterdir():
            if path in keep:
                continue
            if path.is_symlink():
                path.unlink(missing_ok=True)
            else:
                shutil.rmtree(path, ignore_errors=True)

    def remove(self) -> None:
        """Delete the whole folder."""
        shutil.rmtree(self.folder, ignore_errors=True)


def blocking(plan: pipeline.Plan, key: str) -> tuple[list[str], pipeline.SitePlan | None]:
    """The problems that keep a site from being shown, each located and formatted, or none and its plan."""
    # the plan's diagnostics carry the lines of source they point at: show those
    quoted: dict[Diagnostic, Diagnostic] = {d: d for d in plan.diagnostics}
    site = next((site for site in plan.sites if site.key == key), None)
    if site is None:
        gone = pipeline.no_site(key, [site.key for site in plan.sites])
        return [d.format(source=True) for d in errors_in(plan.diagnostics)] + [f"error: {gone}"], None
    if site.spec is None:
        return [quoted.get(d, d).format(source=True) for d in site.errors], None
    return [], site


class Preview:
    """One site's preview: its folder of versions, and the rebuild that makes the next one."""

    def __init__(self, project: Project, data_dir: Path, key: str, address: str,
                 echo: Callable[[str], None]) -> None:
        self.project, self.key, self.echo = project, key, echo
        self.url = f"http://{address}/"
        # the same review as check and build, rendering only this site
        self.review: Callable[[], pipeline.Plan] = partial(pipeline.review, data_dir, project=project, wanted=[key])
        self.versions = Versions()

    @property
    def site(self) -> Path:
        """The folder the server serves: a link to the version shown."""
        return self.versions.current

    def build(self) -> bool:
        """Make the next version: the guide, else the page of errors. True when the guide is shown."""
        problems = self._guide()
        if problems:
            for problem in problems:
                self.echo(for_terminal(problem, lines=True))
            self.echo(f"{len(problems)} problem(s): the preview lists them until a save fixes them")
            self._errors(problems)
        self.versions.prune()
        return not problems

    def _guide(self) -> list[str]:
        """Review, write and build the site, then show it; what stopped it, or [] when it is shown."""
        try:
            plan = self.review()
            problems, site = blocking(plan, self.key)
            if site is None or site.spec is None:
                return problems
            staging, target = self.versions.new()
            # every guide language, each a project of its own, as `build` makes them (es/ below the English)
            render_languages([site.spec, *site.translations], self.project, environment(self.project.content),
                             staging, site.renders)
            problems = build_languages(staging, target, self.url)
        except Exception as e:  # a slip in a template, or a bug of ours: one line, and the preview goes on
            if os.environ.get("IOP_GUIDE_DEBUG"):
                traceback.print_exc()
            return [f"error: the site could not be rendered: {one_line(e)} (set IOP_GUIDE_DEBUG=1 to see where)"]
        if not problems:
            self.versions.switch(target)
            self.versions.frame = staging
            self._warn(plan, site)
        return problems

    def _warn(self, plan: pipeline.Plan, site: pipeline.SitePlan) -> None:
        """Say the warnings `check` says about this site's files and pages, once for each version shown."""
        mine, others = pipeline.site_warnings(plan, site)
        for warning in mine:
            self.echo(for_terminal(warning.format(source=True), lines=True))
        if mine:
            self.echo(f"{len(mine)} warning(s) in what this site is made from: the guide is shown all the same")
        elsewhere = len(errors_in(plan.diagnostics))
        if elsewhere or others:
            self.echo(f"note: the data has {elsewhere} error(s) and {others} warning(s) in files this site "
                      "does not use; `iop-guide check` lists them")

    def _errors(self, problems: list[str]) -> None:
        """Show the page of errors in the guide's last look, else bare, else plain; else keep what is shown.

        In the guide's look, every address of every language of it answers with the list.
        """
        failed: list[str] = []
        bare: list[tuple[str, Path | None]] = [("", None)]
        frames: list[tuple[str, Path | None]] = [*languages(self.versions.frame)] if self.versions.frame else []
        for looks, plain in [(frames, False), (bare, False), (bare, True)]:
            if not looks:
                continue
            staging, target = self.versions.new()
            try:
                copies = {below: self._list(staging / (below or SOURCE), problems, frame, plain)
                          for below, frame in looks}
                failed = build_languages(staging, target, self.url, copies)
            except Exception as e:  # the page of errors is a template too: it can be broken
                failed = [one_line(e)]
            if not failed:
                self.versions.switch(target)
                return
        self.echo(f"error: nor could the page that lists them be built: {for_terminal(failed[0])}; "
                  "the preview keeps its last version")

    def _list(self, staging: Path, problems: list[str], frame: Path | None, plain: bool) -> dict[str, str]:
        """Write one language's page of errors into its new staging folder; the pages it stands for."""
        staging.mkdir()
        return show_errors(self.project, staging, problems, frame, plain)

    def remove(self) -> None:
        """Delete the preview's folder."""
        self.versions.remove()
