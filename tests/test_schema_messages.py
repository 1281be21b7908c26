"""What the schemas say to an editor, word for word: each kind of schema error, its message and
its advice (scripts/edition/read/schema.py), on the real YAML files with one thing broken.

test_validations.py runs whole files through the loader and checks files and lines; this pins
every branch of the wording, in milliseconds. And the quick validator (jsonschema-rs), which says
first whether a file is valid, must give jsonschema's verdict on any change to a real file.
"""

from __future__ import annotations

import copy
import json
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scripts.edition.read import schema
from scripts.edition.read.yamlio import load_yaml
from tests.site_html import FOOTNOTES
from tests.test_properties import TEXT  # its Hypothesis profile too

SOURCES, NOTES, EDITORIAL, GLOSSARY = "sources", "notes/warsaw", "editorial", "glossary"
TIMELINE, PUBLICATION, CHANGES = "timeline", "publication", "changes"
ALLOWED_IN_A_WORK = ("DOI, URL, author, collection-title, container-title, editor, issue, issued, language, "
                     "number, original-date, page, publisher, publisher-place, quoted-in, title, title-short, translator, "
                     "type, volume, volume-title")
QUERY_OR_CORRECTION = ("a query has `query`, `explanation` and `basis`; a correction has `original`, "
                       "`correction`, `explanation` and `basis`")


@cache
def _real(name: str):
    data, problems = load_yaml(FOOTNOTES / f"{name}.yaml", f"footnotes/{name}.yaml")
    assert not problems
    return data


def _set(path, value):
    def change(data):
        *parents, last = path
        for step in parents:
            data = data[step]
        data[last] = value
    return change


def _drop(path):
    def change(data):
        *parents, last = path
        for step in parents:
            data = data[step]
        del data[last]
    return change


def _both(*changes):
    def change(data):
        for one in changes:
            one(data)
    return change


CASES = {
    "unknown field, with a close match": (SOURCES, _set(["balfour-1981", "titel"], "x"),
                                          [("unknown field `titel`", f"did you mean `title`? Allowed fields: {ALLOWED_IN_A_WORK}")]),
    "unknown fields, no close match": (SOURCES, _both(_set(["balfour-1981", "zzz"], 1), _set(["balfour-1981", "yyy"], 1)),
                                       [("unknown field `yyy`, `zzz`", f"allowed fields: {ALLOWED_IN_A_WORK}")]),
    "missing field": (NOTES, _drop([0, "text"]), [("`text` is missing", "")]),
    "a short kind quotes its value": (SOURCES, _set(["balfour-1981", "issued"], "1981-13"),
                                      [('`issued` "1981-13" is not a date in the calendar',
                                        "write a year (1995), a month (1993-12) or a day (1943-05-16)")]),
    "prose is not quoted": (SOURCES, _set(["balfour-1981", "title"], "x" * 5000),
                            [("`title` is 5,000 characters long; at most 1,000 are allowed",
                              "write one line of plain text; markup and &-references are not allowed here")]),
    "a number as text": (NOTES, _set([0, "n"], "23"), [('`n` must be a whole number, not "23"', "")]),
    "6.0 is not a whole number": (NOTES, _set([0, "n"], 6.0), [("`n` must be a whole number, not 6.0", "")]),
    "true is not a whole number": (NOTES, _set([0, "n"], True), [("`n` must be a whole number, not true", "")]),
    "a list where a number goes": (NOTES, _set([0, "n"], [1]), [("`n` must be a whole number, not a list", "")]),
    "text that is a number": (NOTES, _set([0, "text"], 5), [("`text` must be text, not 5", "put the value in quotes")]),
    "a mapping where a list goes": (SOURCES, _set(["balfour-1981", "author"], {"family": "x"}),
                                    [("`author` must be a list, not a mapping", "")]),
    "a value not among the choices": (NOTES, _set([0, "kind"], "cite"),
                                      [('`kind` is "cite"; it must be one of citation, ibid, short, quoted-in', "")]),
    "an invisible character is shown": (NOTES, _set([0, "kind"], "ci\u202etation"),
                                        [('`kind` is "ci\\u202etation"; it must be one of citation, ibid, short, '
                                          'quoted-in', "")]),
    "a long or strange value is shortened and made visible": (
        NOTES, _set([0, "kind"], "c\u0007" + "x" * 200),
        [('`kind` is "c\\u0007' + "x" * 51 + '…; it must be one of citation, ibid, short, quoted-in', "")]),
    "a key of the wrong form": (NOTES, _set([0, "work"], "Glantz 1998"),
                                [('`work` "Glantz 1998" is not a key: lower-case letters, digits and hyphens, at most 80',
                                  "keys are lower-case words joined by hyphens, like haslam-1995"),
                                 ('`work` "Glantz 1998" does not have the expected form',
                                  "keys are lower-case words joined by hyphens, like haslam-1995")]),
    "a link without https": (SOURCES, _set(["balfour-1981", "URL"], "http://x.org"),
                             [('`URL` "http://x.org" does not have the expected form', "links must use https://")]),
    "below the minimum": (NOTES, _set([0, "n"], 0), [("`n` is 0; it must be at least 1", "")]),
    "above the maximum": (EDITORIAL, _set([1, "anchor", "paragraph"], 10001),
                          [("`paragraph` is 10001; it must be at most 10000", "")]),
    "too many": (EDITORIAL, _set([3, "concerns"], [f"e-{i}" for i in range(51)]), [("`concerns` is too long (at most 50)", "")]),
    "none": (EDITORIAL, _set([3, "concerns"], []), [("`concerns` is empty", "")]),
    "too short": (GLOSSARY, _set([0, "matches"], ["M"]), [('`matches` "M" is too short (at least 2)', "")]),
    "the same twice": (EDITORIAL, _set([3, "concerns"], ["yalta-conference", "a-b", "a-b"]),
                       [('`concerns` lists "a-b" more than once', "")]),
    "neither author nor editor": (SOURCES, _drop(["balfour-1981", "author"]),
                                  [("`balfour-1981` needs one of `author` or `editor`", "")]),
    "a name without family or literal": (SOURCES, _set(["balfour-1981", "author"], [{"given": "M"}]),
                                         [("a name needs either `family` (and usually `given`) or `literal`", "")]),
    "an anchor in two places": (EDITORIAL, _set([1, "anchor", "note"], 3),
                                [("`anchor` needs exactly one of `paragraph`, `note`, `page`", "")]),
    "an anchor in none": (EDITORIAL, _drop([1, "anchor", "paragraph"]),
                          [("`anchor` needs exactly one of `paragraph`, `note`, `page`", "")]),
    "a correction with a query": (EDITORIAL, _set([1, "query"], "x"),
                                  [("`query` does not belong in a correction", QUERY_OR_CORRECTION)]),
    "a query with a correction's fields": (EDITORIAL, _both(_set([1, "kind"], "query"), _set([1, "query"], "q")),
                                           [("`correction` does not belong in a query", QUERY_OR_CORRECTION),
                                            ("`original` does not belong in a query", QUERY_OR_CORRECTION)]),
    "a name the site's pages use": (EDITORIAL, _set([1, "id"], "corrections"),
                                    [('`id` "corrections" is a name the site\'s own pages use',
                                      "choose another name: corrections, queries, the-title, the-essay, "
                                      "the-authors-notes are taken")]),
    "a key that is not allowed": (SOURCES, lambda data: data.__setitem__("Bad Key", dict(data["balfour-1981"])),
                                  [('the key "Bad Key" is not allowed',
                                    "keys are lower-case words joined by hyphens, like haslam-1995, and not a name "
                                    "the site's own pages use (index, bibliography, export)")]),
    "an entry that is not a mapping": (NOTES, lambda data: data.__setitem__(0, "just text"),
                                       [('this entry must be a mapping, not "just text"', "")]),
    "a field of two types": (SOURCES, _set(["balfour-1981", "issued"], [1981]),
                             [("`issued` must be a whole number or text, not a list", "")]),
    "a label too long": (TIMELINE, _set([0, "label"], "x" * 41), [("`label` is too long (at most 40)", "")]),
    "an empty mapping": (NOTES, _set([0, "locator"], {}), [("`locator` is empty", "")]),
    "too many works": (SOURCES, lambda data: data.update({f"w-{i}": dict(data["balfour-1981"]) for i in range(5001)}),
                       [(f"the file holds {5001 + len(_real(SOURCES)):,} entries; at most 5,000 are allowed", "")]),
    "a second publication": (PUBLICATION, lambda data: data.update({"other-2011": dict(next(iter(data.values())))}),
                             [("the file holds 2 entries; at most 1 is allowed", "")]),
    "an address without a host": (SOURCES, _set(["balfour-1981", "URL"], "https://"),
                                  [('`URL` "https://" has no host after https://',
                                    "write the full address, https://…, as the browser shows it")]),
    "a page outside docs/": (EDITORIAL, _set([0, "anchor", "page"], "../x.md"),
                             [('`page` "../x.md" is not a page under docs/ (like index.md or essay/warsaw.md)',
                               "name a page under docs/, like index.md")]),
    "a link outside docs/": (CHANGES, _set([0, "added", "features", 0, "link"], "../x.md"),
                             [('`link` "../x.md" is not a page under docs/ with an optional #anchor (like '
                               'about.md#versions)', "name a page under docs/ and, if you like, an anchor on it: "
                               "about.md#versions")]),
}


@pytest.mark.parametrize("name", CASES)
def test_each_schema_error_is_said_in_the_editors_words(name):
    file, change, expected = CASES[name]
    data = copy.deepcopy(_real(file))
    change(data)
    problems = schema.check(data, file.split("/")[0], f"footnotes/{file}.yaml", note_of=lambda path: 7,
                            entry_of=lambda path: f"entry {path[:1]}")
    assert sorted({(p.message, p.hint) for p in problems}) == sorted(expected)
    assert {(p.file, p.note) for p in problems} == {(f"footnotes/{file}.yaml", 7)}  # where, and whose
    assert all(p.entry.startswith("entry [") for p in problems)


def test_the_real_files_raise_nothing():
    for file in CASES.values():
        assert schema.check(_real(file[0]), file[0].split("/")[0], "x") == []


# ---------------------------------------------------------------- two validators, one verdict

SCHEMA_FILES = {"sources": "sources", "notes": "notes/warsaw", "editorial": "editorial", "glossary": "glossary",
                "timeline": "timeline", "publication": "publication", "changes": "changes"}
VALUES = st.one_of(TEXT, st.sampled_from(["", "x", "a-b", "1943", "1943-05", "1943-13-40", "https://a.org/x",
                                          "https://a b", "10.1000/x", "ru", "1.0.0", "010", "warsaw", "a\n",
                                          "1934-X", "2011-11-23"]),
                   st.integers(-3, 20_000), st.sampled_from([0, 1, 6.0, 2.5, float("nan"), True, False, None]),
                   st.lists(st.one_of(st.integers(0, 40), TEXT), max_size=3),
                   st.dictionaries(st.sampled_from(["text", "n", "kind", "work", "x", "id", "date"]),
                                   st.one_of(TEXT, st.integers(0, 40)), max_size=3))


def _paths(node, path=()):
    yield path
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in children:
        yield from _paths(child, (*path, key))


@given(st.sampled_from(sorted(SCHEMA_FILES)), st.data())
def test_jsonschema_rs_and_jsonschema_give_one_verdict_on_any_change_to_a_real_file(name, data):
    """read/schema.py lets jsonschema-rs say first whether a file is valid; where it says yes,
    jsonschema (and so every message) is skipped. So both must agree, on the edition's own rules
    too (kinds of text, whole numbers), for values of any type put anywhere, keys added or removed."""
    document, problems = load_yaml(FOOTNOTES / f"{SCHEMA_FILES[name]}.yaml", name)
    assert not problems
    document = json.loads(json.dumps(document))  # a copy of plain lists, dicts and text to change
    for _ in range(data.draw(st.integers(1, 3))):
        paths = list(_paths(document))[1:]
        if not paths:  # all deleted
            break
        path = data.draw(st.sampled_from(paths))
        *parents, last = path
        owner = document
        for step in parents:
            owner = owner[step]
        change = data.draw(st.sampled_from(["set", "delete", "add"]))
        if change == "delete" or (change == "add" and not isinstance(owner, dict)):
            del owner[last]
        elif change == "add":
            owner[data.draw(st.sampled_from(["x", "text", "note", "kind", "Title", "1"]))] = data.draw(VALUES)
        else:
            owner[last] = data.draw(VALUES)
    errors = list(schema.validator(name).iter_errors(document))
    assert schema.valid(document, name) == (not errors), [e.message for e in errors]


def test_the_quick_validator_refuses_what_only_the_edition_refuses():
    """The edition's own rules, not JSON Schema's, in the quick validator: a control character in a text,
    a whole number written 6.0, a number given as True (each alone would pass plain JSON Schema)."""
    notes, _ = load_yaml(FOOTNOTES / "notes/warsaw.yaml", "notes")
    notes = json.loads(json.dumps(notes))
    assert schema.valid(notes, "notes")
    for field, value in [("text", "a\x02b"), ("n", float(notes[0]["n"])), ("n", True)]:
        changed = json.loads(json.dumps(notes))
        changed[0][field] = value
        assert not schema.valid(changed, "notes"), (field, value)
        assert list(schema.validator("notes").iter_errors(changed)), (field, value)
