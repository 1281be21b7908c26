"""The editor's layers on the built site: every correction stands at its phrase, on the
Editorial notes page and on its note's page; every glossary entry is on the Glossary page,
linked to where it is mentioned, and marked at its first mention on the essay's pages.

The data is read straight from the YAML and checked against tests/data/original.txt, the
reference copy of the published text, so a phrase that is not really in the essay fails here.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from tests import original
from tests.site_html import SECTIONS, content, one, select

ROOT = Path(__file__).resolve().parent.parent
EDITORIAL = yaml.safe_load((ROOT / "footnotes/editorial.yaml").read_text(encoding="utf-8"))
GLOSSARY = yaml.safe_load((ROOT / "footnotes/glossary.yaml").read_text(encoding="utf-8"))
CORRECTIONS = [e for e in EDITORIAL if e["kind"] != "query"]
QUERIES = [e for e in EDITORIAL if e["kind"] == "query"]


def _mark(entry) -> str:
    """The class of the link that marks an editorial note's phrase: queries look different."""
    return "edition-query" if entry["kind"] == "query" else "edition-correction"


def _says(entry) -> tuple[str, ...]:
    """The fields an editorial note shows: a correction's, or a query's."""
    return ("query", "explanation", "basis") if entry["kind"] == "query" else \
        ("original", "correction", "explanation", "basis")


def _section_of_paragraph(site, n: int) -> str:
    for slug in SECTIONS:
        if content(site, f"essay/{slug}/").select_one(f"p#p{n}") is not None:
            return slug
    raise AssertionError(f"no paragraph {n}")


def _section_of_note(site, n: int) -> str:
    for slug in SECTIONS:
        if content(site, f"essay/{slug}/").select_one(f"li[id='fn:{n}']") is not None:
            return slug
    raise AssertionError(f"no note {n}")


def _resolve(page_url: str, href: str) -> tuple[str, str]:
    """(site path, fragment) of a relative link on the page at ``page_url``."""
    parts = urlsplit(urljoin(f"http://site/{page_url}", href))
    return parts.path.lstrip("/"), parts.fragment


def test_the_layers_are_substantial():
    assert len(EDITORIAL) >= 30
    assert len(GLOSSARY) >= 30
    wanted = {"barbarossa", "typhoon", "sledgehammer", "overlord", "tehran-conference", "yalta-conference",
              "casablanca-conference", "comintern", "omi", "ppr", "home-army", "katyn", "molotov", "eden",
              "maisky", "winant", "harriman", "cordell-hull", "dimitrov", "montreux-convention", "hess-affair",
              "bern-negotiations"}
    assert wanted <= {entry["id"] for entry in GLOSSARY}


@pytest.mark.parametrize("entry", EDITORIAL, ids=lambda e: e["id"])
def test_each_correction_is_anchored_to_text_that_is_really_there(entry):
    anchor, phrase = entry["anchor"], entry["anchor"]["phrase"]
    if entry["kind"] == "query":
        assert entry["query"].strip() and "original" not in entry and "correction" not in entry
    else:
        assert entry["original"] in phrase
        assert entry["original"] != entry["correction"]
    assert entry["basis"].strip() and entry["explanation"].strip()
    if "paragraph" in anchor:
        text = original.paragraphs()[anchor["paragraph"] - 1]
        assert text.count(phrase) == 1, f"paragraph {anchor['paragraph']} of the original"
    elif "note" in anchor:
        assert original.notes()[anchor["note"]].count(phrase) == 1, f"note {anchor['note']} of the original"
    else:  # a phrase of an edition page that quotes the published title
        assert entry.get("original", "") in original.title()
        assert phrase.strip("“”") in original.title()


@pytest.mark.parametrize("entry", EDITORIAL, ids=lambda e: e["id"])
def test_each_correction_is_marked_at_its_phrase(site, entry):
    anchor, phrase, eid = entry["anchor"], entry["anchor"]["phrase"], entry["id"]
    places = []  # (page url, element the mark must be in)
    if "paragraph" in anchor:
        slug = _section_of_paragraph(site, anchor["paragraph"])
        places.append((f"essay/{slug}/", f"p#p{anchor['paragraph']}"))
    elif "note" in anchor:
        slug = _section_of_note(site, anchor["note"])
        places.append((f"essay/{slug}/", f"li[id='fn:{anchor['note']}']"))
        places.append((f"notes/{anchor['note']}/", "blockquote.author-note"))
    else:
        places.append(((anchor["page"][:-3] + "/").removeprefix("index/"), None))
    for url, scope in places:
        page = content(site, url)
        marks = page.select(f"a.{_mark(entry)}#ed-{eid}")
        assert len(marks) == 1, f"{eid} on {url}"
        mark = marks[0]
        assert mark.get_text() == phrase
        if scope:
            assert page.select_one(scope).select_one(f"#ed-{eid}") is mark, f"{eid} is not in {scope} on {url}"
        assert entry[_says(entry)[-3]] in mark["data-tip"] and entry["basis"] in mark["data-tip"]
        assert not mark.find_all(True), "the mark wraps the author's words only"
        assert _resolve(url, mark["href"]) == ("editorial/", eid)


def test_corrections_count_on_the_site(site):
    marks = sum(len(content(site, f"essay/{slug}/").select("a.edition-correction")) for slug in SECTIONS)
    in_body_and_notes = sum(1 for e in CORRECTIONS if "page" not in e["anchor"])
    assert marks == in_body_and_notes
    queries = sum(len(content(site, f"essay/{slug}/").select("a.edition-query")) for slug in SECTIONS)
    assert queries == sum(1 for e in QUERIES if "page" not in e["anchor"])


def test_editorial_page_lists_every_correction_linking_to_its_place(site):
    page = content(site, "editorial/")
    entries = select(page, "div.editorial-entry:not(.editorial-query)")
    assert [e["id"] for e in entries] == [e["id"] for e in _in_text_order(CORRECTIONS)]
    queries = page.select("div.editorial-entry.editorial-query")  # listed apart, after the corrections
    assert [e["id"] for e in queries] == [e["id"] for e in _in_text_order(QUERIES)]
    assert page.select("div.editorial-entry")[-len(QUERIES):] == queries
    for entry in EDITORIAL:
        block = one(page, f"div.editorial-entry#{entry['id']}")
        text = block.get_text()
        for field in _says(entry):
            assert entry[field] in text, f"{entry['id']}: {field}"
        path, fragment = _resolve("editorial/", block.select_one("a")["href"])
        assert fragment == f"ed-{entry['id']}"
        assert content(site, path).select_one(f"#ed-{entry['id']}") is not None, path


def _in_text_order(entries):
    def key(entry):
        a = entry["anchor"]
        if "page" in a:
            return (0, 0, 0)
        kind, n = ("paragraph", 1) if "paragraph" in a else ("note", 2)
        text = original.paragraphs()[a[kind] - 1] if kind == "paragraph" else original.notes()[a[kind]]
        return (n, a[kind], text.index(a["phrase"]))
    return sorted(entries, key=key)


def test_note_pages_show_their_corrections(site):
    for n in range(1, 38):
        mine = [e for e in CORRECTIONS + QUERIES if e["anchor"].get("note") == n]
        page = content(site, f"notes/{n}/")
        blocks = page.select("div.editorial-entry")
        assert len(blocks) == len(mine), f"note {n}"
        for entry, block in zip(mine, blocks):
            assert entry[_says(entry)[-3]] in block.get_text() and entry["basis"] in block.get_text()
            assert ("editorial-query" in block["class"]) == (entry["kind"] == "query")
            assert _resolve(f"notes/{n}/", block.select_one("a")["href"]) == ("editorial/", entry["id"])


def test_glossary_page_has_every_entry_linking_to_its_mentions(site):
    page = content(site, "glossary/")
    assert len(page.select("h3.glossary-heading")) == len(GLOSSARY)
    for entry in GLOSSARY:
        heading = page.select_one(f"h3#{entry['id']}")
        assert heading is not None and entry["term"] in heading.get_text()
        assert entry["text"] in heading.find_next_sibling("p").get_text()
        mentions = heading.find_next_sibling("p", class_="glossary-mentions")
        links = select(mentions, "a")
        assert len({link["href"] for link in links}) == len(links), f"{entry['id']}: a place listed twice"
        for link in links:
            path, fragment = _resolve("glossary/", link["href"])
            if path.startswith("notes/"):
                target = content(site, path).select_one("blockquote.author-note").get_text()
            else:
                target = content(site, path).select_one(f"p#{fragment}").get_text()
            assert any(re.search(rf"(?<!\w){re.escape(form)}(?!\w)", target) for form in entry["matches"]), \
                f"{entry['id']}: {link['href']}"


def test_each_glossary_entry_is_marked_once_per_page_at_its_first_free_mention(site):
    by_id = {entry["id"]: entry for entry in GLOSSARY}
    marked = set()
    for slug in SECTIONS:
        page = content(site, f"essay/{slug}/")
        seen = {}
        for link in page.select("a.glossary-term"):  # none on a page is possible; `marked` counts them all
            path, key = _resolve(f"essay/{slug}/", link["href"])
            assert path == "glossary/"
            assert key not in seen, f"{key} marked twice on {slug}"
            seen[key] = link
            assert link.get_text() in by_id[key]["matches"]
            assert link["data-tip"].startswith(f"Glossary (the editor’s): {by_id[key]['term']}.") and by_id[key]["text"] in link["data-tip"]
            assert not link.find_parent("a"), "glossary marks never nest in other links"
            marked.add(key)
        for paragraph in select(page, "p.essay-paragraph"):
            text, covered = _text_and_cover(paragraph)
            for key, entry in by_id.items():
                if key in seen:
                    continue
                for form in entry["matches"]:
                    for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
                        # An unmarked mention must itself sit inside an editorial correction or query or a
                        # glossary mark, or be part of a longer form (which wins: "Anti-Comintern Pact").
                        if not _in_a_longer_form(text, match, by_id):
                            assert all(covered[match.start():match.end()]), \
                                f"{key} ({form}) unmarked in {paragraph['id']} on {slug}"
    assert len(marked) >= 30


def _in_a_longer_form(text: str, match: re.Match, by_id: dict) -> bool:
    form = match.group(0)
    for entry in by_id.values():
        for longer in entry["matches"]:
            if len(longer) > len(form) and form in longer:
                for other in re.finditer(rf"(?<!\w){re.escape(longer)}(?!\w)", text):
                    if other.start() <= match.start() and match.end() <= other.end():
                        return True
    return False


def _text_and_cover(element) -> tuple[str, list[bool]]:
    """An element's text, and for each character whether it lies inside a correction or a glossary mark."""
    text, covered = [], []
    for string in element.find_all(string=True):
        inside = any(parent.name == "a" and set(parent.get("class", [])) & {"edition-correction", "edition-query", "glossary-term"}
                     for parent in string.parents)
        text.append(str(string))
        covered += [inside] * len(string)
    return "".join(text), covered


def test_glossary_marks_first_mentions(site):
    page = content(site, "essay/borders-and-the-alliance/")
    first = one(page, "p#p6 a.glossary-term[href$='#eden']")
    assert first.get_text() == "Eden"
    assert page.select_one("p#p7 a.glossary-term[href$='#eden']") is None
    # Longest form first: the Anti-Comintern Pact, not the Comintern inside it.
    pact = one(content(site, "essay/nazi-soviet-pact/"), "a.glossary-term[href$='#anti-comintern-pact']")
    assert pact.get_text() == "Anti-Comintern Pact"
    # Names found only in a note are marked there (Dimitrov, note 19).
    note = one(content(site, "notes/19/"), "blockquote.author-note a.glossary-term")
    assert note.get_text() == "Georgi Dimitrov"
