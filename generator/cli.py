"""The `iop-guide` command: wires the stages together and prints what happened.

Exit codes: 0 success, 1 invalid data or a failed site, 2 wrong usage, 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from . import pipeline
from .diagnostics import DataError, Diagnostic, GuideError, Severity, UsageError, errors_in
from .render import Project


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
    command("check", "check the data and report every problem as file:line:col")
    command("list", "list the sites the data defines, one per line")
    serve = command("serve", "preview one site at http://127.0.0.1:8000, rebuilding on every change")
    serve.add_argument("site", metavar="CLINIC/LOCATION")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    return parser


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)


def _summary(diagnostics: list[Diagnostic]) -> str:
    errors = len(errors_in(diagnostics))
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    return f"{errors} error(s), {warnings} warning(s)"


def cmd_check(args: argparse.Namespace) -> int:
    """Report every problem in the data; 1 if any is an error."""
    data, diagnostics = pipeline.check(args.data)
    _print_diagnostics(diagnostics)
    sites = len(data.locations)
    print(f"checked {args.data}: {sites} site(s), {_summary(diagnostics)}", file=sys.stderr)
    return 1 if errors_in(diagnostics) else 0


def cmd_list(args: argparse.Namespace) -> int:
    """Print one line per site: clinic/location, program and length."""
    specs, diagnostics = pipeline.resolve_all(args.data)
    _print_diagnostics(diagnostics)
    for spec in specs:
        print(f"{spec.key}\t{spec.program_id}\t{spec.length} weeks\t{spec.location.name}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Build the sites; 1 if the data is invalid or any site fails."""
    def report(site: str, status: str) -> None:
        print(f"{site}: {status}", file=sys.stderr)

    result = pipeline.build_sites(Project(args.project), args.data, args.out, args.site, report)
    _print_diagnostics(result.warnings)
    for site, output in result.failed.items():
        print(f"error: {site} failed to build; its previous output is unchanged:\n{output}", file=sys.stderr)
    print(f"built {len(result.built)} site(s) into {args.out}" +
          (f"; {len(result.failed)} failed: {', '.join(result.failed)}" if result.failed else ""), file=sys.stderr)
    return 1 if result.failed else 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Preview one site until interrupted."""
    from .serve import serve

    project = Project(args.project)
    specs, _ = pipeline.resolve_all(args.data)
    if args.site not in [spec.key for spec in specs]:
        raise UsageError(f"no site '{args.site}'; the sites are: {', '.join(spec.key for spec in specs)}")

    def render(staging: Path) -> None:
        fresh, _ = pipeline.resolve_all(args.data)
        pipeline.render_to(next(spec for spec in fresh if spec.key == args.site), project, staging)

    serve(project, args.data, args.site, f"127.0.0.1:{args.port}", render, lambda text: print(text, file=sys.stderr))
    return 0


COMMANDS = {"build": cmd_build, "check": cmd_check, "list": cmd_list, "serve": cmd_serve}


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except DataError as e:
        _print_diagnostics(e.diagnostics)
        print(f"{_summary(e.diagnostics)}: nothing was built", file=sys.stderr)
        return 1
    except UsageError as e:
        print(f"iop-guide: error: {e}", file=sys.stderr)
        return 2
    except GuideError as e:
        print(f"iop-guide: error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("iop-guide: interrupted; sites already online are unchanged", file=sys.stderr)
        return 130
    except Exception as e:  # a bug of ours, not the user's: say so in one line
        if os.environ.get("IOP_GUIDE_DEBUG"):
            traceback.print_exc()
        print(f"iop-guide: internal error: {type(e).__name__}: {e} (set IOP_GUIDE_DEBUG=1 for details; "
              "please report it)", file=sys.stderr)
        return 1


def run() -> None:
    """Console entry point."""
    sys.exit(main())
