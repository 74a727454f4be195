"""Folders as tests see them: a private copy of the project, and what a folder holds, by hash."""

from __future__ import annotations

import hashlib
import json
import shutil
import struct
import zlib
from pathlib import Path

from support.demo import ROOT

# what a project folder needs beside its data: `iop-guide` refuses to run without them
PROJECT_PARTS = ("content", "overrides", "program_data")


def project_copy(target: Path) -> Path:
    """Copy the project (templates, overrides, base config, demo data) to target and return it."""
    for name in PROJECT_PARTS:
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def snapshot(folder: Path, folders: bool = True) -> dict[str, str]:
    """Map everything below folder to a hash of its bytes ("dir" for a folder, left out unless folders)."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            if path.is_file() else "dir"
            for path in sorted(folder.rglob("*")) if folders or path.is_file()}


def tree_hash(folder: Path) -> str | None:
    """Hash the names and bytes of every file below folder; None if there is no such folder."""
    if not folder.is_dir():
        return None
    return hashlib.sha256(json.dumps(snapshot(folder, folders=False), sort_keys=True).encode()).hexdigest()


def png(width: int = 2, height: int = 1) -> bytes:
    """A small, valid PNG: white pixels."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    rows = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
