"""Planning: the data loaded and checked, each site decided (buildable or blocked), its pages rendered and proven.

What `check`, the preview and `build` share before anything is written: the one
review of the data (pipeline.py builds from it).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.build import findings, fingerprint, outcome
from generator.diagnostics import DataError, Diagnostic, Severity, UsageError, errors_in, resolved_or_none
from generator.load.dataset import DataFile, DataSet, FileKind, load_dataset, with_source_lines
from generator.model.scalars import ID_RE
from generator.paths import Project
from generator.render.proving import prove_sites
from generator.render.site import Rendered
from generator.render.templates import environment
from generator.resolve import SiteSpec, needed_files, resolve
from generator.review import assess_sites, readability
from generator.translate.dataset import missing_warnings, translated
from generator.validate import validate


def check(data_dir: Path) -> tuple[DataSet, list[Diagnostic]]:
    """Load and validate the data folder (its translations too); return the data and every diagnostic, sorted."""
    data, problems = load_dataset(data_dir)
    problems += validate(data)
    for language in sorted({language for _, _, language in data.translations}):
        problems += translated(data, language).problems
    return data, sorted(with_source_lines(problems, data))


def site_keys(data: DataSet) -> list[str]:
    """Every site of the data, as clinic/location, sorted."""
    return sorted(f"{clinic}/{location}" for clinic, location in data.locations)


def no_site(name: str, every: list[str]) -> UsageError:
    """The one message for a site name the data does not have."""
    return UsageError(f"no site '{name}'; the sites are: {', '.join(every) or 'none'}")


def select(every: list[str], wanted: list[str]) -> list[str]:
    """Pick the sites named (clinic/location, or a clinic for all its locations); all if none."""
    if not wanted:
        return every
    chosen: list[str] = []
    for name in wanted:
        matches = [key for key in every if key == name or key.split("/")[0] == name]
        if not matches:
            raise no_site(name, every)
        chosen += [key for key in matches if key not in chosen]
    return chosen


def site_named(specs: list[SiteSpec], name: str) -> SiteSpec:
    """The resolved site called name (clinic/location)."""
    for spec in specs:
        if spec.key == name:
            return spec
    raise no_site(name, [spec.key for spec in specs])


@dataclass
class SitePlan:
    """One site of the data: resolved and ready to build, or blocked by errors in the files it needs."""

    key: str
    spec: SiteSpec | None
    errors: list[Diagnostic] = field(default_factory=list)
    # its pages, rendered in memory while planning (and proven): the build writes these
    rendered: Rendered | None = None
    # what rendering and proving its pages found (or, unchanged since its last build, what that build recorded)
    findings: list[Diagnostic] = field(default_factory=list)
    # the site in each of its other guide languages (its texts from the translations), made as the English is
    translations: list[SiteSpec] = field(default_factory=list)
    # their pages, rendered in memory while planning, by language
    translated: dict[str, Rendered] = field(default_factory=dict)

    @property
    def renders(self) -> dict[str, Rendered]:
        """Every language's pages rendered while planning, by language (none when it was not rendered)."""
        return {**({self.spec.language: self.rendered} if self.spec and self.rendered else {}), **self.translated}


@dataclass
class Plan:
    """Everything the data says before a build: every site, every diagnostic, each site's reading grades."""

    data: DataSet
    sites: list[SitePlan]
    diagnostics: list[Diagnostic]
    reading: list[readability.Summary] = field(default_factory=list)
    # the sites not rendered again: made from what their last good build was made from (its findings stand)
    recalled: list[str] = field(default_factory=list)
    # each site's fingerprint, when the command line has computed them already (prepare)
    prints: dict[str, str] = field(default_factory=dict)

    @property
    def specs(self) -> list[SiteSpec]:
        """The sites that can be built."""
        return [site.spec for site in self.sites if site.spec is not None]


def plan(data: DataSet, diagnostics: list[Diagnostic], max_grade: float | None = None,
         project: Project | None = None, wanted: Collection[str] | None = None,
         known: dict[str, list[Diagnostic]] | None = None) -> Plan:
    """Decide site by site, then review the sites that can be built (once, for every command).

    An error blocks only the sites whose files hold it: a site needs its location
    file, its clinic's file, its program and the therapies those name; an error
    anywhere else (another location, an unused therapy) does not stop it, so one
    broken location never holds back the others. With the project, every page of
    every site is also rendered and converted in memory, as the build will make it:
    what that finds is reported at the data that caused it, and an error blocks the site.
    With wanted (site keys), only those sites are rendered: the preview needs one.
    A site in known is unchanged since its last good build: its recorded findings stand for its render.
    """
    errors = errors_in(diagnostics)
    # a location file whose name is no id is not a site: its own error says so
    sites = [_site_plan(data, found, errors) for found in data.of_kind(FileKind.location)
             if all(ID_RE.fullmatch(part) for part in found.id.split("/"))]
    assessed = assess_sites(data, [site.spec for site in sites if site.spec is not None], max_grade,
                            [other for site in sites if site.spec is not None for other in site.translations])
    found = assessed.diagnostics + _untranslated(data, sites)
    found += _render_all(project, sites, wanted, known or {}) if project is not None else []
    return Plan(data, sites, with_source_lines(sorted(set(diagnostics + found)), data), assessed.reading,
                sorted(key for key in known or {} if any(site.key == key and site.spec for site in sites)))


def _untranslated(data: DataSet, sites: list[SitePlan]) -> list[Diagnostic]:
    """A warning for each text a site's other language lacks (it shows in English there), said once."""
    said: set[Diagnostic] = set()
    for site in sites:
        for other in site.translations:
            said.update(missing_warnings(translated(data, other.language), list(other.files), other.language))
    return sorted(said)


def _render_all(project: Project, sites: list[SitePlan], wanted: Collection[str] | None,
                known: dict[str, list[Diagnostic]]) -> list[Diagnostic]:
    """Render and prove each site (all, or the wanted) that can be built; pages holding an error block the site."""
    found: list[Diagnostic] = []
    for site in sites:
        if site.spec is not None and site.key in known:
            site.findings = known[site.key]
            found += site.findings
    chosen = [site for site in sites if site.spec is not None and site.key not in known
              and (wanted is None or site.key in wanted)]
    # every language of a site is rendered and proven as the build will make it
    specs = [(site, spec) for site in chosen if site.spec for spec in (site.spec, *site.translations)]
    proven = prove_sites(project, environment(project.content), [spec for _, spec in specs])
    for (site, spec), (rendered, problems) in zip(specs, proven, strict=True):
        if spec is site.spec:
            site.rendered, site.findings = rendered, []
        else:
            site.translated[spec.language] = rendered
        site.findings += problems
    for site in chosen:
        found += site.findings
        if errors_in(site.findings):
            site.spec, site.errors = None, errors_in(site.findings)
    return sorted(set(found))


def _site_plan(data: DataSet, location: DataFile, errors: list[Diagnostic]) -> SitePlan:
    clinic_id, location_id = location.id.split("/")
    needs = needed_files(data, clinic_id, location_id)
    blocking = [d for d in errors if resolved_or_none(d.file) in needs]
    if blocking:
        return SitePlan(f"{clinic_id}/{location_id}", None, blocking)
    try:
        spec = resolve(data, clinic_id, location_id)
        others = [replace(resolve(translated(data, language).data, clinic_id, location_id), language=language)
                  for language in spec.guide_languages[1:]]
        return SitePlan(spec.key, spec, translations=others)
    except KeyError:
        # a file it needs failed to load and reported that in its own file
        return SitePlan(f"{clinic_id}/{location_id}", None, [Diagnostic(
            location.path, 1, 1, "this site cannot be built until the errors in the files it uses are fixed")])


def review(data_dir: Path, max_grade: float | None = None, project: Project | None = None,
           wanted: Collection[str] | None = None, out: Path | None = None) -> Plan:
    """Everything `check` reports: load and validate the data folder, then plan and review its sites.

    With the project, the sites' pages (all, or the wanted ones) are rendered and proven too, as
    `build` will make them. With out, a site made from what its last good build in out was made
    from is not rendered again: the findings that build recorded are said instead.
    """
    data, diagnostics = check(data_dir)
    known = {}
    if project is not None and out is not None:
        keys = select(site_keys(data), list(wanted or []))
        known = findings.recorded(outcome.read_report(out), fingerprints(project, data, keys), data.root, project.root)
    return plan(data, diagnostics, max_grade, project, wanted, known)


def resolve_all(data_dir: Path, max_grade: float | None = None) -> tuple[list[SiteSpec], list[Diagnostic]]:
    """Every resolved site of a data folder, with the warnings; raise DataError if the data holds any error."""
    result = review(data_dir, max_grade)
    if errors_in(result.diagnostics):
        raise DataError(result.diagnostics)
    return result.specs, result.diagnostics


def fingerprints(project: Project, data: DataSet, keys: Collection[str]) -> dict[str, str]:
    """The fingerprint of each site named (build/fingerprint.py)."""
    shared = fingerprint.project_print(project)
    return {key: fingerprint.site_print(data, key, shared) for key in keys}


def site_warnings(plan: Plan, site: SitePlan) -> tuple[list[Diagnostic], int]:
    """The warnings about a site (in the files it is made from, or found in its pages), and how many others.

    What the preview says after each version, and what the portal counts for each site.
    """
    needs = needed_files(plan.data, *site.key.split("/"))
    warnings = [d for d in plan.diagnostics if d.severity is Severity.WARNING]
    mine = [d for d in warnings if d in site.findings or resolved_or_none(d.file) in needs]
    return mine, len(warnings) - len(mine)
