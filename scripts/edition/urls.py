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
# The line of docs/index.md where the title page's "Cite this essay" box goes.
CITE_ESSAY_PLACEHOLDER = "<!-- edition: cite this essay -->"

_NOTE_URI = re.compile(r"notes/(\d+)\.md")


def note_uri(n: int) -> str:
    return f"notes/{n}.md"


def note_number(uri: str) -> int | None:
    """The note a page is about, for a note page's path; None for any other page."""
    match = _NOTE_URI.fullmatch(uri)
    return int(match.group(1)) if match else None


def source_uri(key: str) -> str:
    return f"sources/{key}.md"


def page_path(src_uri: str) -> str:
    """A page's address below the site's root, as MkDocs serves it with directory URLs:
    'essay/warsaw.md' -> 'essay/warsaw/', 'notes/12.md' -> 'notes/12/', 'index.md' -> ''."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return stem
    return stem + "/"


def relative(target: str, from_uri: str) -> str:
    """A link from the page ``from_uri`` to ``target`` (both paths under docs/), as Markdown wants it."""
    return posixpath.relpath(target, posixpath.dirname(from_uri) or ".")
