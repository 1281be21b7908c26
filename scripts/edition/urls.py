"""Every address the edition makes, as paths under docs/ (MkDocs maps notes/12.md to /notes/12/).

One place for the URL scheme, so the loader, the pages, the annotator and the Markdown extension
agree, and the list of generated pages (which no file under docs/ may shadow) is written once.
"""

from __future__ import annotations

import posixpath
import re

HOMEPAGE = "index.md"
NOTES_INDEX_URI = "notes/index.md"
SOURCES_INDEX_URI = "sources/index.md"
EDITORIAL_URI = "editorial.md"
GLOSSARY_URI = "glossary.md"
CITE_URI = "cite.md"
CHANGES_URI = "changes.md"
TIMELINE_URI = "timeline.md"
COLLECTION_URI = "annotations.jsonld"  # the Web Annotations, one collection for the whole edition
EXPORT_URIS = {"BibTeX": "sources/bibliography.bib", "CSL-JSON": "sources/bibliography.json",
               "RIS": "sources/bibliography.ris"}
# The pages and files the build writes whatever the data (the timeline only when it has events).
GENERATED = (NOTES_INDEX_URI, SOURCES_INDEX_URI, EDITORIAL_URI, GLOSSARY_URI, CITE_URI, CHANGES_URI,
             COLLECTION_URI, *EXPORT_URIS.values())
# Anchors the generated pages give their parts (the "Cite this essay" box is the title page's heading).
BIBLIOGRAPHY_EXPORT_ID = "export"
CITE_ESSAY = f"{HOMEPAGE}#cite-this-essay"
# The line of docs/index.md where the title page's "Cite this essay" box goes.
CITE_ESSAY_PLACEHOLDER = "<!-- edition: cite this essay -->"

_NOTE_URI = re.compile(r"notes/(\d+)\.md")


def note_uri(n: int) -> str:
    return f"notes/{n}.md"


def note_number(uri: str) -> int | None:
    """The note a page is about, for a note page's path; None for any other page."""
    match = _NOTE_URI.fullmatch(uri)
    return int(match.group(1)) if match else None


def notes_index_item_id(n: int) -> str:
    """An author's note in the list of all notes (/notes/)."""
    return f"note-{n}"


def timeline_year_id(year: int) -> str:
    """The id of a year's heading in the timeline's list, which the sections' year links target."""
    return f"y{year}"


def timeline_picture_id(what: int | str) -> str:
    """The id of a year's row (``what`` an int) or of an event's mark (an event id) in the timeline's picture."""
    return f"picture-{what}"


def source_uri(key: str) -> str:
    return f"sources/{key}.md"


def source_key(uri: str) -> str | None:
    """The work a page is about, for a work's page path; None for any other page (the
    bibliography, sources/index.md, among them)."""
    key = uri.removeprefix("sources/").removesuffix(".md")
    return key if uri == source_uri(key) and key != "index" else None


def page_path(src_uri: str) -> str:
    """A page's address below the site's root, as MkDocs serves it with directory URLs:
    'essay/warsaw.md' -> 'essay/warsaw/', 'notes/12.md' -> 'notes/12/', 'index.md' -> '';
    an #anchor is kept: 'editorial.md#x' -> 'editorial/#x'."""
    src_uri, hash_, anchor = src_uri.partition("#")
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
    else:
        stem += "/"
    return stem + hash_ + anchor


# ---- Anchors: the ids the edition gives to parts of a page, and links to them ------------------
# (scripts/edition/contract.toml lists the ids the CSS and the script rely on: p{n}, fnref:{n}, fn:{n})

def at(uri: str, anchor: str) -> str:
    """``uri`` (a path under docs/) with the anchor ``anchor``."""
    return f"{uri}#{anchor}"


def paragraph_id(n: int) -> str:
    """The essay's paragraph n, and its citations on /cite/."""
    return f"p{n}"


def marker_id(n: int) -> str:
    """An author's note marker in the essay (Python-Markdown's footnote id, kept)."""
    return f"fnref:{n}"


def note_item_id(n: int) -> str:
    """An author's note in its section's notes list."""
    return f"fn:{n}"


def mark_id(entry_id: str) -> str:
    """The phrase an editorial note marks, on whichever page it stands."""
    return f"ed-{entry_id}"


def editorial_entry(entry_id: str) -> str:
    return at(EDITORIAL_URI, entry_id)


def glossary_entry(key: str) -> str:
    return at(GLOSSARY_URI, key)


def timeline_event(key: str) -> str:
    return at(TIMELINE_URI, key)


def change_entry(anchor: str) -> str:
    """A version's entry on /changes/ (``anchor`` is the version's, e.g. 'v2.3.0')."""
    return at(CHANGES_URI, anchor)


def served_relative(target: str, from_uri: str) -> str:
    """A link from the page ``from_uri`` to the page ``target`` as the built site serves them (for an
    attribute MkDocs does not rewrite): 'cite.md' from 'essay/warsaw.md' -> '../../cite/'."""
    return posixpath.relpath(page_path(target) or ".", page_path(from_uri) or ".") + "/"


def relative(target: str, from_uri: str) -> str:
    """A link from the page ``from_uri`` to ``target`` (both paths under docs/), as Markdown wants it."""
    return posixpath.relpath(target, posixpath.dirname(from_uri) or ".")
