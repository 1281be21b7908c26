"""The bibliography exports in the built site, read back by real parsers and compared with the YAML.

BibTeX through pybtex, CSL-JSON through citeproc-py, RIS through rispy: each must hold exactly
the works of footnotes/sources.yaml, one entry per work, with their titles, names and years.
"""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest
import rispy
import yaml
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc import types as csl_types
from citeproc.source.json import CiteProcJSON
from pybtex.database import parse_string

from scripts.edition.model import Work
from scripts.edition.render.exports import bibtex_entry, ris_record
from tests.site_html import content

ROOT = Path(__file__).resolve().parent.parent
SOURCES = yaml.safe_load((ROOT / "footnotes/sources.yaml").read_text(encoding="utf-8"))
CHECK_STYLE = ROOT / "tests/data/check.csl"
# The CSL variables citeproc-py 0.11 does not implement (it warns); they are still valid CSL.
CSL_VARIABLES_CITEPROC_PY_LACKS = {"volume_title"}


def _read(site: Path, name: str) -> str:
    return (site / "sources" / name).read_text(encoding="utf-8")


def _people(entry: dict) -> list[dict]:
    return entry.get("author") or entry["editor"]


def _year(entry: dict) -> str | None:
    return str(entry["issued"])[:4] if entry.get("issued") else None


def test_the_bibliography_links_its_three_exports(site):
    links = {a["href"]: a.get("download") for a in content(site, "sources/").select("#export a")}
    assert set(links) == {"bibliography.bib", "bibliography.json", "bibliography.ris"}
    for href, download in links.items():
        assert (site / "sources" / href).stat().st_size > 1000
        assert download and download.endswith(Path(href).suffix)


def test_bibtex_parses_with_pybtex_and_matches_the_sources(site):
    text = _read(site, "bibliography.bib")
    assert len(re.findall(r"^@", text, flags=re.M)) == len(SOURCES), "one entry per work"
    database = parse_string(text, "bibtex")
    assert set(database.entries) == set(SOURCES)
    for key, source in SOURCES.items():
        entry = database.entries[key]
        assert entry.fields["title"].strip("{}") == source["title"].replace("&", "\\&"), key
        role = "author" if source.get("author") else "editor"
        parsed = entry.persons[role]
        assert [" ".join(p.last_names) or str(p) for p in parsed] == \
            [n.get("family") or "{" + n["literal"] + "}" for n in source[role]], key
        assert entry.fields.get("year") == _year(source), key
        if source.get("container-title"):
            field = "booktitle" if source["type"] == "chapter" else "journal"
            assert entry.fields[field] == source["container-title"], key
        if source.get("quoted-in"):
            assert "Quoted in " in entry.fields["note"], key
    assert database.entries["mark-2001"].type == "techreport"
    assert database.entries["haslam-1995"].type == "incollection"
    assert database.entries["birt-1993"].fields["pages"] == "607--625"
    assert database.entries["balfour-1981"].fields["publisher"] == "Routledge \\& Kegan Paul"



def test_bibtex_writes_each_type_of_works_own_fields_in_one_order():
    """What the real works do not all show: a report's publisher is its ``institution`` and its
    series its ``type``; a book's series is ``series``; a book has no field for a container title;
    doi before url. The whole entry, so that the fields' order is held too (btxdoc's field names)."""
    report = Work("mark-x", "report", {
        "author": [{"family": "Mark", "given": "Eduard"}], "title": "Revolution by Degrees",
        "publisher": "Woodrow Wilson Center", "publisher-place": "Washington, DC",
        "collection-title": "CWIHP Working Paper", "number": "31", "issued": "2001-02",
        "DOI": "10.1000/x_1", "URL": "https://example.org/a_b"}, "f", 1)
    assert bibtex_entry(report) == (
        "@techreport{mark-x,\n  author = {Mark, Eduard},\n  title = {{Revolution by Degrees}},\n"
        "  institution = {Woodrow Wilson Center},\n  type = {CWIHP Working Paper},\n  address = {Washington, DC},\n"
        "  number = {31},\n  year = {2001},\n  month = feb,\n  doi = {10.1000/x_1},\n"
        "  url = {https://example.org/a_b}\n}\n")
    book = Work("book-x", "book", {
        "editor": [{"family": "Rzheshevsky", "given": "Oleg A."}], "title": "War and Diplomacy",
        "container-title": "Not a field of a book", "publisher": "Harwood", "publisher-place": "Amsterdam",
        "collection-title": "Russian Studies", "number": "2", "volume": "1", "issued": 1996}, "f", 1)
    assert bibtex_entry(book) == (
        "@book{book-x,\n  editor = {Rzheshevsky, Oleg A.},\n  title = {{War and Diplomacy}},\n"
        "  series = {Russian Studies},\n  publisher = {Harwood},\n  address = {Amsterdam},\n  volume = {1},\n"
        "  number = {2},\n  year = {1996}\n}\n")



def test_ris_writes_each_type_of_works_own_tags_in_one_order():
    """What the real works do not all show: a report's number is its SN and it writes no ISSN
    there; a letter's series is T3 and its number has no tag; a date to the month or the day as
    DA; a place as CY; a second-hand work's note as N1. The whole record, so that the order is held."""
    report = Work("mark-x", "report", {
        "author": [{"family": "Mark", "given": "Eduard"}], "title": "Revolution by Degrees",
        "publisher": "Woodrow Wilson Center", "publisher-place": "Washington, DC",
        "collection-title": "CWIHP Working Paper", "number": "31", "issued": "2001-02", "ISSN": "1234-5678",
        "DOI": "10.1000/x_1", "URL": "https://example.org/a_b"}, "f", 1)
    assert ris_record(report) == (
        "TY  - RPRT\nID  - mark-x\nAU  - Mark, Eduard\nTI  - Revolution by Degrees\nT2  - CWIHP Working Paper\n"
        "SN  - 31\nPY  - 2001\nDA  - 2001/02//\nPB  - Woodrow Wilson Center\nCY  - Washington, DC\n"
        "DO  - 10.1000/x_1\nUR  - https://example.org/a_b\nLA  - en\nER  - \n")
    book = Work("kimball-x", "book", {"editor": [{"family": "Kimball", "given": "Warren F."}],
                                      "title": "Churchill and Roosevelt"}, "f", 1)
    letter = Work("letter-x", "letter", {
        "author": [{"family": "Stalin", "given": "Joseph"}], "title": "letter to Churchill",
        "collection-title": "Correspondence", "number": "7", "issued": "1942-07-23", "quoted-in": "kimball-x",
        "translator": [{"family": "Roe", "given": "Ann"}]}, "f", 1)
    assert ris_record(letter, {"kimball-x": book}) == (
        "TY  - PCOMM\nID  - letter-x\nAU  - Stalin, Joseph\nA4  - Roe, Ann\nTI  - letter to Churchill\n"
        "T3  - Correspondence\nPY  - 1942\nDA  - 1942/07/23/\nLA  - en\n"
        "N1  - Quoted in Warren F. Kimball, Churchill and Roosevelt.\nER  - \n")


def test_csl_json_reads_with_citeproc_and_matches_the_sources(site):
    items = json.loads(_read(site, "bibliography.json"))
    assert len(items) == len(SOURCES) and {item["id"] for item in items} == set(SOURCES)
    in_bibliography = [p["id"] for p in content(site, "sources/").select("p.bib-entry")]
    assert [item["id"] for item in items] == in_bibliography, "the bibliography's order"
    known_types = {getattr(csl_types, name).lower().replace("_", "-") for name in dir(csl_types)
                   if name.isupper()}
    for item in items:
        assert item["type"] in known_types, item["id"]
        assert "quoted-in" not in item and "title-sentence-case" not in item, "edition-only fields leaked"
        if "issued" in item:
            assert item["issued"]["date-parts"][0][0] == int(_year(SOURCES[item["id"]]))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        source = CiteProcJSON(items)
    unsupported = {name.strip() for w in caught if "unsupported" in str(w.message)
                   for name in str(w.message).split(":")[-1].split(",")}
    assert unsupported <= CSL_VARIABLES_CITEPROC_PY_LACKS, unsupported
    bibliography = CitationStylesBibliography(CitationStylesStyle(str(CHECK_STYLE), validate=False),
                                              source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(line) for line in bibliography.bibliography()]
    assert len(rendered) == len(SOURCES)
    for key, entry in SOURCES.items():
        first = _people(entry)[0]
        match = [line for line in rendered if entry["title"] in line]
        assert match and (first.get("family") or first["literal"]) in match[0], key
        if entry.get("quoted-in"):
            assert "Quoted in" in match[0], key


def test_ris_parses_with_rispy_and_matches_the_sources(site):
    text = _read(site, "bibliography.ris")
    assert text.count("\nER  - ") + text.startswith("ER  - ") == len(SOURCES)
    records = rispy.loads(text)
    assert len(records) == len(SOURCES)
    by_id = {r["id"]: r for r in records}
    assert set(by_id) == set(SOURCES)
    for key, source in SOURCES.items():
        record = by_id[key]
        assert not record.get("unknown_tag"), (key, record.get("unknown_tag"))
        assert record["title"] == source["title"], key
        assert record.get("year") == _year(source), key
        # Zotero's roles: an edited book's editors are A3 (tertiary), a chapter's A2 (tests/test_clients.py)
        people = record.get("authors") or record.get("tertiary_authors") or record.get("secondary_authors")
        assert [p.split(",")[0].split(" (")[0] for p in people] == \
            [n.get("family") or n["literal"].split(",")[0] for n in _people(source)], key
    assert by_id["birt-1993"]["type_of_reference"] == "JOUR"
    assert (by_id["birt-1993"]["start_page"], by_id["birt-1993"]["end_page"]) == ("607", "625")
    assert by_id["haslam-1995"]["type_of_reference"] == "CHAP"


@pytest.mark.parametrize("key", sorted(SOURCES))
def test_each_source_page_has_its_own_bibtex_and_ris(site, key):
    blocks = {b.select_one(".filename").get_text(): b.select_one("code").get_text()
              for b in content(site, f"sources/{key}/").select("div.highlight")}
    assert set(blocks) == {"BibTeX", "RIS"}
    assert list(parse_string(blocks["BibTeX"], "bibtex").entries) == [key]
    [record] = rispy.loads(blocks["RIS"])
    assert record["id"] == key and record["title"] == SOURCES[key]["title"]
