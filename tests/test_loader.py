"""The load stage: plain data, a position for every node, and located failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load.loader import MAX_FILE_BYTES, LoadError, load_file, load_text

F = Path("t.yaml")


def fail(text: str) -> str:
    with pytest.raises(LoadError) as caught:
        load_text(text, F)
    d = caught.value.diagnostic
    return f"{d.line}:{d.col}: {d.message}"


def test_positions_of_values_and_keys() -> None:
    doc = load_text("name: A\nphases:\n  - id: one\n    weeks: 2-3\n", F)
    assert doc.data == {"name": "A", "phases": [{"id": "one", "weeks": "2-3"}]}
    assert doc.source.values[("name",)] == (1, 7)
    assert doc.source.values[("phases", 0, "weeks")] == (4, 12)
    assert doc.source.keys[("phases", 0, "weeks")] == (4, 5)


def test_locate_falls_back_to_the_closest_known_parent() -> None:
    doc = load_text("a:\n  b: 1\n", F)
    assert doc.source.locate(("a", "missing", "deeper")) == (2, 3)


def test_yaml_12_scalars_keep_times_and_words_as_text() -> None:
    doc = load_text("start: 10:30\nanswer: no\nday: 2024-01-02\nn: 12\nok: true\n", F)
    assert doc.data == {"start": "10:30", "answer": "no", "day": "2024-01-02", "n": 12, "ok": True}


def test_duplicate_key_is_an_error_at_the_second_key() -> None:
    assert fail("name: A\nkind: core\nname: B\n") == "3:1: duplicate key 'name' (first set at line 1)"


def test_empty_file() -> None:
    assert fail("") == "1:1: the file is empty"
    assert fail("# only a comment\n") == "1:1: the file is empty"


def test_tab_indentation() -> None:
    assert fail("name: A\nlist:\n\t- x\n") == "3:1: YAML syntax: a tab character is used for indentation"


def test_unclosed_quote_points_at_the_opening_quote() -> None:
    assert fail('name: "A\nkind: core\n') == "1:7: YAML syntax: a quote is opened but never closed"


def test_bad_indent() -> None:
    message = fail("name: A\n  kind: core\n")
    assert message == "2:7: YAML syntax: a ':' appears where YAML does not expect one"


def test_merge_keys_and_tags_are_refused() -> None:
    assert fail("a: &x {b: 1}\nc:\n  <<: *x\n") == "3:3: merge keys (<<) are not supported"
    assert fail("a: !!python/object:os.system x\n") == "1:4: the tag '!!python/object:os.system' is not allowed"


def test_billion_laughs_fails_fast() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        ref = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{ref}"] * 9) + "]")
    # bounded by the node limit (counted in test_paths_and_limits); scripts/bench.py times it
    message = fail("\n".join(lines) + "\n")
    assert "expands to more than" in message


def test_recursive_alias_is_refused() -> None:
    assert "nested more than" in fail("a: &a [*a]\n")


def test_not_utf8_names_the_byte(tmp_path: Path) -> None:
    file = tmp_path / "x.yaml"
    file.write_bytes(b"name: caf" + b"\xe9\n")
    with pytest.raises(LoadError) as caught:
        load_file(file)
    d = caught.value.diagnostic
    assert (d.line, d.col) == (1, 10)
    assert d.message == "the file is not UTF-8 text (byte 9 is 0xe9)"


def test_file_too_large(tmp_path: Path) -> None:
    file = tmp_path / "big.yaml"
    file.write_text("a: " + "x" * MAX_FILE_BYTES + "\n")
    with pytest.raises(LoadError) as caught:
        load_file(file)
    assert "the limit is" in caught.value.diagnostic.message


def test_numbers_with_a_leading_zero_are_decimal_as_in_yaml_1_2(tmp_path: Path) -> None:
    # PyYAML's YAML 1.1 reader takes 08 for a bad octal number and fails with a bare ValueError
    file = tmp_path / "numbers.yaml"
    file.write_text("a: 08\nb: 012\nc: 0o17\nd: 0x1f\n", encoding="utf-8")
    assert load_file(file).data == {"a": 8, "b": 12, "c": 15, "d": 31}
