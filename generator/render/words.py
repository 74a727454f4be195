"""The guide's own words in the site's language, from gettext catalogs: one module for templates and code.

English is the source language: its words are the message ids, so an English
site needs no catalog. Every other language has `generator/locale/<code>/LC_MESSAGES/messages.po`
(extracted and updated with Babel, see docs/architecture.md), compiled here in
memory: read_po, write_mo into a buffer, GNUTranslations. No .mo file is kept in
the repository, so the .po is the one thing a translator edits.

A compiled catalog is kept per language with the hash of the .po it was made
from: `load` (once per site rendered) reads the file again, so an edited .po
shows at the next render, and compiles it only when its contents changed.
Between loads `catalog` hands out that one, which each word of a page looks up.
"""

from __future__ import annotations

import gettext
import hashlib
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path

import jinja2
from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

# the catalogs go with the code that marks the words (the templates' words are in them too)
LOCALE = Path(__file__).resolve().parents[1] / "locale"  # package data: it ships with the code
DOMAIN = "messages"
SOURCE = "en"

# by language: the hash of the .po's contents, and the catalog compiled from them
_compiled: dict[str, tuple[str, gettext.NullTranslations]] = {}


def N_(message: str) -> str:
    """Mark a message for extraction where it is defined (a table of words); it is translated where it is shown."""
    return message


def po_file(language: str) -> Path:
    """Where a language's catalog is."""
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    """Every language the guide's own words can be shown in: English, and each language with a catalog."""
    return [SOURCE, *sorted(p.parent.parent.name for p in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))]


def load(language: str) -> gettext.NullTranslations:
    """The language's catalog as its .po file now reads; compiled once for each contents."""
    if language == SOURCE:  # the message ids are its words
        return _compiled.setdefault(SOURCE, ("", gettext.NullTranslations()))[1]
    path = po_file(language)
    if not path.is_file():
        raise ValueError(f"no catalog for the language '{language}': expected {path} (languages: "
                         f"{', '.join(languages())})")
    content = path.read_bytes()
    digest = hashlib.sha256(content).hexdigest()
    kept = _compiled.get(language)
    if kept is None or kept[0] != digest:
        kept = _compiled[language] = (digest, _compile(content, language))
    return kept[1]


def _compile(content: bytes, language: str) -> gettext.GNUTranslations:
    # fuzzy entries are left out, as msgfmt leaves them: a guess is not shown to patients (a test forbids them)
    messages = read_po(BytesIO(content), locale=language)
    compiled = BytesIO()
    write_mo(compiled, messages, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def catalog(language: str) -> gettext.NullTranslations:
    """The catalog last loaded for a language (loaded now if it never was)."""
    kept = _compiled.get(language)
    return kept[1] if kept is not None else load(language)


class Words:
    """The guide's words in one language: `_("Home")` for a literal, `_.of(TITLES[kind])` for a marked one."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._catalog = catalog(language)

    def __call__(self, message: str) -> str:
        return self._catalog.gettext(message)

    def of(self, marked: str) -> str:
        """A message marked with N_ where it was defined."""
        return self._catalog.gettext(marked)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self._catalog.ngettext(singular, plural, count)

    def around(self, message: str, name: str, **values: str) -> dict[str, str]:
        """A sentence cut where a link goes ({name}): the words before and after it, the other values filled in."""
        before, _, after = self(message).partition("{" + name + "}")
        return {"before": before.format(**values), "after": after.format(**values)}


# -- the templates: one environment, every page's words in its own language ------------

def _language_of(context: jinja2.runtime.Context) -> str:
    language = context.get("language")
    if not isinstance(language, str):
        raise TypeError("a template with words to translate is rendered with `language` (the site's spec.language)")
    return language


@jinja2.pass_context
def _gettext(context: jinja2.runtime.Context, message: str) -> str:
    return catalog(_language_of(context)).gettext(message)


@jinja2.pass_context
def _ngettext(context: jinja2.runtime.Context, singular: str, plural: str, count: int) -> str:
    return catalog(_language_of(context)).ngettext(singular, plural, count)


def install(env: jinja2.Environment) -> None:
    """Give the environment `_`, `gettext`, `ngettext` and `{% trans %}`, translated for the page's language."""
    env.add_extension("jinja2.ext.i18n")
    # a {% trans %} block's lines are one message, as Babel extracts it (babel.cfg says trimmed too)
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]


# -- names the scripts and the theme need ---------------------------------------------

WEEKDAYS = {"mon": N_("Monday"), "tue": N_("Tuesday"), "wed": N_("Wednesday"), "thu": N_("Thursday"),
            "fri": N_("Friday"), "sat": N_("Saturday"), "sun": N_("Sunday")}
MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
          N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))


def day_names(words: Words, days: Iterable[str]) -> list[str]:
    """Weekday names (from the data's ids: mon, tue, ...) in the language."""
    return [words.of(WEEKDAYS[day]) for day in days]


def language_name(language: str) -> str:
    """A language's name in itself, as a language switch shows it: English, Español."""
    name = Locale.parse(language).get_display_name(language) or language
    return name[:1].upper() + name[1:]


def region_locale(language: str) -> str:
    """The language as the guides' readers in the US use it, for Open Graph: en_US, es_US."""
    return f"{language}_US"
