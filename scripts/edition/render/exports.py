"""The works as reference-manager files: CSL-JSON, BibTeX and RIS.

The one place where the model's CSL-style fields are mapped to each format. The same functions
give the whole bibliography (``export_files``, written into the site at build time), one work's
snippet on its source page, and the essay's own record on the title page. Parsed back by
real parsers (citeproc-py, pybtex, rispy) in tests/test_exports.py and, for arbitrary text in
every field, in tests/test_properties.py.

Each format escapes its own syntax, whatever the text (the loader refuses line breaks and
control characters in these fields, but the exports do not rely on it): in BibTeX, braces and
backslashes become ``{\\textbraceleft}``, ``{\\textbraceright}`` and ``{\\textbackslash}`` and LaTeX's
special characters are escaped, so a value can neither close its field nor add one; in RIS, where a
record is its lines, every value is one line; JSON is written by :mod:`json`.
"""

from __future__ import annotations

import json
import re

from .citations import quoted_in
from ..inline import to_text
from ..model import Edition, Work
from ..text import CONTROLS, LINE_SEPARATORS, MONTHS, character_class
from ..urls import EXPORT_URIS

# Fields kept in footnotes/*.yaml that are the edition's, not CSL's.
_NOT_CSL = {"quoted-in", "title-sentence-case"}
_BIBTEX_MONTHS = [month[:3].lower() for month in MONTHS]  # BibTeX's macros: jan, feb…


def export_files(edition: Edition) -> dict[str, str]:
    """The bibliography files, by their path in the site, in bibliography order."""
    works = sorted(edition.works.values(), key=lambda w: w.sort_key)
    return {
        EXPORT_URIS["BibTeX"]: "".join(bibtex_entry(w, edition.works) + "\n" for w in works),
        EXPORT_URIS["CSL-JSON"]: to_csl_json(works, edition.works),
        EXPORT_URIS["RIS"]: "".join(ris_record(w, edition.works) + "\n" for w in works),
    }


def _date_parts(issued) -> list[int]:
    return [int(p) for p in str(issued).split("-")] if issued else []


def _quoted_in_text(work: Work, works: dict[str, Work] | None) -> str:
    if work.quoted_in and works and work.quoted_in in works:
        return to_text(tuple(quoted_in(works[work.quoted_in]))).strip()
    return ""


def _note(work: Work, works: dict[str, Work] | None) -> str:
    """What BibTeX and RIS have no field for: a volume's own title, a second-hand source."""
    parts = []
    if work.csl.get("volume-title") and work.type != "article-journal":
        parts.append(f"Vol. {work.csl['volume']}: {work.csl['volume-title']}.")
    return " ".join(filter(None, [*parts, _quoted_in_text(work, works)]))


# --- CSL-JSON --------------------------------------------------------------------------------

def csl_item(work: Work, works: dict[str, Work] | None = None) -> dict:
    """The work as a CSL-JSON item (the YAML already uses CSL names; dates become date-parts)."""
    item = {"id": work.key, "type": work.type}
    for field, value in work.csl.items():
        if field in _NOT_CSL or field == "type":
            continue
        item[field] = {"date-parts": [_date_parts(value)]} if field in ("issued", "original-date") else value
    if _quoted_in_text(work, works):
        item["note"] = _quoted_in_text(work, works)
    return item


def to_csl_json(works: list[Work], all_works: dict[str, Work] | None = None) -> str:
    return json.dumps([csl_item(w, all_works) for w in works], ensure_ascii=False, indent=2) + "\n"


# --- BibTeX ----------------------------------------------------------------------------------

_LINE_BREAKS = re.compile(character_class(CONTROLS, LINE_SEPARATORS) + "+")
# BibTeX counts every brace, escaped or not, so ``\\{`` would unbalance a field: braces and
# backslashes are written as LaTeX commands in a group of their own.
_BIBTEX_SPECIAL = {"\\": r"{\textbackslash}", "{": r"{\textbraceleft}", "}": r"{\textbraceright}",
                   "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                   "~": r"{\textasciitilde}", "^": r"{\textasciicircum}"}
_BIBTEX_ESCAPES = str.maketrans(_BIBTEX_SPECIAL)
# A URL or DOI is read verbatim: what could end the field is %-encoded, as in any URL.
_URL_ESCAPES = str.maketrans({"\\": "%5C", "{": "%7B", "}": "%7D"})


def one_line(text: str) -> str:
    """Text with line breaks and control characters as single spaces."""
    return _LINE_BREAKS.sub(" ", str(text))


def _bib_escape(text: str) -> str:
    """A value for inside ``{…}``: its braces stay balanced and it cannot end the field."""
    return one_line(text).translate(_BIBTEX_ESCAPES)


def _bib_verbatim(text: str) -> str:
    """A URL or DOI (verbatim fields): only what could end the field is changed."""
    return one_line(text).translate(_URL_ESCAPES)


def _bib_name_part(text: str) -> str:
    """A family or given name; braced where "and" or a comma would split it into more names."""
    escaped = _bib_escape(text)
    return f"{{{escaped}}}" if re.search(r"(?i)\band\b|,", escaped) else escaped


def _bib_names(work: Work, role: str) -> str:
    return " and ".join(f"{{{_bib_escape(n.literal)}}}" if n.literal else
                        f"{_bib_name_part(n.family)}, {_bib_name_part(n.given)}" if n.given else
                        _bib_name_part(n.family)
                        for n in work.names(role))


def _bibtex_type(work: Work) -> str:
    if work.type == "report":
        return "techreport" if work.csl.get("publisher") else "misc"
    return {"book": "book", "chapter": "incollection", "article-journal": "article"}.get(work.type, "misc")


def bibtex_entry(work: Work, works: dict[str, Work] | None = None) -> str:
    """One BibTeX entry keyed by the work's key; titles double-braced to keep their capitals."""
    csl, kind = work.csl, _bibtex_type(work)
    fields: list[tuple[str, str]] = []
    for role, name in (("author", "author"), ("editor", "editor"), ("translator", "translator")):
        if csl.get(role):
            fields.append((name, _bib_names(work, role)))
    fields.append(("title", f"{{{_bib_escape(work.title)}}}"))
    container = {"incollection": "booktitle", "article": "journal"}.get(kind)
    if container and csl.get("container-title"):
        fields.append((container, _bib_escape(csl["container-title"])))
    if kind == "techreport":
        fields.append(("institution", _bib_escape(csl["publisher"])))
        if csl.get("collection-title"):
            fields.append(("type", _bib_escape(csl["collection-title"])))
        if csl.get("number"):
            fields.append(("number", _bib_escape(csl["number"])))
    else:
        if csl.get("collection-title"):
            fields.append(("series", _bib_escape(csl["collection-title"])))
        if csl.get("publisher"):
            fields.append(("publisher", _bib_escape(csl["publisher"])))
    if csl.get("publisher-place"):
        fields.append(("address", _bib_escape(csl["publisher-place"])))
    if csl.get("volume"):
        fields.append(("volume", _bib_escape(csl["volume"])))
    if csl.get("issue"):
        fields.append(("number", _bib_escape(csl["issue"])))
    if csl.get("page"):
        fields.append(("pages", re.sub(r"\s*[-–]\s*", "--", _bib_escape(csl["page"]))))
    date = _date_parts(csl.get("issued"))
    if date:
        fields.append(("year", str(date[0])))
    if len(date) > 1:
        fields.append(("month", _BIBTEX_MONTHS[date[1] - 1]))  # a BibTeX macro: no braces
    if len(date) > 2:
        fields.append(("day", str(date[2])))
    if work.type == "speech":
        fields.append(("howpublished", "Speech"))
    for field, name in (("ISSN", "issn"), ("language", "language")):
        if csl.get(field):
            fields.append((name, _bib_escape(csl[field])))
    for field, name in (("DOI", "doi"), ("URL", "url")):
        if csl.get(field):
            fields.append((name, _bib_verbatim(csl[field])))
    if _note(work, works):
        fields.append(("note", _bib_escape(_note(work, works))))
    body = ",\n".join(f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
                      for name, value in fields)
    key = re.sub(r"[^A-Za-z0-9:._-]", "-", work.key)  # keys are checked; this keeps any key one token
    return f"@{kind}{{{key},\n{body}\n}}\n"


# --- RIS -------------------------------------------------------------------------------------

_RIS_TYPES = {"book": "BOOK", "chapter": "CHAP", "article-journal": "JOUR", "report": "RPRT"}


def ris_record(work: Work, works: dict[str, Work] | None = None) -> str:
    """One RIS record (tags as Zotero, EndNote and Mendeley read them), ending with ``ER``."""
    csl = work.csl
    lines = [("TY", _RIS_TYPES.get(work.type, "GEN")), ("ID", work.key)]
    # the RIS spec's roles for BOOK and CHAP: A2 is the editor, A4 the translator
    for role, tag in (("author", "AU"), ("editor", "A2"), ("translator", "A4")):
        lines += [(tag, n.inverted()) for n in work.names(role)]
    lines.append(("TI", work.title))
    if csl.get("container-title"):
        lines.append(("T2", csl["container-title"]))
    if csl.get("collection-title"):
        lines.append(("T3", csl["collection-title"]))
    for field, tag in (("volume", "VL"), ("number", "VL"), ("issue", "IS")):
        if csl.get(field):
            lines.append((tag, csl[field]))
    if csl.get("page"):
        pages = re.split(r"\s*[-–]\s*", csl["page"], maxsplit=1)
        lines += [("SP", pages[0])] + ([("EP", pages[1])] if len(pages) > 1 else [])
    date = _date_parts(csl.get("issued"))
    if date:
        lines.append(("PY", str(date[0])))
        parts = [str(date[0]), *(f"{d:02d}" for d in date[1:])] + [""] * (3 - len(date))
        lines.append(("DA", "/".join(parts) + "/"))  # RIS dates: 1993/12//
    for field, tag in (("publisher", "PB"), ("publisher-place", "CY"), ("ISSN", "SN"), ("DOI", "DO"),
                       ("URL", "UR"), ("language", "LA")):
        if csl.get(field):
            lines.append((tag, csl[field]))
    if _note(work, works):
        lines.append(("N1", _note(work, works)))
    lines.append(("ER", ""))
    return "\n".join(f"{tag}  - {one_line(value)}" for tag, value in lines) + "\n"
