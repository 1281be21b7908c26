"""Every validation the README promises, one case each, in-process and in milliseconds.

Each case breaks a throwaway copy of the project's sources in one way, loads it exactly as
``mkdocs build`` and ``python -m scripts.check`` do (:func:`load_edition`), and asserts that the
problem reported names the file, the line and the note or entry, and says what is wrong. The
targets are picked from the real edition where they can be (the first "Ibid.", the first
correction…), so the cases keep working when the apparatus grows.

The MkDocs path itself (a docs file hiding a generated page, the glue's own checks, no traceback)
is proved by one real build and by calling the hooks directly; ``scripts.check`` is run as the
command the README documents. tests/test_bad_input.py builds the site for the commonest mistakes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Callable

import pytest

from scripts import check
from scripts.edition.read.essay import MARKER
from scripts.edition.read.loader import load_edition
from scripts.edition.read.nav import essay_uris, read_mkdocs_yml
from scripts.edition.problems import EditionError, Problem
from tests.conftest import ROOT, build, copy_project

NOTES = "footnotes/notes"
SOURCES = "footnotes/sources.yaml"
PUBLICATION = "footnotes/publication.yaml"
EDITORIAL = "footnotes/editorial.yaml"
GLOSSARY = "footnotes/glossary.yaml"
TIMELINE = "footnotes/timeline.yaml"


# ---------------------------------------------------------------- the project, and how to break it

def _load(project: Path):
    config = read_mkdocs_yml(project / "mkdocs.yml")
    return load_edition(project, project / "docs", essay_uris(config["nav"]))


@pytest.fixture(scope="module")
def real():
    """The real edition, to pick what to break."""
    return _load(ROOT)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("pristine")
    for name in ("docs", "footnotes"):
        shutil.copytree(ROOT / name, copy / name)
    for name in ("mkdocs.yml", "pyproject.toml"):  # pyproject.toml: the edition's version
        shutil.copy(ROOT / name, copy / name)
    return copy


@pytest.fixture
def project(pristine, tmp_path) -> Path:
    return Path(shutil.copytree(pristine, tmp_path / "project"))


def problems_of(project: Path) -> list[Problem]:
    with pytest.raises(EditionError) as caught:
        _load(project)
    return caught.value.problems


def read(project: Path, rel: str) -> str:
    return (project / rel).read_text(encoding="utf-8")


def write(project: Path, rel: str, text: str) -> None:
    (project / rel).write_text(text, encoding="utf-8")


def line_at(text: str, index: int) -> int:
    return text[:index].count("\n") + 1


def line_of(project: Path, rel: str, needle: str) -> int:
    text = read(project, rel)
    assert needle in text, f"{needle!r} not in {rel}"
    return line_at(text, text.index(needle))


def replace(project: Path, rel: str, old: str, new: str) -> int:
    """Replace the first ``old`` in a file; returns the line where it stood."""
    line = line_of(project, rel, old)
    write(project, rel, read(project, rel).replace(old, new, 1))
    return line


def append(project: Path, rel: str, block: str) -> int:
    """Append a YAML block to a file; returns the line of its first key."""
    text = read(project, rel).rstrip("\n") + "\n\n"
    write(project, rel, text + block)
    return line_at(text, len(text)) + (1 if block.startswith("\n") else 0)


def note_file(real, n: int) -> str:
    return real.notes[n].file


def set_note_field(project: Path, real, n: int, field: str, value: str) -> tuple[str, int]:
    """Set (or add) one field of note ``n`` in its YAML file; returns (file, the note's line)."""
    rel = note_file(real, n)
    text = read(project, rel)
    start = text.index(f"- n: {n}\n")
    end = text.find("\n- n: ", start)
    end = len(text) if end < 0 else end + 1
    block = text[start:end]
    if re.search(rf"^  {field}: .*$", block, flags=re.M):
        block = re.sub(rf"^  {field}: .*$", f"  {field}: {value}", block, count=1, flags=re.M)
    else:
        block = block.rstrip("\n") + f"\n  {field}: {value}\n" + ("\n" if block.endswith("\n\n") else "")
    write(project, rel, text[:start] + block + text[end:])
    return rel, line_at(text, start)


def essay_file(real, section) -> str:
    return f"docs/{section.src_uri}"


# ---------------------------------------------------------------- what a case expects

@dataclass
class Expect:
    file: str
    line: int | None
    says: str
    note: int | None = None
    entry: str = ""
    advised: bool = True  # a hint follows (schema enums list the allowed values in the message itself)
    exact: bool = False  # `says` is the whole message
    hint: str = ""  # words the hint must hold
    alone: bool = False  # no other problem follows from it (what could not be read is not reported again)


def assert_reported(problems: list[Problem], expect: Expect) -> Problem:
    """The problem is there, with its file, line, note or entry and words, and its printed form
    (what an editor reads) starts ``file:line: note N:``."""
    listing = "\n".join(map(str, problems))
    found = [p for p in problems if (p.file, p.line, p.note, p.entry) ==
             (expect.file, expect.line, expect.note, expect.entry)
             and (expect.hint == p.hint if expect.exact else expect.hint in p.hint)
             and (expect.says == p.message if expect.exact else expect.says in p.message)]
    assert found, f"expected {expect} among:\n{listing}"
    problem = found[0]
    where = f"{expect.file}:{expect.line}" if expect.line else expect.file
    who = f" note {expect.note}:" if expect.note is not None else f" {expect.entry}:" if expect.entry else ""
    assert str(problem).startswith(f"{where}:{who} "), str(problem)
    assert problem.hint or not expect.advised, f"no advice for the editor: {problem}"
    return problem


Case = Callable[[Path, object], Expect]
CASES: dict[str, Case] = {}


def case(function: Case) -> Case:
    CASES[function.__name__] = function
    return function


# ---------------------------------------------------------------- markers and notes

@case
def marker_with_no_note(p, real):
    section = real.sections[-1]
    rel = essay_file(real, section)
    paragraph = section.paragraphs[0]
    n = max(real.notes) + 1
    words = paragraph.source.split()[2]
    line = replace(p, rel, f" {words} ", f" {words}[^{n}] ")
    return Expect(rel, line, f"marker [^{n}] has no note", n)


@case
def note_with_no_marker(p, real):
    note = real.notes[max(real.notes)]
    rel = essay_file(real, real.section(note.marker.section))
    replace(p, rel, f"[^{note.n}]", "")
    return Expect(note.file, note.line, "has no marker in the essay", note.n)


@case
def marker_used_twice(p, real):
    note = real.notes[1]
    rel = essay_file(real, real.section(note.marker.section))
    text = read(p, rel)
    at = text.index(f"[^{note.n}]") + len(f"[^{note.n}]")
    write(p, rel, text[:at] + f"[^{note.n}]" + text[at:])
    return Expect(rel, line_at(text, at), f"marker [^{note.n}] is used a second time", note.n)


@case
def markers_out_of_order(p, real):
    section = next(s for s in real.sections if len(s.markers) >= 2)
    rel = essay_file(real, section)
    a, b = section.markers[0].note, section.markers[1].note
    text = read(p, rel).replace(f"[^{a}]", "[^TMP]").replace(f"[^{b}]", f"[^{a}]").replace("[^TMP]", f"[^{b}]")
    write(p, rel, text)
    return Expect(rel, section.markers[1].line, f"marker [^{a}] comes after marker [^{b}]", a)


@case
def malformed_marker(p, real):
    rel = essay_file(real, real.sections[0])
    words = real.sections[0].paragraphs[0].source.split()[1]
    line = replace(p, rel, f" {words} ", f" {words}[^12a] ")
    return Expect(rel, line, "`[^12a]` is not a note marker", exact=True,
                  hint="a marker is the note's number, like [^12]")


@case
def note_numbered_twice(p, real):
    rel = note_file(real, 2)
    line = replace(p, rel, "- n: 2\n", "- n: 1\n")
    return Expect(rel, line, f"is numbered 1, like the note on line {real.notes[1].line} of {real.notes[1].file}", 1,
                  exact=True, hint="each number is used once; renumber or remove the duplicate")


@case
def many_notes_missing(p, real):
    """Five gaps are named; the rest are counted (the messages are bounded)."""
    last = max(real.notes)
    note = real.notes[last]
    replace(p, note.file, f"- n: {last}\n", f"- n: {last + 13}\n")
    replace(p, essay_file(real, real.section(note.marker.section)), f"[^{last}]", f"[^{last + 13}]")
    return Expect(NOTES, None, f"and 8 more notes are missing, up to {last + 12}", exact=True,
                  hint="notes are numbered 1, 2, 3… without gaps, as in the original")


@case
def gap_in_the_numbering(p, real):
    last = max(real.notes)
    note = real.notes[last]
    replace(p, note.file, f"- n: {last}\n", f"- n: {last + 1}\n")
    replace(p, essay_file(real, real.section(note.marker.section)), f"[^{last}]", f"[^{last + 1}]")
    return Expect(NOTES, None, f"there is no note {last}, but notes go up to {last + 1}", last)


@case
def notes_out_of_order_in_a_file(p, real):
    rel = next(f for f in {n.file for n in real.notes.values()}
               if sum(n.file == f for n in real.notes.values()) >= 2)
    first, second = sorted(n.n for n in real.notes.values() if n.file == rel)[:2]
    text = read(p, rel)
    head, *items = text.split("\n- n: ")
    items[0], items[1] = items[1].rstrip("\n") + "\n\n", items[0].rstrip("\n") + "\n" + \
        ("\n" if len(items) > 2 else "")
    write(p, rel, "\n- n: ".join([head, *items]))
    return Expect(rel, line_of(p, rel, f"- n: {first}\n"), f"comes after note {second} in this file", first,
                  exact=True, hint="keep notes in ascending order", alone=True)


@case
def note_in_the_wrong_sections_file(p, real):
    with_notes = [s for s in real.sections if s.markers]
    before, section = with_notes[0], with_notes[1]
    n = section.markers[0].note
    source, target = note_file(real, n), note_file(real, before.markers[-1].note)
    text = read(p, source)
    start = text.index(f"- n: {n}\n")
    end = text.find("\n- n: ", start)
    block = text[start:] if end < 0 else text[start:end + 1]
    write(p, source, text.replace(block, "", 1))
    line = append(p, target, block.rstrip("\n") + "\n")
    return Expect(target, line, f"is kept here, but its marker is in {essay_file(real, section)}", n)


@case
def note_cites_a_missing_work(p, real):
    note = real.notes[1]
    rel, line = set_note_field(p, real, 1, "work", note.work + "x")
    return Expect(rel, line, f"cites `{note.work}x`, which is not in {SOURCES}", 1)


@case
def ibid_citing_a_different_work(p, real):
    note = next(n for n in real.notes.values() if n.kind == "ibid" and not n.quotes)
    other = next(k for k in real.works if k != note.work)
    rel, line = set_note_field(p, real, note.n, "work", other)
    return Expect(rel, line, f"is an “Ibid.” for `{other}`, but note {note.n - 1} cites `{note.work}`",
                  note.n)


@case
def ibid_with_no_note_before(p, real):
    rel, line = set_note_field(p, real, 1, "kind", "ibid")
    return Expect(rel, line, "is an “Ibid.” with no note before it", 1, exact=True,
                  hint="an Ibid. repeats the work of the previous note; use kind: citation")


@case
def short_form_with_no_earlier_citation(p, real):
    note = real.first_citation(real.notes[max(real.notes)])
    rel, line = set_note_field(p, real, note.n, "kind", "short")
    return Expect(rel, line, f"is a short form, but no earlier note cites `{note.work}`", note.n, exact=True,
                  hint="use kind: citation for a work's first citation")


@case
def quotes_a_work_quoted_in_another(p, real):
    """`quotes` and the quoted work's `quoted-in` must agree."""
    quoted = next(n.quotes for n in real.notes.values() if n.quotes)
    carrier = real.works[quoted].quoted_in
    note = next(n for n in real.notes.values() if n.work != carrier and not n.quotes)
    rel, line = set_note_field(p, real, note.n, "quotes", quoted)
    return Expect(rel, line, f"quotes `{quoted}` through `{note.work}`, but {SOURCES} says `{quoted}` "
                  f"is quoted-in `{carrier}`", note.n, exact=True,
                  hint="make the note's `work` and the source's `quoted-in` agree")


@case
def quotes_a_missing_work(p, real):
    note = next(n for n in real.notes.values() if n.quotes)
    rel, line = set_note_field(p, real, note.n, "quotes", "nobody-1900")
    return Expect(rel, line, f"quotes `nobody-1900`, which is not in {SOURCES}", note.n)


@case
def unsafe_link_in_a_note(p, real):
    rel = note_file(real, 1)
    line = replace(p, rel, '  text: "', '  text: "[x](javascript:void) ')
    return Expect(rel, line, "links to `javascript:void`", 1, exact=True,
                  hint="links may only be https://, http:// or relative")


@case
def unknown_field_in_a_note(p, real):
    rel = note_file(real, 1)
    line = replace(p, rel, "  work: ", "  wrk: ")
    return Expect(rel, line, "unknown field `wrk`", 1)


@case
def wrong_kind_of_note(p, real):
    rel, _ = set_note_field(p, real, 1, "kind", "quotation")
    return Expect(rel, line_of(p, rel, "  kind: quotation"), "`kind` is \"quotation\"; it must be one of citation, ibid", 1,
                  advised=False)


@case
def note_number_not_a_number(p, real):
    rel = note_file(real, 1)
    line = replace(p, rel, "- n: 1\n", "- n: één\n")
    return Expect(rel, line, '`n` must be a whole number, not "één"', exact=True, advised=False, alone=True)


# ---------------------------------------------------------------- the schemas' messages, word for word

@case
def note_missing_a_field(p, real):
    rel = note_file(real, 1)
    text = read(p, rel)
    write(p, rel, re.sub(r"^  work: .*\n", "", text, count=1, flags=re.M))
    return Expect(rel, real.notes[1].line, "`work` is missing", 1, exact=True, advised=False)


@case
def two_unknown_fields(p, real):
    rel = note_file(real, 1)
    line = replace(p, rel, "  kind: ", "  wrk: a\n  wrok: b\n  kind: ")
    return Expect(rel, line, "unknown field `wrk`, `wrok`", 1, exact=True,
                  hint="did you mean `work`? Allowed fields: kind, locator, n, quotes, text, work")


@case
def unknown_field_like_no_other(p, real):
    rel = note_file(real, 1)
    line = replace(p, rel, "  kind: ", "  zzzzzz: a\n  kind: ")
    return Expect(rel, line, "unknown field `zzzzzz`", 1, exact=True,
                  hint="allowed fields: kind, locator, n, quotes, text, work")


@case
def text_that_is_not_text(p, real):
    rel = note_file(real, 1)
    text = read(p, rel)
    at = text.index("  text: ")
    write(p, rel, text[:at] + "  text: 12" + text[text.index("\n", at):])
    return Expect(rel, line_at(text, at), "`text` must be text, not 12", 1, exact=True,
                  hint="put the value in quotes")


@case
def a_note_that_is_not_a_mapping(p, real):
    rel = note_file(real, 1)
    line = replace(p, rel, "- n: 1\n", '- "just text"\n\n- n: 1\n')
    return Expect(rel, line, 'this entry must be a mapping, not "just text"', exact=True, advised=False)


@case
def work_with_neither_author_nor_editor(p, real):
    line = append(p, SOURCES, "zz-x:\n  type: book\n  title: T\n")
    return Expect(SOURCES, line + 1, "`zz-x` needs one of `author` or `editor`", entry="`zz-x`", exact=True,
                  advised=False)


def _work_field_case(kind: str, fields: str, says: str, hint: str):
    """A work of ``kind`` with ``fields`` (its last line the one reported), word for word."""
    def case_(p, real):
        block = f"zz-x:\n  type: {kind}\n  title: T\n  author: [{{family: A, given: B}}]\n{fields}"
        line = append(p, SOURCES, block)
        return Expect(SOURCES, line + block.count("\n") - 1, says, exact=True, hint=hint)
    return case_


CASES["report_with_an_issue"] = _work_field_case(
    "report", '  issue: "2"\n', "`zz-x` is a report, and only a journal article has an `issue`",
    "a number in a series is `number`, with `collection-title`")
CASES["article_with_a_series_number"] = _work_field_case(
    "article-journal", '  container-title: J\n  number: "7"\n',
    "`zz-x` is a article-journal, which has no series (`number`)", "a series belongs to a book, a chapter or a report")
CASES["book_with_a_number_but_no_series"] = _work_field_case(
    "book", '  number: "7"\n', "`zz-x` has a `number` but no `collection-title`",
    "`number` is the number in the series that `collection-title` names")


@case
def name_with_neither_family_nor_literal(p, real):
    line = append(p, SOURCES, "zz-x:\n  type: book\n  title: T\n  author: [{given: A}]\n")
    return Expect(SOURCES, line + 3, "a name needs either `family` (and usually `given`) or `literal`",
                  entry="`zz-x`", exact=True, advised=False)


@case
def key_of_the_wrong_form(p, real):
    append(p, SOURCES, NEW_WORK.replace("zz-uncited-2000", "Bad_Key"))
    return Expect(SOURCES, line_of(p, SOURCES, "Bad_Key:"), 'the key "Bad_Key" is not allowed', entry="`Bad_Key`",
                  hint="keys are lower-case words joined by hyphens, like haslam-1995")


def _first_line(p: Path, rel: str) -> int:
    """The line of the first entry of a YAML mapping (after the comments)."""
    lines = read(p, rel).splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line and not line.startswith("#"))


@case
def link_without_https(p, real):
    text = read(p, SOURCES)
    at = text.index("  URL: ") if "  URL: " in text else None
    if at is None:
        line = append(p, SOURCES, NEW_WORK.replace("  issued: 2000\n", "  URL: http://x.org/\n")) + 4
    else:
        write(p, SOURCES, text[:at] + "  URL: http://x.org/" + text[text.index("\n", at):])
        line = line_at(text, at)
    key = "zz-uncited-2000" if at is None else _key_before(text, at)
    return Expect(SOURCES, line, '`URL` "http://x.org/" does not have the expected form', entry=f"`{key}`",
                  exact=True, hint="links must use https://")


@case
def date_of_the_wrong_form_exactly(p, real):
    line = append(p, SOURCES, NEW_WORK.replace("  issued: 2000", "  issued: 1993-13"))
    return Expect(SOURCES, line + 4, '`issued` "1993-13" is not a date in the calendar', entry="`zz-uncited-2000`",
                  exact=True,
                  hint="write a year (1995), a month (1993-12) or a day (1943-05-16)")


@case
def publication_date_not_a_day(p, real):
    issued = real.publication.csl["issued"]
    line = replace(p, PUBLICATION, f"  issued: {issued}", f"  issued: {issued[:7]}")
    return Expect(PUBLICATION, line, f'`issued` "{issued[:7]}" does not have the expected form',
                  entry=f"`{real.publication.key}`", exact=True,
                  hint="write a year (1995), a month (1993-12) or a day (1943-05-16)")


@case
def publication_issn_exactly(p, real):
    issn = real.publication.csl["ISSN"]
    line = replace(p, PUBLICATION, f"  ISSN: {issn}", f"  ISSN: {issn[:-1]}")
    return Expect(PUBLICATION, line, f'`ISSN` "{issn[:-1]}" does not have the expected form',
                  entry=f"`{real.publication.key}`", exact=True,
                  hint="an ISSN is written like 2053-8626 (the last character may be X)")


@case
def anchor_in_two_places(p, real):
    line, who = _new_correction(p, '{paragraph: 1, note: 1, phrase: "x"}', "x")
    return Expect(EDITORIAL, line, "`anchor` needs exactly one of `paragraph`, `note`, `page`", entry=who,
                  exact=True, advised=False)


@case
def empty_title(p, real):
    line = append(p, SOURCES, NEW_WORK.replace("  title: Never Cited", '  title: ""'))
    return Expect(SOURCES, line + 3, "`title` is empty", entry="`zz-uncited-2000`", exact=True, advised=False)


# ---------------------------------------------------------------- YAML

@case
def yaml_that_does_not_parse(p, real):
    rel = note_file(real, 1)
    line = replace(p, rel, "  kind: ", "  kind: x: ")
    return Expect(rel, line, "is not valid YAML", alone=True)


@case
def yaml_not_utf8(p, real):
    rel = note_file(real, 1)
    raw = (p / rel).read_bytes()
    at = raw.index(b"  text: ")
    (p / rel).write_bytes(raw[:at] + b"  \xe4" + raw[at + 2:])
    return Expect(rel, raw[:at].count(b"\n") + 1, f"is not valid UTF-8 text (byte 0xe4 at offset {at + 2})",
                  exact=True, hint="save the file as UTF-8 in your editor", alone=True)


@case
def yaml_file_that_cannot_be_read(p, real):
    (p / GLOSSARY).unlink()
    (p / GLOSSARY).mkdir()
    return Expect(GLOSSARY, None, "cannot be read (Is a directory)", exact=True, advised=False, alone=True)


def _not_a_plain_number_case(written: str, says: str) -> Case:
    def breaks(p, real):
        rel = note_file(real, 1)
        line = replace(p, rel, "- n: 1\n", f"- n: {written}\n")
        return Expect(rel, line, says, exact=True, hint="write the number in plain digits without leading zeros, like 12")
    return breaks


CASES["yaml_octal_number"] = _not_a_plain_number_case("010", "`010` is not a plain whole number (YAML would read it as 8)")
CASES["yaml_number_it_cannot_read_either"] = _not_a_plain_number_case("0b_", "`0b_` is not a plain whole number")


@case
def yaml_alias(p, real):
    rel = note_file(real, 1)
    line = replace(p, rel, "  kind: citation\n", "  kind: &k citation\n")
    return Expect(rel, line, "uses a YAML anchor or alias (`&name` or `*name`)", exact=True,
                  hint="write the value out in full; the edition's files need no anchors", alone=True)


@case
def yaml_nested_too_deep(p, real):
    rel = note_file(real, 1)
    text = read(p, rel)
    write(p, rel, text + "\n- n: 99\n  text: " + "[" * 13 + "]" * 13 + "\n")
    return Expect(rel, text.count("\n") + 3, "nests more than 12 levels deep", exact=True,
                  hint="the edition's entries nest two or three levels; check the indentation", alone=True)


def _tag_case(written: str, says: str):
    def breaks(p, real):
        rel = note_file(real, 1)
        line = replace(p, rel, "  kind: citation\n", f"  kind: {written}\n")
        return Expect(rel, line, f"is not valid YAML: {says}", exact=True,
                      hint="write plain text, numbers, lists and mappings, without `!!` tags", alone=True)
    return breaks


# a tag whose value cannot be built, or that does not fit its node: with its line, not a traceback
CASES["yaml_tag_with_no_value"] = _tag_case("!!int", "cannot read this value as `!!int`")
CASES["yaml_tag_with_a_value_it_cannot_read"] = _tag_case("!!bool maybe", "cannot read this value as `!!bool`")
CASES["yaml_tag_that_does_not_fit_its_node"] = _tag_case("!!seq citation", "expected a sequence, but found a scalar")


@case
def yaml_key_given_twice(p, real):
    rel = note_file(real, 1)
    replace(p, rel, "  kind: ", "  work: x\n  kind: ")
    first = line_of(p, rel, "  work: ")
    return Expect(rel, _second_work_line(p, rel), f"`work` appears twice in the same mapping (first on line {first})",
                  exact=True, hint="keep one of them; YAML would silently drop the first", alone=True)


def _second_work_line(p: Path, rel: str) -> int:
    lines = read(p, rel).splitlines()
    first = next(i for i, l in enumerate(lines) if l.startswith("  work: "))
    return next(i for i, l in enumerate(lines) if l.startswith("  work: ") and i > first) + 1


@case
def empty_notes_file(p, real):
    rel = note_file(real, 1)
    write(p, rel, "\n")
    return Expect(rel, None, "is empty", exact=True, hint="add the entries or delete the file", alone=True)


@case
def notes_file_that_is_not_a_list(p, real):
    rel = note_file(real, 1)
    write(p, rel, "n: 1\ntext: x\n")
    return Expect(rel, 1, "the file must be a list, not a mapping", exact=True, advised=False, alone=True)


@case
def notes_file_of_comments_only(p, real):
    rel = note_file(real, 1)
    write(p, rel, "# nothing yet\n")
    return Expect(rel, None, "holds only comments", alone=True)


@case
def no_notes_files(p, real):
    shutil.rmtree(p / NOTES)
    (p / NOTES).mkdir()
    return Expect(NOTES, None, "holds no notes files", exact=True,
                  hint="each essay section's notes live in footnotes/notes/<section>.yaml")


# ---------------------------------------------------------------- the works

NEW_WORK = "zz-uncited-2000:\n  type: book\n  author: [{family: Nobody, given: A.}]\n  title: Never Cited\n" \
           "  issued: 2000\n"


@case
def work_cited_by_no_note(p, real):
    line = append(p, SOURCES, NEW_WORK)
    return Expect(SOURCES, line, "`zz-uncited-2000` is cited by no note", exact=True,
                  hint="the bibliography lists only works the notes cite; remove it or cite it")


@case
def work_quoted_in_a_missing_work(p, real):
    key = next(k for k, w in real.works.items() if w.quoted_in)
    rel = SOURCES
    text = read(p, rel)
    start = text.index(f"\n{key}:\n") + 1
    at = text.index("  quoted-in: ", start)
    line_end = text.index("\n", at)
    write(p, rel, text[:at] + "  quoted-in: nobody-1900" + text[line_end:])
    return Expect(rel, line_at(text, start), f"`{key}` is quoted-in `nobody-1900`, which is not in")


@case
def unknown_field_in_a_work(p, real):
    text = read(p, SOURCES)
    line = replace(p, SOURCES, "  title: ", "  titel: ")
    return Expect(SOURCES, line, "unknown field `titel`", entry=f"`{_key_before(text, text.index('  title: '))}`")


@case
def a_listed_and_cited_work_refused_by_its_schema(p, real):
    """Notes cite it and the record of changes lists it: neither says it is missing as well."""
    line = replace(p, SOURCES, "churchill-truman-1945:\n", "churchill-truman-1945:\n  colour: red\n") + 1
    return Expect(SOURCES, line, "unknown field `colour`", entry="`churchill-truman-1945`", alone=True)


@case
def html_in_a_bibliographic_field(p, real):
    text = read(p, SOURCES)
    at = text.index("  title: ")
    write(p, SOURCES, text[:at] + '  title: "<b>x</b>"' + text[text.index("\n", at):])
    line = line_at(text, at)
    return Expect(SOURCES, line, "`title` looks like HTML markup", entry=f"`{_key_before(text, at)}`")


@case
def date_not_in_the_calendar(p, real):
    key = next(k for k, w in real.works.items() if w.csl.get("issued") and len(str(w.csl["issued"])) == 10)
    old = f"  issued: {real.works[key].csl['issued']}\n"
    line = replace(p, SOURCES, old, "  issued: 1943-02-30\n")
    return Expect(SOURCES, line, '`issued` "1943-02-30" is not a date in the calendar', entry=f"`{key}`")


@case
def date_of_the_wrong_form(p, real):
    key = next(k for k, w in real.works.items() if w.csl.get("issued") and len(str(w.csl["issued"])) == 4)
    line = replace(p, SOURCES, f"  issued: {real.works[key].csl['issued']}\n", "  issued: 1993-13\n")
    return Expect(SOURCES, line, '`issued` "1993-13" is not a date in the calendar', entry=f"`{key}`")


@case
def sources_file_missing(p, real):
    (p / SOURCES).unlink()
    return Expect(SOURCES, None, "is missing", hint="the notes' works are listed there", exact=True, alone=True)


@case
def publication_file_missing(p, real):
    (p / PUBLICATION).unlink()
    return Expect(PUBLICATION, None, "is missing", hint="the essay's own record, for citing it, is kept there",
                  exact=True, alone=True)


@case
def publication_with_a_bad_issn(p, real):
    issn = real.publication.csl["ISSN"]
    line = replace(p, PUBLICATION, f"  ISSN: {issn}", f"  ISSN: {issn[:-1]}")
    return Expect(PUBLICATION, line, "`ISSN`", entry=f"`{real.publication.key}`")


# ---------------------------------------------------------------- the essay's files

@case
def title_page_without_its_cite_box_line(p, real):
    replace(p, "docs/index.md", "<!-- edition: cite this essay -->", "")
    return Expect("docs/index.md", None, "the line <!-- edition: cite this essay --> is missing; the “Cite this "
                  "essay” box is put there", exact=True, hint="put the line back where the box belongs")


@case
def a_docs_file_hiding_a_generated_page(p, real):
    (p / "docs/notes").mkdir()
    write(p, "docs/notes/12.md", "# Mine\n")
    return Expect("docs/notes/12.md", None, "would hide a page the build generates", exact=True,
                  hint="remove or rename it")


def _key_before(text: str, offset: int) -> str:
    """The top-level key of the YAML mapping entry that holds the character at ``offset``."""
    return re.findall(r"^([A-Za-z0-9_-]+):$", text[:offset + 1], flags=re.M)[-1]


@case
def section_without_its_heading(p, real):
    section = real.sections[-1]
    rel = essay_file(real, section)
    replace(p, rel, f"# {section.title}\n", "")
    return Expect(rel, 1, "does not start with a `# Heading` line", exact=True,
                  hint="give the section a level-one heading (the edition's, not the author's)")


def _block_case(start: str) -> Case:
    def breaks(p, real):
        section = real.sections[-1]
        rel = essay_file(real, section)
        text = read(p, rel).rstrip("\n") + "\n\n"
        write(p, rel, text + start + "not the author's paragraph\n")
        return Expect(rel, line_at(text, len(text)), "this block would not render as one of the author's "
                      f"paragraphs (a line starts with `{(start + 'not the author')[:12]}`)", exact=True,
                      hint="a section file holds its heading and the author's paragraphs only, one block of "
                           "plain lines each")
    return breaks


for _start in ("## ", "> ", "- ", "* ", "1. ", "    ", "<div>", "```", "!!! ", "| "):
    CASES[f"non_paragraph_block_{_start.strip() or 'indented'}"] = _block_case(_start)


def _line_in_a_paragraph_case(line_: str) -> Case:
    """A line that turns the paragraph above it into something else (a heading, a quote, a list)."""
    def breaks(p, real):
        section = real.sections[-1]
        rel = essay_file(real, section)
        text = read(p, rel).rstrip("\n") + "\n"
        write(p, rel, text + line_ + "\n")
        return Expect(rel, line_at(text, len(text)), "would not render as one of the author's paragraphs")
    return breaks


for _name, _line in (("setext_heading", "==="), ("setext_rule", "---"), ("quote", "> not the author's"),
                     ("list", "- not the author's")):
    CASES[f"line_in_a_paragraph_{_name}"] = _line_in_a_paragraph_case(_line)


def _not_in_the_text_case(words: str, what: str) -> Case:
    """Markup the published text does not have, inside a paragraph (it would render as markup)."""
    def breaks(p, real):
        section = real.sections[-1]
        rel = essay_file(real, section)
        paragraph = section.paragraphs[0]
        first = paragraph.source.split(" ")[0]
        line = replace(p, rel, first + " ", f"{first} {words} ")
        return Expect(rel, line, f"this paragraph holds {what} (", hint="a paragraph holds the author's words and "
                      "note markers only")
    return breaks


def _not_in_a_later_line_case(words: str, what: str) -> Case:
    """The same on the second line of a paragraph written on two lines: the problem names that line."""
    def breaks(p, real):
        section = real.sections[-1]
        rel = essay_file(real, section)
        text = read(p, rel).rstrip("\n") + "\n"
        write(p, rel, text + f"and a second line with {words} in it.\n")
        return Expect(rel, line_at(text, len(text)), f"this paragraph holds {what} (")
    return breaks


CASES["paragraph_holding_html_on_its_second_line"] = _not_in_a_later_line_case("<b>x</b>", "raw HTML or an HTML comment")
CASES["paragraph_holding_an_attribute_list_on_its_last_line"] = _not_in_a_later_line_case(
    "{onclick=alert(1)}", "a brace (`{…}` is an attribute list)")


def _reference_case(definition: str, own_block: bool) -> Case:
    """issue 20: a reference definition, which Python-Markdown takes out of any block (and which
    would make an `[x]` of the text a link, `javascript:` included)."""
    def breaks(p, real):
        section = real.sections[-1]
        rel = essay_file(real, section)
        text = read(p, rel).rstrip("\n") + ("\n\n" if own_block else "\n")
        write(p, rel, text + definition + "\n")
        return Expect(rel, line_at(text, len(text)), "this paragraph holds a reference definition (", 
                      hint="a paragraph holds the author's words and note markers only")
    return breaks


CASES["reference_definition_in_a_block_of_its_own"] = _reference_case("[Allies]: javascript:alert(1)", True)
CASES["reference_definition_inside_a_paragraph"] = _reference_case("[x]: https://evil.example/", False)
CASES["reference_definition_indented"] = _reference_case("   [^1]: javascript:alert(1)", True)


def _heading_case(words: str, what: str) -> Case:
    """issue 20: the heading's line is checked like every other line."""
    def breaks(p, real):
        section = real.sections[-1]
        rel = essay_file(real, section)
        replace(p, rel, f"# {section.title}\n", f"# {section.title} {words}\n")
        return Expect(rel, 1, f"this heading holds {what} (", hint="a heading is the edition's words only")
    return breaks


CASES["heading_holding_html"] = _heading_case("<img src=x onerror=alert(1)>", "raw HTML or an HTML comment")
CASES["heading_holding_an_attribute_list"] = _heading_case('{onmouseover="alert(1)"}',
                                                           "a brace (`{…}` is an attribute list)")


@case
def line_right_under_the_heading(p, real):
    """issue 20: the rest of the heading's block was dropped from the checks."""
    section = real.sections[-1]
    rel = essay_file(real, section)
    text = read(p, rel)
    body = text.split("\n", 1)[1].lstrip("\n")
    write(p, rel, f"# {section.title}\n<div>\n\n{body}")
    return Expect(rel, 2, "this block would not render as one of the author's paragraphs (a line starts with "
                  "`<div>`)")


for _name, _words, _what in (("html", "<b>bold</b>", "raw HTML or an HTML comment"),
                             ("comment", "<!-- x -->", "raw HTML or an HTML comment"),
                             ("attribute_list", "{: .x }", "a brace (`{…}` is an attribute list)"),
                             # issue 20: an attribute list in any form, not only `{:`, `{#`, `{.`
                             ("attribute_list_of_a_key", "{key=value}", "a brace (`{…}` is an attribute list)"),
                             ("attribute_list_of_a_handler", '{onclick="alert(1)"}',
                              "a brace (`{…}` is an attribute list)"),
                             ("attribute_list_of_flags", "{tabindex=0 autofocus onfocus=x}",
                              "a brace (`{…}` is an attribute list)"),
                             ("code_span", "`code`", "a code span"),
                             ("link", "[a](https://x.org/)", "a Markdown link or image"),
                             ("image", "![a](x.png)", "a Markdown link or image"),
                             ("control_character", "a\u202eb", "a control character")):
    CASES[f"paragraph_holding_{_name}"] = _not_in_the_text_case(_words, _what)


@case
def two_section_files_of_one_name(p, real):
    (p / "docs/essay/more").mkdir()
    (p / "docs/essay/more/conclusion.md").write_text(read(p, "docs/essay/conclusion.md"), encoding="utf-8")
    text = read(p, "mkdocs.yml")
    write(p, "mkdocs.yml", text.replace("      - essay/conclusion.md\n",
                                        "      - essay/conclusion.md\n      - essay/more/conclusion.md\n", 1))
    return Expect("docs/essay/more/conclusion.md", None, "has the same file name as docs/essay/conclusion.md; "
                  "sections are known by their file name (notes, addresses)", exact=True,
                  hint="give each section file its own name")


@case
def essay_file_not_in_the_nav(p, real):
    write(p, "docs/essay/zz-extra.md", "# Extra\n\nWords.\n")
    return Expect("docs/essay/zz-extra.md", None, "is not in the `nav` of mkdocs.yml, so its notes would not be "
                  "rendered", exact=True, hint="add `essay/zz-extra.md` to the nav in reading order")


@case
def essay_file_of_a_heading_only(p, real):
    section = real.sections[-1]
    rel = essay_file(real, section)
    write(p, rel, f"# {section.title}\n")
    return Expect(rel, 1, "holds no paragraphs of the essay", exact=True,
                  hint="a section file holds its heading and then the author's paragraphs; remove it from the nav "
                       "if the section is gone")


@case
def essay_file_listed_but_missing(p, real):
    rel = essay_file(real, real.sections[-1])
    (p / rel).unlink()
    return Expect(rel, None, "is listed in the `nav` of mkdocs.yml but does not exist", exact=True,
                  hint="create the file, or correct or remove the nav entry", alone=True)


@case
def essay_file_that_cannot_be_read(p, real):
    rel = essay_file(real, real.sections[-1])
    (p / rel).unlink()
    (p / rel).mkdir()
    return Expect(rel, None, "cannot be read (Is a directory)", exact=True, advised=False, alone=True)


@case
def essay_file_holding_a_glossary_forms_only_use_cannot_be_read(p, real):
    """The glossary's forms are not judged when the essay could not be read (not reported as
    missing from the essay because the section that uses them is the one that failed)."""
    entry = next(e for e in real.glossary.values() if not e.notes and len({m.paragraph for m in e.mentions}) == 1)
    section = next(s for s in real.sections if any(p.number == entry.mentions[0].paragraph for p in s.paragraphs))
    rel = essay_file(real, section)
    (p / rel).unlink()
    (p / rel).mkdir()
    return Expect(rel, None, "cannot be read (Is a directory)", exact=True, advised=False, alone=True)


@case
def essay_file_not_in_utf8(p, real):
    rel = essay_file(real, real.sections[-1])
    text = read(p, rel)
    (p / rel).write_bytes(text.encode("utf-8") + "\nCaf\u00e9\n".encode("latin-1"))
    return Expect(rel, text.count("\n") + 2, "is not valid UTF-8 text", exact=True,
                  hint="save the file as UTF-8 in your editor", alone=True)


@case
def essay_file_not_in_nfc(p, real):
    section = real.sections[-1]
    rel = essay_file(real, section)
    text = read(p, rel)
    write(p, rel, text + "\nCafe\u0301 decomposed.\n")
    return Expect(rel, text.count("\n") + 2, "is not in Unicode NFC form (letters and accents stored apart), so "
                  "phrases copied from it would not match", exact=True, hint="save the file normalised to NFC",
                  alone=True)


@case
def essay_file_too_large(p, real):
    rel = essay_file(real, real.sections[-1])
    write(p, rel, read(p, rel) + "\n<!-- " + "x" * 2_000_000 + " -->\n")
    return Expect(rel, None, "is larger than 2 MB", exact=True, hint="split the section", alone=True)


# ---------------------------------------------------------------- the version and the record of changes

@case
def pyproject_missing(p, real):
    (p / "pyproject.toml").unlink()
    return Expect("pyproject.toml", None, "is missing; the edition's version is kept there", exact=True,
                  hint='add a [project] table with version = "1.0.0"', alone=True)


@case
def pyproject_not_toml(p, real):
    write(p, "pyproject.toml", read(p, "pyproject.toml") + "\n[project\n")
    return Expect("pyproject.toml", None, "is not valid TOML: ", advised=False, alone=True)


@pytest.mark.parametrize("version", ["1.1", "01.1.0", "1.1.0-rc1", "v1.1.0"])
def test_a_version_that_is_not_major_minor_patch_is_refused(version, project):
    text = read(project, "pyproject.toml")
    write(project, "pyproject.toml", re.sub(r'^version = "[^"]*"', f'version = "{version}"', text, count=1, flags=re.M))
    assert_reported(problems_of(project), Expect("pyproject.toml", None, f"`[project] version` is {version!r}, "
                    "not a version like 2.3.0", exact=True, hint="the edition's version is MAJOR.MINOR.PATCH"))


@case
def record_of_changes_missing(p, real):
    (p / "footnotes/changes.yaml").unlink()
    return Expect("footnotes/changes.yaml", None, "is missing; it records what each version of the edition changed",
                  exact=True, hint="see README, “Releasing”", alone=True)


# ---------------------------------------------------------------- corrections (editorial.yaml)

def _correction(id_: str, anchor: str, original: str) -> str:
    return (f"- id: {id_}\n  anchor: {anchor}\n  kind: typo\n  original: \"{original}\"\n"
            "  correction: \"x\"\n  explanation: \"x.\"\n  basis: \"x.\"\n")


def _paragraph_correction(real):
    return next(e for e in real.editorial if e.anchor.paragraph is not None)


def _new_correction(p, anchor: str, original: str, id_: str = "zz-new") -> tuple[int, str]:
    line = append(p, EDITORIAL, _correction(id_, anchor, original))
    return line + 1, f"editorial note `{id_}`"  # problems point at the anchor's line


@case
def correction_phrase_not_in_the_paragraph(p, real):
    line, who = _new_correction(p, '{paragraph: 1, phrase: "no such words"}', "no such")
    return Expect(EDITORIAL, line, "paragraph 1 has no “no such words”", entry=who, exact=True,
                  hint="copy the phrase exactly from the text, curly quotes and non-breaking spaces included")


@case
def correction_phrase_with_its_accents_stored_apart(p, real):
    phrase = "Bene\u0073\u030c"  # "Beneš" as letters and combining marks (NFD), which the essay never has
    line, who = _new_correction(p, f'{{paragraph: 1, phrase: "{phrase}"}}', "Bene")
    return Expect(EDITORIAL, line, "`phrase` is not in Unicode NFC form (letters and accents stored apart)",
                  entry=who, exact=True, hint="retype it, or save the file normalised to NFC")


@case
def correction_phrase_twice_in_the_paragraph(p, real):
    paragraph = real.paragraphs[0]
    line, who = _new_correction(p, '{paragraph: 1, phrase: "the"}', "the")
    count = len(re.findall("the", paragraph.source))
    return Expect(EDITORIAL, line, f"occurs {count} times in paragraph 1, not once", entry=who, alone=True)


@case
def correction_phrase_across_a_marker(p, real):
    marker = real.sections[0].markers[0]
    source = real.paragraphs[marker.paragraph - 1].source
    phrase = source[marker.start - 5: marker.start + len(f"[^{marker.note}]")]
    line, who = _new_correction(p, f'{{paragraph: {marker.paragraph}, phrase: "{phrase}"}}', phrase[:3])
    return Expect(EDITORIAL, line, f"its phrase runs across a note marker ([^{marker.note}])", entry=who, exact=True,
                  hint="end the phrase before the marker or start it after")


@case
def correction_original_not_in_its_phrase(p, real):
    paragraph = real.paragraphs[0]
    phrase = MARKER.sub("", paragraph.source)[:40]
    line, who = _new_correction(p, f'{{paragraph: 1, phrase: "{phrase}"}}', "not there")
    return Expect(EDITORIAL, line, "its `original` “not there” is not part of its phrase", entry=who)


@case
def corrections_that_overlap(p, real):
    existing = _paragraph_correction(real)
    text = real.paragraphs[existing.anchor.paragraph - 1].source
    start = text.index(existing.anchor.phrase)
    for shift in range(1, len(existing.anchor.phrase)):
        phrase = text[start + shift: start + len(existing.anchor.phrase) + 8]
        if text.count(phrase) == 1 and "[^" not in phrase and '"' not in phrase:
            break
    line = append(p, EDITORIAL, _correction("zz-overlap", f'{{paragraph: {existing.anchor.paragraph}, '
                                            f'phrase: "{phrase}"}}', phrase))
    return Expect(EDITORIAL, line, f"its phrase overlaps the phrase of `{existing.id}` in paragraph "
                  f"{existing.anchor.paragraph}", entry="editorial note `zz-overlap`")


@case
def correction_out_of_range_paragraph(p, real):
    last = len(real.paragraphs)
    line, who = _new_correction(p, f'{{paragraph: {last + 1}, phrase: "x"}}', "x")
    return Expect(EDITORIAL, line, f"points at paragraph {last + 1}, but the essay has paragraphs 1–{last}",
                  entry=who, exact=True, hint="paragraphs are numbered through the whole essay")


@case
def correction_of_a_note_that_does_not_exist(p, real):
    last = max(real.notes)
    line, who = _new_correction(p, f'{{note: {last + 1}, phrase: "x"}}', "x")
    return Expect(EDITORIAL, line, f"points at note {last + 1}, which does not exist", entry=who, exact=True,
                  hint=f"notes are numbered 1–{last}")


@case
def correction_phrase_not_in_the_note(p, real):
    line, who = _new_correction(p, '{note: 1, phrase: "no such words"}', "no such")
    return Expect(EDITORIAL, line, "note 1 has no “no such words”", entry=who)


@case
def correction_phrase_across_a_notes_formatting(p, real):
    rel = note_file(real, 1)
    words = real.notes[1].text.split()
    replace(p, rel, f"{words[0]} {words[1]}", f"*{words[0]}* {words[1]}")
    line, who = _new_correction(p, f'{{note: 1, phrase: "{words[0]} {words[1]}"}}', words[1])
    return Expect(EDITORIAL, line, "its phrase runs across the note's formatting (emphasis or a link)", entry=who,
                  exact=True, hint="choose a phrase inside one stretch of plain text")


@case
def correction_of_a_page_that_does_not_exist(p, real):
    line, who = _new_correction(p, '{page: nowhere.md, phrase: "x"}', "x")
    return Expect(EDITORIAL, line, "points at docs/nowhere.md, which does not exist", entry=who, exact=True,
                  hint="name a page under docs/")


@case
def correction_phrase_not_on_the_page(p, real):
    line, who = _new_correction(p, '{page: about.md, phrase: "no such words"}', "no such")
    return Expect(EDITORIAL, line, "docs/about.md has no “no such words”", entry=who)


@case
def correction_of_a_page_not_in_utf8(p, real):
    (p / "docs/zz-latin1.md").write_bytes("# Caf\u00e9\n\nA page in Latin-1: caf\u00e9.\n".encode("latin-1"))
    line, who = _new_correction(p, '{page: zz-latin1.md, phrase: "x"}', "x")
    return Expect(EDITORIAL, line, "points at docs/zz-latin1.md, which cannot be read as UTF-8 text",
                  entry=who, exact=True, hint="name a page under docs/")


@case
def correction_phrase_in_a_raw_html_block(p, real):
    write(p, "docs/about.md", read(p, "docs/about.md") + '\n<div class="zz">\nWords in raw HTML here.\n</div>\n')
    line, who = _new_correction(p, '{page: about.md, phrase: "Words in raw HTML"}', "Words")
    return Expect(EDITORIAL, line, "its phrase is in a raw HTML block of docs/about.md, whose text is not rendered "
                  "as Markdown and cannot be marked", entry=who, exact=True, hint='give the HTML element markdown="span"')


@case
def correction_concerning_no_glossary_entry(p, real):
    line = append(p, EDITORIAL, _correction("zz-c", '{paragraph: 13, phrase: "ten kilometres away"}', "ten").replace(
        "  kind: typo\n", "  kind: typo\n  concerns: [warsaw-uprisin]\n"))
    return Expect(EDITORIAL, line, "concerns `warsaw-uprisin`, which is not in footnotes/glossary.yaml",
                  entry="editorial note `zz-c`", exact=True, hint="did you mean `warsaw-uprising`?")


@case
def listed_correction_refused_by_its_schema(p, real):
    """The record of changes lists it; that it is missing now is not reported a second time."""
    line = replace(p, EDITORIAL, "  kind: date\n  concerns: [yalta-conference]\n",
                   "  kind: dat\n  concerns: [yalta-conference]\n")
    return Expect(EDITORIAL, line, '`kind` is "dat"', entry="editorial note `yalta-1945`", advised=False, alone=True)


@case
def listed_correction_whose_phrase_is_gone(p, real):
    line = replace(p, EDITORIAL, 'anchor: {paragraph: 6, phrase: "at Yalta in 1944"}',
                   'anchor: {paragraph: 6, phrase: "at Yalta in 1943"}')
    return Expect(EDITORIAL, line, "paragraph 6 has no “at Yalta in 1943”", entry="editorial note `yalta-1945`",
                  alone=True)


@case
def correction_concerning_nothing_like_a_glossary_entry(p, real):
    line = append(p, EDITORIAL, _correction("zz-c", '{paragraph: 13, phrase: "ten kilometres away"}', "ten").replace(
        "  kind: typo\n", "  kind: typo\n  concerns: [qqqqqqqq]\n"))
    return Expect(EDITORIAL, line, "concerns `qqqqqqqq`, which is not in footnotes/glossary.yaml",
                  entry="editorial note `zz-c`", exact=True, hint="use a glossary entry's id")


@case
def correction_id_used_twice(p, real):
    existing = real.editorial[0]
    line = append(p, EDITORIAL, _correction(existing.id, '{paragraph: 1, phrase: "x"}', "x"))
    return Expect(EDITORIAL, line, f"the id is used a second time (first on line {existing.line})",
                  entry=f"editorial note `{existing.id}`", exact=True, hint="give each entry its own id")


@case
def correction_id_taken_by_a_heading_of_the_editorial_page(p, real):
    section = real.sections[6]  # the Editorial notes page heads each section's notes with its title
    id_ = __import__("markdown").extensions.toc.slugify(section.title, "-")
    line = append(p, EDITORIAL, _correction(id_, '{paragraph: 13, phrase: "x"}', "x"))
    return Expect(EDITORIAL, line, f"`{id_}` is the anchor of the heading “{section.title}” on the Editorial "
                  "notes page", entry=f"editorial note `{id_}`", exact=True,
                  hint=f"give the note another id, e.g. with its paragraph: {id_}-p25")


@case
def correction_of_an_unknown_kind(p, real):
    text = _correction("zz-kind", '{paragraph: 1, phrase: "x"}', "x").replace("kind: typo", "kind: slip")
    line = append(p, EDITORIAL, text)
    return Expect(EDITORIAL, line + 2, '`kind` is "slip"', entry="editorial note `zz-kind`",
                  advised=False)


@case
def markup_in_a_correction(p, real):
    text = _correction("zz-html", '{paragraph: 1, phrase: "x"}', "x").replace('explanation: "x."',
                                                                             'explanation: "<i>x</i>."')
    line = append(p, EDITORIAL, text)
    return Expect(EDITORIAL, line + 5, "`explanation` looks like HTML markup", entry="editorial note `zz-html`")


# ---------------------------------------------------------------- the glossary

def _entry(id_: str, matches: str, notes: str = "", text: str = "x.", basis: str = "A reference, p. 1.") -> str:
    return (f"- id: {id_}\n  term: Zz\n  category: person\n  matches: {matches}\n  text: \"{text}\"\n"
            + (f"  notes: {notes}\n" if notes else "") + (f"  basis: \"{basis}\"\n" if basis else ""))


BASIS_HINT = ("name the source its statements were checked against, as a reader can find it (a reference work, "
              "FRUS, the Correspondence, a catalogue), with the page or address and what it says; where none "
              "could be consulted, narrow the statement to what one says")


@case
def glossary_entry_without_a_basis(p, real):
    """Issue 23: every statement the edition adds names its source; the entry is named, at its line."""
    line = append(p, GLOSSARY, _entry("zz-new", f'["{_a_form(real)}"]', basis=""))
    return Expect(GLOSSARY, line, "`basis` is missing", entry="glossary entry `zz-new`", exact=True,
                  hint=BASIS_HINT)


@case
def timeline_event_without_a_basis(p, real):
    """The same for an event of the timeline's own; a real one, at the line of its id."""
    text = read(p, TIMELINE)
    start = text.index("- id: ", text.index("# ----"))
    event = text[start:text.index("\n\n", start)]
    eid = event.split("\n", 1)[0][len("- id: "):]
    basis = next(ln for ln in event.split("\n") if ln.startswith("  basis: "))
    write(p, TIMELINE, text.replace(event, event.replace(basis + "\n", "").replace("\n" + basis, ""), 1))
    return Expect(TIMELINE, line_at(text, start), "`basis` is missing", entry=f"timeline event `{eid}`",
                  exact=True, hint=BASIS_HINT)


def _a_form(real) -> str:
    return next(iter(real.glossary.values())).matches[0]


@case
def glossary_id_that_is_a_timeline_anchor(p, real):
    line = append(p, GLOSSARY, _entry("y1942", '["paranoia"]', text="In 1942.").replace(
        "  category: person\n", "  category: event\n  date: \"1942\"\n"))
    return Expect(GLOSSARY, line, "`y1942` is an id the timeline page gives its own parts (/timeline/#y1942)",
                  entry="glossary entry `y1942`", exact=True,
                  hint="give the entry another id (it is its address on the timeline too)")


@case
def glossary_entry_without_an_id(p, real):
    """An entry with no id is named by its place in the file."""
    count = len(real.glossary)
    line = append(p, GLOSSARY, _entry("zz-new", '["Nowhere Mentioned"]').replace("- id: zz-new\n  term:", "- term:"))
    return Expect(GLOSSARY, line, "`id` is missing", entry=f"glossary entry `{count + 1}`", exact=True, advised=False)


@case
def glossary_file_that_is_not_a_list(p, real):
    write(p, GLOSSARY, "id: x\n")
    return Expect(GLOSSARY, 1, "the file must be a list, not a mapping", exact=True, advised=False, alone=True)


@case
def glossary_form_not_in_the_essay(p, real):
    line = append(p, GLOSSARY, _entry("zz-new", '["Nowhere Mentioned"]'))
    return Expect(GLOSSARY, line + 3, "“Nowhere Mentioned” does not occur as a whole word in the essay "
                  "(or in the notes the entry lists)", entry="glossary entry `zz-new`", exact=True,
                  hint="copy the phrase exactly from the text, curly quotes and non-breaking spaces included, "
                       "or drop the form if a longer form of another entry covers it")


@case
def glossary_form_of_two_entries(p, real):
    first = next(iter(real.glossary.values()))
    line = append(p, GLOSSARY, _entry("zz-new", f'["{first.matches[0]}"]'))
    return Expect(GLOSSARY, line + 3, f"“{first.matches[0]}” is already a form of `{first.id}`",
                  entry="glossary entry `zz-new`")


@case
def glossary_id_used_twice(p, real):
    first = next(iter(real.glossary.values()))
    line = append(p, GLOSSARY, _entry(first.id, '["Nowhere Mentioned"]'))
    return Expect(GLOSSARY, line, f"the id is used a second time (first on line {first.line})",
                  entry=f"glossary entry `{first.id}`")


@case
def glossary_lists_a_note_that_does_not_exist(p, real):
    last = max(real.notes)
    entry = next(iter(real.glossary.values()))
    line = append(p, GLOSSARY, _entry("zz-new", '["Nowhere Mentioned"]', f"[{last + 1}]"))
    del entry
    return Expect(GLOSSARY, line + 5, f"lists note {last + 1}, which does not exist",
                  entry="glossary entry `zz-new`")


@case
def glossary_lists_a_note_that_does_not_name_it(p, real):
    entry = next(e for e in real.glossary.values() if not e.notes)
    form = entry.matches[0]
    n = next(n for n, note in real.notes.items() if form not in note.text)
    text = read(p, GLOSSARY)
    start = text.index(f"- id: {entry.id}\n")
    at = text.index("  matches: ", start)
    write(p, GLOSSARY, text[:at] + f"  notes: [{n}]\n" + text[at:])
    return Expect(GLOSSARY, line_at(text, at), f"lists note {n}, which names it in none of its forms",
                  entry=f"glossary entry `{entry.id}`", exact=True,
                  hint="add the form the note uses to `matches`, or drop the note")


@case
def glossary_unknown_category(p, real):
    line = append(p, GLOSSARY, _entry("zz-new", f'["{_a_form(real)}"]').replace("category: person",
                                                                            "category: persons"))
    return Expect(GLOSSARY, line + 2, '`category` is "persons"', entry="glossary entry `zz-new`",
                  advised=False)


@case
def markup_in_a_glossary_text(p, real):
    line = append(p, GLOSSARY, _entry("zz-new", '["x"]', text="<img src=x>"))
    return Expect(GLOSSARY, line + 4, "`text` looks like HTML markup", entry="glossary entry `zz-new`")


@pytest.mark.parametrize("name", CASES)
def test_each_mistake_is_reported_with_file_line_and_note(name, project, real):
    expect = CASES[name](project, real)
    problems = problems_of(project)
    found = assert_reported(problems, expect)
    if expect.alone:
        assert [str(p) for p in problems if p is not found] == []


def test_a_glossary_entrys_notes_are_not_judged_when_a_notes_file_could_not_be_read(project, real):
    """Whether a listed note names its entry is judged only when every note was read."""
    n = next(n for e in real.glossary.values() for n in e.notes)
    replace(project, note_file(real, n), "  kind: ", "  kind: x: ")
    problems = [str(p) for p in problems_of(project)]
    assert any("is not valid YAML" in p for p in problems), problems
    assert not [p for p in problems if "names it in none of its forms" in p], problems


def test_notes_files_may_end_in_yml(project, real):
    notes = project / NOTES
    (notes / "warsaw.yaml").rename(notes / "warsaw.yml")
    edition = _load(project)
    assert {n: edition.notes[n].file for n in (23, 26)} == {23: f"{NOTES}/warsaw.yml", 26: f"{NOTES}/warsaw.yml"}


def test_the_real_edition_passes(pristine):
    edition = _load(pristine)
    assert len(edition.notes) >= 37 and len(edition.works) >= 20


def test_every_problem_is_reported_at_once_and_once(project, real):
    expects = [CASES[name](project, real) for name in ("marker_with_no_note", "work_cited_by_no_note",
                                                       "short_form_with_no_earlier_citation")]
    problems = problems_of(project)
    for expect in expects:
        assert_reported(problems, expect)
    assert len(problems) == len(set(problems)) == 3, problems


# ---------------------------------------------------------------- the report an editor reads

def test_a_problem_prints_file_line_note_and_advice():
    assert str(Problem("f.yaml", 3, "is wrong", 12, "fix it")) == "f.yaml:3: note 12: is wrong\n    -> fix it"
    assert str(Problem("f.yaml", None, "is wrong", entry="glossary entry `x`")) == \
        "f.yaml: glossary entry `x`: is wrong"
    assert str(Problem("f.yaml", 0, "is wrong", 0)) == "f.yaml: note 0: is wrong"


def test_the_report_counts_sorts_and_drops_repeats():
    a, b = Problem("b.yaml", 2, "second"), Problem("a.yaml", 9, "first")
    report = EditionError([a, b, a]).report()
    assert report == "The edition has 2 problems:\n  a.yaml:9: first\n  b.yaml:2: second"
    assert EditionError([a]).report() == "The edition has 1 problem:\n  b.yaml:2: second"
    assert EditionError([Problem("a", 10, "x"), Problem("a", 9, "y"), Problem("a", None, "z")]).problems == \
        [Problem("a", None, "z"), Problem("a", 9, "y"), Problem("a", 10, "x")]


# ---------------------------------------------------------------- the command: python -m scripts.check

def test_check_says_ok_for_the_real_edition(pristine, capsys):
    # --fast: the sources only (this copy has no hooks to build with; test_check_is_build builds)
    assert check.main(["--fast", "--root", str(pristine)]) == 0
    out = capsys.readouterr().out
    assert re.match(r"OK: 10 sections, 25 paragraphs, \d+ notes, \d+ works, \d+ editorial notes, "
                    r"\d+ glossary entries \(\d+ ms\)", out), out


def test_check_lists_every_problem_and_fails(project, real, capsys):
    expect = CASES["ibid_citing_a_different_work"](project, real)
    assert check.main(["--root", str(project)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("The edition has 1 problem:\n")
    assert f"  {expect.file}:{expect.line}: note {expect.note}: {expect.says}" in err


def test_check_without_a_project(tmp_path, capsys):
    assert check.main(["--root", str(tmp_path)]) == 2
    assert "no mkdocs.yml" in capsys.readouterr().err


def test_check_runs_as_the_documented_command(project, real):
    CASES["marker_with_no_note"](project, real)
    result = subprocess.run([sys.executable, "-m", "scripts.check", "--root", str(project)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "marker [^" in result.stderr and "Traceback" not in result.stderr
    clean = subprocess.run([sys.executable, "-m", "scripts.check"], cwd=ROOT, capture_output=True, text=True,
                           timeout=60)
    assert clean.returncode == 0 and clean.stdout.startswith("OK: "), clean.stderr


# ---------------------------------------------------------------- the MkDocs glue (scripts/hooks.py)

@pytest.fixture(scope="module")
def hooks():
    from scripts import hooks as module
    return module


def test_a_docs_file_that_would_hide_a_generated_page_stops_the_build(project, tmp_path):
    """A real build: the glue refuses it, names the file, and no traceback leaks out."""
    shutil.copytree(ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    (project / "docs/notes").mkdir()
    write(project, "docs/notes/12.md", "# Mine\n")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "docs/notes/12.md: would hide a page the build generates" in result.stderr, result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_serve_watches_the_notes_folder(hooks, tmp_path):
    """Saving a note rebuilds: on_serve adds footnotes/ to what the live-reload server watches."""
    watched = []
    (tmp_path / "site").mkdir()  # the site as last built, which the serve overlay keeps
    server = SimpleNamespace(watch=watched.append, builder=lambda: None)
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    assert hooks.on_serve(server, config, None) is server
    assert watched == [str(tmp_path / "footnotes")]


def test_a_correction_missing_from_the_rendered_page_stops_the_build(hooks):
    from mkdocs.exceptions import PluginError

    page = SimpleNamespace(file=SimpleNamespace(src_uri="index.md"))
    hooks.context.missing = [("index.md", "title-word-war")]
    with pytest.raises(PluginError, match="docs/index.md: editorial note `title-word-war`: its phrase is not "
                                          "in the rendered page"):
        hooks.on_page_content("<p>x</p>", page, None, None)
    hooks.context.missing = []
    assert hooks.on_page_content("<p>x</p>", page, None, None) == "<p>x</p>"



def test_a_phrase_the_sources_have_but_the_rendered_page_does_not_stops_the_build(tmp_path):
    """The marker's own count: the title page's correction whose phrase stands only in an HTML
    comment passes the sources' checks, and is found missing when the page is marked."""
    project = copy_project(tmp_path / "project")
    page = project / "docs/index.md"
    title = "“The Evolution of Stalin’s Foreign Policy during Word War Two”"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace(f"{title}.</p>", f"the title.</p>\n\n<!-- {title} -->", 1), encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "docs/index.md: editorial note `title-word-war`: its phrase is not in the rendered page" in result.stderr, \
        result.stderr


def test_the_build_stops_with_the_report_and_no_traceback(hooks, project, real):
    """on_files turns the engine's report into MkDocs' error, without a traceback (``from None``)."""
    from mkdocs.exceptions import PluginError

    expect = CASES["marker_with_no_note"](project, real)
    config = SimpleNamespace(config_file_path=str(project / "mkdocs.yml"), docs_dir=str(project / "docs"),
                             nav=read_mkdocs_yml(project / "mkdocs.yml")["nav"])
    with pytest.raises(PluginError) as caught:
        hooks.on_files(None, config)
    assert str(caught.value).startswith("The edition has 1 problem:\n")
    assert f"{expect.file}:{expect.line}: note {expect.note}: {expect.says}" in str(caught.value)
    assert caught.value.__suppress_context__


def test_yaml_errors_without_a_position_are_reported_too(monkeypatch, tmp_path):
    import yaml

    from scripts.edition.read import yamlio

    def fail(self):
        raise yaml.YAMLError("the parser gave up")

    monkeypatch.setattr(yamlio._Loader, "get_single_data", fail)
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    data, [problem] = yamlio.load_yaml(path, "x.yaml")
    assert (data, problem.file, problem.line, problem.message) == (None, "x.yaml", None,
                                                                   "is not valid YAML: the parser gave up")


# ---------------------------------------------------------------- the README's own examples, word for word

def test_the_readmes_example_messages(project, real):
    """README, "When the build complains": its example's two messages, word for word. (The README
    shows them in one report; the loader checks references only once the files pass their schemas,
    so here they are made one at a time.)"""
    note1 = real.notes[1]
    rel, line = set_note_field(project, real, 1, "work", note1.work + "x")
    report = str(pytest.raises(EditionError, _load, project).value)
    assert f"  {rel}:{line}: note 1: cites `{note1.work}x`, which is not in footnotes/sources.yaml\n" \
           f"    -> did you mean `{note1.work}`?" in report
    set_note_field(project, real, 1, "work", note1.work)
    rel = note_file(real, 2)
    line = replace(project, rel, "  locator: ", "  locater: ")
    report = str(pytest.raises(EditionError, _load, project).value)
    assert report == (f"The edition has 1 problem:\n  {rel}:{line}: note 2: unknown field `locater`\n"
                      "    -> did you mean `locator`? Allowed fields: kind, locator, n, quotes, text, work")


def test_a_suggestion_only_when_a_key_is_close(project, real):
    rel, line = set_note_field(project, real, 1, "work", "zzzzzzzz")
    [problem] = [p for p in problems_of(project) if p.note == 1]
    assert (problem.line, problem.hint) == (line, f"add `zzzzzzzz` to {SOURCES}")


def test_a_marker_used_twice_names_where_it_was_first(project, real):
    note = real.notes[1]
    rel = essay_file(real, real.section(note.marker.section))
    expect = CASES["marker_used_twice"](project, real)
    [problem] = problems_of(project)  # and nothing else: the markers after it are still paired
    assert problem.message == f"marker [^1] is used a second time (first at {rel}:{note.marker.line})"
    assert problem.hint == "each note has one marker; remove the extra one"
    assert (problem.file, problem.line) == (expect.file, expect.line)


def test_markers_out_of_order_alone(project, real):
    CASES["markers_out_of_order"](project, real)
    [problem] = problems_of(project)
    assert problem.hint == "markers run in the order of the notes"


# ---------------------------------------------------------------- line numbers

def test_line_of_follows_mappings_and_lists(tmp_path):
    from scripts.edition.read.yamlio import line_of, load_yaml

    path = tmp_path / "x.yaml"
    path.write_text("# c\na:\n  b: 1\n  c:\n    - x\n    - {d: 2,\n       e: 3}\nf: [1, 2]\n", encoding="utf-8")
    data, problems = load_yaml(path, "x.yaml")
    assert problems == []
    assert line_of(data, []) == 2
    assert line_of(data, ["a"]) == 3  # a mapping's line is its first key's
    assert line_of(data, ["a", "b"]) == 3
    assert line_of(data, ["a", "c"]) == 5
    assert line_of(data, ["a", "c", 1]) == 6
    assert line_of(data, ["a", "c", 1, "e"]) == 7
    assert line_of(data, ["a", "c", 9]) == 5  # no such item: the list's own line
    assert line_of(data, ["a", "c", 2]) == 5
    assert line_of(data, ["a", "zz", "y"]) == 3
    assert line_of(data, ["f", 1]) == 8
    assert line_of(data, ["f", "x"]) == 8
    assert line_of({"plain": 1}, ["plain"]) is None
    assert line_of(data, ("a", "b")) == 3


def test_a_name_written_as_plain_text(project):
    """A name must be a mapping; the message says so, and nothing about dates."""
    line = append(project, SOURCES, NEW_WORK.replace("[{family: Nobody, given: A.}]", '["A. Nobody"]'))
    problems = problems_of(project)
    assert_reported(problems, Expect(SOURCES, line + 2, '`author` must be a mapping, not "A. Nobody"', exact=True,
                                     entry="`zz-uncited-2000`", advised=False))
    assert not any("year" in p.message or "year" in p.hint for p in problems), problems
