"""The editor's apparatus as a whole (issue 12): queries are a kind of their own, marked, listed
apart and printed differently from corrections; the glossary's dates never contradict a
correction; every glossary entry is named in the essay or its notes; the About page's figures
are the real ones.

The data is read straight from the YAML, the text from tests/data/original.txt (the published
essay), and the pages from the built site.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from tests import original
from tests.site_html import SECTIONS, content

ROOT = Path(__file__).resolve().parent.parent
EDITORIAL = yaml.safe_load((ROOT / "footnotes/editorial.yaml").read_text(encoding="utf-8"))
GLOSSARY = {e["id"]: e for e in yaml.safe_load((ROOT / "footnotes/glossary.yaml").read_text(encoding="utf-8"))}
CORRECTIONS = [e for e in EDITORIAL if e["kind"] != "query"]
QUERIES = [e for e in EDITORIAL if e["kind"] == "query"]

MONTHS = ("January February March April May June July August September October November December").split()
_MONTH = "|".join(MONTHS)


def _days_between(first: str, first_month: str, last: str, last_month: str) -> set[str]:
    """'29 May' … '1 June' as every day between, inclusive ('29 May', '30 May', '31 May', '1 June')."""
    day = date(1944, MONTHS.index(first_month) + 1, int(first))
    end = date(1944, MONTHS.index(last_month) + 1, int(last))
    days = set()
    while day <= end:
        days.add(f"{day.day} {MONTHS[day.month - 1]}")
        day += timedelta(days=1)
    return days


def dates_in(text: str) -> set[str]:
    """The date expressions in a text, normalised: '16 May' (from '16 May' or 'May 16'), 'May', '1943';
    a range ('4–11 February', 'from 29 May to 1 June') gives every day in it."""
    found = {f"{int(d)} {m}" for d, m in re.findall(rf"\b(\d{{1,2}})(?:–\d{{1,2}})? ({_MONTH})\b", text)}
    for first, first_month, last, last_month in re.findall(
            rf"\b(\d{{1,2}})(?: ({_MONTH}))?(?:–| to )(\d{{1,2}}) ({_MONTH})\b", text):
        found |= _days_between(first, first_month or last_month, last, last_month)
    found |= {f"{int(d)} {m}" for m, d in re.findall(rf"\b({_MONTH}) (\d{{1,2}})\b(?!\d)", text)}
    found |= set(re.findall(rf"\b({_MONTH})\b", text))
    found |= set(re.findall(r"(?<!\d)(1[89]\d\d)(?!\d)", text))
    return found


def test_dates_in_reads_the_forms_the_apparatus_uses():
    assert dates_in("Hull, May 16 1943") == {"16 May", "May", "1943"}
    warsaw = dates_in("from 1 August to 2 October 1944")
    assert {"1 August", "15 September", "2 October", "August", "October", "1944"} <= warsaw
    assert not {"31 July", "3 October", "July"} & warsaw
    assert dates_in("4–11 February 1945") == {f"{d} February" for d in range(4, 12)} | {"February", "1945"}
    assert {"30 May", "31 May", "1 June"} <= dates_in("from 29 May to 1 June 1942")
    assert dates_in("July-October 1944") == {"July", "October", "1944"}
    assert dates_in("No. 286, pp. 205–206") == set()


def test_the_apparatus_has_queries_and_the_new_corrections():
    assert len(QUERIES) >= 5
    ids = {e["id"] for e in EDITORIAL}
    # The slips issue 12 asked for, among others: a shortened quotation, two dates the glossary
    # contradicts, a date in a note that cannot be right, a wrong place of publication.
    assert {"great-weight-p7", "warsaw-august-p13", "patriarch-p23", "hull-date-n36", "mastny-place-n20"} <= ids
    assert {"tonnage-p19", "sledgehammer-rejected-p18", "commander-p24", "cable-wording-p8"} <= ids
    # Issue 23: the cable to Maisky redated, quotations the third pass found changed; one query
    # withdrawn (its address now leads to the record of changes).
    assert {"maisky-date-p2", "kopeck-p2", "warsaw-wording-p13", "divisions-wording-p17"} <= ids
    assert "eden-arrival-p6" not in ids


@pytest.mark.parametrize("entry", [e for e in CORRECTIONS if e["kind"] == "date"], ids=lambda e: e["id"])
def test_each_date_correction_names_the_glossary_entries_it_concerns(entry):
    assert entry.get("concerns"), f"{entry['id']}: say which glossary entry holds the event's dates"
    assert set(entry["concerns"]) <= set(GLOSSARY)


@pytest.mark.parametrize("entry", [e for e in EDITORIAL if e.get("concerns")], ids=lambda e: e["id"])
def test_no_glossary_date_contradicts_a_correction(entry):
    """A corrected date must agree with the glossary's entry for the same event: the glossary may
    not give a date the correction rejects, and must give (or span) every date the correction gives."""
    if entry["kind"] == "query":  # a query corrects nothing; its entries must still exist
        assert set(entry["concerns"]) <= set(GLOSSARY)
        return
    rejected = dates_in(entry["original"]) - dates_in(entry["correction"])
    wanted = dates_in(entry["correction"])
    for key in entry["concerns"]:
        said = dates_in(GLOSSARY[key]["text"])
        assert not rejected & said, f"{key} gives {rejected & said}, which {entry['id']} corrects"
        assert wanted <= said, f"{key} does not give {wanted - said}, the date {entry['id']} gives"


def _mentions(form: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text) is not None


@pytest.mark.parametrize("entry", GLOSSARY.values(), ids=lambda e: e["id"])
def test_each_glossary_entry_is_named_in_the_essay_or_its_notes(entry):
    essay = "\n".join(original.paragraphs())
    notes = original.notes()
    where = [n for n in entry.get("notes", []) if any(_mentions(f, notes[n]) for f in entry["matches"])]
    assert any(_mentions(form, essay) for form in entry["matches"]) or where, entry["id"]
    for form in entry["matches"]:
        assert _mentions(form, essay) or any(_mentions(form, notes[n]) for n in entry.get("notes", [])), form


def test_each_glossary_form_belongs_to_one_entry():
    owners: dict[str, str] = {}
    for key, entry in GLOSSARY.items():
        for form in entry["matches"]:
            assert form not in owners, f"“{form}” is a form of {owners.get(form)} and {key}"
            owners[form] = key


def test_the_protagonists_and_the_concepts_are_in_the_glossary():
    assert {"stalin", "churchill", "roosevelt", "hitler", "second-front", "national-front-strategy",
            "lend-lease", "spheres-of-influence"} <= set(GLOSSARY)


def test_queries_are_marked_differently_from_corrections(site):
    marks = {}
    for slug in SECTIONS:
        page = content(site, f"essay/{slug}/")
        for link in page.select("a.edition-query"):
            marks[link["id"].removeprefix("ed-")] = link
        for link in page.select("a.edition-correction"):
            assert link["id"].removeprefix("ed-") not in {q["id"] for q in QUERIES}
    in_text = [q for q in QUERIES if "page" not in q["anchor"]]
    assert sorted(marks) == sorted(q["id"] for q in in_text)
    for query in in_text:
        link = marks[query["id"]]
        assert "edition-correction" not in link["class"]
        assert link["data-tip"].startswith("Editor’s query: ") and query["query"] in link["data-tip"]
        assert link["data-query"] == query["query"] and not link.has_attr("data-correction")


def test_editorial_page_lists_queries_apart_and_counts_both(site):
    page = content(site, "editorial/")
    intro = page.select_one("h1").find_next_sibling("p").get_text()
    assert f"{len(CORRECTIONS)} in all" in intro
    second = page.select_one("h1").find_next_sibling("p").find_next_sibling("p").get_text()
    assert f"{len(QUERIES)} queries" in second
    heading = page.select_one("h2#queries")
    assert heading is not None
    after = heading.find_all_next("div", class_="editorial-entry")
    assert {d["id"] for d in after} == {q["id"] for q in QUERIES}
    for block in after:
        text = block.get_text()
        assert "Editor’s query:" in text and "What is known:" in text and "Where to check:" in text
    # Glossary entries a note concerns are linked from it.
    linked = page.select_one("div#warsaw-august-p13").select("a[href$='#warsaw-uprising']")
    assert linked


def test_note_pages_give_their_queries_under_their_own_heading(site):
    for n in sorted({q["anchor"]["note"] for q in QUERIES if "note" in q["anchor"]}):
        page = content(site, f"notes/{n}/")
        heading = next(h for h in page.select("h2") if h.get_text().startswith("The editor’s queries"))
        block = heading.find_next_sibling("div")
        assert "editorial-query" in block["class"]
        mine = [q for q in QUERIES if q["anchor"].get("note") == n]
        assert mine[0]["query"] in block.get_text()


def test_title_page_legend_explains_queries(site):
    page = content(site, "")
    sample = page.select_one(".edition-legend .legend-query")
    assert sample is not None
    item = sample.find_parent("li").get_text()
    assert "queries" in item and "not corrections" in item
    assert page.select_one(".edition-legend a[href$='editorial/#queries']") is not None


def test_stylesheet_gives_queries_their_own_look_and_print():
    css = (ROOT / "docs/stylesheets/edition.css").read_text(encoding="utf-8")
    block = css[css.index("The editor's queries"):]
    assert "a.edition-query" in block and "dashed" in block
    assert 'attr(data-query)' in block[block.index("@media print"):]


def test_about_page_gives_the_apparatus_figures(site):
    text = " ".join(content(site, "about/").get_text().split())
    assert f"{len(CORRECTIONS)} corrections" in text
    assert f"{len(QUERIES)} queries" in text
    assert f"{len(GLOSSARY)} entries" in text


def test_queries_look_different_in_a_browser(page, server):
    """Computed styles in Chromium: a query's underline is dashed, a correction's wavy; in print a
    query writes out what it asks."""
    page.goto(server + "/essay/borders-and-the-alliance/")
    style = lambda sel, prop: page.eval_on_selector(sel, f"e => getComputedStyle(e).{prop}")  # noqa: E731
    assert style("a.edition-query", "textDecorationStyle") == "dashed"
    assert style("a.edition-correction", "textDecorationStyle") == "wavy"
    assert page.eval_on_selector("a.edition-query", "e => getComputedStyle(e, '::after').content") == '"ed.?" / "(editor’s query)"'
    page.emulate_media(media="print")
    after = page.eval_on_selector("a.edition-query", "e => getComputedStyle(e, '::after').content")
    assert "ed. query:" in after


@pytest.mark.parametrize("old, new, expected", [
    # a query that also says what is "right": it must not
    ('  query: "Were the Soviet demands', '  original: "8 million"\n  query: "Were the Soviet demands',
     ["`original` does not belong in a query"]),
    # a query without its question
    ('  query: "Were the Soviet demands to be cut “from 8 million tons”?"\n', "",
     ["`query` is missing"]),
    # a correction that asks instead of correcting
    ('  correction: "Zhukov"\n', '  query: "Zhukov?"\n', ["`correction` is missing", "`query` does not belong in a correction"]),
    # a misspelt glossary id in `concerns`
    ("concerns: [warsaw-uprising]", "concerns: [warsaw-uprisin]", ["concerns `warsaw-uprisin`", "did you mean `warsaw-uprising`?"]),
])
def test_a_malformed_query_or_link_stops_the_check_with_a_clear_message(project_copy, old, new, expected):
    from scripts.check import main

    path = project_copy / "footnotes/editorial.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status = main(["--root", str(project_copy)])
    message = err.getvalue()
    assert status == 1, message
    assert "footnotes/editorial.yaml:" in message and "Traceback" not in message
    for fragment in expected:
        assert fragment in message, message
