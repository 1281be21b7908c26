"""The generated pages of the editor's layers: the Editorial notes page and the Glossary, and
the corrections shown on a note's own page. Markdown, like :mod:`scripts.edition.pages.notes_and_sources`."""

from __future__ import annotations

from ..read.editorial import TermFinder, entries_in_note
from .changes import added_in, entry_added_in
from ..inline import escape_markdown as esc
from ..model import GLOSSARY_CATEGORIES, Edition, EditorialNote, Place
from ..model import quoted as model_quoted
from ..urls import (EDITORIAL_URI, GLOSSARY_URI, at, change_entry, editorial_entry, glossary_entry, mark_id,
                    note_uri, paragraph_id)


# Appended to a heading, keeps its section out of the search index (Material's search plugin skips
# a section whose heading has this attribute). Every reader downloads the whole index on a first
# visit, and it grows with every generated page, so the generated pages index only what no other
# page holds: a note page its note (the essay's sentence is on the essay page, the work's entry in
# the bibliography, the citation line is the same on every note page), a source page its entry
# (the citing sentences are on the essay pages, BibTeX and RIS repeat the entry), the notes index
# its introduction (each note has its own page).
UNINDEXED = " { data-search-exclude }"


def quoted(text: str) -> str:
    """Text in quotation marks (Markdown-escaped), unless it already starts with its own."""
    return esc(model_quoted(text))


def correction_text(note: EditorialNote) -> str:
    """The note's statements (model.EditorialNote.statements) as Markdown paragraphs, labels in bold."""
    return "\n\n".join(f"**{esc(label)}:** {esc(text)}" if label else esc(text) for label, text in note.statements)


def _block(note: EditorialNote, element_id: str | None = None) -> str:
    """The opening tag of an editorial note's block; queries carry a class of their own."""
    classes = "editorial-entry editorial-query" if note.is_query else "editorial-entry"
    return f'<div class="{classes}"' + (f' id="{element_id}"' if element_id else "") + ' markdown="1">'


def _where(edition: Edition, note: EditorialNote) -> str:
    """A link to the marked phrase, from the site root."""
    anchor = note.anchor
    if anchor.paragraph is not None:
        section = edition.section_of_paragraph(anchor.paragraph)
        return f"[Paragraph {anchor.paragraph}]({at(section.src_uri, mark_id(note.id))})"
    if anchor.note is not None:
        return f"[Note {anchor.note}]({at(note_uri(anchor.note), mark_id(note.id))})"
    label = "The title page" if anchor.page == "index.md" else esc(anchor.page)
    return f"[{label}]({at(anchor.page, mark_id(note.id))})"


def _glossed(edition: Edition, note: EditorialNote) -> list[str]:
    """Glossary entries named inside the phrase (they are not marked there, the correction is), and
    those the note says it concerns."""
    entries = edition.glossary if note.anchor.note is None else entries_in_note(edition.glossary, note.anchor.note)
    keys = dict.fromkeys([key for _, _, key in TermFinder(entries).find(note.anchor.phrase)] + list(note.concerns))
    return [f"[{esc(edition.glossary[k].term)}]({glossary_entry(k)})" for k in keys]


def _entry(edition: Edition, note: EditorialNote) -> list[str]:
    lines = [_block(note, note.id), "",
             f"{_where(edition, note)} · {quoted(note.anchor.phrase)} · "
             f"{entry_added_in(edition, note)}",
             "{: .editorial-where }", "", correction_text(note)]
    glossed = _glossed(edition, note)
    if glossed:
        lines += ["", "In the glossary: " + ", ".join(glossed) + "."]
    return lines + ["", "</div>", ""]


def _by_place(edition: Edition, notes: list[EditorialNote], title_heading: str | None, level: str) -> list[str]:
    """Editorial notes under headings: the title page, the essay section by section, the notes."""
    def group(heading: str, under: list[EditorialNote]) -> list[str]:
        return [heading, "", *(line for note in under for line in _entry(edition, note))] if under else []

    lines: list[str] = []
    if title_heading:
        lines += group(f"{level} {title_heading}", [n for n in notes if n.anchor.page is not None])
    in_text = [n for n in notes if n.anchor.paragraph is not None]
    if in_text:
        lines += [f"{level} The essay", ""]
        for section in edition.sections:
            numbers = {p.number for p in section.paragraphs}
            lines += group(f"{level}# [{esc(section.title)}]({section.src_uri})",
                           [n for n in in_text if n.anchor.paragraph in numbers])
    lines += group(f"{level} The author’s notes", [n for n in notes if n.anchor.note is not None])
    return lines


def editorial_page(edition: Edition) -> str:
    corrections = [n for n in edition.editorial if not n.is_query]
    queries = [n for n in edition.editorial if n.is_query]
    lines = ["# Editorial notes", "",
             f"The editor’s corrections of slips in the essay and its notes, {len(corrections)} in all: misspelt "
             "names, wrong dates, garbled references, misquotations and plain typos. The author’s text is left "
             "exactly as published; where a slip stands, its words are marked with a wavy underline, and hovering "
             "or focusing them shows the correction. Each correction says what the original has, what is right, "
             "and where a reader can check it. Only what can be established with confidence is corrected: the "
             "author’s opinions and interpretations are his, and are not flagged.", ""]
    if queries:
        lines += [f"Where a reading is doubtful but the right one cannot be established with confidence, the "
                  f"editor asks rather than corrects: {len(queries)} [queries](#queries), listed apart below and "
                  "marked in the text with a dashed underline and a question mark. Each says what is doubtful, "
                  "what is known, and where a reader can check.", ""]
    if corrections:
        lines += ["## Corrections", ""] + _by_place(edition, corrections, "The title", "###")
    if queries:
        lines += ["## Queries { #queries }", "",
                  "Doubts the editor could not settle. They are not corrections: the text may be right.", ""]
        lines += _by_place(edition, queries, "The title", "###")
    lines += _withdrawn(edition)
    return "\n".join(lines)


def _withdrawn(edition: Edition) -> list[str]:
    """Entries a version withdrew keep their address here (/editorial/#id): what they said is in the
    record of changes, so that a citation of an earlier version stays checkable."""
    present = {note.id for note in edition.editorial}
    gone = [(version, item) for version in (edition.changes.versions if edition.changes else [])
            for items in version.removed.values() for item in items if item.id not in present]
    if not gone:
        return []
    lines = ["## Withdrawn { #withdrawn }", "",
             "Entries of earlier versions that were withdrawn. Each keeps its address; the record of changes "
             "says what it said and why it was withdrawn.", ""]
    for version, item in gone:
        said = item.change.removeprefix("withdrawn:").strip()  # the record's own word, said once here
        change = f" {esc(said[:1].upper() + said[1:])}." if said else ""
        lines += [f"`{item.id}`: withdrawn in [version {version.short}]({change_entry(version.anchor)}).{change}",
                  f"{{: #{item.id} .editorial-withdrawn }}", ""]
    return lines


def note_corrections(edition: Edition, n: int) -> list[str]:
    """The sections of note ``n``'s page that give the editor's corrections and queries of it (Markdown)."""
    lines: list[str] = []
    notes = edition.editorial_at(note=n)
    for heading, here in (("The editor’s corrections", [e for e in notes if not e.is_query]),
                          ("The editor’s queries", [e for e in notes if e.is_query])):
        if not here:
            continue
        lines += [f"## {heading}{UNINDEXED}", ""]  # the Editorial notes page has them
        for note in here:
            lines += [_block(note), "",
                      f"{quoted(note.anchor.phrase)} · [on the Editorial notes page]"
                      f"(../{editorial_entry(note.id)})", "{: .editorial-where }", "",
                      correction_text(note), "", "</div>", ""]
    return lines


def _mentions(edition: Edition, places: list[Place]) -> str:
    by_section: dict[str, list[int]] = {}  # in reading order
    for n in sorted(p.paragraph for p in places if p.paragraph is not None):
        by_section.setdefault(edition.section_of_paragraph(n).slug, []).append(n)
    parts = []
    for slug, numbers in by_section.items():
        section = edition.section(slug)
        links = ", ".join(f"[¶{n}]({at(section.src_uri, paragraph_id(n))})" for n in numbers)
        parts.append(f"*{esc(section.title)}* {links}")
    parts += [f"[note {p.note}]({note_uri(p.note)})" for p in places if p.note is not None]
    return "; ".join(parts)


def glossary_page(edition: Edition) -> str:
    entries = edition.glossary
    lines = ["# Glossary", "",
             f"The people, operations, conferences, agreements, organisations, events and places the essay "
             f"names, and the policies and ideas it turns on, {len(entries)} in all, explained briefly by the editor. In the essay, the first mention "
             "of each on a page has a dotted underline: hover or focus it for the explanation. Each entry "
             "lists the paragraphs (¶) and notes that name it.", ""]
    for category, heading in GLOSSARY_CATEGORIES.items():
        here = sorted((e for e in entries.values() if e.category == category), key=lambda e: e.sort_key)
        if not here:
            continue
        lines += [f"## {heading}", ""]
        for entry in here:
            lines += [f"### {esc(entry.term)} {{ #{entry.id} .glossary-heading }}", "", esc(entry.text), ""]
            if entry.basis:
                lines += [f"*Basis:* {esc(entry.basis)}", "{: .glossary-basis }", ""]
            lines += [f"Mentioned in: {_mentions(edition, entry.mentions)}.", "{: .glossary-mentions }", ""]
            if edition.changes:
                lines += [f"{added_in(edition, 'glossary', entry.id)}.", "{: .glossary-added }", ""]
    return "\n".join(lines)
