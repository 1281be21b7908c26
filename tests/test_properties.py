"""Property-based tests (Hypothesis): arbitrary text in every YAML text field is harmless.

For any string (character references, control characters, fences, braces, line breaks, Unicode
of every category), the renderers produce no event-handler attribute, no javascript:/data:/
vbscript: URL, no tooltip title that decodes to markup, code blocks that hold exactly their
text, and exports that parse back to the same records. Most examples run against the renderers
directly, *without* the loader's checks (so the renderers are safe on their own); a few run
through the loader and a real in-process build, where the input must either be refused by both
``scripts.check`` and the build with the same problems, or give a harmless site.

The ``ci`` profile (the default) is derandomised, so every run tries the same examples;
``HYPOTHESIS_PROFILE=thorough`` tries many more.
"""

from __future__ import annotations

import dataclasses
import html
import json
import os
import re
import xml.etree.ElementTree as etree
from functools import cache
from pathlib import Path

import markdown
import pytest
import rispy
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown.serializers import to_html_string
from pybtex.database import parse_string

from scripts.edition import inline
from scripts.edition.render.exports import bibtex_entry, one_line, ris_record, to_csl_json
from scripts.edition.kinds import url_problem
from scripts.edition.read.loader import load_edition
from scripts.edition.model import Work
from scripts.edition.read.nav import essay_uris, read_mkdocs_yml
from scripts.edition.pages.notes_and_sources import source_page
from tests import verdict
from tests.conftest import ROOT, copy_project

settings.register_profile("ci", derandomize=True, max_examples=120, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=3000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Pieces of hostile input, mixed with arbitrary text of every Unicode category.
HOSTILE = ["```", "~~~", "\n", "\r\n", "\n\n", "}", "{", "\\", "{: onclick=\"alert(1)\" }", "<script>",
           "<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;", "&#60;", "&#x3C;", "&lt",
           "&amp;", "&", "javascript:", "[x](javascript:alert(1))", "[x](&#106;avascript:x)", "*", "**", "_",
           "[", "](", "<!--", "-->", "\x1b[31m", "\x02", "\x03", "\u2028", "\u202e", "ER  - ", "TY  - BOOK",
           "@misc{x,", "\" onmouseover=\"alert(1)", "'", "#", "- ", "1. ", "    ", "|", "%", "$", "~", "^", " and "]
TEXT = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12)), max_size=12).map("".join)
SITE_EXTENSIONS = ["attr_list", "md_in_html", "admonition", "pymdownx.highlight", "pymdownx.superfences", "toc"]


def _render(source: str) -> str:
    return markdown.markdown(source, extensions=SITE_EXTENSIONS)


def _as_shown(text: str) -> str:
    """What a renderer may do to text: control characters out, line breaks as spaces."""
    return text.translate(inline._CONTROLS)


def _squeeze(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- tooltip titles


@given(TEXT)
@example("&lt;img src=x onerror=alert(1)&gt;")
@example("&#60;img src=x onerror=alert(1)&#62;")
def test_a_tooltip_title_never_decodes_to_markup(text):
    """Material shows ``title`` through innerHTML: after the browser's decoding of the attribute,
    the value must hold no tag, and reading it as HTML must give back the text exactly."""
    element = etree.Element("a", {"title": inline.tooltip_title(text)})
    decoded = BeautifulSoup(to_html_string(element), "html.parser").a["title"]  # the attribute, decoded
    assert "<" not in decoded
    assert BeautifulSoup(decoded, "html.parser").find(True) is None  # innerHTML makes no element of it
    assert html.unescape(decoded) == _as_shown(text)  # and shows the text exactly (HTML5 references)


@given(TEXT)
@example('"><img src=x onerror=alert(1)> &lt;b&gt;')
def test_a_tooltip_title_written_into_raw_html_never_decodes_to_markup(text):
    """The same for a title written straight into raw HTML (the timeline's picture): it also
    cannot end its attribute."""
    page = BeautifulSoup(f'<a title="{inline.tooltip_title_html(text)}">x</a>', "html.parser")
    assert [e.name for e in page.find_all(True)] == ["a"] and list(page.a.attrs) == ["title"]
    decoded = page.a["title"]
    assert "<" not in decoded
    assert BeautifulSoup(decoded, "html.parser").find(True) is None
    assert html.unescape(decoded) == _as_shown(text)


# ---------------------------------------------------------------- Markdown of generated pages


@given(TEXT)
def test_escaped_text_renders_as_exactly_that_text(text):
    rendered = BeautifulSoup(_render(inline.escape_markdown(text)), "html.parser")
    assert [e.name for e in rendered.find_all(True)] in ([], ["p"])
    assert _squeeze(rendered.get_text()) == _squeeze(_as_shown(text))


@given(TEXT)
@example("[x](javascript:alert(1)) [y](/\\\\evil.example/) [z](https://ok.example/?a=1&b=2)")
def test_note_text_in_the_inline_subset_is_harmless(text):
    rendered = _render(inline.to_markdown(text))
    assert verdict.harms(rendered) == []
    for link in BeautifulSoup(rendered, "html.parser").find_all("a"):
        assert url_problem(link["href"], relative=True) is None, link["href"]


# ---------------------------------------------------------------- exports and code blocks

FIELDS = ("title", "container-title", "publisher", "publisher-place", "volume", "issue", "page", "URL")


@cache
def _edition():
    config = read_mkdocs_yml(ROOT / "mkdocs.yml")
    return load_edition(ROOT, ROOT / "docs", essay_uris(config["nav"]))


def _work(values: dict[str, str], names: tuple[str, str]) -> Work:
    base = _edition().works["birt-1993"]  # an article: container, volume, issue and pages
    csl = {**base.csl, **{k: v for k, v in values.items() if v}}
    csl["author"] = [{"family": names[0] or "X", "given": names[1] or "Y"}]
    return dataclasses.replace(base, csl=csl)


_BIBTEX_UNESCAPE = {r"{\textbackslash}": "\\", r"{\textbraceleft}": "{", r"{\textbraceright}": "}", r"{\textasciitilde}": "~",
                    r"{\textasciicircum}": "^", **{"\\" + c: c for c in "&%$#_"}}
_BIBTEX_TOKEN = re.compile("|".join(map(re.escape, _BIBTEX_UNESCAPE)))


def _bibtex_text(value: str) -> str:
    return _BIBTEX_TOKEN.sub(lambda m: _BIBTEX_UNESCAPE[m.group(0)], value)


WORK_TEXT = st.fixed_dictionaries({field: TEXT for field in FIELDS})


@given(WORK_TEXT, st.tuples(TEXT, TEXT))
@example({f: "1}, url = {https://evil.example/}, note = {x" for f in FIELDS}, ("a} and {b", "c"))
@example({f: "x\nER  - \n\nTY  - BOOK\nTI  - Forged" for f in FIELDS}, ("\n@misc{", "\\"))
def test_exports_parse_back_to_the_same_record(values, names):
    work = _work(values, names)
    # BibTeX: one entry, the same fields, each value the text it was given
    database = parse_string(bibtex_entry(work), "bibtex")
    assert list(database.entries) == [work.key]
    entry = database.entries[work.key]
    expected = {"title": work.title, "journal": work.csl["container-title"], "volume": work.csl["volume"],
                "number": work.csl["issue"]}
    for field, value in expected.items():
        got = entry.fields[field]
        got = got[1:-1] if field == "title" else got  # titles are double-braced
        assert _squeeze(_bibtex_text(got)) == _squeeze(one_line(value)), field
    assert set(entry.fields) <= {"title", "journal", "volume", "number", "pages", "year", "month", "url",
                                 "publisher", "address", "issn", "doi", "language", "note"}
    assert len(entry.persons["author"]) == 1
    # RIS: one record with the same values
    records = rispy.loads(ris_record(work))
    assert len(records) == 1
    record = records[0]
    for field, key in (("title", "title"), ("container-title", "secondary_title"), ("volume", "volume"),
                       ("issue", "number")):
        assert record.get(key, "") == one_line(work.csl[field]).strip(), field
    # CSL-JSON: exactly the values
    item = json.loads(to_csl_json([work]))[0]
    assert all(item[field] == work.csl[field] for field in ("title", "container-title", "volume", "issue"))


@settings(max_examples=60)
@given(WORK_TEXT, st.tuples(TEXT, TEXT))
def test_a_source_pages_code_blocks_hold_exactly_their_text(values, names):
    """Whatever the fields hold, the BibTeX and RIS blocks end where the renderer ends them."""
    work = _work(values, names)
    rendered = _render(source_page(_edition(), work))
    assert verdict.harms(rendered) == []
    blocks = {block.select_one(".filename").get_text(): block.select_one("pre > code").get_text().rstrip("\n")
              for block in BeautifulSoup(rendered, "html.parser").select("div.highlight")}
    assert blocks == {"BibTeX": bibtex_entry(work, _edition().works).rstrip("\n"),
                      "RIS": ris_record(work, _edition().works).rstrip("\n")}


# ---------------------------------------------------------------- reading YAML

YAML_PIECES = ["\n", "\n  ", "\n- ", "- ", ": ", "a", "key", "x: 1", "[", "]", "{", "}", ", ", "&a ", "*a", "&",
               "*", "!!str ", "!!seq ", "!!map ", "!!float ", "!!int ", "'", '"', "#", "010", "12", "yes", "~", "? ",
               "---", "...", "\t", "|\n  ", ">-\n  ", "\ufeff", "<<: "]
YAML_TEXT = st.lists(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=4)), max_size=30).map("".join)


def _shape(data):
    """Data as read, with the lines it carries, for comparing two reads."""
    if isinstance(data, dict):
        return ("map", getattr(data, "line", None), getattr(data, "key_lines", None),
                [(key, type(key).__name__, _shape(value)) for key, value in data.items()])
    if isinstance(data, list):
        return ("seq", getattr(data, "line", None), getattr(data, "item_lines", None), [_shape(v) for v in data])
    return (type(data).__name__, data)


@given(YAML_TEXT)
@example("a: " + "[" * 13 + "]" * 13)  # too deep: the composer stops, the event pass says where
@example("a: " + "[" * 12 + "]" * 12)  # as deep as allowed
@example("- " * 12 + "x")  # a scalar under twelve collections
@example("- " * 11 + "!!seq []")  # an explicitly tagged, empty twelfth
@example("- " * 12 + "!!seq []")  # and thirteenth
@example("a: " + "[" * 100_000)  # no recursion reaches C's stack
@example("a: *x")  # an alias to nothing: not a YAML error but an alias
@example("a: &x [1]\nb: *x")
@example("a: !!float abc")  # a value no constructor builds
@example("a: !!int")  # constructors that fail by IndexError and KeyError: reported, not raised
@example("a: !!bool maybe")
@example("a: !!seq 010")  # a tag that does not fit its node: reported, not raised
@example("a: !!map [1]")
@example("a: Faber &Co")
@example("\ufeff&a x")  # an anchor after a byte-order mark
@example("a: AT&T")
@example("a: Harcourt, Brace & World")  # as the real sources.yaml: the one pass
@example("a: & x")  # an `&` inside words: the full path, read alike
def test_one_pass_reads_yaml_as_the_full_path_does(text):
    """yamlio's one pass (no anchor possible: the composer stops at the depth limit) reads any
    text to the same data, lines and problems as its full path (the event pass first)."""
    from scripts.edition.read import yamlio

    fast, full = (yamlio._read_text(text, "x.yaml", one_pass=flag) for flag in (True, False))
    assert (fast[0] is None) == any(p.message.startswith(("is not valid YAML", "is empty", "uses a YAML anchor",
                                                           "nests more")) for p in fast[1])
    assert (_shape(fast[0]), fast[1]) == (_shape(full[0]), full[1])


# ---------------------------------------------------------------- a few real builds


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("pristine"))


def _fields(text: str) -> dict[str, tuple[tuple[str, str, str], ...]]:
    """Where each group of the build test puts ``text``: (file, old, new) edits."""
    quoted = json.dumps(text, ensure_ascii=False)  # a YAML double-quoted string
    return {
        "notes-and-sources": (
            ("footnotes/notes/introduction.yaml", '  text: "Keith Sainsbury', '  text: ' + quoted[:-1] + ' Keith Sainsbury'),
            ("footnotes/glossary.yaml", '  text: "Vyacheslav Mikhailovich', '  text: ' + quoted[:-1] + ' Vyacheslav Mikhailovich'),
            ("footnotes/sources.yaml", '  volume: "14"\n', f"  volume: {quoted}\n"),
            ("footnotes/publication.yaml", "  container-title: E-International Relations\n",
             f"  container-title: {json.dumps('E-IR ' + text, ensure_ascii=False)}\n")),
        # the paths added after issue 10: the timeline, the editor's queries, the record of changes
        "timeline-and-queries": (
            ("footnotes/timeline.yaml", "  title: Germany invades Poland; the war in Europe begins\n",
             "  title: " + quoted[:-1] + ' Germany invades Poland; the war in Europe begins"\n'),
            ("footnotes/editorial.yaml", '  query: "Is Stalin’s message', '  query: ' + quoted[:-1] + ' Is Stalin’s message'),
            ("footnotes/changes.yaml", '  - text: "How the apparatus', '  - text: ' + quoted[:-1] + ' How the apparatus')),
        "feature-link": (
            ("footnotes/changes.yaml", "link: editorial.md#queries",
             "link: " + json.dumps("editorial.md#queries" + text, ensure_ascii=False)),),
    }


@settings(max_examples=3, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXT)
@example("Weidenfeld & Nicolson > 1 {braces} \\back *star* [x](https://example.org/a?b=1&c=2) é")
@example('){: onclick="alert(1)" } [x](javascript:alert(1))')
@pytest.mark.parametrize("group", ["notes-and-sources", "timeline-and-queries", "feature-link"])
def test_any_text_in_the_yaml_is_refused_by_both_or_builds_a_harmless_site(pristine, tmp_path_factory, group, text):
    import shutil

    project = tmp_path_factory.mktemp("prop") / "project"
    shutil.copytree(pristine, project)
    for rel, old, new in _fields(text)[group]:
        path = project / rel
        assert old in path.read_text(encoding="utf-8"), (rel, old)
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    checked = verdict.check(project)
    built = verdict.build(project, project.parent / "site")
    assert checked.status == built.status, (checked.output, built.output)
    if checked.status:
        assert checked.problems == built.problems
        return
    site = project.parent / "site"
    assert verdict.site_harms(site) == []
    if group != "notes-and-sources":
        return
    bib = parse_string((site / "sources/bibliography.bib").read_text(encoding="utf-8"), "bibtex")
    assert _squeeze(_bibtex_text(bib.entries["birt-1993"].fields.get("volume", ""))) == _squeeze(text)
    assert len(rispy.loads((site / "sources/bibliography.ris").read_text(encoding="utf-8"))) == len(bib.entries)

