"""Reading the built site's HTML, and selecting from it without passing on nothing.

Each built page is parsed once per test run and shared (:func:`soup`, :func:`content`): treat
what they return as read-only, and take :func:`editable` copies to change. Every selection a
test loops over or relies on goes through :func:`select` or :func:`one` (or :func:`present` for
a Playwright locator), which fail when the selector finds nothing: a renamed class must fail the
tests that look for it, not leave them looping over an empty list.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FOOTNOTES = ROOT / "footnotes"  # the edition's data, wherever pytest is started from

SECTIONS = ["introduction", "paranoia-and-security", "nazi-soviet-pact", "borders-and-the-alliance",
            "aggrandizement-through-collaboration", "national-front-strategy", "warsaw",
            "aid-and-the-second-front", "crisis-to-tehran", "conclusion"]


@cache
def parse(path: Path) -> BeautifulSoup:
    """One parse per file per test run, shared: do not modify it."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_path(site: Path, url_path: str) -> Path:
    return site / url_path / "index.html" if not url_path.endswith(".html") else site / url_path


def soup(site: Path, url_path: str) -> BeautifulSoup:
    """The page at a site URL path such as 'notes/12/' (shared and read-only: see :func:`editable`)."""
    return parse(page_path(site, url_path))


def content(site: Path, url_path: str):
    """The page's article (shared and read-only)."""
    return one(soup(site, url_path), "article.md-content__inner")


def editable(element):
    """A private copy of an element, safe to change."""
    return copy.copy(element)


def select(scope, selector: str, at_least: int = 1) -> list:
    """``scope.select(selector)``, failing when it finds fewer than ``at_least`` elements."""
    found = scope.select(selector)
    assert len(found) >= at_least, f"{selector!r} found {len(found)} element(s), expected at least {at_least}"
    return found


def one(scope, selector: str):
    """The one element ``selector`` finds; fails on none or several."""
    found = scope.select(selector)
    assert len(found) == 1, f"{selector!r} found {len(found)} elements, expected exactly one"
    return found[0]


def present(locator, at_least: int = 1):
    """A Playwright locator that must match something (``is_visible`` and friends are False, not an
    error, on a selector that matches nothing)."""
    count = locator.count()
    assert count >= at_least, f"{locator} matches {count} element(s), expected at least {at_least}"
    return locator


def author_text(element) -> str:
    """An element's text as the author wrote it: edition links removed, markers as [n]."""
    element = editable(element)
    for link in element.select("a.headerlink, a.footnote-backref, a.note-page-link"):
        link.decompose()
    for sup in element.select("sup[id^='fnref:']"):
        sup.replace_with(f"[{sup['id'].split(':')[1]}]")
    return element.get_text()


def follow(locator) -> None:
    """Click a link the way a reader does: scroll to it, then click.

    Playwright scrolls a link into view and clicks it in the same instant. Material records the
    scroll position 100 ms after scrolling stops (into the *current* history entry), and its
    instant navigation restores a recorded position instead of going to the link's #anchor: on a
    busy machine, where fetching the page takes longer than 100 ms, that record lands on the new
    entry and the page stays where it was. A reader does not click within 100 ms of scrolling.
    """
    present(locator).first.scroll_into_view_if_needed()
    locator.page.wait_for_timeout(300)
    locator.first.click()
