"""A network built in shares on several machines, then merged, is the network built on one."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import DEMO_DATA, DEMO_SITES, ROOT
from support.commands import iop
from support.files import tree_hash

from generator.build import shards
from generator.build.outcome import REPORT
from generator.diagnostics import UsageError

KEYS = [f"clinic-{c}/location-{n}" for c in range(4) for n in range(25)]


@pytest.mark.parametrize("n", [1, 2, 3, 7])
def test_the_shares_split_the_sites_once_each_the_same_way_every_time(n: int) -> None:
    found = [shards.share(KEYS, k, n) for k in range(1, n + 1)]
    assert sorted(key for share in found for key in share) == sorted(KEYS)
    assert found == [shards.share(list(reversed(KEYS)), k, n)[::-1] for k in range(1, n + 1)]
    # a site keeps its share when others come and go
    assert shards.share(KEYS[:10], 1, n) == [key for key in found[0] if key in KEYS[:10]]


@pytest.mark.parametrize("written", ["0/2", "3/2", "1", "a/b", "1/0", "-1/2"])
def test_a_wrong_shard_is_refused(written: str) -> None:
    with pytest.raises(UsageError, match="--shard takes K/N"):
        shards.parse(written)


@pytest.mark.slow
def test_shares_built_apart_and_merged_are_the_whole_build(tmp_path: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}

    def build(out: Path, *more: str) -> None:
        done = iop(ROOT, "build", "--data", str(DEMO_DATA), "--out", str(out), *more, env=env)
        assert done.returncode == 0, done.stderr

    build(tmp_path / "whole")
    build(tmp_path / "one", "--shard", "1/2")
    build(tmp_path / "two", "--shard", "2/2")
    listed = [{entry["site"] for entry in json.loads((tmp_path / part / REPORT).read_text())["sites"]}
              for part in ("one", "two")]
    assert listed[0] | listed[1] == set(DEMO_SITES) and not listed[0] & listed[1] and all(listed)
    merged = iop(ROOT, "merge", str(tmp_path / "one"), str(tmp_path / "two"), "--out", str(tmp_path / "merged"),
                 env=env)
    assert merged.returncode == 0, merged.stderr
    assert "merged 3 site(s)" in merged.stderr
    for key in DEMO_SITES:
        assert tree_hash(tmp_path / "merged" / key) == tree_hash(tmp_path / "whole" / key), key
    report = json.loads((tmp_path / "merged" / REPORT).read_text())
    assert report == json.loads((tmp_path / "whole" / REPORT).read_text())
    assert (tmp_path / "merged/index.html").read_text() == (tmp_path / "whole/index.html").read_text()


def test_merge_takes_only_output_folders_of_builds(tmp_path: Path) -> None:
    (tmp_path / "stranger").mkdir()
    done = iop(ROOT, "merge", str(tmp_path / "stranger"), "--out", str(tmp_path / "merged"))
    assert done.returncode == 2 and "is not an output folder of iop-guide build" in done.stderr
    assert not (tmp_path / "merged").exists()
