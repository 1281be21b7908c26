"""The works as reference-manager files: CSL-JSON, BibTeX and RIS.

The one place where the model's CSL-style fields are mapped to each format. The same functions
give the whole bibliography (``export_files``, written into the site at build time), one work's
snippet on its source page, and the essay's own record on the title page. Each format is written
for the client that reads it, and checked against that client's own rules in tests/test_exports.py:

- **RIS** as Zotero's RIS translator imports it (zotero/translators, ``RIS.js``: its ``exportTypeMap``
  and ``fieldMap``): a type per kind (``BOOK``, ``CHAP``, ``JOUR``, ``RPRT``, ``MANSCPT`` for a
  manuscript, ``PCOMM`` for a letter, ``SLIDE`` for a speech, which Zotero files as a
  presentation); editors under the tag Zotero reads as *editor* for the type (``A3`` for a book,
  ``A2`` for a chapter or an article, ``ED`` elsewhere, where ``A2`` means series editor, recipient
  or presenter); a series as ``T2`` (book, report) or ``T3`` (chapter), its number as ``M1``
  (book), ``SV`` (chapter) or ``SN`` (a report's number); one value per tag. Zotero splits every
  name at its first comma, so a corporate name keeps no comma: "Institute of General History,
  Russian Academy of Sciences" is written "Institute of General History (Russian Academy of
  Sciences)", one name.
- **CSL-JSON** as CSL 1.0.2 defines its variables: the series number is ``collection-number``;
  every item has a ``language`` (English unless the source says otherwise), so that a CSL
  processor title-cases only English titles, not transliterated Russian ones.
- **BibTeX**, not biblatex: pybtex, Zotero's BibTeX import and every .bst style read it. Only the
  standard fields of BibTeX's own documentation (btxdoc), with ``url`` and ``doi`` as the one
  addition every current reader understands (a style that does not ignores them, as BibTeX
  ignores any field it does not know); a day of the month, a translator, a first publication or
  a volume's own title have no field and go into ``note``, in words.

Every format carries the same facts: the first publication (``original-date``) is CSL-JSON's
``original-date``, RIS's ``OP`` and BibTeX's note "First published 1995."; a slip the edition
corrects in a title but cites as published (the essay's "Word War Two") is said in each record's
note. A field that holds one value holds one value (the loader's rules make ``issue`` a journal
article's and ``number`` a series' number, so they never compete for BibTeX's ``number``).

Each format escapes its own syntax, whatever the text (the loader refuses line breaks and
control characters in these fields, but the exports do not rely on it): in BibTeX, braces and
backslashes become ``{\\textbraceleft}``, ``{\\textbraceright}`` and ``{\\textbackslash}`` and LaTeX's
special characters are escaped, so a value can neither close its field nor add one; in RIS, where a
record is its lines, every value is one line; JSON is written by :mod:`json`.
"""

from __future__ import annotations

import json
import re

from .citations import date_text, names_list, quoted_in
from ..inline import to_text
from ..model import Edition, Name, Work
from ..text import CONTROLS, LINE_SEPARATORS, MONTHS, character_class
from ..urls import EXPORT_URIS

# Fields kept in footnotes/*.yaml that are the edition's, not CSL's.
_NOT_CSL = {"quoted-in", "title-sentence-case"}
# The edition's `number` is always a number in a series (the schema ties it to `collection-title`).
_CSL_NAMES = {"number": "collection-number"}
DEFAULT_LANGUAGE = "en"  # the bibliography's works are in English unless `language` says otherwise
_BIBTEX_MONTHS = [month[:3].lower() for month in MONTHS]  # BibTeX's macros: jan, feb…


def export_files(edition: Edition) -> dict[str, str]:
    """The bibliography files, by their path in the site, in bibliography order."""
    works = sorted(edition.works.values(), key=lambda w: w.sort_key)
    return {
        EXPORT_URIS["BibTeX"]: "".join(bibtex_entry(w, edition.works) + "\n" for w in works),
        EXPORT_URIS["CSL-JSON"]: to_csl_json(works, edition.works),
        EXPORT_URIS["RIS"]: "".join(ris_record(w, edition.works) + "\n" for w in works),
    }


def title_slips(edition: Edition) -> tuple[tuple[str, str], ...]:
    """The slips in the essay's title that the edition corrects but cites as published:
    (as published, corrected) from each editorial correction whose phrase is the title."""
    title = edition.publication.title
    return tuple((e.original, e.correction) for e in edition.editorial
                 if not e.is_query and e.original and e.original in title and title in e.anchor.phrase)


def slip_note(slips: tuple[tuple[str, str], ...]) -> str:
    """'The title reads “Word War Two” [sic] as published, for “World War Two”.'"""
    return " ".join(f"The title reads “{original}” [sic] as published, for “{correction}”."
                    for original, correction in slips)


def _date_parts(issued) -> list[int]:
    return [int(p) for p in str(issued).split("-")] if issued else []


def _quoted_in_text(work: Work, works: dict[str, Work] | None) -> str:
    if work.quoted_in and works and work.quoted_in in works:
        return to_text(tuple(quoted_in(works[work.quoted_in]))).strip()
    return ""


def _first_published(work: Work) -> str:
    original = work.csl.get("original-date")
    return f"First published {date_text(original)}." if original else ""


def _note(work: Work, works: dict[str, Work] | None, slips=(), *, translator: bool = False,
          day: bool = False, first_published: bool = True) -> str:
    """What a format has no field for, in words: a volume's own title, the translator (BibTeX),
    the day of the month (BibTeX), the first publication, a title's slip, a second-hand source."""
    csl, parts = work.csl, []
    if csl.get("volume-title") and work.type != "article-journal":
        parts.append(f"Vol. {csl['volume']}: {csl['volume-title']}.")
    if translator and work.names("translator"):
        parts.append(f"Translated by {names_list(work.names('translator'), invert_first=False)}.")
    date = _date_parts(csl.get("issued"))
    if day and len(date) == 3:
        dated = "Dated" if work.type in ("manuscript", "letter", "speech") else "Published"
        parts.append(f"{dated} {date_text(csl['issued'])}.")
    if first_published:
        parts.append(_first_published(work))
    parts += [slip_note(slips), _quoted_in_text(work, works)]
    return " ".join(filter(None, parts))


# --- CSL-JSON --------------------------------------------------------------------------------

def csl_item(work: Work, works: dict[str, Work] | None = None, slips=()) -> dict:
    """The work as a CSL-JSON item (the YAML already uses CSL names; dates become date-parts)."""
    item = {"id": work.key, "type": work.type}
    for field, value in work.csl.items():
        if field in _NOT_CSL or field == "type":
            continue
        item[_CSL_NAMES.get(field, field)] = \
            {"date-parts": [_date_parts(value)]} if field in ("issued", "original-date") else value
    item.setdefault("language", DEFAULT_LANGUAGE)
    note = " ".join(filter(None, [slip_note(slips), _quoted_in_text(work, works)]))
    if note:
        item["note"] = note
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
# BibTeX's name parser: "and" separates names, a comma separates a name's parts, and a name that
# is the bare word "others" means "et al.". A part holding any of them is braced: it is a name.
_BIBTEX_NAME_WORDS = re.compile(r"(?i)\band\b|,|^\s*others\s*$")


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
    """A family or given name; braced where "and", a comma or "others" would be read as syntax."""
    escaped = _bib_escape(text)
    return f"{{{escaped}}}" if _BIBTEX_NAME_WORDS.search(escaped) else escaped


def _bib_name(name: Name) -> str:
    if name.literal:
        return f"{{{_bib_escape(name.literal)}}}"
    if name.given:
        return f"{_bib_name_part(name.family)}, {_bib_name_part(name.given)}"
    return _bib_name_part(name.family)


def _bib_names(work: Work, role: str) -> str:
    return " and ".join(_bib_name(n) for n in work.names(role))


def _bibtex_type(work: Work) -> str:
    if work.type == "report":
        return "techreport" if work.csl.get("publisher") else "misc"
    return {"book": "book", "chapter": "incollection", "article-journal": "article"}.get(work.type, "misc")


def bibtex_entry(work: Work, works: dict[str, Work] | None = None, slips=()) -> str:
    """One BibTeX entry keyed by the work's key; titles double-braced to keep their capitals.
    Standard fields only (plus url and doi), each at most once, always in the same order."""
    kind = _bibtex_type(work)
    fields = {**_bib_people(work), "title": f"{{{_bib_escape(work.title)}}}", **_bib_published_in(work, kind),
              **_bib_numbers(work), **_bib_date(work)}
    if work.type == "speech":
        fields["howpublished"] = "Speech"
    fields |= {name: _bib_verbatim(work.csl[field]) for field, name in (("DOI", "doi"), ("URL", "url"))
               if work.csl.get(field)}
    note = _note(work, works, slips, translator=True, day=True)
    if note:
        fields["note"] = _bib_escape(note)
    body = ",\n".join(f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
                      for name, value in fields.items())
    key = re.sub(r"[^A-Za-z0-9:._-]", "-", work.key)  # keys are checked; this keeps any key one token
    return f"@{kind}{{{key},\n{body}\n}}\n"


def _bib_people(work: Work) -> dict[str, str]:
    return {role: _bib_names(work, role) for role in ("author", "editor") if work.csl.get(role)}


def _bib_published_in(work: Work, kind: str) -> dict[str, str]:
    """Where the work appeared, by BibTeX type: a chapter's book or an article's journal, the
    publisher (a report's institution) and the place."""
    csl, fields = work.csl, {}
    container = _BIB_CONTAINER.get(kind)
    if container and csl.get("container-title"):
        fields[container] = _bib_escape(csl["container-title"])
    fields |= _BIB_PUBLISHER.get(kind, _bib_publisher)(csl)
    if csl.get("publisher-place"):
        fields["address"] = _bib_escape(csl["publisher-place"])
    return fields


def _bib_institution(csl: dict) -> dict[str, str]:
    """A techreport's publisher is its institution, and its series the report's ``type``."""
    fields = {"institution": _bib_escape(csl["publisher"])}
    if csl.get("collection-title"):
        fields["type"] = _bib_escape(csl["collection-title"])
    return fields


def _bib_publisher(csl: dict) -> dict[str, str]:
    fields = {}
    if csl.get("collection-title"):
        fields["series"] = _bib_escape(csl["collection-title"])
    if csl.get("publisher"):
        fields["publisher"] = _bib_escape(csl["publisher"])
    return fields


_BIB_CONTAINER = {"incollection": "booktitle", "article": "journal"}  # the field that names the larger work
_BIB_PUBLISHER = {"techreport": _bib_institution}  # any other type: series and publisher


def _bib_numbers(work: Work) -> dict[str, str]:
    """Volume, number and pages. BibTeX's one `number` is a journal's issue, or the number in a
    series (never both: the loader gives `issue` to journal articles alone and `number` to works
    in a series alone)."""
    csl, fields = work.csl, {}
    if csl.get("volume"):
        fields["volume"] = _bib_escape(csl["volume"])
    number = csl.get("issue") if work.type == "article-journal" else csl.get("number")
    if number:
        fields["number"] = _bib_escape(number)
    if csl.get("page"):
        fields["pages"] = re.sub(r"\s*[-–]\s*", "--", _bib_escape(csl["page"]))
    return fields


def _bib_date(work: Work) -> dict[str, str]:
    """The year, and the month as BibTeX's macro (written without braces); a day has no field."""
    date = _date_parts(work.csl.get("issued"))
    fields = {"year": str(date[0])} if date else {}
    if len(date) > 1:
        fields["month"] = _BIBTEX_MONTHS[date[1] - 1]
    return fields


# --- RIS -------------------------------------------------------------------------------------

# Zotero's RIS translator (RIS.js, exportTypeMap): CSL type -> TY. A speech is Zotero's
# "presentation" (SLIDE), a letter its "letter" (PCOMM), a manuscript its "manuscript" (MANSCPT).
RIS_TYPES = {"book": "BOOK", "chapter": "CHAP", "article-journal": "JOUR", "report": "RPRT",
             "manuscript": "MANSCPT", "letter": "PCOMM", "speech": "SLIDE"}
# The tag Zotero reads as "editor" for each type (RIS.js, fieldMap A2/A3; ED, its fallback).
RIS_EDITOR = {"book": "A3", "chapter": "A2", "article-journal": "A2"}
# A series' title and number, by type (RIS.js, fieldMap T2/T3 and M1/SV/SN).
RIS_SERIES = {"book": ("T2", "M1"), "chapter": ("T3", "SV"), "report": ("T2", "SN")}


def ris_name(name: Name) -> str:
    """'Family, Given'; a corporate name as one name, with no comma for Zotero to split it at:
    'A, B, C' -> 'A (B; C)'."""
    if not name.literal:
        return name.inverted()
    first, *rest = [part.strip() for part in name.literal.split(",")]
    return f"{first} ({'; '.join(rest)})" if rest else first


def ris_record(work: Work, works: dict[str, Work] | None = None, slips=()) -> str:
    """One RIS record, ending with ``ER``, as Zotero's RIS translator imports it."""
    csl = work.csl
    lines = [("TY", RIS_TYPES[work.type]), ("ID", work.key), *_ris_people(work), ("TI", work.title)]
    if csl.get("container-title"):
        lines.append(("T2", csl["container-title"]))
    lines += [*_ris_series(work), *_ris_numbers(csl), *_ris_date(csl)]
    if csl.get("ISSN") and work.type == "article-journal":  # SN: a journal's ISSN, a report's number
        lines.append(("SN", csl["ISSN"]))
    if csl.get("original-date"):
        lines.append(("OP", str(csl["original-date"])))  # the RIS spec's "original publication"
    lines += [(tag, csl[field]) for field, tag in (("publisher", "PB"), ("publisher-place", "CY"), ("DOI", "DO"),
                                                  ("URL", "UR")) if csl.get(field)]
    lines.append(("LA", csl.get("language", DEFAULT_LANGUAGE)))
    note = _note(work, works, slips, first_published=False)  # RIS has OP for the first publication
    if note:
        lines.append(("N1", note))
    lines.append(("ER", ""))
    return "\n".join(f"{tag}  - {one_line(value)}" for tag, value in lines) + "\n"


def _ris_people(work: Work) -> list[tuple[str, str]]:
    """Authors, editors under the tag Zotero reads as editor for the type, translators."""
    return [(tag, ris_name(n)) for role, tag in (("author", "AU"), ("editor", RIS_EDITOR.get(work.type, "ED")),
                                                 ("translator", "A4")) for n in work.names(role)]


def _ris_series(work: Work) -> list[tuple[str, str]]:
    """A series' title and number, under the type's tags (a type without a number tag drops the number)."""
    title_tag, number_tag = RIS_SERIES.get(work.type, ("T3", None))
    lines = [(title_tag, work.csl["collection-title"])] if work.csl.get("collection-title") else []
    if work.csl.get("number") and number_tag:
        lines.append((number_tag, work.csl["number"]))
    return lines


def _ris_numbers(csl: dict) -> list[tuple[str, str]]:
    """Volume, issue, and the first and last pages."""
    lines = [(tag, csl[field]) for field, tag in (("volume", "VL"), ("issue", "IS")) if csl.get(field)]
    if csl.get("page"):
        pages = re.split(r"\s*[-–]\s*", csl["page"], maxsplit=1)
        lines += [("SP", pages[0])] + ([("EP", pages[1])] if len(pages) > 1 else [])
    return lines


def _ris_date(csl: dict) -> list[tuple[str, str]]:
    """PY, the year; DA, the date at its precision: 1993/12//."""
    date = _date_parts(csl.get("issued"))
    if not date:
        return []
    parts = [str(date[0]), *(f"{d:02d}" for d in date[1:])] + [""] * (3 - len(date))
    return [("PY", str(date[0])), ("DA", "/".join(parts) + "/")]
