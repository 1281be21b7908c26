"""The engine without MkDocs: YAML reading, the model, inline rendering, citations."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from scripts.edition import inline
from scripts.edition.render.citations import bibliography_entry, date_text, page_range, short_label
from scripts.edition.read.essay import plain_text
from scripts.edition.text import sentence_around
from scripts.edition.read.loader import load_edition
from scripts.edition.render.markdown_ext import EssayContext, EssayExtension
from scripts.edition.read.nav import essay_uris, read_mkdocs_yml
from tests.test_versions import pyproject_version
from scripts.edition.read.yamlio import line_of, load_yaml


def _html(nodes) -> str:
    """Inline nodes as the site renders them: an ElementTree serialized by Python-Markdown."""
    import xml.etree.ElementTree as etree

    from markdown.serializers import to_html_string
    root = etree.Element("p")
    inline.append_to(root, nodes)
    return to_html_string(root).removeprefix("<p>").removesuffix("</p>")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def edition():
    nav = read_mkdocs_yml(ROOT / "mkdocs.yml")["nav"]
    return load_edition(ROOT, ROOT / "docs", essay_uris(nav))


def test_the_edition_has_every_part(edition):
    assert [s.index for s in edition.sections] == list(range(1, 11))
    assert edition.notes[23].locator.page == "214" and edition.notes[23].work == "glantz-house-1998"
    assert [p.number for p in edition.paragraphs] == list(range(1, 26))
    assert list(edition.notes) == list(range(1, 38))
    assert all(note.marker is not None for note in edition.notes.values())
    # and the layers built on them, as the loader hands them to the pages
    assert (len(edition.works), len(edition.editorial), len(edition.glossary)) == (22, 59, 82)
    assert len(edition.timeline) >= 30 and edition.timeline[0].id == "spanish-civil-war"
    assert [v.number for v in edition.changes.versions] == ["2.0.0", "1.1.0", "1.0.0"]
    # a query made a correction keeps its id and its first version (issue 23)
    assert edition.changes.added_in[("queries", "bern-wording-p2")].number == "1.1.0"
    assert edition.changes.added_in[("corrections", "bern-wording-p2")].number == "2.0.0"
    assert edition.changes.current.number == pyproject_version()
    assert edition.changes.added_in[("corrections", "yalta-1945")].number == "1.0.0"
    assert edition.changes.added_in[("sources", "churchill-truman-1945")].number == "1.1.0"
    assert edition.publication.title.startswith("The Evolution of Stalin")
    # every glossary entry knows its file and carries the basis its statements were checked against
    assert {e.file for e in edition.glossary.values()} == {"footnotes/glossary.yaml"}
    assert all(e.basis for e in edition.glossary.values())
    assert {e.file for e in edition.editorial} == {"footnotes/editorial.yaml"}
    assert all(e.query for e in edition.editorial if e.is_query) and any(e.is_query for e in edition.editorial)
    assert edition.works["haslam-1995"].type == "chapter" and edition.works["haslam-1995"].file == "footnotes/sources.yaml"


@pytest.mark.parametrize("n, work", [(4, "haslam-1995"), (18, "mark-2001"), (22, "mark-2001"),
                                     (28, "correspondence-1958-vol1"), (35, "correspondence-1958-vol2"),
                                     (37, "sainsbury-1985"), (30, "watson-2002"), (16, "roberts-1999")])
def test_ibid_and_short_forms_resolve_to_the_work_they_mean(edition, n, work):
    assert edition.notes[n].work == work
    first = edition.first_citation(edition.notes[n])
    assert first.n < n and first.work == work


def test_yaml_keeps_line_numbers_and_dates_as_text(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("a:\n  b: 1943-05-16\n  c:\n    - x\n    - y\n", encoding="utf-8")
    data, problems = load_yaml(path, "x.yaml")
    assert problems == []
    assert data["a"]["b"] == "1943-05-16"
    assert line_of(data, ["a", "b"]) == 2
    assert line_of(data, ["a", "c", 1]) == 5


@pytest.mark.parametrize("key, reading", [("2011", "a number"), ("1.5", "a number"), ("true", "true or false"),
                                          ("~", "nothing"), ("[a, b]", "a list or mapping")])
def test_yaml_reports_a_key_that_is_not_text_as_yaml_reads_it(tmp_path, key, reading):
    """Word for word, with the line; the mapping is still read, under the key as written."""
    path = tmp_path / "x.yaml"
    path.write_text(f"a: 1\n{key}: 2\n", encoding="utf-8")
    data, problems = load_yaml(path, "x.yaml")
    written = key if not key.startswith("[") else "a list or mapping"
    assert [(p.line, p.message, p.hint) for p in problems] == [
        (2, f"`{written}` is not a text key (YAML reads it as {reading})",
         "keys are words: write one with a letter in it, e.g. `strachan-2011`, or put it in quotes")]
    assert data == {"a": 1, written: 2} and data.key_lines == {"a": 1, written: 2}


def test_yaml_reports_a_key_given_twice(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\nb: 2\na: 3\n", encoding="utf-8")
    _, problems = load_yaml(path, "x.yaml")
    assert [(p.line, "twice" in p.message) for p in problems] == [(3, True)]


def test_the_real_yaml_files_are_read_in_one_pass(monkeypatch):
    """No real file can hold an anchor, so none pays for the parser's event pass (counted)."""
    from scripts.edition.read import yamlio

    passes = []
    monkeypatch.setattr(yamlio, "_refuse_expansion", lambda text, shown_as: passes.append(shown_as) or [])
    files = sorted((Path(__file__).parent.parent / "footnotes").rglob("*.yaml"))
    read = [yamlio._parse(path.read_bytes(), path.name) for path in files]
    assert len(files) >= 10 and all(data is not None and not problems for data, problems in read)
    assert passes == []
    assert yamlio._parse(b"a: &x 1\n", "x.yaml")[1] == [] and passes == ["x.yaml"]  # the count counts


def _italic(nodes) -> list[str]:
    return [inline.to_text(n.children) for n in nodes if isinstance(n, inline.Span) and n.tag == "em"]


@pytest.mark.parametrize("text, html", [
    ("plain & simple", "plain &amp; simple"),
    ("*em* and **strong**", "<em>em</em> and <strong>strong</strong>"),
    ("[a](https://example.org/x)", '<a href="https://example.org/x">a</a>'),
    ("[a](../sources/x/)", '<a href="../sources/x/">a</a>'),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ('<img src=x onerror="alert(1)">', '&lt;img src=x onerror="alert(1)"&gt;'),
    ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
    ("[x](JaVaScRiPt:alert(1))", "[x](JaVaScRiPt:alert(1))"),
    ("[x](data:text/html,hi)", "[x](data:text/html,hi)"),
    ("[x](//evil.example/)", "[x](//evil.example/)"),
    ("<b>unclosed", "&lt;b&gt;unclosed"),
    ("snake_case_name", "snake_case_name"),
])
def test_inline_subset_renders_safely(text, html):
    assert _html(text) == html


def test_unsafe_links_are_reported():
    assert inline.unsafe_links("[a](javascript:x) [b](https://ok.org) [c](data:x)") == ["javascript:x", "data:x"]


def test_markdown_escaping_keeps_text_literal():
    text = "*not em* [not a link](x) <b> & #"
    assert markdown.markdown(inline.escape_markdown(text)) == \
        "<p>*not em* [not a link](x) &lt;b&gt; &amp; #</p>"


@pytest.mark.parametrize("pages, expected", [
    ("607-625", "607–25"), ("205–206", "205–6"), ("51–85", "51–85"), ("101–108", "101–8"),
    ("321–328", "321–28"), ("498–532", "498–532"), ("1087–1089", "1087–89"), ("1496–1500", "1496–500"),
    ("100–104", "100–104"), ("37", "37"),
])
def test_chicago_page_ranges(pages, expected):
    assert page_range(pages) == expected


def test_dates():
    assert date_text("1943-05-16") == "May 16, 1943"
    assert date_text("1993-12") == "December 1993"
    assert date_text(1995) == "1995"


def test_chicago_entries(edition):
    """The essay's own works: CMOS rules (checked against the Manual's examples in
    tests/test_renderers.py) applied to each work's record as its publisher gives it (Haslam: St.
    Martin's Press 1995, pp. as in note 3; Birt: Political Psychology 14:4, December 1993, 607–625)."""
    text = {key: inline.to_text(bibliography_entry(w, edition.works)) for key, w in edition.works.items()}
    assert text["haslam-1995"] == ("Haslam, Jonathan. “Soviet War Aims.” In The Rise and Fall of the Grand "
                                   "Alliance, 1941–45, edited by Ann Lane and Howard Temperley. Basingstoke: "
                                   "Macmillan; New York: St. Martin’s Press, 1995.")
    # an unpublished document: a descriptive title in roman, dated where known, and where it is quoted
    assert text["maisky-report"] == ("Maisky, Ivan. Report, undated. Quoted in Lydia V. Pozdeeva, "
                                     "“The Soviet Union: Territorial Diplomacy.”")
    assert text["churchill-truman-1945"].startswith("Churchill, Winston S. Telegram to Harry S. Truman, May 12, 1945.")
    assert text["birt-1993"] == ("Birt, Raymond. “Personality and Foreign Policy: The Case of Stalin.” "
                                 "Political Psychology 14, no. 4 (December 1993): 607–25.")
    assert text["glantz-house-1998"].startswith("Glantz, David M., and Jonathan M. House. When Titans")
    assert text["kimball-1984"].startswith("Kimball, Warren F., ed. Churchill and Roosevelt")
    assert "‘Second Front’" in text["stoler-1975"]
    assert text["djilas-1962"].endswith("Quoted in Jonathan Haslam, “Soviet War Aims.”")
    assert short_label(edition.works["mastny-1996"]) == "Mastny, The Cold War and Soviet Insecurity"


def test_sentence_around_a_marker():
    source = "First one. Second says ‘x’[^3]. Third[^4] here. Fourth."
    assert sentence_around(source, source.index("[^3]")) == "Second says ‘x’[^3]."
    assert sentence_around(source, source.index("[^4]")) == "Third[^4] here."
    assert sentence_around(source, 0) == "First one."  # the first sentence, and the last
    assert sentence_around(source, len(source) - 1) == "Fourth."
    assert sentence_around(source, source.index("Third")) == "Third[^4] here."  # a sentence's first letter


def test_plain_text_gives_the_markers_back_as_the_author_wrote_them():
    assert plain_text("words[^3], more[^12]. And [^x] [3]") == "words[3], more[12]. And [^x] [3]"


def test_extension_renders_markers_without_mkdocs(edition):
    context = EssayContext()
    context.edition, context.section = edition, edition.section("introduction")
    source = (ROOT / "docs/essay/introduction.md").read_text(encoding="utf-8")
    html = markdown.markdown(source, extensions=[EssayExtension(context)])
    assert ('<sup data-search-exclude="" id="fnref:1"><a aria-label="Note 1" class="footnote-ref" href="#fn:1">1</a></sup>'
            in html)
    assert '<li id="fn:1" value="1">' in html
    assert 'id="p1"' in html
    context.section = None
    assert "fnref" not in markdown.markdown("A [^1] marker elsewhere.", extensions=[EssayExtension(context)])


def test_second_hand_entries_link_the_work_that_quotes_them(edition):
    nodes = bibliography_entry(edition.works["djilas-1962"], edition.works, link=lambda key: f"#{key}")
    assert inline.to_text(nodes).endswith("Quoted in Jonathan Haslam, “Soviet War Aims.”")
    link = nodes[-1] if isinstance(nodes[-1], inline.Span) else nodes[-2]
    assert (link.tag, link.href, inline.to_text(link.children)) == ("a", "#haslam-1995", "“Soviet War Aims.”")
    book = bibliography_entry(edition.works["comintern-documents-1998"], edition.works, link=lambda key: key)
    assert book[-1] == "." and book[-2].tag == "a" and book[-2].href == "mark-2001"
    assert _italic(book[-2].children) == ["Revolution by Degrees: Stalin’s National-Front Strategy for Europe, "
                                          "1941–1947"]


def test_the_essay_in_chicago_apa_and_as_a_cited_note(edition):
    """The publisher's record (E-International Relations' page: title as published, 23 November
    2011, its address) in the forms of CMOS 17's magazine article and APA 7's blog post, which
    tests/test_renderers.py checks against the manuals' own examples."""
    from scripts.edition.render.citations import apa_entry, note_citation

    essay = edition.publication
    url = essay.csl["URL"]
    assert url == "https://www.e-ir.info/2011/11/23/the-evolution-of-stalins-foreign-policy-during-word-war-two/"
    assert inline.to_text(bibliography_entry(essay)) == (
        "Strachan, Frederick. “The Evolution of Stalin’s Foreign Policy during Word War Two.” "
        f"E-International Relations, November 23, 2011. {url}.")
    assert _italic(bibliography_entry(essay)) == ["E-International Relations"]
    assert inline.to_text(apa_entry(essay)) == (
        "Strachan, F. (2011, November 23). The evolution of Stalin’s foreign policy during Word War Two. "
        f"E-International Relations. {url}")
    assert _italic(apa_entry(essay)) == ["E-International Relations"]
    assert inline.to_text(note_citation(essay, "n. 5")) == (
        "Frederick Strachan, “The Evolution of Stalin’s Foreign Policy during Word War Two,” "
        f"E-International Relations, November 23, 2011, n. 5, {url}.")


def test_apa_for_a_journal_article_with_volume_and_several_authors(edition):
    from dataclasses import replace

    from scripts.edition.render.citations import apa_entry

    birt = edition.works["birt-1993"]
    two = replace(birt, csl={**birt.csl, "author": [{"family": "Birt", "given": "Raymond"},
                                                   {"family": "House", "given": "Jean-Paul M."}]})
    # APA 7 (9.8, 10.1): "&" before the last of several authors, issue after the italic volume,
    # pages in full; the title as sources.yaml gives it (it has no `title-sentence-case`).
    assert inline.to_text(apa_entry(two)) == (
        "Birt, R., & House, J.-P. M. (1993, December). Personality and Foreign Policy: The Case of Stalin. "
        "Political Psychology, 14(4), 607–625.")
    assert _italic(apa_entry(two)) == ["Political Psychology", "14"]


def test_export_formats_map_dates_names_and_special_characters(edition):
    from scripts.edition.render.exports import bibtex_entry, csl_item, ris_record

    hull, balfour = edition.works["hull-1943"], edition.works["balfour-1981"]
    assert csl_item(hull, edition.works)["issued"] == {"date-parts": [[1943, 5]]}
    assert csl_item(edition.works["churchill-truman-1945"], edition.works)["issued"] == {"date-parts": [[1945, 5, 12]]}
    assert csl_item(hull, edition.works)["note"].startswith("Quoted in Lydia V. Pozdeeva")
    assert "  month = may,\n" in bibtex_entry(hull)
    assert "publisher = {Routledge \\& Kegan Paul}" in bibtex_entry(balfour)
    assert "author = {{Ministry of Foreign Affairs of the USSR}}" in \
        bibtex_entry(edition.works["correspondence-1958-vol1"])
    assert "DA  - 1943/05//\n" in ris_record(hull) and "DA  - 1981///\n" in ris_record(balfour)
    assert "DA  - 1945/05/12/\n" in ris_record(edition.works["churchill-truman-1945"])
    assert "DA  - 1993/12//\n" in ris_record(edition.works["birt-1993"])
    assert "A2  - Lane, Ann\nA2  - Temperley, Howard\n" in ris_record(edition.works["haslam-1995"])

# ---------------------------------------------------------------- the editor's layers

def _glossary(**forms):
    from scripts.edition.model import GlossaryEntry

    return {key: GlossaryEntry(key, key.title(), "event", tuple(f), "", "f", 1) for key, f in forms.items()}


def test_term_finder_prefers_the_longest_form_and_whole_words():
    from scripts.edition.read.editorial import TermFinder

    finder = TermFinder(_glossary(pact=["Anti-Comintern Pact"], comintern=["Comintern"], oss=["OSS"]))
    text = "the Anti-Comintern Pact; the Comintern; GLOSSY; OSS."
    assert [(text[s:e], k) for s, e, k in finder.find(text)] == [
        ("Anti-Comintern Pact", "pact"), ("Comintern", "comintern"), ("OSS", "oss")]
    assert TermFinder({}).find(text) == []
    # the work it does is counted (tests/test_linear.py holds it linear)
    from scripts.edition.read.editorial import TERM_WORK
    TERM_WORK.update(positions=0, comparisons=0)
    finder.find("the Comintern")
    assert TERM_WORK == {"positions": 2, "comparisons": 1}


def test_wrap_text_marks_ranges_without_changing_a_character():
    import xml.etree.ElementTree as etree

    from scripts.edition.render.marks import wrap_text

    p = etree.fromstring('<p>Stalin met Eden<sup id="fnref:1"><a>1</a></sup> and Eden met Molotov. '
                         '<a class="headerlink">¶ Eden</a></p>')
    before = "".join(p.itertext())

    def find(text):
        return [(m.start(), m.end(), etree.Element("a", {"class": "mark"}))
                for m in __import__("re").finditer("Eden|Molotov", text)]

    wrap_text(p, find)
    assert "".join(p.itertext()) == before
    marks = [a.text for a in p.iter("a") if a.get("class") == "mark"]
    assert marks == ["Eden", "Eden", "Molotov"]  # never inside the marker or the permalink
    assert p.find("sup/a").text == "1" and p.find("a[@class='headerlink']").text == "¶ Eden"


def test_an_editorial_summary_says_what_is_wrong_and_what_is_right():
    from scripts.edition.model import Anchor, EditorialNote

    note = EditorialNote("x", Anchor("at Yalta in 1944", paragraph=6), "date", "1944", "1945",
                         "It met in February 1945.", "Oxford Companion.", "f", 1)
    assert note.summary == ("Editor’s correction (wrong date): for “1944” read “1945”.\n"
                            "It met in February 1945.\nBasis: Oxford Companion.")
    quoted = EditorialNote("y", Anchor("the ‘iron veil’", paragraph=16), "quotation", "‘iron veil’",
                           "‘iron curtain’", "", "", "f", 1)
    assert "for ‘iron veil’ read ‘iron curtain’" in quoted.summary
    query = EditorialNote("z", Anchor("in 1944", paragraph=6), "query", None, None, "Known.", "A source.", "f", 1,
                          query="Was it 1944?")
    assert query.summary == "Editor’s query: Was it 1944?\nWhat is known: Known.\nWhere to check: A source."


def test_an_unexpected_error_is_one_line_saying_where_what_and_what_to_do():
    from scripts.edition.problems import unexpected
    line = unexpected(KeyError("x" * 200), "scripts.edition.render.citations", "docs/essay/warsaw.md")
    assert line == ("docs/essay/warsaw.md: internal error in scripts.edition.render.citations (KeyError: '"
                    + "x" * 118 + "…); this is a bug in the edition's code, not in your text: run with "
                    "--verbose for the traceback and report it")


def test_a_report_counts_its_problems_and_lists_each_sorted_on_its_line():
    from scripts.edition.problems import EditionError, Problem
    one = EditionError([Problem("b.yaml", 2, "second"), Problem("a.yaml", None, "first", hint="do this")])
    assert one.report() == ("The edition has 2 problems:\n  a.yaml: first\n    -> do this\n"
                            "  b.yaml:2: second")
    assert EditionError([Problem("a.yaml", 1, "x", note=3)]).report() == "The edition has 1 problem:\n  a.yaml:1: note 3: x"
    assert Problem("a.yaml", 1, "x").advice() == ""  # no hint, no advice line
    # the file's own problems (no line) before those of its first line
    assert [p.line for p in EditionError([Problem("a.yaml", 1, "a"), Problem("a.yaml", None, "z")]).problems] == [None, 1]


def test_a_quoted_value_is_visible_and_at_most_its_limit():
    from scripts.edition.problems import MAX_QUOTE, shorten
    assert shorten("x" * MAX_QUOTE) == "x" * MAX_QUOTE  # exactly the limit: whole
    assert shorten("x" * (MAX_QUOTE + 1)) == "x" * (MAX_QUOTE - 1) + "…"
    assert shorten(12) == "12" and shorten(None) == "None" and shorten(["a"]) == "['a']"
    assert shorten("a\u202eb\x07") == "a\\u202eb\\x07"


@pytest.mark.parametrize("text, inside", [
    ("<div>\nthe phrase\n</div>", True),  # the text's first block
    ("# T\n\n<DIV class=x>\nthe phrase\n</DIV>\n\nafter", True),  # any case of tag name
    ("# T\n\n<div markdown=\"span\">\nthe phrase\n</div>", False),  # Markdown inside: annotated
    ("# T\n\nthe phrase, in a paragraph\n\n<div>\nlater\n</div>", False),  # a block after it
    ("# T\n\nnot here", False),
])
def test_a_phrase_in_a_raw_html_block_is_known(text, inside):
    from scripts.edition.read.editorial import _in_raw_html

    assert _in_raw_html(text, "the phrase") is inside



@pytest.mark.parametrize("uri, files", [
    ("glossary.md", ["glossary.md", "glossary/index.md", "glossary/README.md"]),
    ("notes/index.md", ["notes.md", "notes/index.md", "notes/README.md"]),
    ("index.md", ["index.md", "README.md"]),
    ("annotations.jsonld", ["annotations.jsonld"]),
    ("a/b.MD", ["a/b.MD"]),  # not a page: MkDocs serves it as it is
])
def test_every_file_mkdocs_would_serve_at_a_generated_pages_address_is_known(uri, files):
    from scripts.edition.read.loader import _same_address

    assert _same_address(uri) == files


def test_links_leaving_the_project_and_files_that_are_not_files_are_refused(tmp_path):
    """In-process (tests/test_hostile.py builds such projects): each named, with the advice."""
    import os

    from scripts.edition.read.yamlio import outside_the_project

    project, outside = tmp_path / "project", tmp_path / "secret"
    (project / "docs/sub").mkdir(parents=True)
    outside.write_text("x", encoding="utf-8")
    (project / "docs/a.md").write_text("# A\n", encoding="utf-8")
    (project / "docs/leak.md").symlink_to(outside)
    (project / "docs/sub/nothing.md").symlink_to(project / "docs/gone.md")
    (project / "docs/sub/inside.md").symlink_to(project / "docs/a.md")
    (project / "docs/loop").symlink_to(project / "docs")  # not followed: no endless walk
    os.mkfifo(project / "docs/pipe.md")
    advice = "the edition's files are plain files inside the project; replace it with the file itself, or remove it"
    assert [(p.file, p.line, p.message, p.hint) for p in outside_the_project(project, [project / "docs", project / "none"])] == [
        ("docs/leak.md", None, f"is a link to {outside.resolve()}, outside the project", advice),
        ("docs/pipe.md", None, "is not a regular file but a FIFO, a device or a socket", advice),
        ("docs/sub/nothing.md", None, "is a link to nothing", advice),
    ]
