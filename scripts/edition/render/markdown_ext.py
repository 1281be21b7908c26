"""A Python-Markdown extension that renders the essay's note markers from the edition's model.

Like Python-Markdown's own ``footnotes`` extension, and with the same HTML shape, so that
Material's ``content.footnote.tooltips`` works unchanged; unlike it, each reference shows the
note's original number (12, not "the 3rd note on this page"), and the note text comes from the
validated YAML rather than from the Markdown file.

The editor's corrections and glossary terms are marked by :mod:`scripts.edition.render.marks`.

It also gives every paragraph of the essay its stable number (``id="p14"``, counted through the
whole essay) as a marginal permalink, and states under the heading that the heading is the edition's.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from .. import inline
from .marks import AnnotationProcessor, braces_escaped
from ..read.essay import MARKER
from ..model import Edition, Section
from ..problems import unexpected
from ..read.timeline import bounds
from ..urls import (CITE_URI, TIMELINE_URI, marker_id, note_item_id, note_uri, paragraph_id, relative, served_relative,
                    timeline_year_id)


class EssayContext:
    """What the extension needs to know: the edition, and which section is being rendered.

    The MkDocs glue sets ``section`` before each page (MkDocs makes one Markdown instance per page).
    """

    def __init__(self) -> None:
        self.edition: Edition | None = None
        self.section: Section | None = None
        self.page_uri: str | None = None  # the page being rendered, e.g. "notes/12.md"
        self.missing: list[tuple[str, str]] = []  # (page, editorial note) that could not be marked
        # What an unexpected exception while rendering becomes: the glue sets an exception class
        # its host reports without a traceback (MkDocs' PluginError); None re-raises as it is.
        self.failure: type[Exception] | None = None


def _guarded(method, context: EssayContext):
    """``method`` with any unexpected exception turned into one line naming the module and page."""
    def run(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except Exception as error:
            if context.failure is None or isinstance(error, context.failure):
                raise
            raise context.failure(unexpected(error, method.__module__, f"docs/{context.page_uri}")) from None
    return run


class EssayExtension(Extension):
    def __init__(self, context: EssayContext):
        super().__init__()
        self.context = context

    def extendMarkdown(self, md: Markdown) -> None:
        seen: list[int] = []
        # Above the reference-link pattern (170), which would otherwise read [^12] as a reference.
        md.inlinePatterns.register(MarkerProcessor(self.context, seen), "edition-marker", 175)
        # Before inline processing (20): number the author's paragraphs while they are still whole.
        md.treeprocessors.register(ParagraphProcessor(md, self.context), "edition-paragraphs", 30)
        # After inline processing, before MkDocs resolves links (0) and collects anchors.
        md.treeprocessors.register(NotesListProcessor(md, self.context, seen), "edition-notes", 15)
        # Then the editor's layers: corrections and glossary terms, on the finished text.
        md.treeprocessors.register(AnnotationProcessor(md, self.context), "edition-annotations", 12)
        for name in ("edition-paragraphs", "edition-notes", "edition-annotations"):
            processor = md.treeprocessors[name]
            processor.run = _guarded(processor.run, self.context)
        marker = md.inlinePatterns["edition-marker"]
        marker.handleMatch = _guarded(marker.handleMatch, self.context)
        md.registerExtension(self)


class MarkerProcessor(InlineProcessor):
    def __init__(self, context: EssayContext, seen: list[int]):
        super().__init__(MARKER.pattern)
        self.context, self.seen = context, seen

    def handleMatch(self, m, data):  # noqa: N802 - Python-Markdown's name
        if self.context.section is None:
            return None, None, None
        n = int(m.group(1))
        # Kept out of the search index: its number would run into the word before it in a snippet.
        sup = etree.Element("sup", {"id": marker_id(n), "data-search-exclude": ""})
        # Spoken "Note 12, link" rather than a bare "12".
        link = etree.SubElement(sup, "a", {"class": "footnote-ref", "href": "#" + note_item_id(n), "aria-label": f"Note {n}"})
        link.text = str(n)
        self.seen.append(n)
        return sup, m.start(0), m.end(0)


class ParagraphProcessor(Treeprocessor):
    def __init__(self, md: Markdown, context: EssayContext):
        super().__init__(md)
        self.context = context

    def run(self, root: etree.Element) -> None:
        section = self.context.section
        if section is None:
            return
        paragraphs = [child for child in root if child.tag == "p"]
        for element, paragraph in zip(paragraphs, section.paragraphs):
            number = paragraph.number
            element.set("id", paragraph_id(number))
            element.set("class", "essay-paragraph")
            # The marginal number is the paragraph's permalink (edition.js makes it the button of its
            # menu: copy link, cite (issue 14: data-cite is the paragraph's citations on /cite/), and
            # whatever other actions register). First in the paragraph, so that it stands in the
            # margin beside the first line; out of the search index, so snippets show only the text.
            number_link = etree.Element("a", {"class": "headerlink paragraph-number", "href": "#" + paragraph_id(number),
                                              "aria-label": f"Paragraph {number}", "aria-haspopup": "dialog",
                                              "aria-expanded": "false", "data-search-exclude": "",
                                              "data-cite": served_relative(CITE_URI, section.src_uri) + "#" + paragraph_id(number)})
            number_link.text = str(number)
            number_link.tail, element.text = element.text, None
            element.insert(0, number_link)
        heading = next((i for i, child in enumerate(root) if child.tag == "h1"), None)
        if heading is not None:
            root.insert(heading + 1, self._meta(section))

    def _meta(self, section: Section) -> etree.Element:
        edition = self.context.edition
        first, last = section.paragraphs[0].number, section.paragraphs[-1].number
        parts = [f"Section {section.index} of {len(edition.sections)}",
                 f"paragraph{'s' if first != last else ''} {first}{'–' + str(last) if last != first else ''}"]
        notes = section.note_numbers
        if notes:
            parts.append(f"note{'s' if len(notes) > 1 else ''} {notes[0]}"
                         + (f"–{notes[-1]}" if len(notes) > 1 else ""))
        meta = etree.Element("p", {"class": "edition-meta"})
        meta.text = " · ".join(parts) + " · "
        added = etree.SubElement(meta, "span", {"class": "edition-mark"})
        added.text = "heading supplied by this edition"
        when = section_link(edition, section)
        if when:  # where the section sits in time
            added.tail = " · "
            link = etree.SubElement(meta, "a", {"href": when[0], "class": "timeline-link"})
            link.text = f"{when[1]} on the timeline"
            link.tail = " "
        else:
            added.tail = " "
        # The reader's switch for the editor's marks (the author's own notes stay); javascripts/edition.js
        # makes it work and shows it (it keeps its place while invisible, so showing it moves nothing:
        # no layout shift); its state shows in words from the stylesheet and in aria-pressed.
        switch = etree.SubElement(meta, "button", {"class": "layers-switch", "type": "button",
                                                   "aria-pressed": "false", "data-search-exclude": ""})
        switch.text = "Hide the editor’s marks"
        return meta


class NotesListProcessor(Treeprocessor):
    def __init__(self, md: Markdown, context: EssayContext, seen: list[int]):
        super().__init__(md)
        self.context, self.seen = context, seen

    def run(self, root: etree.Element) -> None:
        section = self.context.section
        if section is None or not self.seen:
            return
        notes = self.context.edition.notes
        box = etree.SubElement(root, "div", {"class": "footnote"})
        etree.SubElement(box, "hr")
        heading = etree.SubElement(box, "h2", {"id": "notes", "class": "notes-heading"})
        heading.text = "Notes"
        listing = etree.SubElement(box, "ol")
        for n in self.seen:
            item = etree.SubElement(listing, "li", {"id": note_item_id(n), "value": str(n)})
            text = etree.SubElement(item, "p")
            inline.append_to(text, notes[n].text, braces_escaped)
            # The edition's links, on a line of their own under the note (edition.js adds "Copy link").
            links = etree.SubElement(text, "span", {"class": "note-links", "data-search-exclude": ""})
            back = etree.SubElement(links, "a", {"class": "footnote-backref", "href": "#" + marker_id(n),
                                                 "aria-label": f"In the text: note {n}"})
            back.text = "↩ In the text"
            back.tail = " "
            page = etree.SubElement(links, "a", {"class": "note-page-link",
                                                 "href": relative(note_uri(n), section.src_uri)})
            page.text = f"Note {n} and its source"
            _space_before(text, links)


def _space_before(parent: etree.Element, child: etree.Element) -> None:
    """Put a non-breaking space between the note text and its back-link, as Python-Markdown does."""
    index = list(parent).index(child)
    if index == 0:
        parent.text = (parent.text or "") + "\u00a0"
    else:
        before = parent[index - 1]
        before.tail = (before.tail or "") + "\u00a0"


def section_period(edition: Edition, section: Section) -> tuple[int, int] | None:
    """The years of the events the section's paragraphs discuss, if any."""
    numbers = {p.number for p in section.paragraphs}
    years = [(bounds(e.start)[0].year, bounds(e.end)[1].year) for e in edition.timeline
             if numbers & set(e.paragraphs)]
    if not years:
        return None
    return min(a for a, _ in years), max(b for _, b in years)


def section_link(edition: Edition, section: Section) -> tuple[str, str] | None:
    """(href relative to the section's file, text) of the section's "where it sits in time" link."""
    period = section_period(edition, section)
    if period is None:
        return None
    first, last = period
    href = relative(TIMELINE_URI, section.src_uri) + f"#{timeline_year_id(first)}"
    return href, f"{first}–{last}" if last != first else str(first)
