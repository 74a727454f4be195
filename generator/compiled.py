"""Compiled Jinja templates kept in memory, for every environment of this process.

Our pages' environment (render/templates.py) and MkDocs' theme environment (the
warm workers of build/ and the preview) are made anew for each site or save, but
compiling the same templates again is most of their cost. A module of its own,
below the stages, so both may use it.
"""

from __future__ import annotations

import jinja2


class Compiled(jinja2.BytecodeCache):
    """Compiled templates kept in memory by name and file; Jinja checks each against its source before use."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
