"""Mark the editor's layers in the rendered text, without changing a character of it.

A Python-Markdown treeprocessor wraps exact stretches of the author's text in links: an editorial
note's phrase (``a.edition-correction``, or ``a.edition-query`` for a query, to its entry on the
Editorial notes page) and the first
mention of each glossary term on a page (``a.glossary-term``, to the glossary). Each link's
``data-tip`` is its explanation, which javascripts/edition.js shows in its popover on hover, keyboard
focus or a tap (not a ``title``: Material's tooltip would show it as well, and could run off the
screen). The wrapped words are the author's, untouched: the links add no text of their own.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Callable

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, STX

from ..read.editorial import TermFinder, entries_in_note
from ..inline import tooltip_title
from ..text import translator
from ..model import Edition, EditorialNote
from ..urls import NOTES_INDEX_URI, editorial_entry, glossary_entry, mark_id, note_item_id, note_number, notes_index_item_id, relative

# Text inside these is never wrapped: links and note markers are already interactive,
# headings and code are not the author's prose.
SKIP = {"a", "sup", "abbr", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6"}

Finder = Callable[[str], list[tuple[int, int, etree.Element]]]

# Text put into the tree before Python-Markdown's attr_list (a treeprocessor, priority 8) runs keeps
# its braces as Python-Markdown's own escapes, which its last step (unescape, priority 0) turns back
# into the characters: a `{…}` in a note's text is shown, never read as an attribute list.
_BRACES = {ord("{"): f"{STX}{ord('{')}{ETX}", ord("}"): f"{STX}{ord('}')}{ETX}"}
_braces_escaped = translator(_BRACES)


def braces_escaped(text: str) -> str:
    return _braces_escaped(text)



def wrap_text(parent: etree.Element, find: Finder, unescape: Callable[[str], str] = lambda s: s) -> None:
    """Wrap the stretches ``find`` picks in ``parent``'s text, in document order.

    ``find(text)`` returns ``(start, end, element)`` for each stretch of ``text`` to wrap; the
    element receives that stretch as its text. Recurses into children, except those in SKIP.
    """
    def split(text: str | None) -> tuple[str | None, list[etree.Element]]:
        if not text:
            return text, []
        text = unescape(text)  # searched as shown, written back with its braces escaped again
        found = find(text)
        if not found:
            return braces_escaped(text), []
        made, pos, head = [], 0, braces_escaped(text[:found[0][0]])
        for i, (start, end, element) in enumerate(found):
            element.text = braces_escaped(text[start:end])
            element.tail = braces_escaped(text[end:found[i + 1][0]] if i + 1 < len(found) else text[end:])
            made.append(element)
        return head, made

    # Rebuilt in one pass: inserting each new element by position would be quadratic in a
    # long note's length.
    rebuilt: list[etree.Element] = []
    parent.text, made = split(parent.text)
    rebuilt += made
    for child in list(parent):
        if child.tag not in SKIP:
            wrap_text(child, find, unescape)
        child.tail, made = split(child.tail)
        rebuilt += [child, *made]
    parent[:] = rebuilt


def tooltip_lines(*lines: str) -> str:
    """A tooltip's ``title`` of several lines (each made safe by :func:`tooltip_title`, which turns
    line breaks into spaces); the edition's CSS shows each on a line of its own."""
    return "\n".join(tooltip_title(line) for line in lines)


def _href(page_uri: str, target: str) -> str:
    """A link from the page being rendered to ``target`` (a docs path, with #anchor); MkDocs
    turns it into the page's URL and checks that it exists."""
    path, _, anchor = target.partition("#")
    return relative(path, page_uri) + (f"#{anchor}" if anchor else "")


def correction_link(note: EditorialNote, page_uri: str) -> etree.Element:
    """The link that wraps an editorial note's phrase: ``a.edition-correction`` for a correction,
    ``a.edition-query`` for a query (they look different; print shows what each says)."""
    if note.is_query:
        attrs = {"class": "edition-query", "data-query": note.query}
    else:
        attrs = {"class": "edition-correction", "data-correction": note.reading}
    return etree.Element("a", {**attrs, "id": mark_id(note.id), "href": _href(page_uri, editorial_entry(note.id)),
                               "data-tip": tooltip_lines(*note.summary.split("\n"))})


# The regions of a page that may be marked: (element, the editorial notes anchored there, the
# glossary finder for its terms or None), in document order.
Region = tuple[etree.Element, list[EditorialNote], TermFinder | None]


def _note_region(edition: Edition, element: etree.Element, n: int) -> Region:
    """An author's note: its editorial notes, and only the glossary terms of the entries that list it."""
    return element, edition.editorial_at(note=n), TermFinder(entries_in_note(edition.glossary, n))


def _section_regions(edition: Edition, root: etree.Element, uri: str) -> list[Region]:
    """An essay section: its paragraphs (every glossary term), then its list of notes."""
    everything = TermFinder(edition.glossary)
    regions = [(p, edition.editorial_at(paragraph=int(p.get("id")[1:])), everything)
               for p in root.iter("p") if p.get("class") == "essay-paragraph"]
    return regions + [_note_region(edition, item, int(item.get("id")[3:])) for item in root.iter("li")
                      if (item.get("id") or "").startswith(note_item_id(""))]


def _note_page_regions(edition: Edition, root: etree.Element, uri: str) -> list[Region]:
    """A note's own page: the author's note, quoted."""
    quote = next((e for e in root.iter("blockquote") if e.get("class") == "author-note"), None)
    return [] if quote is None else [_note_region(edition, quote, note_number(uri))]


def _notes_index_regions(edition: Edition, root: etree.Element, uri: str) -> list[Region]:
    """The list of all notes: every note, marked as in its section's list."""
    return [_note_region(edition, item, int(item.get("id").rpartition("-")[2])) for item in root.iter("li")
            if (item.get("id") or "").startswith(notes_index_item_id(""))]


_REGIONS = {"section": _section_regions, "note": _note_page_regions, "notes index": _notes_index_regions}


def _page_kind(context, uri: str) -> str | None:
    """Which of the pages whose author's text is marked this is (None: another page, where only
    editorial notes anchored on the page itself are marked)."""
    if context.section is not None:
        return "section"
    if note_number(uri) is not None:
        return "note"
    return "notes index" if uri == NOTES_INDEX_URI else None


class AnnotationProcessor(Treeprocessor):
    """Marks editorial notes and glossary terms on essay pages, note pages and edition pages."""

    def __init__(self, md: Markdown, context):
        super().__init__(md)
        self.context = context

    def run(self, root: etree.Element) -> None:
        edition: Edition | None = self.context.edition
        uri = self.context.page_uri
        if edition is None or uri is None:
            return
        kind = _page_kind(self.context, uri)
        regions = _REGIONS[kind](edition, root, uri) if kind else []
        on_page = edition.editorial_at(page=uri)
        if on_page:
            regions.insert(0, (root, on_page, None))
        unescape = self.md.treeprocessors["unescape"].unescape
        placed = self._mark_phrases(regions, uri, unescape)
        self._mark_terms(regions, edition, uri, unescape)
        expected = {note.id for _, notes, _ in regions for note in notes}
        self.context.missing += [(uri, note_id) for note_id in sorted(expected - placed)]

    def _mark_phrases(self, regions: list[Region], uri: str, unescape) -> set[str]:
        """Wraps each editorial note's phrase, once; returns the ids of the notes placed."""
        placed: set[str] = set()
        for element, notes, _ in regions:
            if notes:
                wrap_text(element, self._find_phrases(notes, uri, placed), unescape)
        return placed

    def _mark_terms(self, regions: list[Region], edition: Edition, uri: str, unescape) -> None:
        """Wraps the first mention on the page of each glossary term (after the phrases, which win)."""
        glossed: set[str] = set()
        for element, _, finder in regions:
            if finder is not None:
                wrap_text(element, self._find_terms(edition, finder, uri, glossed), unescape)

    @staticmethod
    def _find_phrases(notes: list[EditorialNote], uri: str, placed: set[str]) -> Finder:
        def find(text: str):
            found = []
            for note in notes:
                at = text.find(note.anchor.phrase)
                if at >= 0 and note.id not in placed:
                    placed.add(note.id)
                    found.append((at, at + len(note.anchor.phrase), correction_link(note, uri)))
            return sorted(found, key=lambda f: f[0])
        return find

    @staticmethod
    def _find_terms(edition: Edition, finder: TermFinder, uri: str, glossed: set[str]) -> Finder:
        def find(text: str):
            found = []
            for start, end, key in finder.find(text):
                if key in glossed:
                    continue
                glossed.add(key)
                entry = edition.glossary[key]
                found.append((start, end, etree.Element("a", {
                    "class": "glossary-term", "href": _href(uri, glossary_entry(key)),
                    "data-tip": tooltip_lines(f"Glossary (the editor’s): {entry.term}.", entry.text)})))
            return found
        return find
