"""Citing this edition, in a given version: the essay, each paragraph, each note.

Chicago and APA (:mod:`scripts.edition.render.citations`), each with Material's copy button (any element with
``data-clipboard-target`` is one: no script of ours). Paragraph citations live on one page,
/cite/ (``#p14``), which each paragraph links to with one small link: a section page carries a
link per paragraph rather than its citations. Note citations stand on each note's page.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from ..render.citations import ThisEdition, edition_apa, edition_chicago
from ..read.essay import MARKER
from ..inline import escape_markdown, to_markdown
from ..model import Edition, Note, Paragraph
from ..urls import CHANGES_URI, CITE_ESSAY, CITE_URI, NOTES_INDEX_URI, at, change_entry, note_uri, page_path, paragraph_id, relative

VERSION_PLACEHOLDER = "<!-- edition: version -->"


def _copyable(element_id: str, style: str, nodes: tuple, what: str) -> list[str]:
    """One citation, labelled with its style, with a copy button that copies its text."""
    return [f'<p class="cite-line" data-search-exclude markdown="span"><span class="cite-style">{style}</span> '
            f'<span id="{element_id}" markdown="span">{to_markdown(nodes)}</span> '
            f'<button class="md-clipboard md-icon" type="button" title="Copy the {style} citation of {what}" '
            f'data-clipboard-target="#{element_id}"></button></p>', ""]


def citations(edition: Edition, this: ThisEdition, key: str, locator: str, path: str, what: str) -> list[str]:
    """Chicago and APA, each copyable; ``key`` makes the ids (``key-chicago``, ``key-apa``)."""
    essay = edition.publication
    return [*_copyable(f"{key}-chicago", "Chicago", edition_chicago(essay, this, locator, path), what),
            *_copyable(f"{key}-apa", "APA", edition_apa(essay, this, locator, path), what)]


def essay_citations(edition: Edition, this: ThisEdition) -> list[str]:
    """For the title page's “Cite this essay” box: the essay in this edition."""
    return [f"Cite it in this edition (version {this.version.short}; the text is the original’s, "
            "the numbering of paragraphs and notes the edition’s):", "",
            *citations(edition, this, "cite-edition", "", "", "the essay in this edition"),
            f"To cite one paragraph, follow its **cite** link, or see [all paragraphs’ citations]({CITE_URI}).", ""]


def note_citations(edition: Edition, this: ThisEdition, note: Note) -> list[str]:
    """For note ``n``'s page, beside the line citing the original publication's note."""
    return ["", f'<p class="cite-style-intro">In this edition, version {this.version.short}:</p>', "",
            *citations(edition, this, f"cite-n{note.n}", f"n. {note.n}", page_path(note_uri(note.n)),
                       f"note {note.n}")]


def _opening(paragraph: Paragraph, words: int = 9) -> str:
    """The paragraph's first words, to tell it apart on /cite/."""
    text = MARKER.sub("", paragraph.source).split()
    return " ".join(text[:words]) + ("…" if len(text) > words else "")


def cite_page(edition: Edition, this: ThisEdition) -> str:
    """/cite/: the essay and every paragraph, in Chicago and APA, for this version."""
    version = this.version
    lines = ["---", "search:", "  exclude: true", "---", "", "# Cite this edition", "",
             f"Citations of the essay in this edition, version {version.number} of {version.date_text}, and of "
             "each of its paragraphs, in Chicago (notes) and APA (7th edition). Each names the version and the "
             "exact address; the copy button beside it puts it on the clipboard. The essay’s text and its "
             "paragraph and note numbers are the same in every version, so an address stays good; what each "
             f"version changed in the apparatus is in the [record of changes]({relative(CHANGES_URI, CITE_URI)}). "
             "Citations name the "
             "version as major.minor: a patch release changes no reading.", "",
             "To cite one of the author’s notes, use the citations at the foot of "
             f"[its page]({relative(NOTES_INDEX_URI, CITE_URI)}); to cite the original publication, the title "
             f"page’s [Cite this essay]({relative(CITE_ESSAY, CITE_URI)}).", "",
             '## The essay { #essay }', "",
             *citations(edition, this, "essay", "", "", "the essay in this edition"),
             "## Paragraphs", ""]
    for section in edition.sections:
        lines += [f"### {escape_markdown(section.title)}", ""]
        for paragraph in section.paragraphs:
            n = paragraph.number
            path = page_path(at(section.src_uri, paragraph_id(n)))
            lines += [f'<div class="cite-paragraph" id="{paragraph_id(n)}" markdown="1">', "",
                      f"[¶{n}]({at(section.src_uri, paragraph_id(n))}) “{escape_markdown(_opening(paragraph))}”",
                      "{: .cite-paragraph-head }", "",
                      *citations(edition, this, paragraph_id(n), f"para. {n}", path, f"paragraph {n}"),
                      "</div>", ""]
    return "\n".join(lines)



def version_line(edition: Edition) -> str:
    """The title page's and the About page's line on the version (Markdown, from the site root)."""
    version = edition.changes.current
    return (f'<p class="edition-version-line" markdown="span">This edition: **version {version.number}**, '
            f"{version.date_text} · [what changed]({change_entry(version.anchor)}) · "
            f"[how to cite it]({CITE_URI})</p>")


def fill_placeholders(markdown: str, edition: Edition) -> str:
    return markdown.replace(VERSION_PLACEHOLDER, version_line(edition)) if edition.changes else markdown
