"""The text rules of scripts/edition/text.py, and the one copy of a rule that lives elsewhere: the
sentence the script highlights on landing on a marker must begin where the Python's sentence
begins (the note's page quotes that sentence; the Web Annotation of the note quotes it too)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.edition import text
from scripts.edition.read.essay import MARKER
from scripts.edition.read.loader import load_edition
from scripts.edition.read.nav import essay_uris, read_mkdocs_yml
from scripts.edition.urls import page_path
from tests.site_html import ROOT

HIGHLIGHT = """async id => {
  await new Promise(done => { addEventListener("hashchange", () => setTimeout(done, 0), {once: true}); location.hash = id; });
  const h = CSS.highlights.get('edition-landing');
  return h ? [...h][0].toString() : null;
}"""


def _words(markdown: str) -> str:
    """A sentence's words as a reader sees them: markers as their numbers, no emphasis marks."""
    return re.sub(r"\s+", " ", MARKER.sub(r"\1", markdown).replace("*", "")).strip()


def test_the_character_sets_are_what_they_say():
    assert text.character_class(text.CONTROLS, keep="\t\n") == r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"
    assert text.character_class(text.LINE_SEPARATORS, text.BIDI_MARKS) == r"[\u061c\u200e-\u200f\u2028-\u2029]"
    assert re.fullmatch(text.character_class(text.BYTE_ORDER_MARK), "\ufeff")
    assert text.replacements(text.LINE_SEPARATORS, by=" ") == {0x2028: " ", 0x2029: " "}
    assert len(text.characters(text.CONTROLS)) == 65 and text.MONTHS[11] == "December"


def test_a_sentence_ends_at_its_stop_and_the_markers_after_it():
    source = "The Allies met at Tehran.[^3] ‘Stalin’ spoke first? Then Yalta! U.S. policy, e.g. here."
    assert text.sentence_around(source, source.index("Stalin")) == "‘Stalin’ spoke first?"
    assert text.sentence_around(source, 0) == "The Allies met at Tehran.[^3]"
    assert text.sentence_start("He left. Then") == len("He left. ")
    assert text.sentence_start("  no stop here") == 2


def test_the_script_highlights_the_sentence_the_python_quotes(page, server):
    edition = load_edition(ROOT, ROOT / "docs", essay_uris(read_mkdocs_yml(ROOT / "mkdocs.yml")["nav"]))
    compared = 0
    for section in edition.sections:
        notes = [note for note in edition.notes.values()
                 if edition.section_of_paragraph(note.marker.paragraph).slug == section.slug]
        if not notes:
            continue
        page.goto(f"{server}/{page_path(section.src_uri)}")
        for note in notes:
            source = edition.paragraphs[note.marker.paragraph - 1].source
            sentence = text.sentence_around(source, note.marker.start)
            before_marker = sentence[:sentence.index(f"[^{note.n}]") + len(f"[^{note.n}]")]
            highlighted = page.evaluate(HIGHLIGHT, f"fnref:{note.n}")
            assert highlighted is not None, f"no sentence highlighted for note {note.n}"
            assert _words(highlighted).startswith(_words(before_marker)), (
                f"note {note.n}: the script highlights {_words(highlighted)!r}, the Python's sentence is "
                f"{_words(sentence)!r} (text.SENTENCE_END and edition.js's sentenceRange disagree)")
            compared += 1
    assert compared == len(edition.notes)


@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from("\\`*_{}[]()#+!>&<\n\x02\u2028"))))
@settings(derandomize=True, max_examples=300, database=None)
def test_a_translator_writes_what_str_translate_writes(value):
    """text.translator (one regular expression) stands in for str.translate on the Markdown escapes."""
    from scripts.edition.inline import _MARKDOWN_ESCAPES

    assert text.translator(_MARKDOWN_ESCAPES)(value) == value.translate(_MARKDOWN_ESCAPES)
    table = {0x1F600: "(smile)", ord("a"): "", ord("]"): "\\]"}  # beyond the BMP; deletion; a class's ]
    assert text.translator(table)(value + "a]\U0001F600") == (value + "a]\U0001F600").translate(table)
