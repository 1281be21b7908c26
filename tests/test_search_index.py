"""The search index holds each text once: every reader's browser downloads it whole on a first
visit (Material's search worker), and it grows with every generated page. Search still finds each
note by its words, on its own page and on its essay page, and each work by its entry."""

from __future__ import annotations

import html
import json
import re

from tests import original


def _docs(site) -> list[dict]:
    return json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]


def _words(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def _anchors(docs: list[dict]) -> dict[str, set[str]]:
    pages: dict[str, set[str]] = {}
    for doc in docs:
        page, _, anchor = doc["location"].partition("#")
        pages.setdefault(page, set()).add(anchor)
    return pages


def test_every_note_is_found_by_its_words_on_its_own_page_and_in_the_essay(site):
    docs = [(d["location"], _words(d["text"])) for d in _docs(site)]
    notes = original.notes()
    assert len(notes) == 37
    for n, text in notes.items():
        hits = {location for location, words in docs if _words(text) in words}
        assert f"notes/{n}/" in hits, f"note {n} is not found on its page"
        assert any(h.startswith("essay/") and h.endswith("#notes") for h in hits), f"note {n} not in the essay"


def test_generated_pages_index_only_what_no_other_page_holds(site):
    pages = _anchors(_docs(site))
    for n in original.notes():  # the essay's sentence, the work's entry and the cite line are elsewhere
        assert pages[f"notes/{n}/"] <= {"", "the-editors-corrections"}, n
    sources = [page for page in pages if re.fullmatch(r"sources/[^/]+/", page)]
    assert len(sources) >= 20
    for page in sources:  # the citing sentences are on the essay pages; BibTeX and RIS repeat the entry
        assert pages[page] == {""}, page
    assert pages["notes/"] == {""}  # every note has its own page
    assert pages["sources/"] == {""}


def test_the_note_pages_cite_line_is_not_indexed_37_times(site):
    docs = _docs(site)
    cite_lines = [d["location"] for d in docs if re.search(r"\bn\. \d+, https?://", d["text"])]
    assert cite_lines == []
    # …though every note page still shows it, and the sections kept out of the index.
    page = (site / "notes/12/index.html").read_text(encoding="utf-8")
    for heading in ("In the essay", "What it cites", "Cite this note"):
        assert re.search(rf"<h2[^>]*>{heading}<", page), heading
    assert re.search(r"n\. 12, https?://", page)
