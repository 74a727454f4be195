"""The `iop-guide` command: wires the stages together and prints what happened.

Exit codes: 0 success, 1 invalid data or a failed site, 2 wrong usage, 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path
from typing import TextIO

from generator import pipeline
from generator.build import mkdocs, shards
from generator.diagnostics import (
    DataError,
    Diagnostic,
    GuideError,
    Severity,
    UsageError,
    display_path,
    errors_in,
    for_terminal,
)
from generator.model import LengthRange, Program
from generator.paths import Project
from generator.tools import coverage, scaffold
from generator.translate.marks import split_target
from generator.translate.reviewed import mark_reviewed


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="iop-guide", description="Build week-by-week IOP guide sites from YAML.")
    parser.add_argument("--project", type=Path, default=Path("."), metavar="DIR",
                        help="folder with mkdocs.yml, content/ and overrides/ (default: the current folder)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=text, description=text)
        sub.add_argument("--data", type=Path, default=Path("program_data"), metavar="DIR",
                         help="the YAML data folder (default: program_data)")
        return sub

    build = command("build", "build every location site (or the ones named) and the index page")
    build.add_argument("--out", type=Path, default=Path("site"), metavar="DIR", help="output folder (default: site)")
    build.add_argument("--site", action="append", default=[], metavar="CLINIC/LOCATION",
                       help="build only this site, or every location of a clinic; repeatable")
    build.add_argument("--jobs", type=_positive, default=os.cpu_count() or 1, metavar="N",
                       help="sites built at the same time (default: the machine's cores)")
    build.add_argument("--zip", action="store_true",
                       help="also write <clinic>/<location>.zip beside each built site, ready to upload")
    build.add_argument("--force", action="store_true",
                       help="build every site, even one whose inputs have not changed, and build into a folder "
                            "that is not empty and was not written by iop-guide")
    build.add_argument("--shard", type=shards.parse, metavar="K/N",
                       help="build only share K of N of the sites (stable by site), for several machines; "
                            "`merge` puts the shares together")
    merge = commands.add_parser("merge", help="put the sites that `build --shard` built into one output folder",
                                description="put the sites that `build --shard` built into one output folder, "
                                            "with one report and one portal")
    merge.add_argument("shards", nargs="+", type=Path, metavar="SHARD_DIR", help="a share's output folder")
    merge.add_argument("--out", type=Path, default=Path("site"), metavar="DIR", help="output folder (default: site)")
    merge.add_argument("--force", action="store_true",
                       help="merge into a folder that is not empty and was not written by iop-guide")
    check = command("check", "check the data and report every problem as file:line:col")
    check.add_argument("--strict", action="store_true", help="fail (exit 1) on warnings too")
    check.add_argument("--max-grade", type=float, metavar="N",
                       help="highest reading grade for patient text (default: the clinic's, else 8)")
    check.add_argument("--out", type=Path, default=Path("site"), metavar="DIR",
                       help="the build's output folder: a site unchanged since its last build there is not rendered "
                            "again, its recorded warnings are shown (default: site)")
    check.add_argument("--force", action="store_true",
                       help="render every site, even one unchanged since its last build")
    command("list", "list the sites the data defines, one per line")
    command("programs", "list the programs, with the weeks each allows and the clinics that run it")
    serve = command("serve", "preview one site at http://127.0.0.1:8000, rebuilding on every change")
    serve.add_argument("site", metavar="CLINIC/LOCATION")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    cover = command("coverage", "show which therapies meet in which weeks of one site")
    cover.add_argument("site", metavar="CLINIC/LOCATION")
    cover.add_argument("--format", choices=["table", "json"], default="table", help="output format")
    schema = commands.add_parser("schema", help="write the JSON Schema of each file kind, for editors")
    schema.add_argument("--out", type=Path, default=Path("schemas"), metavar="DIR",
                        help="folder to write into (default: schemas)")
    reviewed = command("reviewed", "mark a translation's texts as checked against their English as it reads now")
    reviewed.add_argument("targets", nargs="+", metavar="FILE[:LINE]",
                          help="a translation file (such as programs/core-iop.es.yaml), or one text of it by line")
    new = command("new", "write a commented starter file for a new clinic or location")
    new.add_argument("kind", choices=["clinic", "location"])
    new.add_argument("ids", nargs="+", metavar="ID", help="clinic: CLINIC_ID; location: CLINIC_ID LOCATION_ID")
    return parser


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 1 or more")
    return int(text)


def _say(text: str, out: TextIO | None = None) -> None:
    """Print a message (to stderr unless told); a control character from the data is shown, never obeyed."""
    # every print goes through here: an ESC or a bidi mark in a name must not clear the screen or fake a line
    print(for_terminal(text, lines=True), file=out or sys.stderr)


def _report(text: str) -> None:
    """A line of check's report: standard output, so that it can be kept in a file."""
    _say(text, sys.stdout)


def _print_diagnostics(diagnostics: list[Diagnostic], out: TextIO | None = None) -> None:
    for diagnostic in diagnostics:
        _say(diagnostic.format(source=True), out)


def _summary(diagnostics: list[Diagnostic]) -> str:
    errors = len(errors_in(diagnostics))
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    return f"{errors} error(s), {warnings} warning(s)"


def cmd_check(args: argparse.Namespace) -> int:
    """Report every problem in the data and each site's reading grades; 1 if any is an error.

    The report goes to standard output, as a linter's does (`iop-guide check > report.txt`).
    """
    review = pipeline.review(args.data, args.max_grade, _project(args), out=None if args.force else args.out)
    _print_diagnostics(review.diagnostics, sys.stdout)
    for summary in review.reading:
        _report(f"{summary.site}: reading grade ({summary.formula}) median {summary.median:g}, "
                f"worst {summary.worst:g}, limit {summary.limit:g}; hardest:")
        for scored in summary.hardest:
            words = for_terminal(" ".join(scored.text.split()[:8]))
            _report(f"    {scored.grade:4.1f}  {for_terminal(display_path(scored.file))}:{scored.line}  {words} ...")
    _report(f"checked {for_terminal(str(args.data))}: {len(review.data.locations)} site(s), "
            f"{_summary(review.diagnostics)}")
    if review.recalled:
        _report(f"{len(review.recalled)} site(s) unchanged since their last build in {for_terminal(str(args.out))}: "
                "their pages were not rendered again (--force renders them)")
    failing = review.diagnostics if args.strict else errors_in(review.diagnostics)
    return 1 if failing else 0


def cmd_list(args: argparse.Namespace) -> int:
    """Print one line per site: clinic/location, program and length."""
    specs, diagnostics = pipeline.resolve_all(args.data)
    _print_diagnostics(diagnostics)
    for spec in specs:
        _say(f"{spec.key}\t{spec.program_id}\t{spec.length} weeks\t{for_terminal(spec.location.name)}", sys.stdout)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Build the sites; 1 if the data has errors or any site fails."""
    from rich.console import Console

    from generator.cli import progress

    console = Console(stderr=True)
    project = _project(args)
    # one MkDocs worker starts importing now, while the data is loaded and planned on this core
    stopper = mkdocs.Stopper(args.out)
    try:
        stopper.warm()
        # the data is loaded and planned once: the progress bar is sized from the same plan the build follows
        chosen, same = pipeline.prepare(project, args.data, args.out, args.site, args.force, args.shard)
        total = len(pipeline.select([site.key for site in chosen.sites], args.site))
        with progress.tracker(total or 1, console) as report:
            result = pipeline.build_sites(project, chosen, args.out, args.site, report, jobs=args.jobs,
                                          archive=args.zip, force=args.force, unchanged=same, shard=args.shard,
                                          stopper=stopper)
    finally:
        stopper.close()
    _print_diagnostics(result.errors + result.warnings)
    for site, output in result.failed.items():
        _say(f"error: {for_terminal(site)} was not built; its previous output is unchanged:\n{output}")
    for site, why in result.zip_failed.items():
        _say(f"error: the zip of {for_terminal(site)} was not written: {for_terminal(why)}. The site itself was "
             "built; build it again with --zip once that is fixed")
    progress.summary(result.outcomes, console)
    _say(f"built {len(result.built)} site(s) into {for_terminal(str(args.out))}" +
         (f"; {len(result.unchanged)} unchanged" if result.unchanged else "") +
         (f"; {len(result.failed)} failed: {for_terminal(', '.join(result.failed))}" if result.failed else "") +
         (f"; {len(result.zip_failed)} zip(s) not written: {for_terminal(', '.join(result.zip_failed))}"
          if result.zip_failed else "") +
         (f"; the data has {len(result.errors)} error(s)" if result.errors else ""))
    return 1 if result.failed or result.errors or result.zip_failed else 0


def cmd_merge(args: argparse.Namespace) -> int:
    """Put the shares' sites into one output folder, with one report and one portal."""
    from generator.render.templates import environment

    project = _project(args)
    merged = shards.merge(args.shards, args.out, environment(project.content), args.force)
    _say(f"merged {len(merged)} site(s) into {for_terminal(str(args.out))}")
    return 0


def _project(args: argparse.Namespace) -> Project:
    """The project folder the command works in: check and build need its templates and MkDocs settings."""
    return Project(args.project).require()


def cmd_serve(args: argparse.Namespace) -> int:
    """Preview one site until interrupted."""
    from generator.tools.serve import serve

    project = _project(args)
    keys = pipeline.site_keys(pipeline.check(args.data)[0])
    if args.site not in keys:
        raise pipeline.no_site(args.site, keys)
    serve(project, args.data, args.site, f"127.0.0.1:{args.port}", _say)
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    """Print which therapies meet in which weeks of one site."""
    specs, _ = pipeline.resolve_all(args.data)
    report = coverage.coverage(pipeline.site_named(specs, args.site))
    if args.format == "json":
        _say(json.dumps(report, indent=2), sys.stdout)
        return 0
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    def shown(text: str) -> Text:
        # rich reads [bold] and :emoji: in a plain string; a Text is shown as written
        return Text(for_terminal(text))

    header, rows = coverage.table_rows(report)
    table = Table(*header, title=shown(f"{report['site']}: therapies by week (● meets that week)"))
    for row in rows:
        table.add_row(*map(shown, row))
    # piped into a file or another tool, no terminal width applies: keep each row on one line
    console = Console(width=None if sys.stdout.isatty() else 240)
    console.print(table)
    console.print(shown(f"Offered but never scheduled: {', '.join(report['unscheduled']) or 'none'}"))
    console.print(shown(f"Weeks without any therapy: {', '.join(map(str, report['weeks_without_therapy'])) or 'none'}"))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Write one JSON Schema per file kind."""
    from generator.model.schema import write_schemas

    for path in write_schemas(args.out):
        _say(str(path), sys.stdout)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """Write starter files for a new clinic or location."""
    expected = 1 if args.kind == "clinic" else 2
    if len(args.ids) != expected:
        raise UsageError("usage: iop-guide new clinic CLINIC_ID | iop-guide new location CLINIC_ID LOCATION_ID")
    data, _ = pipeline.check(args.data)
    project = Project(args.project)
    if args.kind == "clinic":
        written = scaffold.new_clinic(project, data, args.ids[0])
    else:
        written = scaffold.new_location(project, data, *args.ids)
    for path in written:
        _say(f"wrote {for_terminal(str(path))}", sys.stdout)
    if args.kind == "location":
        clinic = data.clinics[args.ids[0]].model
        program = data.programs.get(clinic.program)
        if program is not None:
            _say(f"the clinic runs {for_terminal(clinic.program)}: {_weeks(program.model)}"
                 + (" (the file says program_length: its shortest; change it there)"
                    if isinstance(program.model.length, LengthRange) else ""))
    _say("fill in the TODO values, then run: iop-guide check")
    return 0


def cmd_reviewed(args: argparse.Namespace) -> int:
    """Set the marks of the texts named to their English as it reads now; say how many changed."""
    data, _ = pipeline.check(args.data)
    for target in args.targets:
        file, line = split_target(target)
        changed = mark_reviewed(data, file, line)
        _say(f"{for_terminal(target)}: {changed} text{'s' if changed != 1 else ''} marked as reviewed against "
             "the English", sys.stdout)
        data, _ = pipeline.check(args.data)  # the next target reads the file as it is now
    return 0


def _weeks(program: Program) -> str:
    """The weeks a program lasts, as a location's editor needs to know them."""
    span = program.length
    if isinstance(span, LengthRange):
        return f"{span.min} to {span.max} weeks, each location picks its own"
    return f"{span} weeks"


def cmd_programs(args: argparse.Namespace) -> int:
    """Print one line per program: id, the weeks it allows, the clinics that run it, its title."""
    data, diagnostics = pipeline.check(args.data)
    _print_diagnostics([d for d in diagnostics if d.file.is_relative_to(args.data / "programs")])
    for program_id, entry in sorted(data.programs.items()):
        running = sorted(clinic_id for clinic_id, clinic in data.clinics.items() if clinic.model.program == program_id)
        _say(f"{program_id}\t{_weeks(entry.model)}\tclinics: {', '.join(running) or 'none'}\t"
             f"{for_terminal(entry.model.title)}", sys.stdout)
    return 0


COMMANDS = {"build": cmd_build, "merge": cmd_merge, "check": cmd_check, "list": cmd_list, "serve": cmd_serve,
            "coverage": cmd_coverage, "schema": cmd_schema, "new": cmd_new, "programs": cmd_programs,
            "reviewed": cmd_reviewed}


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except DataError as e:
        _print_diagnostics(e.diagnostics)
        _say(f"{_summary(e.diagnostics)}: nothing was built")
        return 1
    except UsageError as e:
        _say(f"iop-guide: error: {for_terminal(str(e))}")
        return 2
    except GuideError as e:
        _say(f"iop-guide: error: {for_terminal(str(e))}")
        return 1
    except KeyboardInterrupt:
        _say("iop-guide: interrupted; each site folder holds its previous or its new build, never a mix")
        return 130
    except Exception as e:  # a bug of ours, not the user's: say so in one line
        if os.environ.get("IOP_GUIDE_DEBUG"):
            traceback.print_exc()
        _say(f"iop-guide: internal error: {type(e).__name__}: {for_terminal(str(e))} (set IOP_GUIDE_DEBUG=1 for "
             "details; please report it)")
        return 1


def run() -> None:
    """Console entry point."""
    sys.exit(main())
