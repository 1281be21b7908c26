"""The renderers whose output reaches the pages, tested against independent expectations.

- Chicago entries: examples from the Chicago Manual of Style's own Notes and Bibliography Quick
  Guide (16th and 17th editions), fed through the formatter as works. Page ranges: the table of
  CMOS 17th ed. 9.61 (18th ed. 9.63), plus the edges between its rows.
- APA: the APA Publication Manual, 7th ed., reference examples (journal article; blog post, the
  form the essay itself takes).
- Inline text: ``to_markdown`` (the generated pages) and ``append_to`` (the notes lists on the
  essay pages, which feed the tooltips) are run through Python-Markdown and ElementTree, the
  code that really turns them into HTML.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
import pytest

from scripts.edition import inline
from scripts.edition.render.citations import (apa_entry, bibliography_entry, date_text, note_citation, page_range,
                                       short_label)
from scripts.edition.model import Work


def work(type_: str, **csl) -> Work:
    return Work("example", type_, {key.replace("_", "-"): value for key, value in csl.items()}, "f", 1)


def text(nodes) -> str:
    return inline.to_text(nodes)


def italic(nodes) -> list[str]:
    return [inline.to_text(n.children) for n in nodes if isinstance(n, inline.Span) and n.tag == "em"]


# ---------------------------------------------------------------- Chicago: inclusive numbers

@pytest.mark.parametrize("pages, expected", [
    # CMOS 17th ed. 9.61, the table's own examples, row by row
    ("3–10", "3–10"), ("71–72", "71–72"), ("96–117", "96–117"),          # less than 100: all digits
    ("100–104", "100–104"), ("1100–1113", "1100–1113"),                  # 100 or multiples: all digits
    ("101–108", "101–8"), ("808–833", "808–33"), ("1103–1104", "1103–4"),  # 101–109: changed part only
    ("321–328", "321–28"), ("498–532", "498–532"), ("1087–1089", "1087–89"),  # 110–199: two digits or more
    ("1496–1500", "1496–500"), ("11564–11615", "11564–615"), ("12991–13001", "12991–3001"),
    # the edges between the rows (the rules applied to the numbers on either side of a boundary)
    ("109–115", "109–15"), ("110–115", "110–15"), ("110–119", "110–19"), ("199–201", "199–201"),
    ("200–205", "200–205"), ("209–210", "209–10"), ("99–101", "99–101"), ("1009–1010", "1009–10"),
    # written with a hyphen or spaces, as editors type them
    ("607-625", "607–25"), ("205 – 206", "205–6"),
    # not a range of two numbers: left alone, hyphens made en dashes
    ("37", "37"), ("xii–xv", "xii–xv"), ("12–14, 18", "12–14, 18"), ("ii-iv", "ii–iv"),
])
def test_chicago_inclusive_numbers(pages, expected):
    assert page_range(pages) == expected


def test_dates_in_chicago_style():
    assert [date_text(d) for d in ("1943-05-16", "1993-12", "1995", 2002, "", None, "2011-01-01")] == \
        ["May 16, 1943", "December 1993", "1995", "2002", "", "", "January 1, 2011"]


# ---------------------------------------------------------------- Chicago: the Quick Guide's examples

QUICK_GUIDE = {
    # 17th ed., "Book", one author
    "Smith, Zadie. Swing Time. New York: Penguin Press, 2016.":
        work("book", author=[{"family": "Smith", "given": "Zadie"}], title="Swing Time",
             publisher_place="New York", publisher="Penguin Press", issued="2016"),
    # 17th ed., "Book", two authors
    "Grazer, Brian, and Charles Fishman. A Curious Mind: The Secret to a Bigger Life. New York: Simon & "
    "Schuster, 2015.":
        work("book", author=[{"family": "Grazer", "given": "Brian"}, {"family": "Fishman", "given": "Charles"}],
             title="A Curious Mind: The Secret to a Bigger Life", publisher_place="New York",
             publisher="Simon & Schuster", issued="2015"),
    # 16th ed., "Book", two authors
    "Ward, Geoffrey C., and Ken Burns. The War: An Intimate History, 1941–1945. New York: Knopf, 2007.":
        work("book", author=[{"family": "Ward", "given": "Geoffrey C."}, {"family": "Burns", "given": "Ken"}],
             title="The War: An Intimate History, 1941–1945", publisher_place="New York", publisher="Knopf",
             issued="2007"),
    # 16th ed., "Book", translator in addition to the author
    "García Márquez, Gabriel. Love in the Time of Cholera. Translated by Edith Grossman. London: Cape, 1988.":
        work("book", author=[{"family": "García Márquez", "given": "Gabriel"}],
             translator=[{"family": "Grossman", "given": "Edith"}], title="Love in the Time of Cholera",
             publisher_place="London", publisher="Cape", issued="1988"),
    # 17th ed., "Chapter or other part of an edited book"
    "Thoreau, Henry David. “Walking.” In The Making of the American Essay, edited by John D’Agata, 167–95. "
    "Minneapolis: Graywolf Press, 2016.":
        work("chapter", author=[{"family": "Thoreau", "given": "Henry David"}], title="Walking",
             container_title="The Making of the American Essay", editor=[{"family": "D’Agata", "given": "John"}],
             page="167–195", publisher_place="Minneapolis", publisher="Graywolf Press", issued="2016"),
    # 16th ed., "Chapter or other part of an edited book", four editors
    "Kelly, John D. “Seeing Red: Mao Fetishism, Pax Americana, and the Moral Economy of War.” In Anthropology "
    "and Global Counterinsurgency, edited by John D. Kelly, Beatrice Jauregui, Sean T. Mitchell, and Jeremy "
    "Walton, 67–83. Chicago: University of Chicago Press, 2010.":
        work("chapter", author=[{"family": "Kelly", "given": "John D."}],
             title="Seeing Red: Mao Fetishism, Pax Americana, and the Moral Economy of War",
             container_title="Anthropology and Global Counterinsurgency",
             editor=[{"family": "Kelly", "given": "John D."}, {"family": "Jauregui", "given": "Beatrice"},
                     {"family": "Mitchell", "given": "Sean T."}, {"family": "Walton", "given": "Jeremy"}],
             page="67-83", publisher_place="Chicago", publisher="University of Chicago Press", issued="2010"),
    # 16th ed., "Journal article", volume without issue
    "Weinstein, Joshua I. “The Market in Plato’s Republic.” Classical Philology 104 (2009): 439–58.":
        work("article-journal", author=[{"family": "Weinstein", "given": "Joshua I."}],
             title="The Market in Plato’s Republic", container_title="Classical Philology", volume="104",
             issued="2009", page="439–458"),
    # 17th ed., "Article in a magazine": an online periodical without volumes, dated to the day
    "Mead, Rebecca. “The Prophet of Dystopia.” New Yorker, April 17, 2017.":
        work("article-journal", author=[{"family": "Mead", "given": "Rebecca"}], title="The Prophet of Dystopia",
             container_title="New Yorker", issued="2017-04-17"),
}


@pytest.mark.parametrize("expected", QUICK_GUIDE)
def test_chicago_bibliography_entries_as_the_quick_guide_gives_them(expected):
    assert text(bibliography_entry(QUICK_GUIDE[expected])) == expected


def test_titles_of_whole_works_and_periodicals_are_italic():
    examples = list(QUICK_GUIDE.values())
    assert italic(bibliography_entry(examples[0])) == ["Swing Time"]
    assert italic(bibliography_entry(examples[4])) == ["The Making of the American Essay"]
    assert italic(bibliography_entry(examples[6])) == ["Classical Philology"]
    assert italic(bibliography_entry(examples[7])) == ["New Yorker"]


def test_a_chicago_note_as_the_quick_guide_gives_it():
    """17th ed., "Article in a magazine", the note: 'Rebecca Mead, “The Prophet of Dystopia,” New
    Yorker, April 17, 2017, 43.'"""
    mead = QUICK_GUIDE["Mead, Rebecca. “The Prophet of Dystopia.” New Yorker, April 17, 2017."]
    assert text(note_citation(mead, "43")) == "Rebecca Mead, “The Prophet of Dystopia,” New Yorker, April 17, 2017, 43."
    assert italic(note_citation(mead, "43")) == ["New Yorker"]


def test_chicago_short_titles():
    """CMOS 14.29-14.30: the title's main part, quoted for a chapter or article, italic (plain here)
    for a book. The Quick Guide's short notes: 'Thoreau, “Walking,” 182.'; 'Smith, Swing Time, 320.'"""
    examples = list(QUICK_GUIDE.values())
    assert short_label(examples[4]) == "Thoreau, “Walking”"
    assert short_label(examples[0]) == "Smith, Swing Time"
    # CMOS 14.29 and the Quick Guide's short note "Ward and Burns, War": both authors named (the
    # initial article, which 14.30 says may be omitted, is kept by this edition)
    assert short_label(examples[2]) == "Ward and Burns, The War"


# ---------------------------------------------------------------- Chicago: project-specific rules

def test_an_editor_as_author_and_a_work_known_only_second_hand():
    """Project rules (README, "Citing"): an edited book led by its editors; a second-hand work ends
    'Quoted in …' after the work that carries it (CMOS 14.260's form)."""
    edited = work("book", editor=[{"family": "Kimball", "given": "Warren F."}], title="Churchill and Roosevelt",
                  publisher_place="Princeton", publisher="Princeton University Press", issued="1984")
    assert text(bibliography_entry(edited)) == \
        "Kimball, Warren F., ed. Churchill and Roosevelt. Princeton: Princeton University Press, 1984."
    carrier = Work("carrier", "book", {"title": "Carrier", "author": [{"family": "Doe", "given": "Jane"}]},
                   "f", 1)
    second = Work("second", "book", {"title": "Second", "author": [{"family": "Roe", "given": "Rick"}],
                                     "issued": "1962", "quoted-in": "carrier"}, "f", 1)
    nodes = bibliography_entry(second, {"carrier": carrier, "second": second}, link=lambda key: f"#{key}")
    assert text(nodes) == "Roe, Rick. Second. 1962. Quoted in Jane Doe, Carrier."
    assert inline.to_markdown(nodes).endswith("Quoted in Jane Doe, [*Carrier*](<#carrier>).")


# ---------------------------------------------------------------- APA 7

def test_apa_journal_article_as_the_manual_gives_it():
    """APA 7, reference example 1 (journal article with a DOI)."""
    grady = work("article-journal", author=[{"family": "Grady", "given": "Jessica S."},
                                            {"family": "Her", "given": "Malina"},
                                            {"family": "Moreno", "given": "Geena"},
                                            {"family": "Perez", "given": "Catherine"},
                                            {"family": "Yelinek", "given": "Jillian"}],
                 title="Emotions in Storybooks", title_sentence_case="Emotions in storybooks: A comparison of "
                 "storybooks that represent ethnic and racial groups in the United States",
                 container_title="Psychology of Popular Media Culture", volume="8", issue="3", page="207-217",
                 issued="2019", URL="https://doi.org/10.1037/ppm0000185")
    nodes = apa_entry(grady)
    assert text(nodes) == (
        "Grady, J. S., Her, M., Moreno, G., Perez, C., & Yelinek, J. (2019). Emotions in storybooks: A "
        "comparison of storybooks that represent ethnic and racial groups in the United States. Psychology of "
        "Popular Media Culture, 8(3), 207–217. https://doi.org/10.1037/ppm0000185")
    assert italic(nodes) == ["Psychology of Popular Media Culture", "8"]


def test_apa_blog_post_as_the_manual_gives_it():
    """APA 7, reference example 17 (blog post): an online periodical dated to the day, the essay's own form."""
    post = work("article-journal", author=[{"family": "Klymkowsky", "given": "Mike"}],
                title="Can We Talk Scientifically about Free Will?",
                title_sentence_case="Can we talk scientifically about free will?", container_title="Sci-Ed",
                issued="2018-09-15",
                URL="https://blogs.plos.org/scied/2018/09/15/can-we-talk-scientifically-about-free-will/")
    assert text(apa_entry(post)) == (
        "Klymkowsky, M. (2018, September 15). Can we talk scientifically about free will? Sci-Ed. "
        "https://blogs.plos.org/scied/2018/09/15/can-we-talk-scientifically-about-free-will/")
    assert italic(apa_entry(post)) == ["Sci-Ed"]


@pytest.mark.parametrize("given, initials", [("Warren F.", "W. F."), ("Jean-Paul", "J.-P."), ("Mike", "M.")])
def test_apa_initials(given, initials):
    """APA 7 (6.20, names with hyphens keep them: J.-P.)."""
    one = work("article-journal", author=[{"family": "X", "given": given}], title="T", container_title="C",
               issued="2000")
    assert text(apa_entry(one)).startswith(f"X, {initials} (2000). T. C.")


# ---------------------------------------------------------------- to_markdown: the generated pages

def render(md: str) -> str:
    """As MkDocs renders a generated page's Markdown: its built-in extensions (toc, tables,
    fenced_code) and those of mkdocs.yml that touch inline text."""
    return markdown.markdown(md, extensions=["toc", "tables", "fenced_code", "attr_list", "md_in_html",
                                             "admonition"])


@pytest.mark.parametrize("source, html", [
    ("plain & simple", "<p>plain &amp; simple</p>"),
    ("*em* and **strong**", "<p><em>em</em> and <strong>strong</strong></p>"),
    ("_em_ but snake_case_name", "<p><em>em</em> but snake_case_name</p>"),
    ("[a](https://example.org/x)", '<p><a href="https://example.org/x">a</a></p>'),
    ("[*a*](../sources/x/)", '<p><a href="../sources/x/"><em>a</em></a></p>'),
    (r"\*not em\* \[not a link\]", "<p>*not em* [not a link]</p>"),
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    ('<img src=x onerror="alert(1)">', '<p>&lt;img src=x onerror="alert(1)"&gt;</p>'),
    ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>"),
    ("[x](JaVaScRiPt:alert(1))", "<p>[x](JaVaScRiPt:alert(1))</p>"),
    ("[x](data:text/html,hi)", "<p>[x](data:text/html,hi)</p>"),
    ("[x](//evil.example/)", "<p>[x](//evil.example/)</p>"),
    ("# not a heading {: #id onclick=x }", "<p># not a heading {: #id onclick=x }</p>"),
    ("`code` !important | pipe +", "<p>`code` !important | pipe +</p>"),
    ("&lt; stays &amp;", "<p>&amp;lt; stays &amp;amp;</p>"),
])
def test_to_markdown_renders_the_subset_and_nothing_else(source, html):
    assert render(inline.to_markdown(source)).replace("&#32;", " ") == html  # a space, kept from emphasis


@pytest.mark.parametrize("href", ['https://x.org/"onmouseover=alert(1)', "https://x.org/a b", "https://x.org/{: .x}",
                                  "https://x.org/a>b", "https://x.org/<b>", "../notes/1/ onclick=x"])
def test_a_link_target_cannot_break_out_of_its_link(href):
    html = render(inline.to_markdown(f"[label](https://x.org/) [label]({href})"))
    page = etree.fromstring(f"<div>{html}</div>")
    links = page.findall(".//a")
    assert all(set(a.attrib) == {"href"} for a in links), html
    assert not page.findall(".//*[@onmouseover]") and not page.findall(".//b"), html
    assert "label" in "".join(page.itertext())


def test_escape_markdown_keeps_text_literal():
    text_ = "*not em* [not a link](x) <b> & # _u_ `c` {a} !x |y| +z"
    assert render(inline.escape_markdown(text_)) == \
        "<p>*not em* [not a link](x) &lt;b&gt; &amp; # _u_ `c` {a} !x |y| +z</p>"


# ---------------------------------------------------------------- append_to: the notes lists

def build(source: str) -> etree.Element:
    p = etree.Element("p")
    inline.append_to(p, source)
    return p


def test_append_to_builds_elements_not_markup():
    p = build('Before <b>x</b> *em* and **strong [in](https://x.org/y)** & after')
    assert etree.tostring(p, encoding="unicode") == (
        '<p>Before &lt;b&gt;x&lt;/b&gt; <em>em</em> and <strong>strong <a href="https://x.org/y">in</a></strong>'
        " &amp; after</p>")


def test_append_to_adds_after_what_is_there():
    p = etree.Element("p")
    p.text = "A "
    etree.SubElement(p, "span").text = "s"
    inline.append_to(p, "tail *em* end")
    inline.append_to(p, " more")
    assert etree.tostring(p, encoding="unicode") == '<p>A <span>s</span>tail <em>em</em> end more</p>'


def test_append_to_refuses_unsafe_links():
    p = build("[x](javascript:alert(1)) [y](/ok)")
    assert [a.get("href") for a in p.iter("a")] == ["/ok"]
    assert p.text == "[x](javascript:alert(1)) "


def test_to_text_and_unsafe_links():
    assert inline.to_text("*a* [b](https://x.org) **c** \\*") == "a b c *"
    assert inline.unsafe_links("[a](javascript:x) [b](https://ok.org) [c](data:x) [d](//x)") == \
        ["javascript:x", "data:x", "//x"]
    assert [inline.is_safe_url(u) for u in ("https://a", "HTTP://a", "rel/x", "#f", "mailto:a", "java\tscript:x")] \
        == [True, True, True, True, False, False]


# ---------------------------------------------------------------- Chicago: the other kinds of work

def test_a_volume_of_a_multivolume_work():
    """CMOS 16th ed. 14.124 (17th ed. 14.119): 'Churchill, Winston S. The Second World War. Vol. 6,
    Triumph and Tragedy. Boston: Houghton Mifflin, 1953.'"""
    churchill = work("book", author=[{"family": "Churchill", "given": "Winston S."}], title="The Second World War",
                     volume="6", volume_title="Triumph and Tragedy", publisher_place="Boston",
                     publisher="Houghton Mifflin", issued="1953")
    nodes = bibliography_entry(churchill)
    assert text(nodes) == ("Churchill, Winston S. The Second World War. Vol. 6, Triumph and Tragedy. Boston: "
                           "Houghton Mifflin, 1953.")
    assert italic(nodes) == ["The Second World War", "Triumph and Tragedy"]
    assert short_label(churchill) == "Churchill, The Second World War, vol. 6"


def test_editors_in_place_of_authors():
    """CMOS 14.103 (17th ed.): editors lead the entry, followed by 'eds.' (one: 'ed.'). The record is
    the volume cited by the essay's note 3 (St. Martin's Press, 1995)."""
    lane = work("book", editor=[{"family": "Lane", "given": "Ann"}, {"family": "Temperley", "given": "Howard"}],
                title="The Rise and Fall of the Grand Alliance, 1941–45", publisher_place="New York",
                publisher="St. Martin’s Press", issued="1995")
    assert text(bibliography_entry(lane)) == ("Lane, Ann, and Howard Temperley, eds. The Rise and Fall of the "
                                              "Grand Alliance, 1941–45. New York: St. Martin’s Press, 1995.")
    assert short_label(lane) == "Lane and Temperley, The Rise and Fall of the Grand Alliance, 1941–45"  # the title before a colon


def test_a_working_paper_in_a_series():
    """CMOS 14.115-116 (17th ed.): a report in a numbered series, after the title. The record is
    the Cold War International History Project's (Working Paper 31, 2001)."""
    mark = work("report", author=[{"family": "Mark", "given": "Eduard"}],
                title="Revolution by Degrees: Stalin’s National-Front Strategy for Europe, 1941–1947",
                collection_title="Cold War International History Project Working Paper", number="31",
                publisher_place="Washington, DC", publisher="Woodrow Wilson International Center for Scholars",
                issued="2001-02")
    assert text(bibliography_entry(mark)) == (
        "Mark, Eduard. Revolution by Degrees: Stalin’s National-Front Strategy for Europe, 1941–1947. Cold War "
        "International History Project Working Paper 31. Washington, DC: Woodrow Wilson International Center for "
        "Scholars, 2001.")
    assert short_label(mark) == "Mark, Revolution by Degrees"


def test_works_known_only_second_hand():
    """Project rules, in CMOS 14.273's 'quoted in' form: an untitled report without date, a press
    conference dated to the day, each ending with the work that carries it; a book carrier is
    italic, an article's title quoted with the period inside."""
    pozdeeva = Work("pozdeeva", "chapter", {"title": "The Soviet Union: Territorial Diplomacy",
                                            "author": [{"family": "Pozdeeva", "given": "Lydia V."}]}, "f", 1)
    kimball = Work("kimball", "book", {"title": "Churchill and Roosevelt",
                                       "editor": [{"family": "Kimball", "given": "Warren F."}]}, "f", 1)
    anonymous = Work("anon", "book", {"title": "Documents"}, "f", 1)
    works = {w.key: w for w in (pozdeeva, kimball, anonymous)}
    maisky = work("report", author=[{"family": "Maisky", "given": "Ivan"}], title="Report", quoted_in="pozdeeva")
    assert text(bibliography_entry(maisky, works)) == \
        "Maisky, Ivan. Report. n.d. Quoted in Lydia V. Pozdeeva, “The Soviet Union: Territorial Diplomacy.”"
    assert short_label(maisky) == "Maisky, Report"
    assert italic(bibliography_entry(maisky, works)) == []  # a description, not a title: roman
    hull = work("speech", author=[{"family": "Hull", "given": "Cordell"}], title="press conference",
                issued="1943-05-16", quoted_in="kimball")
    assert text(bibliography_entry(hull, works)) == \
        "Hull, Cordell. Press conference, May 16, 1943. Quoted in Warren F. Kimball, Churchill and Roosevelt."
    assert italic(bibliography_entry(hull, works)) == ["Churchill and Roosevelt"]
    assert text(bibliography_entry(work("book", title="Notes", quoted_in="anon"), works)) == \
        "Notes. n.d. Quoted in Documents."
    assert text(bibliography_entry(work("book", title="Notes", quoted_in="missing"), works)) == "Notes. n.d."
    assert text(bibliography_entry(work("book", title="Notes", quoted_in="anon"))) == "Notes. n.d."



@pytest.mark.parametrize("type_", ["speech", "letter", "manuscript"])
def test_an_unpublished_document_has_a_descriptive_title_in_roman_with_its_date(type_):
    """CMOS 14.111: a speech, a letter or a manuscript is described, not titled: capitalised, in
    roman, with its date, and no imprint."""
    letter = work(type_, author=[{"family": "Stalin", "given": "Joseph"}], title="letter to Churchill",
                  issued="1942-07-23")
    assert text(bibliography_entry(letter)) == "Stalin, Joseph. Letter to Churchill, July 23, 1942."
    assert italic(bibliography_entry(letter)) == []



def test_a_type_of_work_the_schema_does_not_list_has_only_its_title_quoted():
    """The schema refuses other types; should one reach the renderer, it is not taken for a book."""
    other = work("webpage", author=[{"family": "Reynolds", "given": "David"}], title="Notes", publisher="X")
    assert text(bibliography_entry(other)) == "Reynolds, David. “Notes.”"


def test_a_reprint_and_an_author_that_is_an_organisation():
    """CMOS 14.114 (17th ed.): a later edition gives the first publication's date; 14.84: an
    organisation as author, not inverted."""
    glantz = work("book", author=[{"family": "Glantz", "given": "David M."}, {"family": "House", "given": "Jonathan M."}],
                  title="When Titans Clashed", publisher_place="Lawrence", publisher="University Press of Kansas",
                  issued="1998", original_date="1995")
    assert text(bibliography_entry(glantz)) == ("Glantz, David M., and Jonathan M. House. When Titans Clashed. "
                                                "Lawrence: University Press of Kansas, 1998. First published 1995.")
    ministry = work("book", author=[{"literal": "Ministry of Foreign Affairs"}, {"literal": "Archive"}],
                    title="Correspondence", issued="1958", translator=[{"family": "Doe", "given": "Jane"}])
    assert text(bibliography_entry(ministry)) == \
        "Ministry of Foreign Affairs and Archive. Correspondence. Translated by Jane Doe. 1958."
    assert short_label(ministry) == "Ministry of Foreign Affairs and Archive, Correspondence"
    report = work("report", title="Report", publisher="Office", issued="1944-03-02")
    assert text(bibliography_entry(report)) == "Report. Office, 1944."
    assert short_label(work("chapter", title="A Title: Its Subtitle")) == "“A Title”"
    assert short_label(work("article-journal", title="Long: Sub", title_short="Short", volume="3")) == "“Short”"


def test_a_note_by_two_authors_and_a_journal_issue_without_pages():
    ward = work("article-journal", author=[{"family": "Ward", "given": "Geoffrey C."}, {"family": "Burns", "given": "Ken"}],
                title="The War", container_title="Journal", issued="2007-09", URL="https://x.org/")
    assert text(note_citation(ward, "n. 2")) == \
        "Geoffrey C. Ward and Ken Burns, “The War,” Journal, September 2007, n. 2, https://x.org/."
    article = work("article-journal", author=[{"family": "Roe", "given": "Rick"}], title="T?", container_title="J",
                   volume="25", issued="1999")
    assert text(bibliography_entry(article)) == "Roe, Rick. “T?” J 25 (1999)."


def test_apa_authors_without_initials_and_works_without_dates():
    """APA 7 9.11 (a group author as written), 9.17 ('n.d.'), 9.8 (two authors joined by '&')."""
    group = work("article-journal", author=[{"literal": "World Health Organization"}], title="Report",
                 container_title="Bulletin", volume="3", page="1–9")
    assert text(apa_entry(group)) == "World Health Organization. (n.d.). Report. Bulletin, 3, 1–9."
    two = work("article-journal", author=[{"family": "Plato"}, {"family": "Roe", "given": "Rick"}], title="T.",
               container_title="J", issued="2001-02")
    assert text(apa_entry(two)) == "Plato, & Roe, R. (2001, February). T. J."


def test_names_in_the_bibliography_and_in_notes():
    """CMOS 14.76 (17th ed.): the first author inverted, a comma before 'and' from two names on;
    an organisation is never inverted, so no comma follows it; an ending punctuation mark is not
    doubled (a title ending in '?' takes no period)."""
    three = [{"family": "Lane", "given": "Ann"}, {"family": "Temperley", "given": "Howard"},
             {"family": "Doe", "given": "John"}]
    assert text(bibliography_entry(work("book", author=three, title="Malcolm X", issued="1995"))) == \
        "Lane, Ann, Howard Temperley, and John Doe. Malcolm X. 1995."
    mixed = [{"family": "Doe", "given": "Jane"}, {"literal": "Ministry of Foreign Affairs"}]
    assert text(bibliography_entry(work("book", author=mixed, title="Why?", issued="1958"))) == \
        "Doe, Jane, and Ministry of Foreign Affairs. Why? 1958."
    assert text(note_citation(work("article-journal", author=three, title="T", container_title="J",
                                   issued="2000"), "5")) == "Ann Lane, Howard Temperley, and John Doe, “T,” J, 2000, 5."
    carrier = Work("c", "book", {"title": "Who Lost China?", "author": [{"family": "Roe", "given": "Rick"}]}, "f", 1)
    second = work("book", title="Notes", quoted_in="c")
    assert text(bibliography_entry(second, {"c": carrier})) == "Notes. n.d. Quoted in Rick Roe, Who Lost China?"


def test_the_sentence_around_a_marker():
    from scripts.edition.text import sentence_around

    source = "First[^1] one. Second says ‘x’[^3]. Third[^4] here! Last?[^5]"
    assert sentence_around(source, source.index("[^1]")) == "First[^1] one."
    assert sentence_around(source, source.index("[^3]")) == "Second says ‘x’[^3]."
    assert sentence_around(source, source.index("[^4]")) == "Third[^4] here!"
    assert sentence_around(source, source.index("[^5]")) == "Last?[^5]"


def test_a_series_without_a_number_and_a_report_in_volumes():
    report = work("report", author=[{"family": "Roe", "given": "Rick"}], title="Findings", volume="2",
                  collection_title="Occasional Papers", publisher="Office", issued="1950")
    assert text(bibliography_entry(report)) == "Roe, Rick. Findings. Vol. 2. Occasional Papers. Office, 1950."
    assert short_label(report) == "Roe, Findings, vol. 2"
