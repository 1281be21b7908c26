"""Where the generated pages live, as paths under docs/ (MkDocs maps notes/12.md to /notes/12/).

One place for the URL scheme, so the pages, the annotator and the Markdown extension agree.
"""

from __future__ import annotations

import re

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
