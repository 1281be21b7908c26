"""The search index: a reader's browser downloads it whole (Material's search worker), and it
grows with every generated page. So it holds each text once, and it is fetched only when the
reader opens search, not on every first visit. Search still finds each note by its words, on its
own page and on its essay page, and each work by its entry; a page reached from a search result
still highlights the terms."""

from __future__ import annotations

import html
import json
import re

import pytest

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


# ---- The index is fetched when the reader opens search, not on every first visit -----------------

def _open_by_clicking_the_field(page):
    page.locator("input.md-search__input").click()


def _open_by_tapping_the_icon(page):
    page.locator(".md-header label.md-header__button[for='__search']").click()


def _open_by_the_keyboard(page):
    page.locator("body").press("/")  # one of Material's search keys


@pytest.mark.parametrize("width, open_search", [(1280, _open_by_clicking_the_field), (375, _open_by_tapping_the_icon),
                                                (1280, _open_by_the_keyboard)],
                         ids=["field", "phone-icon", "key"])
def test_the_search_index_is_fetched_when_the_reader_opens_search(page, server, width, open_search):
    page.set_viewport_size({"width": width, "height": 800})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{server}/essay/warsaw/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert any("/workers/search" in url for url in requests), "Material's search worker did not start"
    assert not any("search_index.json" in url for url in requests), "the index was fetched before search was opened"
    with page.expect_request("**/search/search_index.json"):
        open_search(page)
    page.locator("input.md-search__input").press_sequentially("Pozdeeva", delay=30)
    hit = page.locator(".md-search-result__item > a").first
    hit.wait_for(state="visible", timeout=10000)
    assert "/sources/pozdeeva-1994/" in hit.get_attribute("href")


def test_a_page_reached_from_a_search_result_still_highlights_the_terms(page, server):
    page.goto(f"{server}/essay/warsaw/?h=Harriman", wait_until="networkidle")
    mark = page.locator("article mark[data-md-highlight]").first
    mark.wait_for(state="visible", timeout=10000)
    assert mark.inner_text() == "Harriman"
