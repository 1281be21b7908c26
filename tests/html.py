"""Reading the built site's HTML."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup

SECTIONS = ["introduction", "paranoia-and-security", "nazi-soviet-pact", "borders-and-the-alliance",
            "aggrandizement-through-collaboration", "national-front-strategy", "warsaw",
            "aid-and-the-second-front", "crisis-to-tehran", "conclusion"]


@cache
def _parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def soup(site: Path, url_path: str) -> BeautifulSoup:
    """The page at a site URL path such as 'notes/12/' (a fresh copy, safe to modify)."""
    path = site / url_path / "index.html" if not url_path.endswith(".html") else site / url_path
    return BeautifulSoup(str(_parse(path)), "html.parser")


def content(site: Path, url_path: str):
    return soup(site, url_path).select_one("article.md-content__inner")


def author_text(element) -> str:
    """An element's text as the author wrote it: edition links removed, markers as [n]."""
    for link in element.select("a.headerlink, a.footnote-backref, a.note-page-link"):
        link.decompose()
    for sup in element.select("sup[id^='fnref:']"):
        sup.replace_with(f"[{sup['id'].split(':')[1]}]")
    return element.get_text()
