"""/annotations.jsonld: the apparatus as a W3C Web Annotation collection.

Checked against the data model's required keys (https://www.w3.org/TR/annotation-model/), against
the YAML it comes from (read here with PyYAML), and against the texts its selectors point into:
each page as Chromium parses it (``document.body.textContent``, scripts off, as served) and the
original publication's text (tests/data/original.txt, the reference copy).
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
import yaml

from scripts.edition.render.web_annotations import body_text
from tests.conftest import ROOT
from tests.site_html import soup
from tests.original import ORIGINAL

ORIGINAL_URL = "https://www.e-ir.info/2011/11/23/the-evolution-of-stalins-foreign-policy-during-word-war-two/"
MOTIVATIONS = {"commenting", "editing", "questioning", "identifying", "describing", "linking"}


def _yaml(name: str):
    return yaml.safe_load((ROOT / "footnotes" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def collection(site) -> dict:
    return json.loads((site / "annotations.jsonld").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def items(collection) -> list[dict]:
    return collection["first"]["items"]


@pytest.fixture(scope="module")
def page_texts(browser, server, items, site_url) -> dict[str, str]:
    """Each target page's text as Chromium parses it, before any script runs."""
    sources = {t["source"] for a in items for t in a["target"] if t["source"].startswith(site_url)}
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    texts = {}
    for source in sorted(sources):
        page.goto(server + urlsplit(source).path)
        texts[source] = page.evaluate("document.body.textContent")
    context.close()
    return texts


def test_the_collection_follows_the_data_model(collection, items, site_url):
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["id"] == f"{site_url}annotations.jsonld"
    assert collection["type"] == "AnnotationCollection" and collection["label"]
    page = collection["first"]
    assert page["type"] == "AnnotationPage" and page["partOf"] == collection["id"] and page["startIndex"] == 0
    assert collection["total"] == len(items) > 0
    ids = [a["id"] for a in items]
    assert len(set(ids)) == len(ids)
    for annotation in items:
        assert set(annotation) >= {"id", "type", "motivation", "body", "target", "created"}, annotation["id"]
        # usable alone (issue 21): taken out of the collection, e.g. posted to an annotation server
        assert annotation["@context"] == "http://www.w3.org/ns/anno.jsonld", annotation["id"]
        assert annotation["id"].startswith(collection["id"] + "#")
        assert annotation["type"] == "Annotation" and annotation["motivation"] in MOTIVATIONS
        for stamp in ("created", "modified"):
            if stamp in annotation:
                assert datetime.fromisoformat(annotation[stamp].replace("Z", "+00:00")).tzinfo, annotation["id"]
        for body in annotation["body"]:
            assert body["type"] in ("TextualBody", "SpecificResource") and body["purpose"] in MOTIVATIONS
            assert body["value"].strip() if body["type"] == "TextualBody" else body["source"].startswith(site_url)
        first = annotation["target"][0]
        assert first["type"] == "SpecificResource" and first["source"].startswith(site_url)
        quote, position = first["selector"]
        assert quote["type"] == "TextQuoteSelector" and set(quote) == {"type", "exact", "prefix", "suffix"}
        assert quote["exact"] and all(isinstance(quote[k], str) for k in ("prefix", "suffix"))
        assert position["type"] == "TextPositionSelector"
        assert position["end"] - position["start"] == len(quote["exact"])
        second = annotation["target"][1]
        assert second["source"] == ORIGINAL_URL and second["selector"]["type"] == "TextQuoteSelector"
        assert second["selector"]["exact"] == quote["exact"]


def test_the_collection_holds_the_whole_apparatus(items, site_url):
    by = {m: [a for a in items if a["motivation"] == m] for m in MOTIVATIONS}
    editorial = _yaml("editorial.yaml")
    glossary = _yaml("glossary.yaml")
    notes = {n["n"]: n for path in (ROOT / "footnotes/notes").glob("*.yaml")
             for n in yaml.safe_load(path.read_text(encoding="utf-8"))}
    assert sorted(a["id"].split("#note-")[1] for a in by["commenting"]) == sorted(map(str, notes))
    for annotation in by["commenting"]:
        n = int(annotation["id"].split("#note-")[1])
        text, link = annotation["body"]
        assert text["purpose"] == "commenting" and text["value"] == re.sub(r"[*]", "", notes[n]["text"])
        assert link == {"type": "SpecificResource", "purpose": "linking",
                        "source": f"{site_url}sources/{notes[n]['work']}/"}
    corrections = {e["id"]: e for e in editorial if e["kind"] != "query"}
    queries = {e["id"]: e for e in editorial if e["kind"] == "query"}
    assert {a["id"].split("#correction-")[1] for a in by["editing"]} == set(corrections)
    for annotation in by["editing"]:
        entry = corrections[annotation["id"].split("#correction-")[1]]
        assert annotation["body"][0] == {"type": "TextualBody", "value": entry["correction"], "purpose": "editing",
                                         "format": "text/plain", "language": "en"}
        assert annotation["target"][0]["selector"][0]["exact"] == entry["original"]
    assert {a["id"].split("#query-")[1] for a in by["questioning"]} == set(queries)
    named = {a["id"].split("#glossary-")[1].rsplit("-", 2)[0] for a in by["identifying"]}
    assert named == {g["id"] for g in glossary}  # every entry is mentioned somewhere
    for annotation in by["identifying"]:
        entry = annotation["body"][0]
        assert entry["purpose"] == "identifying" and entry["source"].startswith(f"{site_url}glossary/#")


def test_dates_come_from_the_record_of_changes(items, site_url):
    changes = _yaml("changes.yaml")
    # by kind and id: an entry moved to another kind keeps its id (a query made a correction in 2.0)
    added = {(kind, key): str(v["date"]) for v in changes for kind, ids in (v.get("added") or {}).items()
             if kind != "features" for key in ids or []}
    first = str(changes[-1]["date"])
    for annotation in items:
        key = annotation["id"].split("#", 1)[1]
        if key.startswith("note-"):
            expected = first
        elif key.startswith(("correction-", "query-")):
            kind, _, entry = key.partition("-")
            expected = added[("corrections" if kind == "correction" else "queries", entry)]
        else:
            expected = added[next(g for g in added if g[0] == "glossary" and key.startswith(f"glossary-{g[1]}-"))]
        assert annotation["created"] == f"{expected}T00:00:00Z", key


def _original_text() -> str:
    return ORIGINAL.read_text(encoding="utf-8")


def test_every_quote_matches_exactly_once_on_its_page_and_in_the_original(items, page_texts):
    original = _original_text()
    assert len(items) > 200
    for annotation in items:
        (quote, position), = [t["selector"] for t in annotation["target"][:1]]
        text = page_texts[annotation["target"][0]["source"]]
        whole = quote["prefix"] + quote["exact"] + quote["suffix"]
        assert text.count(whole) == 1, (annotation["id"], whole)
        # Positions count code points; the pages hold no character outside the BMP, so JS's
        # UTF-16 string and Python's str agree.
        assert text[position["start"]:position["end"]] == quote["exact"], annotation["id"]
        assert text.index(whole) + len(quote["prefix"]) == position["start"], annotation["id"]
        there = annotation["target"][1]["selector"]
        whole = there["prefix"] + there["exact"] + there["suffix"]
        assert original.count(whole) == 1, (annotation["id"], whole)
        if "/essay/" in annotation["target"][0]["source"]:
            assert there == quote, annotation["id"]  # the same quote anchors on both


def test_the_collection_is_linked_from_the_title_pages_head_and_the_about_page(site):
    link = soup(site, "").select_one("head link[rel='alternate'][href='annotations.jsonld']")
    assert link is not None and "http://www.w3.org/ns/anno.jsonld" in link["type"]
    assert soup(site, "about/").select_one("article a[href='../annotations.jsonld']")


def test_a_query_becomes_a_questioning_annotation_listed_in_the_record():
    """Add a query (issue 12's `kind: query`) to the loaded model and check what the engine makes of it."""
    from scripts.edition.pages.changes import changes_page
    from scripts.edition.render.citations import ThisEdition
    from scripts.edition.read.essay import MARKER
    from scripts.edition.inline import to_text
    from scripts.edition.model import Anchor, EditorialNote
    from scripts.edition.render.web_annotations import collection
    from scripts.synth import real_edition

    edition, _ = real_edition()
    phrase = "the brute strength of the Red Army"
    query = EditorialNote("red-army-query", Anchor(phrase, paragraph=14), "query", "", "",
                          "What is known.", "A reference.", "footnotes/editorial.yaml", 1)
    query.query = "Is this so?"
    edition.editorial.append(query)
    log = edition.changes
    log.added_in[("queries", query.id)] = log.current
    log.current.added.setdefault("queries", []).append(type(log.current.added["features"][0])(query.id))
    pages = {s.src_uri: "\n".join([MARKER.sub(r"\1", p.source) for p in s.paragraphs]
                                  + [to_text(edition.notes[n].text) for n in s.note_numbers])
             for s in edition.sections}
    pages["index.md"] = "“" + edition.publication.title + "”"
    this = ThisEdition("An edition", "https://example.org/", log.current)
    [annotation] = [a for a in collection(edition, this, pages)["first"]["items"]
                    if a["motivation"] == "questioning" and a["id"].endswith("#query-red-army-query")]
    assert annotation["id"] == "https://example.org/annotations.jsonld#query-red-army-query"
    assert annotation["body"][0]["value"] == "Editor’s query: Is this so? What is known: What is known. Where to check: A reference."
    assert annotation["target"][0]["selector"][0]["exact"] == phrase
    assert annotation["created"] == f"{log.current.date}T00:00:00Z"
    assert "[¶14: “the brute strength of the Red Army”](editorial.md#red-army-query): Is this so?" \
        in changes_page(edition)


def test_a_quote_that_no_context_makes_unique_on_its_page_is_a_problem():
    """The page holds the paragraph twice: no prefix or suffix can single the words out."""
    from scripts.edition.read.loader import load_edition
    from scripts.edition.read.nav import essay_uris, read_mkdocs_yml
    from scripts.edition.render.web_annotations import COLLECTION_URI, _Quotes, original_text

    edition = load_edition(ROOT, ROOT / "docs", essay_uris(read_mkdocs_yml(ROOT / "mkdocs.yml")["nav"]))
    quotes = _Quotes(original_text(edition), {})
    segment = "Stalin himself was doing exactly that."
    page = f"{segment} And again: {segment}"
    start = segment.index("doing")
    assert quotes.quote(segment, start, start + 5, page, "editorial note `x`", original=False) is None
    (problem,) = quotes.problems
    assert (problem.file, problem.entry) == (COLLECTION_URI, "editorial note `x`")
    assert problem.message == "the words “doing” occur 2 times on the page, even with all the context there is"
    assert problem.hint == "a Web Annotation's quote must be unique on its page"
    once = f"{segment} Once only."
    assert quotes.quote(segment, start, start + 5, once, "y", original=False)["exact"] == "doing"
    assert len(quotes.problems) == 1


def test_a_glossary_entrys_basis_goes_into_its_annotations(items):
    """Issue 23: the source each glossary entry was checked against travels with its text."""
    glossary = {g["id"]: g for g in _yaml("glossary.yaml")}
    for annotation in (a for a in items if a["motivation"] == "identifying"):
        entry = glossary[annotation["id"].split("#glossary-")[1].rsplit("-", 2)[0]]
        described = [b["value"] for b in annotation["body"] if b.get("purpose") == "describing"]
        assert described == [f"{entry['term']}. {entry['text']} Basis: {entry['basis']}"], entry["id"]


class _ReferenceText(HTMLParser):
    """``document.body.textContent`` by the standard library's HTML parser (what the engine used
    before its one regular expression): the reference for :func:`body_text`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.in_body, self.template, self.drop_newline = False, 0, False

    def handle_starttag(self, tag, attrs):
        self.in_body = self.in_body or tag == "body"
        self.template += tag == "template"
        self.drop_newline = tag in ("pre", "textarea", "listing")

    def handle_endtag(self, tag):
        self.template -= tag == "template" and self.template > 0
        self.drop_newline = False

    def handle_data(self, data):
        if self.drop_newline and data.startswith("\n"):
            data = data[1:]
        self.drop_newline = False
        if self.in_body and not self.template:
            self.parts.append(data)


def _reference_text(page: str) -> str:
    parser = _ReferenceText()
    parser.feed(page)
    parser.close()
    return "".join(parser.parts)


def test_the_text_of_every_built_page_is_the_html_parsers(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 70
    for path in pages:
        page = path.read_text(encoding="utf-8")
        assert body_text(page) == _reference_text(page), path.relative_to(site)


@pytest.mark.parametrize("page", [
    '<head><title>x</title></head><body><p title="a > b">One &amp; two</p><!-- <p>not</p> -->three</body>',
    "<body><pre>\nkept\n</pre><template><p>left out</p></template><p>after</p></body>",
    '<body><script>if (a < b && c > d) x = "</p>";</script><style>p>q{}</style>&lt;tag&gt; &#x41;</body>',
    "<!DOCTYPE html><body>a < b <br/>c</body>",
])
def test_the_text_of_a_page_with_comments_raw_text_and_entities_is_the_html_parsers(page):
    assert body_text(page) == _reference_text(page)
