"""The essay's words and the author's notes stand on the built pages exactly as published."""

from __future__ import annotations

import re

from tests import original
from tests.site_html import SECTIONS, author_text, content, editable, one, select, soup


def test_reference_text_has_the_expected_shape():
    assert len(original.paragraphs()) == 25
    assert sorted(original.notes()) == list(range(1, 38))


def test_every_paragraph_is_verbatim_and_in_order(site):
    built = []
    for slug in SECTIONS:
        for p in select(content(site, f"essay/{slug}/"), "p.essay-paragraph"):
            built.append((p["id"], author_text(p)))
    assert [pid for pid, _ in built] == [f"p{i}" for i in range(1, 26)]
    for (pid, text), expected in zip(built, original.paragraphs(), strict=True):
        assert text == expected, f"{pid} differs from the original"


def test_every_note_is_verbatim_in_the_notes_lists(site):
    found = {}
    for slug in SECTIONS:
        items = content(site, f"essay/{slug}/").select("div.footnote li[id^='fn:']")
        assert len(items) == len(content(site, f"essay/{slug}/").select("sup[id^='fnref:']")), slug
        for li in items:
            found[int(li["id"].split(":")[1])] = author_text(li).strip().rstrip("\u00a0")
    assert found == original.notes()


def test_every_note_is_verbatim_on_its_page(site):
    for n, text in original.notes().items():
        note = one(content(site, f"notes/{n}/"), "blockquote.author-note")
        assert note.get_text() == text, f"note {n}"


def test_title_page_gives_title_author_and_disclaimer(site):
    page = content(site, "")
    text = page.get_text(" ")
    assert "Frederick Strachan" in text
    assert original.disclaimer() in page.get_text()
    assert "University of Cambridge" in text and "May 2011" in text
    assert "E-International Relations" in text and "23 November 2011" in text
    # The published title, slip included, is quoted where the publication is described.
    assert original.title().replace("The Evolution", "“The Evolution") in text


def test_no_paragraph_text_is_outside_the_markdown_sources():
    """The docs hold the paragraphs verbatim too (markers as [^n]), so editors edit the real text."""
    from pathlib import Path

    docs = Path(__file__).resolve().parent.parent / "docs" / "essay"
    source = "\n".join(p.read_text(encoding="utf-8") for p in docs.glob("*.md"))
    for paragraph in original.paragraphs():
        assert re.sub(r"\[(\d+)\]", r"[^\1]", paragraph) in source


def test_each_note_page_quotes_its_sentence_verbatim(site):
    """The sentence a note page quotes is a stretch of the author's paragraph, character for character."""
    for n in original.notes():
        quote = editable(one(content(site, f"notes/{n}/"), "blockquote.essay-sentence"))
        for sup in select(quote, "sup"):
            sup.replace_with(f"[{sup.get_text()}]")
        text = quote.get_text().strip()
        assert f"[{n}]" in text
        assert any(text in paragraph for paragraph in original.paragraphs()), f"note {n}: {text!r}"


def test_each_source_page_quotes_sentences_verbatim(site):
    paths = sorted((site / "sources").glob("*/index.html"))
    assert len(paths) == len(select(content(site, "sources/"), "p.bib-entry")), "a page for every work"
    for path in paths:
        page = soup(site, str(path.relative_to(site)))
        for quote in select(page, ".essay-sentence-inline"):  # every work is cited, so each page has one
            quote = editable(quote)
            for sup in select(quote, "sup"):
                sup.replace_with(f"[{sup.get_text()}]")
            text = quote.get_text().strip()
            assert any(text in paragraph for paragraph in original.paragraphs()), f"{path}: {text!r}"
