"""The words the theme overrides and the page scripts show, in the site's language, from the catalogs.

Material renders overrides/*.html with MkDocs' own Jinja, which has none of our
catalogs: config.py puts these words into config.extra and the theme prints them
escaped. The page scripts read theirs from the site data (config.site_data) and
fill in the {names} themselves (iopGuide.say, guide.js). A sentence with a link
in it is cut around the link (Words.around), so a translator sees it whole.
"""

from __future__ import annotations

from typing import Any

from generator.model import CrisisLine
from generator.render import href
from generator.render.words import MONTHS, N_, WEEKDAYS, Words
from generator.resolve import SiteSpec

# the base mkdocs.yml's English, as the message ids a site in another language is given instead
CRISIS_TEXT = N_("If you are in crisis or thinking about harming yourself, help is available right now.")
DISCLAIMER = N_("This guide is general information about the program. It is not medical advice and it is not a "
                "diagnosis. Your care team can answer questions about your own health. In a crisis, call or text "
                "988, or call 911.")
LIFELINE = N_("988 Suicide & Crisis Lifeline")
# the Lifeline answers in Spanish when a caller presses 2, and a text that says AYUDA (988lifeline.org)
SPANISH_LIFELINE = (N_("Call 988 and press 2 for Spanish"), N_("Text AYUDA to 988 for Spanish"), "AYUDA")
PALETTE_SCHEMES = (("(prefers-color-scheme: light)", "default", "material/weather-night", N_("Switch to dark mode")),
                   ("(prefers-color-scheme: dark)", "slate", "material/weather-sunny", N_("Switch to light mode")))
PERMALINK_TITLE = N_("Link to this section")


def theme_words(spec: SiteSpec) -> dict[str, Any]:
    """What the theme overrides say on every page (main.html, partials/call.html and copyright.html)."""
    _ = Words(spec.language)
    location, clinic, phone = spec.location.name, spec.clinic.name, spec.location.phone
    return {
        "crisis_label": _("Crisis help"),
        "call": _("Call {location}: {phone}").format(location=location, phone=phone),
        "print_contact": _("{clinic}, {location}. Questions? Call {phone}.").format(
            clinic=clinic, location=location, phone=phone),
        "questions": _.around(_("Questions? Call {phone}."), "phone"),
        "website": _.around(_("Website: {website}."), "website"),
        "language_help": _.around(_("Free language help is available. Call {phone} to ask for an interpreter."),
                                  "phone"),
        "privacy": _("Your privacy: this guide has no cookies, no tracking and no ads, and loads nothing from other "
                     "websites. Checklist ticks and your plan of weeks stay in this browser on this device only, "
                     "and only if you make them."),
        "clear_saved": _("Clear what this guide saved"),
        "languages": _("Read this guide in another language"),
        "untranslated": _("Parts of this page are still in English: they have not been translated yet."),
    }


def crisis(spec: SiteSpec) -> dict[str, Any]:
    """The crisis banner of a site in another language than English: 988 as it answers in that language,
    911, then every other line the program's data gives (the data's own 988 and 911 lines are left out)."""
    _ = Words(spec.language)
    given = spec.program.crisis
    lines = _lifeline(spec.language, _)
    lines.append({"name": _("Emergency"), "action": _("Call 911"), "number": "911", "tel": str(href.tel("911"))})
    others: list[CrisisLine] = [line for line in given.lines if not line.national] if given else []
    lines += [data_line(line, spec.language) for line in others]
    text = given.text if given else _.of(CRISIS_TEXT)
    return {"text": text, "lang": foreign(text, spec.language), "lines": lines}


def data_line(line: CrisisLine, language: str) -> dict[str, Any]:
    """A crisis line the data gives, as the banner shows it (its words' language where not the page's)."""
    return {"name": line.name, "action": line.action, "number": line.number, "tel": str(href.tel(line.number)),
            "name_lang": foreign(line.name, language), "action_lang": foreign(line.action, language)}


def foreign(text: object, language: str) -> str | None:
    """The language of a data text that is not the page's (English standing in for a missing translation):
    the theme marks it with lang, as render/templates.py marks the pages' text (WCAG 3.1.2)."""
    lang = getattr(text, "lang", None)
    return lang if isinstance(lang, str) and lang != language else None


def _lifeline(language: str, _: Words) -> list[dict[str, Any]]:
    if language == "es":
        call, text, word = SPANISH_LIFELINE
        return [{"name": _.of(LIFELINE), "action": _.of(call), "number": "988", "tel": str(href.tel("988"))},
                {"name": None, "action": _.of(text), "number": "988", "sms": str(href.sms("988", word))}]
    return [{"name": _.of(LIFELINE), "action": _("Call or text 988"), "number": "988", "tel": str(href.tel("988"))}]


def palette(spec: SiteSpec) -> list[dict[str, Any]]:
    """The light and dark schemes of the base mkdocs.yml, their switches named in the site's language."""
    _ = Words(spec.language)
    return [{"media": media, "scheme": scheme, "primary": "custom", "accent": "custom",
             "toggle": {"icon": icon, "name": _.of(name)}} for media, scheme, icon, name in PALETTE_SCHEMES]


def script_words(spec: SiteSpec) -> dict[str, Any]:
    """What the page scripts say (overrides/assets/javascripts), with {names} they fill in."""
    _ = Words(spec.language)
    return {
        **_date_words(_),
        "ticks_done": _("{done} of {total} done"),
        "ticks_clear": _("Clear my ticks"),
        "cleared": _("Done: nothing from this guide is saved in this browser now."),
        "table_scrolls": _("Table, scrolls sideways: {names}"),
        **_plan_words(_),
        **_week_words(_),
        **_calendar_words(_),
    }


def _date_words(_: Words) -> dict[str, Any]:
    # the scripts' weekdays are in JavaScript's order, Sunday first (Date.getDay)
    order = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
    return {
        "weekdays": [_.of(WEEKDAYS[day]) for day in order],
        "months": [_.of(month) for month in MONTHS],
        "date_long": _("{weekday}, {month} {day}"),
        "date_long_year": _("{weekday}, {month} {day}, {year}"),
        "date_range": _("{first} to {last}"),
    }


def _plan_words(_: Words) -> dict[str, Any]:
    return {
        "plan_track": _("Schedule track"),
        "plan_start": _("Week 1 starts"),
        "plan_first": _("First session"),
        "plan_last": _("Last session"),
        "plan_ends": _("Program ends"),
        "plan_ends_on": _("{date} (end of week {length})"),
        "plan_count": _("Sessions in all"),
        "date_not_whole": _("That is not a whole date. Enter the month, day and year of your first day."),
        "date_missing": _("Enter the first day of your week 1."),
        "date_out_of_range": _("Enter a date between the years 2000 and 2099."),
        "track_unplannable": _("This schedule track cannot be planned here. Call us to learn your dates."),
        "plan_saved": _("Plan saved. Your program ends {date}."),
        "plan_not_saved": _("Your plan could not be saved in this browser."),
        # the scripts pick "one" for a count of 1, else "other": the plural rule of English and Spanish
        "calendar_made": {
            "one": _.ngettext("Calendar file made with {count} session. Open it to add it to your calendar.",
                              "Calendar file made with {count} sessions. Open it to add them to your calendar.", 1),
            "other": _.ngettext("Calendar file made with {count} session. Open it to add it to your calendar.",
                                "Calendar file made with {count} sessions. Open it to add them to your calendar.",
                                2)},
        "plan_cleared": _("Your plan is cleared. Nothing about it is kept in this browser now."),
    }


def _week_words(_: Words) -> dict[str, Any]:
    return {
        "week_dates": _("Your week {number}:"),
        "week_sessions": _("Your sessions ({track}, {time}):"),
        "week_none": _("No sessions of the {track} fall in this week."),
        "week_no_plan": _("See the dates of this week and your session days: choose your start date and schedule "
                          "track on the home page."),
        "plan_link": _("Plan your dates"),
        "plan_change": _("Change your plan"),
    }


def _calendar_words(_: Words) -> dict[str, Any]:
    return {
        "ics_summary": _("IOP week {number}: {title}"),
        "ics_week": _("Week {number} of {length}, {track}, {time}."),
        "ics_week_phase": _("Week {number} of {length} ({phase}), {track}, {time}."),
        "ics_call": _("Questions, or running late? Call {clinic}, {location}: {phone}."),
        "ics_calendar": _("{clinic}, {location}: my IOP sessions"),
        # the downloaded file's name, after the site's: lowercase words and hyphens only
        "ics_file": _("my-iop-sessions"),
    }
