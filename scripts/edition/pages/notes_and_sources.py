"""The generated pages: one per note, one per cited work, the two indexes, and the editor's
Editorial notes and Glossary pages (:mod:`scripts.edition.pages.editorial_and_glossary`).

Each page is Markdown handed to MkDocs as a generated file, so MkDocs resolves and checks every
link in it like any hand-written page. YAML text goes in only as escaped plain text
(:func:`inline.escape_markdown`) or through the inline subset (:func:`inline.to_markdown`);
the BibTeX and RIS snippets go in as finished, escaped HTML (:func:`code_block`), which no
content can end. Nothing here is written to disk.
"""

from __future__ import annotations

import posixpath
from html import escape as html_escape

from .editorial_and_glossary import EDITORIAL_URI, GLOSSARY_URI, UNINDEXED, editorial_page, glossary_page, note_corrections
from .changes import CHANGES_URI, changes_page
from ..render.citations import ThisEdition, apa_entry, bibliography_entry, note_citation, short_label
from .cite import CITE_URI, cite_page, essay_citations, note_citations
from ..read.essay import MARKER
from ..render.exports import bibtex_entry, ris_record, title_slips
from html import escape

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import BibTeXLexer, TextLexer

from ..inline import escape_markdown, to_markdown
from ..model import KIND_LABELS, Edition, Note, Work
from ..text import CONTROLS, replacements, sentence_around
from .timeline import TIMELINE_URI, timeline_page
from ..urls import (BIBLIOGRAPHY_EXPORT_ID, CITE_ESSAY_PLACEHOLDER, EXPORT_URIS, NOTES_INDEX_URI, SOURCES_INDEX_URI, at,
                    marker_id, note_uri, notes_index_item_id, page_path, paragraph_id, relative, source_uri)

# Where docs/index.md wants the "Cite this essay" box (filled in by hooks.py at build time).



def generated_pages(edition: Edition, this: ThisEdition | None = None) -> dict[str, str]:
    """Every generated page, by its path under docs/ (which MkDocs maps to /notes/12/ etc.).
    ``this`` (the edition's title, address and version) adds the citations of this edition."""
    pages = {NOTES_INDEX_URI: notes_index(edition), SOURCES_INDEX_URI: sources_index(edition),
             EDITORIAL_URI: editorial_page(edition), GLOSSARY_URI: glossary_page(edition)}
    if edition.timeline:
        pages[TIMELINE_URI] = timeline_page(edition)
    if edition.changes:
        pages[CHANGES_URI] = changes_page(edition)
    if this:
        pages[CITE_URI] = cite_page(edition, this)
    numbers = list(edition.notes)
    for i, n in enumerate(numbers):
        before = numbers[i - 1] if i else None
        after = numbers[i + 1] if i + 1 < len(numbers) else None
        pages[note_uri(n)] = note_page(edition, edition.notes[n], before, after, this)
    for key, work in edition.works.items():
        pages[source_uri(key)] = source_page(edition, work)
    return pages


def _essay_link(edition: Edition, note: Note, prefix: str = "../") -> str:
    section = edition.section(note.marker.section)
    return prefix + at(section.src_uri, marker_id(note.n))


def sentence_markdown(edition: Edition, note: Note) -> str:
    """The sentence that carries the note's marker, as Markdown (its words escaped), its markers
    shown as superscripts."""
    paragraph = edition.paragraphs[note.marker.paragraph - 1]
    sentence = sentence_around(paragraph.source, note.marker.start)
    out, pos = [], 0
    for match in MARKER.finditer(sentence):
        out.append(escape_markdown(sentence[pos:match.start()]))
        n = int(match.group(1))
        mark = ' class="this-note"' if n == note.n else ""
        out.append(f"<sup{mark}>{n}</sup>")
        pos = match.end()
    out.append(escape_markdown(sentence[pos:]))
    return "".join(out)


def _locator_text(note: Note) -> str:
    return str(note.locator) if note.locator else "no page or chapter given"


def _note_address(url: str) -> list[str]:
    """The note page's own address, the one to share, with a copy button (edition.js makes it work).
    Written into the page rather than by the script, so that it is there without scripts and
    nothing moves when the script runs."""
    url = html_escape(url)
    return [f'<p class="note-address" data-search-exclude>Link to this note: <span>{url}</span> '
            f'<button type="button" class="copy-link" data-url="{url}" '
            'aria-label="Copy link to this note"></button></p>', ""]


def note_page(edition: Edition, note: Note, before: int | None, after: int | None,
              this: ThisEdition | None = None) -> str:
    work = edition.works[note.work]
    section = edition.section(note.marker.section)
    paragraph = note.marker.paragraph
    first = edition.first_citation(note)
    form = KIND_LABELS[note.kind]
    if note.kind in ("short", "ibid", "quoted-in") and first.n != note.n:
        form += f"; the work is first cited in [note {first.n}]({first.n}.md)"
    lines = [
        f"# Note {note.n}",
        "",
        '<p class="page-kicker">The author’s note, as published</p>',
        "",
        # markdown="span": rendered by Python-Markdown, so that the editor's layers can mark it
        f'<blockquote class="author-note" id="text" markdown="span">{to_markdown(note.text)}</blockquote>',
        "",
        *(_note_address(this.address(page_path(note_uri(note.n)))) if this else []),
        f"## In the essay{UNINDEXED}",
        "",
        f"From [{escape_markdown(section.title)}](../{section.src_uri}), "
        f"[paragraph {paragraph}](../{at(section.src_uri, paragraph_id(paragraph))}):",
        "",
        '<blockquote class="essay-sentence" markdown="block">',
        sentence_markdown(edition, note),
        "</blockquote>",
        "",
        f"[Go to note {note.n} in the essay]({_essay_link(edition, note)}){{ .md-button }}",
        "",
        f"## What it cites{UNINDEXED}",
        "",
        f"- **Work:** [{to_markdown(bibliography_entry(work, edition.works))}](../{source_uri(work.key)})",
        f"- **Where in it:** {escape_markdown(_locator_text(note))}",
        f"- **Form of the note:** {form}",
    ]
    if note.quotes:
        quoted = edition.works[note.quotes]
        lines.append(f"- **Quotes, second-hand:** [{escape_markdown(short_label(quoted))}]"
                     f"(../{source_uri(quoted.key)}), known to the essay only through this work")
    corrections = note_corrections(edition, note.n)
    if corrections:
        lines += [""] + corrections
    if edition.publication:
        lines += ["", f"## Cite this note{UNINDEXED}", "",
                  f'<p class="cite-note" markdown="span">{to_markdown(cite_note(edition, note))}</p>']
        lines += note_citations(edition, this, note) if this else []
    lines += ["", '<nav class="note-pager" aria-label="Notes" data-search-exclude markdown="span">']
    lines.append(f'[← Note {before}]({before}.md)' if before else '<span></span>')
    lines.append(f"[All notes]({relative(NOTES_INDEX_URI, note_uri(note.n))})")
    lines.append(f'[Note {after} →]({after}.md)' if after else '<span></span>')
    lines.append("</nav>")
    return "\n".join(lines) + "\n"


def notes_index(edition: Edition) -> str:
    lines = ["# Notes", "",
             f"The author’s {len(edition.notes)} notes, verbatim, with the original numbering. "
             "Each links to its own page, with the sentence that carries it and the work it cites.", ""]
    for section in edition.sections:
        if not section.markers:
            continue
        lines += [f"## [{escape_markdown(section.title)}](../{section.src_uri}){UNINDEXED}", "",
                  '<ul markdown="block">']
        for marker in section.markers:  # each marked by the editor's layers as in its section (render/marks.py)
            note = edition.notes[marker.note]
            lines.append(f'<li id="{notes_index_item_id(note.n)}" markdown="span">'
                         f"[Note {note.n}]({note.n}.md): {to_markdown(note.text)}</li>")
        lines += ["</ul>", ""]
    return "\n".join(lines)


def _citing_notes(edition: Edition, work: Work) -> list[Note]:
    return edition.notes_citing(work.key)


def source_page(edition: Edition, work: Work) -> str:
    notes = _citing_notes(edition, work)
    count = len(notes)
    lines = [f"# {escape_markdown(short_label(work))}", "",
             '<p class="page-kicker">Cited work</p>', "",
             f'<p class="bib-entry" markdown="span">'
             f'{to_markdown(bibliography_entry(work, edition.works, link=lambda key: relative(source_uri(key), source_uri(work.key))))}</p>', ""]
    if work.quoted_in:
        carrier = edition.works[work.quoted_in]
        lines += [f"The essay knows this work only second-hand, as quoted in "
                  f"[{escape_markdown(short_label(carrier))}]({carrier.key}.md).", ""]
    second_hand = edition.quoted_through(work.key)
    if second_hand:
        lines.append("Quoted through this work: " + ", ".join(
            f"[{escape_markdown(short_label(w))}]({w.key}.md)" for w in second_hand) + ".")
        lines.append("")
    lines += [f"## Cited in {count} note{'s' if count != 1 else ''}{UNINDEXED}", ""]
    for note in notes:
        how = "quoted through it" if note.quotes == work.key else _locator_text(note)
        lines.append(f"- [Note {note.n}](../{note_uri(note.n)}) ({escape_markdown(how)}), "
                     f"in [{escape_markdown(edition.section(note.marker.section).title)}]"
                     f"({_essay_link(edition, note)}):")
        lines.append(f'  <span class="essay-sentence-inline">{sentence_markdown(edition, note)}</span>')
    lines += ["", f"## Export{UNINDEXED}", "",
              "For Zotero, EndNote, Mendeley or LaTeX: copy an entry with the button at its top right, "
              f"or take [the whole bibliography]({relative(at(SOURCES_INDEX_URI, BIBLIOGRAPHY_EXPORT_ID), source_uri(work.key))}).",
              "",
              code_block("BibTeX", bibtex_entry(work, edition.works)), "",
              code_block("RIS", ris_record(work, edition.works)), "",
              f"[The whole bibliography]({relative(SOURCES_INDEX_URI, source_uri(work.key))})", ""]
    return "\n".join(lines)


_LEXERS = {"BibTeX": BibTeXLexer(), "RIS": TextLexer()}
_FORMATTER = HtmlFormatter(nowrap=True)
# Control characters (Python-Markdown's placeholders among them) never reach the page; the
# exports hold none, so this changes nothing there.
_CONTROLS = replacements(CONTROLS, keep="\n")


def code_block(title: str, text: str) -> str:
    """A titled code block as one line of finished HTML, the same shape as pymdownx.highlight's
    (so Material gives it its copy button). Its text is escaped by Pygments, and its line
    breaks are written ``&#10;``: nothing in the text can end the block, open a Markdown block
    or close an HTML element."""
    text = text.rstrip("\n").translate(_CONTROLS)
    body = highlight(text, _LEXERS[title], _FORMATTER).replace("\n", "&#10;")
    return (f'<div class="highlight"><span class="filename">{escape(title)}</span>'
            f'<pre><span></span><code>{body}</code></pre></div>')


def sources_index(edition: Edition) -> str:
    works = sorted(edition.works.values(), key=lambda w: w.sort_key)
    lines = ["# Bibliography", "",
             f"Every work the essay’s notes cite, {len(works)} in all, in Chicago notes-bibliography style, "
             "sorted by author, then year. The entries are the edition’s, built from the structured data behind each "
             "note; the author’s own wording of each note is on its note page.", "",
             f'<p class="bib-exports" id="{BIBLIOGRAPHY_EXPORT_ID}" markdown="span">'
             "**Export the whole bibliography:** "
             + " · ".join(f'[{name}]({relative(uri, SOURCES_INDEX_URI)}){{ download="strachan-{posixpath.basename(uri)}" }}'
                          for name, uri in EXPORT_URIS.items())
             + " (for Zotero, EndNote, Mendeley, LaTeX)</p>", ""]
    for work in works:
        notes = _citing_notes(edition, work)
        refs = ", ".join(f"[{n.n}](../{note_uri(n.n)})" for n in notes)
        label = "note" if len(notes) == 1 else "notes"
        lines.append(f'<p class="bib-entry" id="{work.key}" markdown="span">'
                     f"{to_markdown(bibliography_entry(work, edition.works, link=lambda key: f'#{key}'))}<br>"
                     f'<span class="bib-cited">Cited in {len(notes)} {label}: {refs} · '
                     f"[Source page and exports]({work.key}.md)</span></p>")
        lines.append("")
    return "\n".join(lines)


def cite_note(edition: Edition, note: Note) -> tuple:
    """'Frederick Strachan, “…,” E-International Relations, November 23, 2011, n. 12, https://….'"""
    return note_citation(edition.publication, f"n. {note.n}")


def cite_essay(edition: Edition, this: ThisEdition | None = None) -> str:
    """The title page's "Cite this essay" box: Chicago, APA, BibTeX and RIS of the original,
    then (with ``this``) the essay in this edition."""
    essay = edition.publication
    return "\n".join([
        '<div class="cite-essay" markdown>',
        "",
        "Cite the original publication. Reference managers (Zotero, Mendeley) pick up the same "
        "details from this page.",
        "",
        '<p class="cite-style">Chicago (notes and bibliography)</p>',
        f'<p class="bib-entry" markdown="span">{to_markdown(bibliography_entry(essay))}</p>',
        "",
        '<p class="cite-style">APA (7th edition)</p>',
        f'<p class="bib-entry" markdown="span">{to_markdown(apa_entry(essay))}</p>',
        "",
        code_block("BibTeX", bibtex_entry(essay, slips=title_slips(edition))), "",
        code_block("RIS", ris_record(essay, slips=title_slips(edition))), "",
        *(essay_citations(edition, this) if this else []),
        f"To cite one of the author’s notes, use the line at the foot of [its page]({NOTES_INDEX_URI}).",
        "",
        "</div>",
    ])
