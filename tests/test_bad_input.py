"""Bad input stops ``mkdocs build --strict`` with a message naming the file, line and note.

One case per kind of mistake an editor can make. Each breaks a throwaway copy of the project,
builds it for real, and checks the exit status, the message and that no traceback leaks out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from tests.conftest import build

NOTES = "footnotes/notes"


def edit(project: Path, rel: str, old: str, new: str, count: int = 1) -> int:
    """Replace text in a project file; returns the 1-based line where the change begins."""
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def line_of(project: Path, rel: str, needle: str, nth: int = 1) -> int:
    text = (project / rel).read_text(encoding="utf-8")
    at = -1
    for _ in range(nth):
        at = text.index(needle, at + 1)
    return text[:at].count("\n") + 1


@dataclass
class Case:
    name: str
    breaks: Callable[[Path], list[str]]  # breaks the copy, returns fragments the message must hold
    skip_note: bool = field(default=False)


def malformed_yaml(p):
    line = edit(p, f"{NOTES}/warsaw.yaml", "  kind: citation\n", "  kind: citation: oops\n")
    return [f"{NOTES}/warsaw.yaml:{line}", "is not valid YAML"]


def empty_file(p):
    (p / NOTES / "warsaw.yaml").write_text("# nothing here yet\n", encoding="utf-8")
    return [f"{NOTES}/warsaw.yaml", "is empty"]


def not_utf8(p):
    path = p / NOTES / "warsaw.yaml"
    data = path.read_bytes()
    line = data[: data.index("Glantz".encode())].count(b"\n") + 1
    path.write_bytes(data.replace("Glantz".encode(), "Gl\xe4ntz".encode("latin-1"), 1))
    return [f"{NOTES}/warsaw.yaml:{line}", "not valid UTF-8"]


def duplicate_number(p):
    line = edit(p, f"{NOTES}/warsaw.yaml", "- n: 24\n", "- n: 23\n")
    return [f"{NOTES}/warsaw.yaml:{line}", "note 23", "is numbered 23"]


def numbering_gap(p):
    edit(p, f"{NOTES}/crisis-to-tehran.yaml", "- n: 37\n", "- n: 38\n")
    edit(p, "docs/essay/crisis-to-tehran.md", "[^37]", "[^38]")
    return [f"{NOTES}", "note 37", "there is no note 37"]


def out_of_order(p):
    path = p / NOTES / "warsaw.yaml"
    text = path.read_text(encoding="utf-8")
    head, *items = text.split("\n- n: ")
    items[0], items[1] = items[1], items[0]
    path.write_text("\n- n: ".join([head, *items]), encoding="utf-8")
    line = line_of(p, f"{NOTES}/warsaw.yaml", "- n: 23")
    return [f"{NOTES}/warsaw.yaml:{line}", "note 23", "comes after note 24"]


def marker_without_note(p):
    line = edit(p, "docs/essay/conclusion.md", "remained the same,", "remained the same,[^38]")
    return [f"docs/essay/conclusion.md:{line}", "note 38", "marker [^38] has no note"]


def note_without_marker(p):
    edit(p, "docs/essay/warsaw.md", "[^26]", "")
    line = line_of(p, f"{NOTES}/warsaw.yaml", "- n: 26")
    return [f"{NOTES}/warsaw.yaml:{line}", "note 26", "has no marker"]


def marker_used_twice(p):
    line = edit(p, "docs/essay/conclusion.md", "remained the same,", "remained the same,[^12]")
    return [f"docs/essay/conclusion.md:{line}", "note 12", "used a second time"]


def unknown_work(p):
    line = line_of(p, f"{NOTES}/warsaw.yaml", "- n: 23")
    edit(p, f"{NOTES}/warsaw.yaml", "work: glantz-house-1998", "work: glanz-house-1998")
    return [f"{NOTES}/warsaw.yaml:{line}", "note 23", "`glanz-house-1998`", "did you mean `glantz-house-1998`"]


def ibid_with_nothing_before(p):
    line = line_of(p, f"{NOTES}/introduction.yaml", "- n: 1")
    edit(p, f"{NOTES}/introduction.yaml", "kind: citation", "kind: ibid")
    return [f"{NOTES}/introduction.yaml:{line}", "note 1", "no note before it"]


def misspelt_field(p):
    line = edit(p, f"{NOTES}/warsaw.yaml", "  locator: {page: \"214\"}", "  locater: {page: \"214\"}")
    return [f"{NOTES}/warsaw.yaml:{line}", "note 23", "unknown field `locater`", "did you mean `locator`"]


def wrong_type(p):
    line = edit(p, f"{NOTES}/warsaw.yaml", "- n: 24\n", "- n: twenty-four\n")
    return [f"{NOTES}/warsaw.yaml:{line}", "`n` must be a whole number"]


def unknown_source_field(p):
    line = edit(p, "footnotes/sources.yaml", "  publisher: Cassell\n", "  publsher: Cassell\n")
    return [f"footnotes/sources.yaml:{line}", "unknown field `publsher`", "did you mean `publisher`"]


def unsafe_link(p):
    line = edit(p, f"{NOTES}/introduction.yaml", "  text: \"Keith Sainsbury",
                "  text: \"[click](javascript:alert(1)) Keith Sainsbury")
    return [f"{NOTES}/introduction.yaml:{line}", "note 1", "javascript:"]


def html_in_a_title(p):
    """Work titles become page <title>s, which the theme writes unescaped: markup there is refused."""
    line = line_of(p, "footnotes/sources.yaml", "  title: Conversations with Stalin")
    edit(p, "footnotes/sources.yaml", "  title: Conversations with Stalin",
         '  title: "Conv </title><script>alert(5)</script>"')
    return ["footnotes/sources.yaml:" + str(line), "`title` looks like HTML markup"]


def bad_issn(p):
    line = edit(p, "footnotes/publication.yaml", "  ISSN: 2053-8626\n", "  ISSN: 2053-862\n")
    return [f"footnotes/publication.yaml:{line}", "`ISSN`", "does not have the expected form",
            "an ISSN is written"]


def publication_author_without_name(p):
    line = edit(p, "footnotes/publication.yaml", "{family: Strachan, given: Frederick}", "{given: Frederick}")
    return [f"footnotes/publication.yaml:{line}", "a name needs either `family`"]


def cite_box_placeholder_removed(p):
    edit(p, "docs/index.md", "<!-- edition: cite this essay -->", "")
    return ["docs/index.md", "<!-- edition: cite this essay -->", "is missing"]


EDITORIAL = "footnotes/editorial.yaml"
GLOSSARY = "footnotes/glossary.yaml"


def editorial_phrase_not_in_paragraph(p):
    line = edit(p, EDITORIAL, 'phrase: "at Yalta in 1944"', 'phrase: "at Yalta in 1943"')
    return [f"{EDITORIAL}:{line}", "editorial note `yalta-1945`", "paragraph 6 has no “at Yalta in 1943”"]


def editorial_phrase_not_unique(p):
    line = edit(p, EDITORIAL, 'phrase: "Easter Europe"', 'phrase: "Europe"')
    return [f"{EDITORIAL}:{line}", "editorial note `eastern-europe-p25`", "occurs 2 times in paragraph 25",
            "lengthen the phrase"]


def editorial_phrase_across_marker(p):
    line = edit(p, EDITORIAL, 'phrase: "the ‘iron veil’"', 'phrase: "the ‘iron veil’[^26]"')
    return [f"{EDITORIAL}:{line}", "editorial note `iron-curtain-p16`", "runs across a note marker ([^26])"]


def editorial_phrase_not_in_note(p):
    line = line_of(p, EDITORIAL, "anchor: {note: 3,")
    edit(p, EDITORIAL, "anchor: {note: 3,", "anchor: {note: 4,")
    return [f"{EDITORIAL}:{line}", "editorial note `haslam-n3`", "note 4 has no “Jonathan Haslem”"]


def editorial_anchor_twice(p):
    line = edit(p, EDITORIAL, "anchor: {paragraph: 7,", "anchor: {paragraph: 7, note: 9,")
    return [f"{EDITORIAL}:{line}", "editorial note `than-did-p7`", "`anchor` needs exactly one of `paragraph`"]


def editorial_misspelt_field(p):
    line = edit(p, EDITORIAL, "  correction: \"Zhukov\"", "  corection: \"Zhukov\"")
    return [f"{EDITORIAL}:{line}", "editorial note `zhukov`", "unknown field `corection`",
            "did you mean `correction`"]


def editorial_original_not_in_phrase(p):
    line = line_of(p, EDITORIAL, 'phrase: "Zukhov’s forces"')
    edit(p, EDITORIAL, '  original: "Zukhov"', '  original: "Zhukov"')
    return [f"{EDITORIAL}:{line}", "editorial note `zhukov`", "its `original` “Zhukov” is not part of its phrase"]


def editorial_phrase_in_raw_html(p):
    edit(p, "docs/index.md", '<p class="title-details" markdown="span">', '<p class="title-details">')
    return ["docs/index.md", "editorial note `title-word-war`", "not in the rendered page", 'markdown="span"']


def glossary_form_not_in_essay(p):
    line = edit(p, GLOSSARY, 'matches: ["Molotov"]', 'matches: ["Molotof"]')
    return [f"{GLOSSARY}:{line}", "glossary entry `molotov`", "“Molotof” does not occur"]


def glossary_form_twice(p):
    line = edit(p, GLOSSARY, 'matches: ["Harriman"]', 'matches: ["Harriman", "Molotov"]')
    return [f"{GLOSSARY}:{line}", "glossary entry `harriman`", "“Molotov” is already a form of `molotov`"]


def glossary_unknown_category(p):
    line = edit(p, GLOSSARY, "  category: person\n", "  category: persons\n")
    return [f"{GLOSSARY}:{line}", "glossary entry `molotov`", "`category` is 'persons'"]


def markup_in_a_tooltip(p):
    """Material's tooltips show a title attribute as HTML: glossary and editorial text must be plain."""
    line = edit(p, GLOSSARY, 'text: "Code name for the German offensive against Moscow',
                'text: "<img src=x onerror=alert(1)> Code name for the German offensive against Moscow')
    return [f"{GLOSSARY}:{line}", "`text` looks like HTML markup", "tooltips show this text as HTML"]


def impossible_month(p):
    line = edit(p, "footnotes/sources.yaml", "  issued: 1993-12\n", "  issued: 1993-13\n")
    return [f"footnotes/sources.yaml:{line}", "`issued` '1993-13' is not a year, a month or a day",
            "write a year (1995)"]


def five_digit_year(p):
    line = edit(p, "footnotes/sources.yaml", "  issued: 1981\n", "  issued: 19811\n")
    return [f"footnotes/sources.yaml:{line}", "`issued` 19811 is not a year, a month or a day"]


def day_not_in_the_calendar(p):
    line = edit(p, "footnotes/sources.yaml", "  issued: 1945-05-12\n", "  issued: 1945-02-30\n")
    return [f"footnotes/sources.yaml:{line}", "`issued` 1945-02-30 of `churchill-truman-1945` is not a date in the calendar"]


CASES = [Case(f.__name__, f) for f in (
    malformed_yaml, empty_file, not_utf8, duplicate_number, numbering_gap, out_of_order,
    marker_without_note, note_without_marker, marker_used_twice, unknown_work, ibid_with_nothing_before,
    misspelt_field, wrong_type, unknown_source_field, unsafe_link, html_in_a_title,
    impossible_month, five_digit_year, day_not_in_the_calendar,
    bad_issn, publication_author_without_name, cite_box_placeholder_removed,
    editorial_phrase_not_in_paragraph, editorial_phrase_not_unique, editorial_phrase_across_marker,
    editorial_phrase_not_in_note, editorial_anchor_twice, editorial_misspelt_field,
    editorial_original_not_in_phrase, editorial_phrase_in_raw_html, glossary_form_not_in_essay,
    glossary_form_twice, glossary_unknown_category, markup_in_a_tooltip,
)]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input_stops_the_build_with_a_clear_message(case, project_copy, tmp_path):
    expected = case.breaks(project_copy)
    result = build(project_copy, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    for fragment in expected:
        assert fragment in output, f"{fragment!r} not in:\n{output}"


def test_all_problems_are_reported_together(project_copy, tmp_path):
    first = unknown_work(project_copy)
    second = marker_without_note(project_copy)
    result = build(project_copy, tmp_path / "out")
    output = result.stderr
    assert result.returncode != 0
    for fragment in first + second:
        assert fragment in output, output
    assert "The edition has 2 problems" in output

