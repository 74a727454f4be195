"""What a build produced, site by site: pages, size, a content hash, zips, and build-report.json.

The report is merged with the previous one, so a site that was not rebuilt (or
failed this time) keeps the entry, and the time, of its last good build. Times
come from SOURCE_DATE_EPOCH when it is set, so two builds of the same data can
be byte-identical, report and portal included.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.build.publish import FILE_MODE, TEMP_PREFIX
from generator.model.scalars import ID_RE
from generator.resolve import SiteSpec

REPORT = "build-report.json"
# the oldest time a zip file can record
ZIP_EPOCH = 315532800  # 1980-01-01T00:00:00Z


@dataclass
class Outcome:
    """One site's result in this build."""

    site: str
    result: str  # "built", "unchanged" (its inputs and output are the last build's: not built again) or "failed"
    pages: list[str] = field(default_factory=list)
    bytes: int = 0
    content_hash: str = ""
    seconds: float = 0.0
    error: str = ""
    # links to other hosts, tel: and mailto:, each with the pages that use it, for people to review
    external_links: dict[str, list[str]] = field(default_factory=dict)
    zip: str = ""  # the site's zip, relative to the output folder, when this build wrote one
    zip_error: str = ""  # why the zip could not be written (the site itself was built)
    fingerprint: str = ""  # what the site was made from (build/fingerprint.py)
    # what rendering its pages found, for saying again while it stays unchanged (build/findings.py)
    findings: list[dict[str, Any]] | None = None
    files_print: str = ""  # names, sizes and times of its files as built (files_print): the output left as it was
    # every warning about the site, as path:line:col: message, for the portal (None: not known this build)
    warnings: list[str] | None = None


def build_time() -> int:
    """Seconds since the epoch: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(fixed) if fixed.isdigit() else int(time.time())


def iso(seconds: int) -> str:
    """A UTC time as people and programs both read it."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def files_of(folder: Path) -> list[Path]:
    """Every file below folder, in a stable order."""
    return sorted((p for p in folder.rglob("*") if p.is_file()), key=lambda p: p.relative_to(folder).as_posix())


def measure(folder: Path, site: str, seconds: float, external_links: dict[str, list[str]]) -> Outcome:
    """Pages, size and content hash of a built site folder, with the external links its link check found."""
    digest = hashlib.sha256()
    size = 0
    files = files_of(folder)
    for file in files:
        data = file.read_bytes()
        size += len(data)
        # the hash covers names and contents, so a renamed page changes it too
        digest.update(file.relative_to(folder).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(data).digest())
    pages = [f.relative_to(folder).as_posix() for f in files if f.suffix == ".html"]
    return Outcome(site, "built", pages, size, digest.hexdigest(), seconds, external_links=external_links,
                   files_print=files_print(folder))


def files_print(folder: Path) -> str:
    """A hash of each file's name, size and modification time below folder: whether it is as left, unread."""
    digest = hashlib.sha256()
    for file in files_of(folder):
        info = file.stat()
        digest.update(f"{file.relative_to(folder).as_posix()}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def zip_path(out: Path, site: str) -> Path:
    """Where a site's zip goes: out/<clinic>/<location>.zip, beside its folder (ids hold no dot, so no clash)."""
    return out / f"{site}.zip"


def write_zip(folder: Path, target: Path) -> None:
    """Zip a site folder for upload, byte-identical for identical content; replace target in one step.

    The zip is written under a unique temporary name beside target (removed by the
    next build's clean-up if this one is killed); on any error nothing partial is left.
    """
    stamp = time.gmtime(max(build_time() if "SOURCE_DATE_EPOCH" in os.environ else ZIP_EPOCH, ZIP_EPOCH))
    handle, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{target.name}-", dir=target.parent)
    os.close(handle)
    partial = Path(name)
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for file in files_of(folder):
                info = zipfile.ZipInfo(file.relative_to(folder).as_posix(), date_time=stamp[:6])
                info.external_attr = FILE_MODE << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, file.read_bytes())
        os.chmod(partial, FILE_MODE)  # mkstemp makes it 0600
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def read_report(out: Path) -> dict[str, dict[str, Any]]:
    """The previous report's sites, by site; empty when there is none or it cannot be read."""
    try:
        found = json.loads((out / REPORT).read_text(encoding="utf-8"))
        sites = {entry["site"]: entry for entry in found["sites"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    # a site is clinic/location, both ids: any other name would lead out of its folder
    return {key: entry for key, entry in sites.items() if isinstance(key, str) and isinstance(entry, dict)
            and key.count("/") == 1 and all(ID_RE.fullmatch(part) for part in key.split("/"))}


def describe(spec: SiteSpec) -> dict[str, Any]:
    """What the team needs to recognise a site in the report and the portal."""
    return {
        "site": spec.key,
        "clinic": spec.clinic.name,
        "location": spec.location.name,
        "program": spec.program.title,
        "weeks": spec.length,
        "tracks": [track.name for track in spec.location.tracks],
    }


def write_report(out: Path, specs: list[SiteSpec], outcomes: dict[str, Outcome]) -> dict[str, dict[str, Any]]:
    """Merge this build's outcomes into out/build-report.json; return the sites it now lists."""
    sites = read_report(out)
    for spec in specs:
        sites.setdefault(spec.key, {}).update(describe(spec))
    now = iso(build_time())
    for key, done in outcomes.items():
        entry = sites.setdefault(key, {"site": key})
        entry["last_result"] = done.result
        if done.warnings is not None:
            entry["warnings"] = done.warnings
        if done.fingerprint and done.result != "failed":  # a failed site's folder is the older build's
            entry["fingerprint"] = done.fingerprint
        if done.result == "unchanged":
            entry.pop("error", None)  # its pages, hash and time stay those of the build that made it
            if done.zip:
                entry.update(zip=done.zip)
        elif done.result == "built":
            entry.update(pages=done.pages, page_count=len(done.pages), bytes=done.bytes,
                         content_hash=done.content_hash, external_links=done.external_links, built_at=now)
            for name in ("error", "zip", "zip_error", "findings"):
                entry.pop(name, None)
            entry.update({name: value for name, value in (("zip", done.zip), ("zip_error", done.zip_error))
                          if value})
            if done.findings is not None:
                entry["findings"] = done.findings
        else:
            entry["error"] = done.error
    # only sites whose folder exists or that are still in the data stay listed
    known = {spec.key for spec in specs} | set(outcomes)
    sites = {key: entry for key, entry in sorted(sites.items()) if key in known or (out / key).is_dir()}
    save_report(out, sites)
    return sites


# each built site's files_print: kept apart from the report, which two builds of the same data write byte for byte
FILES = ".iop-guide-files.json"


def read_files_prints(out: Path) -> dict[str, str]:
    """The files print each site had when it was built, by site; empty when there is none or it cannot be read."""
    try:
        found = json.loads((out / FILES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {key: value for key, value in found.items() if isinstance(value, str)} if isinstance(found, dict) else {}


def save_files_prints(out: Path, outcomes: dict[str, Outcome], listed: dict[str, dict[str, Any]]) -> None:
    """Record the files print of each site built now; keep those of the other sites still listed (a failed
    site's folder is its older build's, as that print says), drop the others."""
    prints = {key: value for key, value in read_files_prints(out).items() if key in listed}
    prints.update({key: done.files_print for key, done in outcomes.items() if done.result == "built"})
    replace_text(out / FILES, json.dumps(dict(sorted(prints.items())), indent=1) + "\n")


def save_report(out: Path, sites: dict[str, dict[str, Any]]) -> None:
    """Replace out/build-report.json with these sites' entries."""
    report = {"generator": "iop-guide", "sites": [entry for _, entry in sorted(sites.items())]}
    replace_text(out / REPORT, json.dumps(report, indent=2, sort_keys=True) + "\n")


def replace_text(target: Path, text: str) -> None:
    """Write a file readable by all (0644) beside target and rename it over target; leave nothing partial."""
    partial = target.with_name(f".{target.name}.{os.getpid()}")  # the output folder's lock keeps this name ours
    try:
        partial.write_text(text, encoding="utf-8")
        os.chmod(partial, FILE_MODE)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
