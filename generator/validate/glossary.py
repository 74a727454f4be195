"""A program's glossary: each term once, and never a therapy's short name with another meaning."""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagnostics import Diagnostic
from generator.load.dataset import DataSet, Entry
from generator.model import Program


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def glossary(entry: Entry[Program], data: DataSet) -> Iterator[Diagnostic]:
    """Check each term is listed once and agrees with a therapy of that short name: a page shows one meaning."""
    source = entry.source
    first: dict[str, int] = {}
    short_names = {t.model.short_name: t for t in data.therapies.values() if t.model.short_name}
    for i, item in enumerate(entry.model.glossary):
        at = ("glossary", i, "term")
        if item.term in first:
            yield source.diagnostic(at, f"the term '{item.term}' is in the glossary twice",
                                    hint=f"the first is glossary[{first[item.term] + 1}]; keep one of them")
        first.setdefault(item.term, i)
        therapy = short_names.get(item.term)
        if therapy and not _same_words(therapy.model.name, item.meaning):
            yield source.diagnostic(at, f"'{item.term}' is the short name of the therapy '{therapy.id}': "
                                    f"it means '{therapy.model.name}', not '{item.meaning}'",
                                    hint="remove it from the glossary (therapies' short names are added by "
                                    "themselves), or use another term")
