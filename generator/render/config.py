"""The per-site MkDocs config: name, address, navigation, theme values, link previews and the site's terms.

It is layered on the project's mkdocs.yml (copied as base.yml), which MkDocs
merges it into: mappings key by key, anything else replaced whole.
"""

from __future__ import annotations

import html
from typing import Any

from generator.render import brand, href, interface, markup, pages, structured_data, timeline, views, words
from generator.render.markup import shorten
from generator.render.words import Words
from generator.resolve import SiteSpec

# the extension that explains the site's terms on every page, as named in mkdocs.yml
ABBREVIATIONS = "generator.markdown.abbreviations"


def root_url(spec: SiteSpec) -> str:
    """Where the location's guide lives: its own site_url, else the clinic's base URL plus the location id."""
    return spec.location.site_url or spec.clinic.base_url.rstrip("/") + f"/{spec.location_id}/"


def language_folder(spec: SiteSpec, language: str) -> str:
    """A language's folder below the guide's root: none for the first of the guide's languages, else its code."""
    return "" if language == (spec.guide_languages or (words.SOURCE,))[0] else f"{language}/"


def site_url(spec: SiteSpec) -> str:
    """Where this site (the location's guide in one language) will live."""
    return root_url(spec) + language_folder(spec, spec.language)


def site_config(spec: SiteSpec) -> dict[str, Any]:
    """The per-site MkDocs settings, layered on the shared base config."""
    settings = {
        "INHERIT": "base.yml",
        # Material prints the name unescaped (page titles, header), so it is HTML-escaped here, once
        "site_name": html.escape(f"{spec.clinic.name}: {spec.location.name}"),
        "site_url": site_url(spec),
        # Material prints it unescaped, like page descriptions (see site.front_matter)
        "site_description": html.escape(shorten(spec.program.summary)),
        "docs_dir": "docs",
        "theme": {"logo": brand.logo(spec), "favicon": f"assets/{brand.favicon(spec)}"},
        "extra_css": ["assets/brand.css"],
        "nav": safe_nav(nav(spec)),
        # the clinic's WOFF2 fonts are fetched with the styles, so text is not drawn twice (no layout shift)
        "extra": {**theme_extra(spec), **seo_extra(spec),
                  "font_preloads": [target for _, target in brand.font_files(spec) if target.endswith(".woff2")]},
        # the base config names the extension; this adds the site's terms, which it explains on every page
        "markdown_extensions": {ABBREVIATIONS: {"glossary": views.abbreviations(spec)}},
    }
    return language_settings(spec, settings) if spec.language != words.SOURCE else settings


def language_settings(spec: SiteSpec, settings: dict[str, Any]) -> dict[str, Any]:
    """Settings whose English the base mkdocs.yml holds, in the site's language; search stems that language."""
    _ = Words(spec.language)
    # Material's own labels (and <html lang>) follow the theme's language
    settings["theme"].update(language=spec.language, palette=interface.palette(spec))
    # a mapping in the base config too (which names the stemming pipeline), so this merges into it:
    # the index stems the site's own language
    settings["plugins"] = {"search": {"lang": [spec.language]}}
    settings["markdown_extensions"]["toc"] = {"permalink_title": _.of(interface.PERMALINK_TITLE)}
    return settings


def nav(spec: SiteSpec) -> list[Any]:
    """The navigation: guide pages, weeks grouped by phase, therapies."""
    _ = Words(spec.language)
    weeks = [{f"{p['title']} ({p['label']})": [{_("Week {number}").format(number=s["number"]): s["path"]}
                                               for s in p["steps"]]}
             for p in timeline.phases(spec)]
    therapies = [{_("All therapies"): pages.THERAPIES}] + [{t["label"]: t["path"]} for t in views.therapy_views(spec)]

    def guide(path: str) -> dict[str, str]:
        return {_.of(pages.GUIDE[path].label): path}

    return [
        {_("Home"): pages.HOME},
        guide(pages.PREPARING),
        {_("Your weeks"): weeks},
        {_("Therapies"): therapies},
        {_("Help along the way"): [guide(p) for p in (pages.TIPS, pages.PROGRESS, pages.CHALLENGES, pages.FAQ)]},
        *(guide(p) for p in (pages.AFTER, pages.LEVELS_OF_CARE, pages.CONTACT, pages.GLOSSARY, pages.PRINT)),
    ]


def languages_extra(spec: SiteSpec) -> dict[str, Any] | None:
    """The other languages of the guide, for the language switch and the head's and sitemap's alternates.

    The pages have the same paths in every language, so a page in another language is that language's
    folder plus the page's own path: `path` is that folder from this site's root, for relative links
    that work from disk too; `url` the language's absolute address. None for a guide in one language.

    The head's alternates are relative (`path`): Material's script fetches the sitemap of every
    `<link rel=alternate>`, and an absolute address would make a guide served from anywhere but
    its public host (the preview, a test host) load from that host. The sitemaps, which search
    engines read, carry the absolute addresses.
    """
    if len(spec.guide_languages) < 2:
        return None
    back = "../" * language_folder(spec, spec.language).count("/")
    others = [{"lang": code, "label": words.language_name(code), "path": back + language_folder(spec, code)}
              for code in spec.guide_languages if code != spec.language]
    alternates = [{"hreflang": code, "url": root_url(spec) + language_folder(spec, code),
                   "path": back + language_folder(spec, code)} for code in spec.guide_languages]
    # search engines send a reader whose language the guide lacks to the first (English)
    alternates.append({**alternates[0], "hreflang": "x-default"})
    return {"switch": others, "alternates": alternates, "locales": [words.region_locale(c) for c in
                                                                    spec.guide_languages if c != spec.language]}


def nav_label(label: str) -> str:
    """A navigation label from the data, safe where Material prints it.

    Material prints labels unescaped, and in <title> after `striptags`, which
    decodes entities again; so angle brackets become look-alike quotes and the
    rest is HTML-escaped once.
    """
    return html.escape(markup.plain_text(label).replace("<", "\u2039").replace(">", "\u203a"))


def safe_nav(items: list[Any]) -> list[Any]:
    """The navigation with every label made safe (see nav_label); page paths are the generator's own."""
    return [{nav_label(label): safe_nav(target) if isinstance(target, list) else target
             for label, target in item.items()} for item in items]


def seo_extra(spec: SiteSpec) -> dict[str, Any]:
    """What the theme's head needs for link previews and search engines (see overrides/main.html)."""
    url = site_url(spec)
    image = brand.share_image(spec)
    return {
        "seo": {"image": image, "locale": words.region_locale(spec.language),
                # the logo's own words describe it; a share image has none in the data
                "image_alt": spec.clinic.brand.logo_alt if image and not spec.clinic.brand.share_image else None,
                "card": "summary_large_image" if spec.clinic.brand.share_image else "summary"},
        "jsonld": structured_data.clinic(spec, url, logo=url + brand.logo(spec), image=url + image if image else None),
    }


def site_data(spec: SiteSpec) -> dict[str, Any]:
    """The facts the page scripts need (the plan of weeks, storage keys), embedded as JSON."""
    address = spec.location.address
    _ = Words(spec.language)
    return {
        "site": spec.key,
        "clinic": spec.clinic.name,
        "location": spec.location.name,
        "address": f"{address.street}, {address.city}, {address.region} {address.postal_code}",
        "length": spec.length,
        "phone": spec.location.phone,
        # "time" is the session hours as every page shows them (9:00 am to 12:00 pm)
        "tracks": [{"name": t.name, "days": [d.value for d in t.days], "start": t.start, "end": t.end,
                    "time": views.session_time(t, _)} for t in spec.location.tracks],
        "weeks": [{"number": w.number, "title": markup.plain_text(w.title), "phase": markup.plain_text(w.phase.title)}
                  for w in spec.weeks],
        "words": interface.script_words(spec),
    }


def theme_extra(spec: SiteSpec) -> dict[str, Any]:
    """Values the theme overrides show on every page: crisis help, the location's phone, legal words.

    Without crisis lines in the data, the base config's (988 and 911) stay in force.
    """
    extra: dict[str, Any] = {
        "generator": False,
        "clinic": {"name": spec.clinic.name, "location": spec.location.name, "phone": spec.location.phone,
                   "tel": str(href.tel(spec.location.phone)), "logo_alt": spec.clinic.brand.logo_alt,
                   "logo_plate": spec.clinic.brand.logo_background.value},
    }
    website = spec.clinic.contact.website
    if website:  # checked and quoted by href.web, like every link the data gives
        extra["clinic"].update(website=str(href.web(website)), website_label=views.url_label(website))
    extra["site_data"] = site_data(spec)
    extra["words"] = interface.theme_words(spec)
    alternates = languages_extra(spec)
    if alternates:
        extra["languages"] = alternates
    crisis = spec.program.crisis
    if spec.language != words.SOURCE:  # the base config's 988 and 911 are in English
        extra["crisis"] = interface.crisis(spec)
    elif crisis:
        extra["crisis"] = {"text": crisis.text, "lines": [interface.data_line(line, spec.language)
                                                          for line in crisis.lines]}
    # the legal line is the clinic's own; the disclaimer replaces the base config's only when given
    if spec.clinic.legal:
        extra.update(legal=spec.clinic.legal, legal_lang=interface.foreign(spec.clinic.legal, spec.language))
    if spec.clinic.disclaimer:
        extra.update(disclaimer=spec.clinic.disclaimer,
                     disclaimer_lang=interface.foreign(spec.clinic.disclaimer, spec.language))
    elif spec.language != words.SOURCE:
        extra["disclaimer"] = Words(spec.language).of(interface.DISCLAIMER)
    return extra
