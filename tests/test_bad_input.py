"""Bad input stops ``mkdocs build --strict`` with a message naming the file, line and note, and
``python -m scripts.check`` gives the same verdict with the same problems.

One case per kind of mistake an editor can make, and per class of hostile input in issue 10.
Each breaks a throwaway copy of the project, then runs the check and the build (both in this
process, through MkDocs' Python API) and asserts: the exit status, the fragments of the message
(file and line among them), that both report exactly the same problems, and that no exception
escapes (which on the command line would be a traceback). A case whose input is accepted
returns None and must build a harmless site instead. A few tests at the end run the real
command line (``mkdocs build``, ``mkdocs serve``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from tests import verdict
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
    line = line_of(p, EDITORIAL, "anchor: {page: index.md,")
    return [f"{EDITORIAL}:{line}", "editorial note `title-word-war`", "in a raw HTML block of docs/index.md",
            'markdown="span"']


def glossary_form_not_in_essay(p):
    line = edit(p, GLOSSARY, 'matches: ["Molotov"]', 'matches: ["Molotof"]')
    return [f"{GLOSSARY}:{line}", "glossary entry `molotov`", "“Molotof” does not occur"]


def glossary_form_twice(p):
    line = edit(p, GLOSSARY, 'matches: ["Harriman"]', 'matches: ["Harriman", "Molotov"]')
    return [f"{GLOSSARY}:{line}", "glossary entry `harriman`", "“Molotov” is already a form of `molotov`"]


def glossary_unknown_category(p):
    line = edit(p, GLOSSARY, "  category: person\n", "  category: persons\n")
    return [f"{GLOSSARY}:{line}", "glossary entry `molotov`", "`category` is \"persons\""]


def markup_in_a_tooltip(p):
    """Material's tooltips show a title attribute as HTML: glossary and editorial text must be plain."""
    line = edit(p, GLOSSARY, 'text: "Code name for the German offensive against Moscow',
                'text: "<img src=x onerror=alert(1)> Code name for the German offensive against Moscow')
    return [f"{GLOSSARY}:{line}", "`text` looks like HTML markup", "markup and &-references are not allowed"]


def impossible_month(p):
    line = edit(p, "footnotes/sources.yaml", "  issued: 1993-12\n", "  issued: 1993-13\n")
    return [f"footnotes/sources.yaml:{line}", "`issued` \"1993-13\" is not a date in the calendar",
            "write a year (1995)"]


def five_digit_year(p):
    line = edit(p, "footnotes/sources.yaml", "  issued: 1981\n", "  issued: 19811\n")
    return [f"footnotes/sources.yaml:{line}", "`issued` 19811 is not a year, a month or a day"]


def day_not_in_the_calendar(p):
    line = edit(p, "footnotes/sources.yaml", "  issued: 1945-05-12\n", "  issued: 1945-02-30\n")
    return [f"footnotes/sources.yaml:{line}", "`churchill-truman-1945`: `issued` \"1945-02-30\" is not a date in the calendar"]


# ---------------------------------------------------------------- issue 10: hostile and broken input

SOURCES = "footnotes/sources.yaml"
PUBLICATION = "footnotes/publication.yaml"
BREAKOUT = "1\n```\n\n[click](javascript:alert(1))\n{: onmouseover=\"alert(2)\" }\n\n```"


def _yaml_string(text: str) -> str:
    import json
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted string


def fence_breakout_in_a_volume(p):
    """Class 1: a newline and a fence in a bibliographic field (the BibTeX/RIS code blocks)."""
    line = edit(p, SOURCES, '  volume: "14"\n', f"  volume: {_yaml_string(BREAKOUT)}\n")
    return [f"{SOURCES}:{line}", "`birt-1993`", "`volume` contains a line break"]


def fence_breakout_in_the_publication(p):
    """Class 1: a `|-` block in the essay's own record (the title page's code blocks)."""
    line = edit(p, PUBLICATION, "  container-title: E-International Relations\n",
                "  container-title: |-\n    E-IR\n    ```\n    [x](javascript:alert(1))\n")
    return [f"{PUBLICATION}:{line}", "`container-title` contains a line break"]


def entity_markup_in_a_glossary_tooltip(p):
    """Class 2: an escaped tag that Material's tooltip would decode into markup."""
    line = edit(p, GLOSSARY, 'text: "Vyacheslav Mikhailovich Molotov',
                'text: "&lt;img src=x onerror=alert(1)&gt; Vyacheslav Mikhailovich Molotov')
    return [f"{GLOSSARY}:{line}", "glossary entry `molotov`", "`text` looks like an HTML character reference"]


def numeric_entity_in_an_editorial_explanation(p):
    """Class 2: numeric references in an editorial note's tooltip text."""
    line = edit(p, EDITORIAL, '  explanation: "A dropped letter', '  explanation: "&#60;img src=x onerror=alert(1)&#62; A dropped letter')
    return [f"{EDITORIAL}:{line}", "editorial note `title-word-war`", "`explanation` looks like an HTML character reference"]


def _note_link(p, href):
    line = edit(p, f"{NOTES}/introduction.yaml", '  text: "Keith Sainsbury',
                f'  text: "[click]({href}) Keith Sainsbury')
    return [f"{NOTES}/introduction.yaml:{line}", "note 1", "links to"]


def entity_encoded_javascript_url(p):
    """Class 3: URLs that only become javascript: once a browser decodes or normalises them."""
    return _note_link(p, "&#106;avascript:alert(1)")


def entity_colon_javascript_url(p):
    return _note_link(p, "javascript&#58;alert(1)")


def tab_entity_javascript_url(p):
    return _note_link(p, "java&Tab;script:alert(1)")


def backslash_host_url(p):
    return _note_link(p, "/\\\\evil.example/")


def data_url(p):
    return _note_link(p, "data:text/html,x")


def bad_url_in_a_source(p):
    line = edit(p, PUBLICATION, "  URL: https://www.e-ir.info/", "  URL: https://www.e-ir.info/&#x22;/")
    return [f"{PUBLICATION}:{line}", "`URL`", "contains a character reference"]


def newline_in_a_title_forges_export_records(p):
    """Class 4: a newline would add a record to the RIS file (or a field to BibTeX)."""
    line = edit(p, SOURCES, '  title: "Personality and Foreign Policy: The Case of Stalin"',
                '  title: "Personality\\nER  - \\n\\nTY  - BOOK\\nTI  - Forged"')
    return [f"{SOURCES}:{line}", "`birt-1993`", "`title` contains a line break"]


def braces_in_a_field_stay_in_the_field(p):
    """Class 4, accepted: braces and backslashes are text; the exports escape them (checked by
    test_hostile_but_valid_text_stays_text)."""
    edit(p, SOURCES, '  volume: "14"\n', '  volume: "14}, url = {https://evil.example/}, x = {\\\\"\n')
    return None


def work_keyed_index(p):
    """Class 5: a key that is the name of a generated page."""
    line = edit(p, SOURCES, "balfour-1981:\n", "index:\n")
    return [f"{SOURCES}:{line}", "the key \"index\" is not allowed", "not a name the site's own pages use"]


def work_keyed_export(p):
    line = edit(p, SOURCES, "balfour-1981:\n", "export:\n")
    return [f"{SOURCES}:{line}", "the key \"export\" is not allowed"]


def glossary_id_of_a_heading(p):
    line = edit(p, GLOSSARY, "- id: molotov\n", "- id: people\n")
    return [f"{GLOSSARY}:{line}", "`id` \"people\" is a name the site's own pages use"]


CHANGES = "footnotes/changes.yaml"
TIMELINE = "footnotes/timeline.yaml"


def markdown_in_a_feature_link(p):
    """Class 1 on a new path: a feature's `link` in the record of changes is a Markdown link target;
    an anchor that exists, then `)` and an attribute list, made a live onclick that built."""
    line = edit(p, CHANGES, "link: editorial.md#queries", "link: 'editorial.md#queries){: onclick=\"alert(1)\" }'")
    return [f"{CHANGES}:{line}", "version 1.1.0", "is not a page under docs/ with an optional #anchor"]


def script_url_in_a_feature_link(p):
    line = edit(p, CHANGES, "link: editorial.md#queries", "link: 'editorial.md#queries) [x](javascript:alert(1)'")
    return [f"{CHANGES}:{line}", "is not a page under docs/ with an optional #anchor"]


def feature_link_to_no_page(p):
    """One verdict: the strict build stopped on it with MkDocs' words about changes.md; the check said OK."""
    line = edit(p, CHANGES, "link: editorial.md#queries", "link: editorial-notes.md#queries")
    return [f"{CHANGES}:{line}", "version 1.1.0", "`link` editorial-notes.md is not a page of the site"]


def timeline_id_of_its_list_heading(p):
    """Class 5 on a new path: an event's id is its anchor on /timeline/, beside the page's own."""
    line = edit(p, TIMELINE, "- id: invasion-of-poland\n", "- id: events\n")
    return [f"{TIMELINE}:{line}", "timeline event `events`", "is an id the timeline page gives its own parts"]


def timeline_id_of_a_year(p):
    line = edit(p, TIMELINE, "- id: invasion-of-poland\n", "- id: y1939\n")
    return [f"{TIMELINE}:{line}", "is an id the timeline page gives its own parts (/timeline/#y1939)"]


def editorial_id_of_a_section_heading(p):
    """Class 5 on the Editorial notes page: a section's heading there has its title's anchor."""
    line = edit(p, EDITORIAL, "- id: cable-wording-p8\n", "- id: conclusion\n")
    edit(p, CHANGES, "      - cable-wording-p8\n", "      - conclusion\n")
    return [f"{EDITORIAL}:{line}", "editorial note `conclusion`", "is the anchor of the heading “Conclusion”"]


def billion_laughs(p):
    """Class 6: aliases that expand a small file into a huge value."""
    path = p / NOTES / "warsaw.yaml"
    bomb = "".join(f"- &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n" if i else "- &l0 [lol]\n" for i in range(9))
    path.write_text(path.read_text(encoding="utf-8") + "\n" + bomb, encoding="utf-8")
    line = line_of(p, f"{NOTES}/warsaw.yaml", "- &l0")
    return [f"{NOTES}/warsaw.yaml:{line}", "uses a YAML anchor or alias"]


def deep_nesting(p):
    path = p / NOTES / "warsaw.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n- n: 99\n  text: " + "[" * 400 + "]" * 400 + "\n",
                    encoding="utf-8")
    return [f"{NOTES}/warsaw.yaml:", "nests more than"]


def huge_note_number(p):
    line = edit(p, f"{NOTES}/warsaw.yaml", "- n: 24\n", "- n: 90000000000\n")
    return [f"{NOTES}/warsaw.yaml:{line}", "`n` is 90000000000; it must be at most 10000"]


def huge_note_text(p):
    line = edit(p, f"{NOTES}/introduction.yaml", '  text: "Keith Sainsbury', '  text: "' + "x *y* " * 60_000 + 'Keith Sainsbury')
    return [f"{NOTES}/introduction.yaml:{line}", "note 1", "at most 10,000 are allowed"]


def huge_file(p):
    path = p / NOTES / "warsaw.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "#" * 1_100_000 + "\n", encoding="utf-8")
    return [f"{NOTES}/warsaw.yaml", "is larger than 1 MB"]


def heading_only_section(p):
    """Class 7: the tracebacks."""
    (p / "docs/essay/conclusion.md").write_text("# Conclusion\n", encoding="utf-8")
    (p / NOTES / "conclusion.yaml").unlink(missing_ok=True)
    return ["docs/essay/conclusion.md:1", "holds no paragraphs of the essay"]


def nav_file_missing(p):
    (p / "docs/essay/conclusion.md").unlink()
    return ["docs/essay/conclusion.md", "is listed in the `nav` of mkdocs.yml but does not exist"]


def float_note_number(p):
    line = edit(p, f"{NOTES}/warsaw.yaml", "- n: 24\n", "- n: 24.0\n")
    return [f"{NOTES}/warsaw.yaml:{line}", "`n` must be a whole number, not 24.0"]


def float_paragraph(p):
    line = edit(p, EDITORIAL, "anchor: {paragraph: 6,", "anchor: {paragraph: 6.0,")
    return [f"{EDITORIAL}:{line}", "`paragraph` must be a whole number, not 6.0"]


def octal_note_number(p):
    """Class 8: 010 is octal 8 in YAML 1.1."""
    line = edit(p, f"{NOTES}/introduction.yaml", "- n: 1\n", "- n: 010\n")
    return [f"{NOTES}/introduction.yaml:{line}", "`010` is not a plain whole number (YAML would read it as 8)"]


def ansi_escape_in_a_form(p):
    """Class 8: control characters never reach the page, and the message shows them escaped."""
    line = edit(p, GLOSSARY, 'matches: ["Molotov"]', 'matches: ["Molotov\\u001b[2J\\u001b[31mOK: fake"]')
    return [f"{GLOSSARY}:{line}", "glossary entry `molotov`", "contains the invisible character \\x1b"]


def bom_at_the_top_of_an_essay_file(p):
    """Class 8, accepted: a byte-order mark is dropped, as MkDocs drops it."""
    path = p / "docs/essay/warsaw.md"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return None


def nfd_phrase(p):
    import unicodedata
    text = (p / "docs/essay/conclusion.md").read_text(encoding="utf-8")
    assert "é" not in text  # pick a phrase of the essay with a composed letter instead
    line = edit(p, EDITORIAL, 'phrase: "at Yalta in 1944"', 'phrase: "' + unicodedata.normalize("NFD", "at Yalta in 1944 é") + '"')
    return [f"{EDITORIAL}:{line}", "`phrase` is not in Unicode NFC form"]


def editorial_page_outside_docs(p):
    line = edit(p, EDITORIAL, "anchor: {page: index.md,", "anchor: {page: ../README.md,")
    return [f"{EDITORIAL}:{line}", "`page` \"../README.md\" is not a page under docs/"]


def raw_html_in_an_essay_paragraph(p):
    """Essay files hold the published text, which has no HTML."""
    line = edit(p, "docs/essay/conclusion.md", "remained the same,", 'remained <img src=x onerror="alert(1)"> the same,')
    return [f"docs/essay/conclusion.md:{line}", "raw HTML or an HTML comment"]


def attribute_list_in_an_essay_paragraph(p):
    text = (p / "docs/essay/conclusion.md").read_text(encoding="utf-8").rstrip("\n")
    (p / "docs/essay/conclusion.md").write_text(text + '\n{: onclick="alert(1)" }\n', encoding="utf-8")
    line = text.count("\n") + 2
    return [f"docs/essay/conclusion.md:{line}", "an attribute list"]


def marker_in_a_code_span(p):
    line = edit(p, "docs/essay/conclusion.md", "remained the same,", "remained the same `[^38]`,")
    return [f"docs/essay/conclusion.md:{line}", "a code span"]


def marker_in_an_html_comment(p):
    line = edit(p, "docs/essay/conclusion.md", "remained the same,", "remained the same <!-- [^38] -->,")
    return [f"docs/essay/conclusion.md:{line}", "raw HTML or an HTML comment"]


def duplicate_section_slug(p):
    (p / "docs/essay/more").mkdir()
    (p / "docs/essay/warsaw.md").rename(p / "docs/essay/more/warsaw.md")
    (p / "docs/essay/more/conclusion.md").write_text((p / "docs/essay/conclusion.md").read_text(encoding="utf-8"))
    (p / "docs/essay/conclusion.md").unlink()
    (p / "docs/essay/more/warsaw.md").rename(p / "docs/essay/warsaw.md")
    edit(p, "mkdocs.yml", "      - essay/conclusion.md\n", "      - essay/more/conclusion.md\n")
    (p / "docs/essay/conclusion.md").write_text("# Again\n\nA paragraph.\n", encoding="utf-8")
    edit(p, "mkdocs.yml", "      - essay/more/conclusion.md\n", "      - essay/more/conclusion.md\n      - essay/conclusion.md\n")
    return ["docs/essay/conclusion.md", "has the same file name as docs/essay/more/conclusion.md"]


def file_hiding_a_generated_page(p):
    (p / "docs/notes").mkdir()
    (p / "docs/notes/12.md").write_text("# Not the note\n", encoding="utf-8")
    return ["docs/notes/12.md", "would hide a page the build generates"]


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
    # issue 10, by class
    fence_breakout_in_a_volume, fence_breakout_in_the_publication,  # 1
    entity_markup_in_a_glossary_tooltip, numeric_entity_in_an_editorial_explanation,  # 2
    entity_encoded_javascript_url, entity_colon_javascript_url, tab_entity_javascript_url,  # 3
    backslash_host_url, data_url, bad_url_in_a_source,
    newline_in_a_title_forges_export_records, braces_in_a_field_stay_in_the_field,  # 4
    work_keyed_index, work_keyed_export, glossary_id_of_a_heading,  # 5
    markdown_in_a_feature_link, script_url_in_a_feature_link, feature_link_to_no_page,  # 1, 3, 7: changes
    timeline_id_of_its_list_heading, timeline_id_of_a_year,  # 5, the timeline
    editorial_id_of_a_section_heading,  # 5, the Editorial notes page
    billion_laughs, deep_nesting, huge_note_number, huge_note_text, huge_file,  # 6
    heading_only_section, nav_file_missing, float_note_number, float_paragraph,  # 7
    octal_note_number, ansi_escape_in_a_form, bom_at_the_top_of_an_essay_file, nfd_phrase,  # 8
    editorial_page_outside_docs,
    raw_html_in_an_essay_paragraph, attribute_list_in_an_essay_paragraph,  # essay files
    marker_in_a_code_span, marker_in_an_html_comment, duplicate_section_slug, file_hiding_a_generated_page,
)]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_check_and_build_give_one_verdict(case, project_copy, tmp_path):
    expected = case.breaks(project_copy)
    checked = verdict.check(project_copy)
    built = verdict.build(project_copy, tmp_path / "out")
    if expected is None:  # accepted: then the site must be harmless
        assert checked.status == 0, checked.output
        assert built.status == 0, built.output
        assert verdict.site_harms(tmp_path / "out") == []
        return
    assert checked.status == 1, checked.output
    assert built.status == 1, built.output
    for fragment in expected:
        assert fragment in checked.output, f"{fragment!r} not in:\n{checked.output}"
    assert checked.problems == built.problems, (checked.output, built.output)
    for output in (checked.output, built.output):
        assert "Traceback" not in output
        assert "\x1b" not in output, "control characters are shown escaped"
        assert len(output) < 5000, "messages quote short values"


def test_all_problems_are_reported_together(project_copy, tmp_path):
    """A schema error hides neither a marker problem, nor an editorial or a glossary problem."""
    found = [misspelt_field(project_copy), marker_without_note(project_copy),
             editorial_phrase_not_unique(project_copy), glossary_form_not_in_essay(project_copy),
             float_paragraph(project_copy)]
    checked = verdict.check(project_copy)
    built = verdict.build(project_copy, tmp_path / "out")
    assert checked.status == built.status == 1
    for fragment in (f for fragments in found for f in fragments):
        assert fragment in checked.output, checked.output
    assert "The edition has 5 problems" in checked.output
    assert checked.problems == built.problems


# ---------------------------------------------------------------- the real command line


def test_the_command_line_reports_bad_input_without_a_traceback(project_copy, tmp_path):
    expected = nav_file_missing(project_copy) + float_note_number(project_copy)
    result = build(project_copy, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    for fragment in expected:
        assert fragment in output, output


def test_an_unexpected_error_is_one_line_naming_the_module_and_page(project_copy, tmp_path):
    """A bug in the engine (here: planted in the copy's citations module) is one line, not a traceback;
    --verbose gives the traceback."""
    edit(project_copy, "scripts/edition/render/citations.py", "def short_label(work: Work) -> str:\n",
         "def short_label(work: Work) -> str:\n    raise KeyError('planted')\n")
    result = build(project_copy, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output, output
    assert "internal error in" in output and "KeyError" in output, output
    import subprocess
    import sys
    verbose = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--verbose", "-d",
                              str(tmp_path / "out2")], cwd=project_copy, capture_output=True, text=True,
                             timeout=300, env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
    assert "Traceback" in verbose.stderr and "planted" in verbose.stderr


def test_a_script_the_minifier_cannot_read_stops_the_build_naming_it(project_copy, tmp_path):
    """The built site's edition.js is parsed by its minifier (scripts/edition/render/minify.py):
    a syntax error stops the build with the file, the line and what is wrong."""
    script = project_copy / "docs/javascripts/edition.js"
    text = script.read_text(encoding="utf-8")
    script.write_text(text + "\nconst late = () => { return 1 + ; };\n", encoding="utf-8")
    result = build(project_copy, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output, output
    line = text.count("\n") + 2
    assert f"docs/javascripts/edition.js:{line}: is not JavaScript the minifier can read" in output, output


def test_check_command_line_reports_without_a_traceback(project_copy):
    import subprocess
    import sys
    heading_only_section(project_copy)
    result = subprocess.run([sys.executable, "-m", "scripts.check", "--root", str(project_copy)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "docs/essay/conclusion.md:1" in result.stderr and "Traceback" not in result.stderr


def test_serve_reports_a_missing_nav_file_without_a_traceback(project_copy):
    import socket
    import subprocess
    import sys
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    nav_file_missing(project_copy)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=project_copy, capture_output=True, text=True, timeout=120,
                            env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output, output
    assert "docs/essay/conclusion.md" in output and "does not exist" in output, output


def test_the_sitemap_lists_every_page_and_no_build_date(tmp_path):
    """One <loc> per page (Material's instant navigation follows only those), and no <lastmod>:
    MkDocs would write the day of the build, so a build on another day would differ."""
    import xml.etree.ElementTree as ElementTree

    from tests.conftest import ROOT
    root = "https://edition.example/strachan/"
    built = verdict.build(ROOT, tmp_path / "out", env={"SOURCE_DATE_EPOCH": "946684800", "SITE_URL": root})
    assert built.status == 0, built.output
    sitemap = (tmp_path / "out/sitemap.xml").read_text(encoding="utf-8")
    assert "lastmod" not in sitemap and "2000-01-01" not in sitemap
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    urls = ElementTree.fromstring(sitemap)
    assert urls.tag == f"{ns}urlset" and all(url.tag == f"{ns}url" and len(url) == 1 for url in urls)
    locs = [url.find(f"{ns}loc").text for url in urls]
    pages = sorted(p.parent.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("index.html"))
    assert len(pages) > 70 and len(locs) == len(set(locs)) == len(pages)
    assert sorted(loc.removeprefix(root).rstrip("/") or "." for loc in locs) == pages


def test_every_text_field_declares_its_kind():
    """Every string in every schema says which kind of text it is (scripts/edition/kinds.py)."""
    import json

    from scripts.edition import kinds
    from scripts.edition.read.schema import SCHEMAS

    def strings(node, path):
        if isinstance(node, dict):
            types = node.get("type")
            if types == "string" or (isinstance(types, list) and "string" in types):
                yield path, node
            for key, value in node.items():
                yield from strings(value, f"{path}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from strings(value, f"{path}/{i}")

    found = [(f"{schema.name}{path}", node) for schema in sorted(SCHEMAS.glob("*.schema.json"))
             for path, node in strings(json.loads(schema.read_text(encoding="utf-8")), "")]
    assert len(found) > 40
    assert [where for where, node in found if node.get("x-kind") not in kinds.CHECKS] == []
