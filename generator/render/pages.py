"""Every docs path of a site: its pages, and the way a link from one page reaches another.

This module alone knows where pages live. The views give each link the docs
path of its target (from the docs root, like `weeks/week-3.md`); a template
only turns that path into a link from the page it renders, with the filters
`md_url` (Markdown links) and `html_url` (raw HTML) of templates.py.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any

from generator.render.words import N_

HOME = "index.md"
THERAPIES = "therapies/index.md"
PREPARING = "preparing.md"
TIPS = "tips.md"
PROGRESS = "progress.md"
CHALLENGES = "challenges.md"
FAQ = "faq.md"
CONTACT = "contact.md"
LEVELS_OF_CARE = "levels-of-care.md"
AFTER = "after.md"
GLOSSARY = "glossary.md"
PRINT = "print.md"
# sections that other pages link to: the ids Markdown's toc gives the headings "Plan your dates"
# (_plan_form.md.jinja, on the home page) and "Getting here" (contact.md.jinja)
PLAN_YOUR_DATES = f"{HOME}#plan-your-dates"
GETTING_HERE = f"{CONTACT}#getting-here"


@dataclass(frozen=True)
class GuidePage:
    """One of the fixed pages every site has."""

    path: str
    template: str
    label: str  # its title, and its name in the navigation (an English message id)
    # what it holds, for search results (an English message id); views.page_description fills in the fields
    about: str


# labels and descriptions are English message ids, translated where a page is made (views, config)
GUIDE_PAGES = (
    GuidePage(PREPARING, "preparing.md.jinja", N_("Preparing to start"),
              N_("Steps to take before your first day in {here}.")),
    GuidePage(TIPS, "tips.md.jinja", N_("Tips for success"),
              N_("Tips from the care team for getting the most out of {here}.")),
    GuidePage(PROGRESS, "progress.md.jinja", N_("How progress is measured"),
              N_("How your team measures your progress in {here}, and why.")),
    GuidePage(CHALLENGES, "challenges.md.jinja", N_("Common challenges"),
              N_("Hard moments many people meet in {here}, and ways to get through them.")),
    GuidePage(FAQ, "faq.md.jinja", N_("Questions and answers"),
              N_("Questions people often ask about {here}, with short, plain answers.")),
    GuidePage(AFTER, "after.md.jinja", N_("After the program"),
              N_("What comes after {here}: the support that keeps your recovery going.")),
    GuidePage(LEVELS_OF_CARE, "levels-of-care.md.jinja", N_("Levels of care"),
              N_("How {here} compares with other levels of care, from weekly therapy to a hospital stay.")),
    GuidePage(CONTACT, "contact.md.jinja", N_("Contact and schedule"),
              N_("How to reach {clinic}, {location}: {street}, {city}. Call {phone}. Session days and times.")),
    GuidePage(GLOSSARY, "glossary.md.jinja", N_("Words to know"),
              N_("Short names and words you may hear in {here}, and what they mean.")),
    GuidePage(PRINT, "print.md.jinja", N_("The whole guide"),
              N_("All {length} weeks of {here} on one page, to read in order or to print.")),
)
GUIDE = {page.path: page for page in GUIDE_PAGES}


@dataclass(frozen=True)
class Page:
    """One Markdown page to write: where, with which template and what it shows."""

    path: str
    template: str
    context: dict[str, Any]


def week_path(number: int) -> str:
    """The docs path of a week page."""
    return f"weeks/week-{number}.md"


def therapy_path(therapy_id: str) -> str:
    """The docs path of a therapy page."""
    return f"therapies/{therapy_id}.md"


def links() -> dict[str, str]:
    """The docs paths of the pages and sections that page texts link to, by name."""
    return {"preparing": PREPARING, "contact": CONTACT, "levels_of_care": LEVELS_OF_CARE,
            "after": AFTER, "plan_your_dates": PLAN_YOUR_DATES, "getting_here": GETTING_HERE,
            "first_week": week_path(1)}


def md_url(target: str, here: str) -> str:
    """A Markdown link target from the page `here` to a docs path; MkDocs turns it into the built page's address."""
    path, mark, section = target.partition("#")
    return posixpath.relpath(path, posixpath.dirname(here) or ".") + mark + section


def html_url(target: str, here: str) -> str:
    """The built page of a docs path, from the page `here`, for raw HTML, where MkDocs rewrites no links."""
    path, mark, section = target.partition("#")
    return "../" * here.count("/") + path.removesuffix(".md") + ".html" + mark + section
