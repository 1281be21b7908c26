"""The exports and the embedded metadata as the scholars' clients read them (issue 21; issue 20's
"Exports").

Each format is read by a real parser and then mapped with the client's own rules, so that the
test says what a field MEANS to the client:

- RIS: rispy parses it; Zotero's RIS translator's tables (tests/zotero.py, from RIS.js) say which
  Zotero field each tag fills, for the record's item type;
- CSL-JSON: the CSL-JSON schema of the CSL project (tests/data/csl/csl-data.json) says which
  variables exist and what they hold;
- BibTeX: pybtex in strict mode (a repeated field is an error) and BibTeX's standard fields;
- COinS: Zotero's OpenURL parser (tests/zotero.py, from openurl.js) says which item a page offers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pybtex.errors
import pytest
import rispy
import yaml
from pybtex.database import parse_string

from scripts.edition.read.nav import read_mkdocs_yml
from tests.conftest import ROOT
from tests.site_html import soup
from tests.zotero import import_ris_record, parse_context_object, ris_records

SOURCES = yaml.safe_load((ROOT / "footnotes/sources.yaml").read_text(encoding="utf-8"))
CSL_SCHEMA = json.loads((ROOT / "tests/data/csl/csl-data.json").read_text(encoding="utf-8"))
TITLE = "The Evolution of Stalin’s Foreign Policy during Word War Two"
# BibTeX's standard fields (btxdoc, "BibTeXing", 1988, section 3.2), and the two the edition adds
# because BibTeX has no field for a link: every current reader (natbib's styles, biblatex, Zotero's
# BibTeX import) understands them, and a style that does not ignores them.
BIBTEX_FIELDS = {"address", "annote", "author", "booktitle", "chapter", "crossref", "edition", "editor",
                 "howpublished", "institution", "journal", "key", "month", "note", "number", "organization",
                 "pages", "publisher", "school", "series", "title", "type", "volume", "year"} | {"url", "doi"}
ONE_VALUE = {"title", "publicationTitle", "bookTitle", "series", "seriesTitle", "seriesNumber", "reportNumber",
             "volume", "issue", "pages", "date", "publisher", "institution", "place", "ISSN", "ISBN", "url",
             "language", "DOI"}


def _text(site: Path, name: str) -> str:
    return (site / "sources" / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def zotero_items(site) -> dict[str, dict]:
    text = _text(site, "bibliography.ris")
    assert len(rispy.loads(text)) == len(SOURCES)  # a real RIS parser reads every record
    return {dict(r)["ID"]: import_ris_record(r) for r in ris_records(text)}


def _people(item: dict, role: str) -> list[str]:
    return [c["lastName"] + (", " + c["firstName"] if c.get("firstName") else "")
            for c in item["creators"] if c["creatorType"] == role]


# --- RIS, as Zotero imports it ----------------------------------------------------------------------

def test_ris_every_creator_lands_in_its_role_under_zoteros_mapping(zotero_items):
    for key, source in SOURCES.items():
        item = zotero_items[key]
        for role in ("author", "editor", "translator"):
            want = [n.get("literal") or (f"{n['family']}, {n['given']}" if n.get("given") else n["family"])
                    for n in source.get(role, [])]
            got = _people(item, role)
            if role == "author":  # a corporate author stays one name: Zotero's single-field creator
                corporate = [c for c in item["creators"] if c.get("fieldMode") == 1]
                assert len(corporate) == sum(1 for n in source.get(role, []) if n.get("literal")), key
                want = [w.split(",")[0] if "," in w and n.get("literal") else w
                        for w, n in zip(want, source.get(role, []))]
                got = [g.split(" (")[0] for g in got]
            assert got == want, (key, role, got)
    # the cases issue 21 found: an edited book's editor (it was A2, Zotero's series editor)
    assert _people(zotero_items["kimball-1984"], "editor") == ["Kimball, Warren F."]
    assert not _people(zotero_items["kimball-1984"], "seriesEditor")
    assert [c for c in zotero_items["comintern-documents-1998"]["creators"] if c["creatorType"] == "author"] == \
        [{"lastName": "Institute of General History (Russian Academy of Sciences)", "creatorType": "author",
          "fieldMode": 1}]
    assert _people(zotero_items["haslam-1995"], "editor") == ["Lane, Ann", "Temperley, Howard"]


def test_ris_gives_each_kind_its_zotero_item_type(zotero_items):
    want = {"book": "book", "chapter": "bookSection", "article-journal": "journalArticle", "report": "report",
            "manuscript": "manuscript", "letter": "letter", "speech": "presentation"}
    for key, source in SOURCES.items():
        assert zotero_items[key]["itemType"] == want[source["type"]], key
    assert zotero_items["maisky-report"]["itemType"] == "manuscript"
    assert zotero_items["hull-1943"]["itemType"] == "presentation"


def test_ris_fields_land_where_zotero_looks_each_once(zotero_items):
    for key, source in SOURCES.items():
        item = zotero_items[key]
        assert not item.get("_repeated"), (key, item.get("_repeated"))
        assert not item["unsupported"], (key, item["unsupported"])  # no tag Zotero cannot place
        assert item["title"] == source["title"], key
        assert item["date"].startswith(str(source["issued"])[:4].zfill(4)) if source.get("issued") else True
        if source["type"] == "chapter":
            assert item["bookTitle"] == source["container-title"], key
        if source["type"] == "article-journal":
            assert (item["publicationTitle"], item["volume"], item["issue"]) == \
                (source["container-title"], source["volume"], source["issue"]), key
        if source.get("publisher"):
            assert item["institution" if source["type"] == "report" else "publisher"] == source["publisher"], key
        assert item["language"] == source.get("language", "en"), key
    report = zotero_items["mark-2001"]
    assert (report["seriesTitle"], report["reportNumber"]) == \
        ("Cold War International History Project Working Paper", "31")
    assert "volume" not in report
    assert zotero_items["glantz-house-1998"]["notes"] == ["Original Publication: 1995"]


# --- CSL-JSON, by the CSL schema ---------------------------------------------------------------------

def test_csl_json_is_valid_csl_data_with_the_series_number_and_language(site):
    items = json.loads(_text(site, "bibliography.json"))
    jsonschema.validate(items, CSL_SCHEMA)
    variables = set(CSL_SCHEMA["items"]["properties"])
    by_id = {item["id"]: item for item in items}
    for item in items:
        assert set(item) <= variables, set(item) - variables
        assert item["language"] == SOURCES[item["id"]].get("language", "en"), item["id"]
    assert by_id["mark-2001"]["collection-number"] == "31" and "number" not in by_id["mark-2001"]
    assert by_id["comintern-documents-1998"]["language"] == "ru"


def test_the_first_publication_is_the_same_in_every_export(site, zotero_items):
    csl = {item["id"]: item for item in json.loads(_text(site, "bibliography.json"))}
    bib = parse_string(_text(site, "bibliography.bib"), "bibtex").entries
    ris = {dict(r)["ID"]: dict(r) for r in ris_records(_text(site, "bibliography.ris"))}
    first = {key: s["original-date"] for key, s in SOURCES.items() if s.get("original-date")}
    assert first == {"glantz-house-1998": 1995}
    for key, year in first.items():
        assert csl[key]["original-date"] == {"date-parts": [[year]]}
        assert ris[key]["OP"] == str(year)
        assert f"First published {year}." in bib[key].fields["note"]
    for key in set(SOURCES) - set(first):
        assert "original-date" not in csl[key] and "OP" not in ris[key], key
        assert "First published" not in bib[key].fields.get("note", ""), key


# --- BibTeX ------------------------------------------------------------------------------------------

def test_bibtex_parses_strictly_with_standard_fields_only(site):
    text = _text(site, "bibliography.bib")
    pybtex.errors.set_strict_mode(True)  # a repeated field or a broken name is an error, not a warning
    try:
        database = parse_string(text, "bibtex")
    finally:
        pybtex.errors.set_strict_mode(False)
    for key, entry in database.entries.items():
        assert set(f.lower() for f in entry.fields) <= BIBTEX_FIELDS, (key, set(entry.fields) - BIBTEX_FIELDS)
        for role, people in entry.persons.items():
            assert role in ("author", "editor"), key
            assert all(str(p).strip() and str(p) != "others" for p in people), key
    volkogonov = database.entries["volkogonov-1991"]
    assert "Translated by Harold Shukman." in volkogonov.fields["note"]
    assert database.entries["mark-2001"].fields["number"] == "31"
    assert database.entries["birt-1993"].fields["number"] == "4"
    assert re.search(r"^\s*day\s*=", text, flags=re.M) is None


# --- issue 20: one value per field, no blank names, no "others" --------------------------------------

def _check(project: Path) -> str:
    import subprocess
    import sys
    result = subprocess.run([sys.executable, "-m", "scripts.check"], cwd=project, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr + result.stdout
    return result.stdout + result.stderr


@pytest.mark.parametrize(("before", "after", "said"), [
    # a report's number and an issue would both be BibTeX's one `number` field
    ('  number: "31"\n', '  number: "31"\n  issue: "2"\n', "only a journal article has an `issue`"),
    # an article has one `number` in BibTeX (its issue) and no series in RIS
    ('  issue: "4"\n  issued: 1993-12\n', '  issue: "4"\n  number: "7"\n  issued: 1993-12\n', "has no series"),
    ('  author: [{family: Mark, given: Eduard}]\n', '  author: [{family: Mark, given: Eduard}, {family: "  "}]\n',
     "is blank"),
    ('  author: [{family: Mark, given: Eduard}]\n', '  author: [{family: Mark, given: Eduard}, {family: others}]\n',
     "not a name"),
    ('  author: [{family: Mark, given: Eduard}]\n', '  author: [{family: Mark, given: Eduard}, {literal: et al.}]\n',
     "not a name"),
])
def test_exports_refuse_what_no_format_can_hold(project_copy, before, after, said):
    sources = project_copy / "footnotes/sources.yaml"
    text = sources.read_text(encoding="utf-8")
    assert text.count(before) == 1
    sources.write_text(text.replace(before, after), encoding="utf-8")
    output = _check(project_copy)
    assert "footnotes/sources.yaml:" in output and said in output, output


def test_a_name_that_bibtex_reads_as_syntax_stays_a_name():
    from scripts.edition.model import Work
    from scripts.edition.render.exports import bibtex_entry
    work = Work("x", "book", {"type": "book", "title": "T", "author": [
        {"family": "others", "given": "A."}, {"family": "Smith and Jones"}, {"literal": "A, B"}]}, "f", 1)
    entry = parse_string(bibtex_entry(work), "bibtex").entries["x"]
    assert len(entry.persons["author"]) == 3
    assert [str(p) for p in entry.persons["author"]] == ["{others}, A.", "{Smith and Jones}", "{A, B}"]


# --- Embedded metadata: what Zotero saves from each page ----------------------------------------------

def _coins(page) -> list[dict]:
    return [parse_context_object(span["title"]) for span in page.select("span.Z3988[title]")]


def test_a_work_page_offers_that_work_and_no_citation_tags(site):
    for key, source in SOURCES.items():
        page = soup(site, f"sources/{key}/")
        assert not page.select("meta[name^='citation_']"), key
        [item] = _coins(page)
        zotero_type = {"book": "book", "chapter": "bookSection", "article-journal": "journalArticle",
                       "report": "report", "manuscript": "manuscript", "speech": "presentation"}[source["type"]]
        assert item["itemType"] == zotero_type and item["title"] == source["title"], key
        authors = [c for c in item["creators"] if c["creatorType"] == "author"]
        assert len(authors) == len(source.get("author", [])), key
        if source.get("issued"):
            assert item["date"] == str(source["issued"]), key
    kimball = _coins(soup(site, "sources/kimball-1984/"))[0]
    assert kimball["creators"] == [{"lastName": "Kimball", "firstName": "Warren F.", "creatorType": "contributor"}]
    assert _coins(soup(site, "sources/mark-2001/"))[0]["seriesTitle"] == \
        "Cold War International History Project Working Paper"


def test_the_bibliography_offers_every_work(site):
    page = soup(site, "sources/")
    assert not page.select("meta[name^='citation_']")
    items = _coins(page)
    assert sorted(i["title"] for i in items) == sorted(s["title"] for s in SOURCES.values())


@pytest.mark.parametrize("path", ["notes/1/", "notes/12/", "notes/37/", "cite/"])
def test_a_note_page_and_cite_offer_the_essay_in_this_edition(site, site_url, path):
    page = soup(site, path)
    assert not page.select("meta[name^='citation_']") and not page.select("script[type='application/ld+json']")
    [item] = _coins(page)
    edition = read_mkdocs_yml(ROOT / "mkdocs.yml")["site_name"]
    assert item["itemType"] == "bookSection"
    assert (item["title"], item["publicationTitle"]) == (TITLE, edition)
    assert item["creators"] == [{"lastName": "Strachan", "firstName": "Frederick", "creatorType": "author"}]
    assert item["url"] == site_url + path and item["edition"].startswith("Annotated edition, version ")


def test_pages_that_cite_nothing_offer_nothing(site):
    for path in ("", "essay/warsaw/", "glossary/", "about/"):
        assert not soup(site, path).select("span.Z3988"), path
