"""A large network spread over several machines: each builds a stable share of the sites, then one merge.

`build --shard K/N` builds the sites whose key falls in share K of N (by a hash
of clinic/location, so a site stays in its share however the others change), and
its report lists only those. `merge` puts the shares' sites into one output
folder, each site swapped in whole as `build` does, and writes one report and
one portal from the shares' reports.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2

from generator.build import outcome, output, portal, publish
from generator.diagnostics import UsageError
from generator.paths import inside


def parse(text: str) -> tuple[int, int]:
    """K/N as written on the command line: share K (from 1) of N."""
    k, slash, n = text.partition("/")
    if not slash or not k.isdigit() or not n.isdigit() or not 1 <= int(k) <= int(n):
        raise UsageError(f"--shard takes K/N with 1 <= K <= N, like 1/4; not '{text}'")
    return int(k), int(n)


def share(keys: Iterable[str], k: int, n: int) -> list[str]:
    """The sites of share k of n: the same ones on every machine and in every build."""
    return [key for key in keys if int(hashlib.sha256(key.encode("utf-8")).hexdigest(), 16) % n == k - 1]


def merge(shards: list[Path], out: Path, env: jinja2.Environment, force: bool = False) -> list[str]:
    """Put every site the shards built into out, then its report and portal; return the sites put in."""
    for shard in shards:
        if not output.owned(shard):
            raise UsageError(f"{shard} is not an output folder of iop-guide build (it has no {output.MARKER})")
    merged = []
    with output.claim(out, force):
        sites = outcome.read_report(out)
        for shard in shards:
            for key, entry in outcome.read_report(shard).items():
                if entry.get("last_result") in ("built", "unchanged") and _copy_site(shard, key, out, entry):
                    sites[key] = entry
                    merged.append(key)
                else:
                    sites.setdefault(key, entry)  # a failed site: its previous output, if out has one, stays
        outcome.save_report(out, sites)
        portal.write(sites, env, out)
    return sorted(merged)


def _copy_site(shard: Path, key: str, out: Path, entry: dict[str, Any]) -> bool:
    """Copy one built site (and its zip) into out, swapped in whole; False when the shard lacks it."""
    source = shard / key
    if source.is_symlink() or not (source / "index.html").is_file():
        return False
    destination = inside(out, out / key)
    with publish.fresh_beside(destination) as fresh:
        # ordinary files only: a link in a downloaded share must not copy anything from elsewhere
        shutil.copytree(source, fresh, dirs_exist_ok=True, ignore=_not_ordinary)
        publish.make_readable(fresh)
        publish.swap_in(fresh, destination)
    zipped = entry.get("zip")
    if isinstance(zipped, str) and zipped == f"{key}.zip" and (shard / zipped).is_file():
        partial = inside(out, destination.parent / f"{publish.TEMP_PREFIX}{destination.name}.zip")
        shutil.copyfile(shard / zipped, partial)
        os.chmod(partial, publish.FILE_MODE)
        os.replace(partial, inside(out, out / zipped))
    return True


def _not_ordinary(folder: str, names: list[str]) -> list[str]:
    return [name for name in names if os.path.islink(os.path.join(folder, name))
            or not (os.path.isdir(os.path.join(folder, name)) or os.path.isfile(os.path.join(folder, name)))]
