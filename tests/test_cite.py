"""Citing the essay: the title page's box and metadata, each note's cite line; finding works by search.

The expected values are the publisher's (issue 3): the title as published ("Word War Two"),
E-International Relations, 23 November 2011, ISSN 2053-8626, the original URL.
"""

from __future__ import annotations

import json
import re

import rispy
import yaml
from pybtex.database import parse_string

from tests.site_html import FOOTNOTES, content, one, select, soup

TITLE = "The Evolution of Stalin’s Foreign Policy during Word War Two"
URL = "https://www.e-ir.info/2011/11/23/the-evolution-of-stalins-foreign-policy-during-word-war-two/"
CHICAGO = f"Strachan, Frederick. “{TITLE}.” E-International Relations, November 23, 2011. {URL}."
SIC = "The title reads “Word War Two” [sic] as published, for “World War Two”."
APA = ("Strachan, F. (2011, November 23). The evolution of Stalin’s foreign policy during Word War Two. "
       f"E-International Relations. {URL}")


def _meta(page) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in page.select("head meta[name^='citation_']"):
        found.setdefault(tag["name"], []).append(tag["content"])
    return found


def test_title_page_has_highwire_press_tags(site, site_url):
    # The article as first published (issue 21): its title as published, author, date, journal;
    # the page the tags are on (this edition's title page, which holds the full text) is its
    # public and full-text address, not the publisher's page.
    assert _meta(soup(site, "")) == {
        "citation_title": [TITLE],
        "citation_author": ["Strachan, Frederick"],
        "citation_publication_date": ["2011/11/23"],
        "citation_journal_title": ["E-International Relations"],
        "citation_issn": ["2053-8626"],
        "citation_language": ["en"],
        "citation_public_url": [site_url],
        "citation_fulltext_html_url": [site_url],
    }


def test_title_page_has_scholarly_article_json_ld(site, site_url):
    [script] = soup(site, "").select("head script[type='application/ld+json']")
    data = json.loads(script.string)
    assert data["@context"] == "https://schema.org" and data["@type"] == "ScholarlyArticle"
    assert data["headline"] == TITLE
    assert data["author"] == [{"@type": "Person", "name": "Frederick Strachan",
                               "familyName": "Strachan", "givenName": "Frederick"}]
    assert data["datePublished"] == "2011-11-23"
    assert data["isPartOf"] == {"@type": "Periodical", "name": "E-International Relations", "issn": "2053-8626"}
    assert data["url"] == data["sameAs"] == URL and data["mainEntityOfPage"] == site_url
    # the title's slip, said where the format has a place for it (correction `title-word-war`)
    assert data["correction"] == {"@type": "CorrectionComment", "text": SIC}
    assert data["license"] == "https://creativecommons.org/licenses/by-nc/4.0/"


def test_only_the_title_page_describes_itself_as_the_article(site):
    for path in ("notes/12/", "sources/", "essay/warsaw/", "about/"):
        page = soup(site, path)
        assert not _meta(page) and not page.select("script[type='application/ld+json']"), path


def test_cite_this_essay_box(site):
    box = one(content(site, ""), "div.cite-essay")
    entries = [" ".join(p.get_text().split()) for p in select(box, "p.bib-entry")]
    assert entries == [CHICAGO, APA]
    assert [em.get_text() for p in box.select("p.bib-entry") for em in p.select("em")] == \
        ["E-International Relations"] * 2
    blocks = {b.select_one(".filename").get_text(): b.select_one("code").get_text()
              for b in box.select("div.highlight")}
    entry = parse_string(blocks["BibTeX"], "bibtex").entries["strachan-2011"]
    assert entry.type == "article"
    assert entry.fields["title"] == "{" + TITLE + "}"
    assert (entry.fields["journal"], entry.fields["url"]) == ("E-International Relations", URL)
    # BibTeX's standard fields: no `day` or `issn`; the day and the slip are said in the note
    assert (entry.fields["year"], entry.fields["month"]) == ("2011", "November")
    assert entry.fields["note"] == f"Published November 23, 2011. {SIC}"
    [record] = rispy.loads(blocks["RIS"])
    assert (record["type_of_reference"], record["title"], record["authors"]) == \
        ("JOUR", TITLE, ["Strachan, Frederick"])
    assert (record["secondary_title"], record["issn"], record["urls"], record["date"]) == \
        ("E-International Relations", "2053-8626", [URL], "2011/11/23/")
    assert record["notes"] == [SIC]


def test_every_note_page_says_how_to_cite_the_note(site):
    for n in range(1, 38):
        line = " ".join(one(content(site, f"notes/{n}/"), "p.cite-note").get_text().split())
        assert line == (f"Frederick Strachan, “{TITLE},” E-International Relations, November 23, 2011, "
                        f"n. {n}, {URL}."), n


def test_second_hand_works_link_to_the_work_that_quotes_them(site):
    sources = yaml.safe_load((FOOTNOTES / "sources.yaml").read_text(encoding="utf-8"))
    second_hand = {k: v["quoted-in"] for k, v in sources.items() if v.get("quoted-in")}
    assert {"djilas-1962", "maisky-report", "hull-1943"} <= set(second_hand)
    index = content(site, "sources/")
    for key, carrier in second_hand.items():
        entry = one(index, f"p.bib-entry[id='{key}']")
        assert "Quoted in" in entry.get_text()
        one(entry, f"a[href='#{carrier}']")
        one(index, f"p.bib-entry[id='{carrier}']")
        page = one(content(site, f"sources/{key}/"), "p.bib-entry")
        one(page, f"a[href='../{carrier}/']")


def test_bibliography_lists_exactly_the_cited_works_with_their_note_counts(site):
    citing: dict[str, set[int]] = {}
    paths = sorted((FOOTNOTES / "notes").glob("*.yaml"))
    assert paths
    for path in paths:
        for note in yaml.safe_load(path.read_text(encoding="utf-8")):
            for key in filter(None, (note["work"], note.get("quotes"))):
                citing.setdefault(key, set()).add(note["n"])
    entries = select(content(site, "sources/"), "p.bib-entry")
    assert sorted(e["id"] for e in entries) == sorted(citing)
    for entry in entries:
        numbers = citing[entry["id"]]
        cited = one(entry, ".bib-cited")
        assert cited.get_text().startswith(f"Cited in {len(numbers)} note"), entry["id"]
        assert {int(a.get_text()) for a in cited.select("a") if a.get_text().isdigit()} == numbers


def _search_docs(site) -> list[dict]:
    return json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]


def test_search_index_finds_a_work_by_surname_and_a_note_by_its_words(site):
    docs = _search_docs(site)
    where = lambda word: {d["location"].split("#")[0] for d in docs if re.search(word, d["text"])}  # noqa: E731
    assert "sources/" in where(r"\bHaslam\b") and "sources/haslam-1995/" in where(r"\bHaslam\b")
    assert "sources/pozdeeva-1994/" in where(r"\bPozdeeva\b")
    # A note page is found by the author's note (its essay sentence is indexed on the essay page only).
    assert "notes/12/" in where(r"Making of the Grand Alliance and the Second Front")
    assert "notes/15/" in where(r"Maisky Report")


# ---- In Chromium ----------------------------------------------------------------------------------

CONTRAST_JS = """(() => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const page = getComputedStyle(document.body).backgroundColor;
  return [...document.querySelectorAll('.cite-line .md-clipboard')].map(b => {
    const box = b.getBoundingClientRect(), [x, y] = [lum(getComputedStyle(b).color), lum(page)];
    return {width: box.width, height: box.height, visible: b.checkVisibility({opacityProperty: true}),
            contrast: (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05)};
  });
})()"""


def test_the_copy_buttons_on_cite_are_visible_labelled_and_24_px(page, server):
    for scheme, width in (("light", 390), ("dark", 1600)):
        page.emulate_media(color_scheme=scheme)
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{server}/cite/")
        buttons = page.evaluate(CONTRAST_JS)
        assert len(buttons) >= 50
        for button in buttons:  # seen without hovering, big enough to hit, AA for a control (3:1)
            assert button["visible"] and button["width"] >= 24 and button["height"] >= 24, button
            assert button["contrast"] >= 3, (scheme, button)
        named = page.get_by_role("button", name=re.compile(r"^Copy\b"))
        assert named.count() == len(buttons)  # the visible word "Copy" begins each button's name
        assert page.locator(".cite-line .md-clipboard").first.evaluate(
            "b => getComputedStyle(b, '::before').content") == '"Copy"'
