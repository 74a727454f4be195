"""What a site is made from, as one hash: a site whose hash and output are as the last build left them is skipped.

A site's fingerprint covers everything its pages can depend on:

- the bytes of the data files it needs (its location, its clinic, its program and
  the therapies they name: resolve.needed_files), and every other file of its
  clinic folder but the other locations' (logo, favicon, fonts, pictures);
- the project: the base mkdocs.yml, every file of content/ and overrides/;
- the generator's own code (its Markdown extensions and MkDocs plugin run inside
  the build), the versions of Python, MkDocs, Material, Python-Markdown,
  pymdown-extensions and Jinja, and SOURCE_DATE_EPOCH (the sitemap carries it).

The data files are read as bytes, never parsed again. Nothing outside the data
folder and the project is read.
"""

from __future__ import annotations

import hashlib
import os
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import generator
from generator.build.outcome import files_print, measure, read_files_prints
from generator.load.dataset import DataSet
from generator.paths import Project
from generator.resolve import needed_files

TOOLS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2")


# no file a site publishes is larger (brand_files' caps): a larger one is known by its size and time, unread
_READ_UP_TO = 4 * 1024 * 1024


def _file(digest: Any, name: str, path: Path) -> None:
    info = path.stat()
    digest.update(name.encode("utf-8") + b"\0")
    if info.st_size > _READ_UP_TO:
        digest.update(f"{info.st_size}:{info.st_mtime_ns}".encode())
    else:
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def _tree(digest: Any, folder: Path, skip: Path | None = None, pattern: str = "*") -> None:
    """Add the names and bytes of every ordinary file below folder (but those below skip) to a hash."""
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file() and not p.is_symlink()):
        if skip is None or not path.is_relative_to(skip):
            _file(digest, path.relative_to(folder).as_posix(), path)


def project_print(project: Project) -> str:
    """The hash of what every site shares: the project's files, the generator's code, the tools' versions."""
    digest = hashlib.sha256(sys.version.encode())
    # a fixed build time (reproducible builds) is written into the sitemap: another one makes other bytes
    digest.update(f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}\0".encode())
    for tool in TOOLS:
        digest.update(f"{tool}={metadata.version(tool)}\0".encode())
    # the generator's source and its word catalogs, not its compiled caches (Python rewrites those at will)
    _tree(digest, Path(generator.__file__).parent, pattern="*.py")
    _tree(digest, Path(generator.__file__).parent / "locale", pattern="*.po")
    for folder in (project.content, project.overrides):
        digest.update(folder.name.encode() + b"\0")
        _tree(digest, folder)
    digest.update(project.base_config.read_bytes())
    return digest.hexdigest()


def site_print(data: DataSet, key: str, shared: str) -> str:
    """The fingerprint of one site (clinic/location), given the project's."""
    clinic_id, location_id = key.split("/")
    digest = hashlib.sha256(shared.encode())
    root = data.root.resolve()
    for path in sorted(needed_files(data, clinic_id, location_id)):
        _file(digest, path.relative_to(root).as_posix(), path)
    clinic = data.clinic_folder(clinic_id)
    _tree(digest, clinic, skip=clinic / "locations")
    return digest.hexdigest()


def same_inputs(entry: dict[str, Any], made_from: str) -> bool:
    """Whether a report entry is of a good build made from what the site (fingerprint made_from) is made from now."""
    return entry.get("fingerprint") == made_from and entry.get("last_result") in ("built", "unchanged")


def unchanged(prints: dict[str, str], previous: dict[str, dict[str, Any]], out: Path) -> set[str]:
    """The sites whose fingerprint is the one their last good build recorded, and whose output is still that build's.

    Each output file's name, size and modification time are compared with what
    the build recorded (outcome.FILES; without a record, the bytes are hashed
    again as the report hashed them), so a site folder edited or damaged since
    is built again.
    """
    same = set()
    as_built = read_files_prints(out)
    for key, made_from in prints.items():
        entry = previous.get(key, {})
        if not same_inputs(entry, made_from):
            continue
        folder = out / key
        if folder.is_dir() and not folder.is_symlink() and _intact(folder, key, entry, as_built.get(key)):
            same.add(key)
    return same


def _intact(folder: Path, key: str, entry: dict[str, Any], recorded: str | None) -> bool:
    if recorded:
        return files_print(folder) == recorded
    return measure(folder, key, 0.0, {}).content_hash == entry.get("content_hash")
