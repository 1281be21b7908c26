"""What Zotero, Mendeley and Google Scholar read from the edition's pages.

Three kinds of page, three records, so that no indexer is told a page is something it is not:

- **The title page** carries the essay's full text, so it is a copy of the article: its Highwire
  Press ``citation_*`` tags (Google Scholar's, read by Zotero's Embedded Metadata translator) and a
  schema.org ``ScholarlyArticle`` in JSON-LD describe **the article as first published** (title
  as published, author, date, periodical, ISSN, language), from footnotes/publication.yaml.
  ``citation_public_url`` and ``citation_fulltext_html_url`` are this page's own address, where
  the tags and the full text are; the publisher's page is the JSON-LD's ``url`` and ``sameAs``.
  The title's slip ("Word War Two", correction ``title-word-war``) is the JSON-LD's
  ``correction``; Highwire tags have no field for it.
- **A work's page and the bibliography** list works the essay *cites*: each work is a COinS span
  (ContextObjects in Spans, OpenURL 1.0 KEV), which Zotero's COinS translator offers as the
  references on the page, and which Google Scholar does not take for the page's own record.
- **A note's page and /cite/** offer the essay in this edition, as the edition's own citations
  do ("…, in *The Evolution … World War Two*, annotated edition, version 1.1"): one COinS span,
  a section of a book (``rft.genre=bookitem``) with the page's address.

Each COinS span is written as Zotero's OpenURL parser (zotero/utilities, ``openurl.js``,
``parseContextObject``) reads it: the format and genre give Zotero's item type (a manuscript,
letter or speech uses the Dublin Core format with ``rft.type``, Zotero's item type); authors are
``rft.au`` as "Family, Given", an institution ``rft.aucorp``; OpenURL has no editor, so editors
and translators are ``rft.contributor``. The spans are empty: they add no text to the page.
"""

from __future__ import annotations

import json
from functools import lru_cache
from html import escape
from urllib.parse import quote

from .citations import ThisEdition
from .exports import slip_note
from ..model import Edition, Name, Work
from ..urls import CITE_URI, SOURCES_INDEX_URI, note_number, page_path, source_key

# Zotero item types of the kinds OpenURL's book and journal formats do not cover (RIS.js's
# exportTypeMap, read backwards: MANSCPT manuscript, PCOMM letter, SLIDE presentation).
_ZOTERO_TYPES = {"manuscript": "manuscript", "letter": "letter", "speech": "presentation"}


# --- The title page: the article as first published ---------------------------------------------

def highwire_tags(essay: Work, page_url: str) -> list[tuple[str, str]]:
    csl = essay.csl
    year, month, day = str(csl["issued"]).split("-")
    tags = [("citation_title", essay.title)]
    tags += [("citation_author", n.inverted()) for n in essay.names("author")]
    tags += [("citation_publication_date", f"{year}/{month}/{day}"),
             ("citation_journal_title", csl["container-title"])]
    if csl.get("ISSN"):
        tags.append(("citation_issn", csl["ISSN"]))
    if csl.get("language"):
        tags.append(("citation_language", csl["language"]))
    tags += [("citation_public_url", page_url), ("citation_fulltext_html_url", page_url)]
    return tags


def json_ld(essay: Work, page_url: str, slips=()) -> dict:
    csl = essay.csl
    data = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": essay.title,
        "name": essay.title,
        "author": [{"@type": "Person", "name": n.natural(), "familyName": n.family, "givenName": n.given}
                   if not n.literal else {"@type": "Organization", "name": n.literal}
                   for n in essay.names("author")],
        "datePublished": str(csl["issued"]),
        "isPartOf": {"@type": "Periodical", "name": csl["container-title"],
                     **({"issn": csl["ISSN"]} if csl.get("ISSN") else {})},
        "url": csl["URL"],
        "sameAs": csl["URL"],
        "mainEntityOfPage": page_url,  # this page holds the article's text
    }
    if slips:
        data["correction"] = {"@type": "CorrectionComment", "text": slip_note(slips)}
    if csl.get("license"):
        data["license"] = csl["license"]
    if csl.get("language"):
        data["inLanguage"] = csl["language"]
    return data


_SCRIPT_ESCAPES = {ord(c): f"\\u{ord(c):04x}" for c in "<>&"}


def head_html(essay: Work, page_url: str, slips=()) -> str:
    """The title page's citation metadata: ``citation_*`` tags and JSON-LD of the article as
    first published (see the module's docstring)."""
    tags = [f'<meta name="{name}" content="{escape(value)}">' for name, value in highwire_tags(essay, page_url)]
    # Nothing in the data can close the script or open a comment in it: <, > and & are written
    # as JSON escapes (\u003c…), which JSON-LD readers decode like any other.
    script = json.dumps(json_ld(essay, page_url, slips), ensure_ascii=False, indent=1).translate(_SCRIPT_ESCAPES)
    return "\n".join([*tags, f'<script type="application/ld+json">\n{script}\n</script>']) + "\n"


# --- COinS: the works cited, and the essay in this edition ---------------------------------------

def _name(name: Name) -> str:
    return name.literal or (f"{name.family}, {name.given}" if name.given else str(name.family))


def _creators(work: Work) -> list[tuple[str, str]]:
    pairs = [("rft.aucorp" if n.literal else "rft.au", _name(n)) for n in work.names("author")]
    return pairs + [("rft.contributor", _name(n)) for role in ("editor", "translator") for n in work.names(role)]


def work_context(work: Work) -> list[tuple[str, str]]:
    """A cited work as an OpenURL 1.0 ContextObject: (key, value) pairs."""
    csl = work.csl
    pairs = [("ctx_ver", "Z39.88-2004")]
    if work.type == "article-journal":
        pairs += [("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"), ("rft.genre", "article"),
                  ("rft.atitle", work.title), ("rft.jtitle", csl.get("container-title", ""))]
    elif work.type in ("book", "chapter", "report"):
        genre = {"book": "book", "chapter": "bookitem", "report": "report"}[work.type]
        pairs += [("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"), ("rft.genre", genre)]
        if work.type == "chapter":
            pairs += [("rft.atitle", work.title), ("rft.btitle", csl.get("container-title", ""))]
        else:
            pairs.append(("rft.btitle", work.title))
        pairs += [("rft.series", csl.get("collection-title", "")), ("rft.pub", csl.get("publisher", "")),
                  ("rft.place", csl.get("publisher-place", ""))]
    else:  # Dublin Core, with Zotero's item type
        pairs += [("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc"), ("rft.type", _ZOTERO_TYPES[work.type]),
                  ("rft.title", work.title)]
    pairs += _creators(work)
    pairs += [("rft.date", str(csl.get("issued", ""))), ("rft.volume", csl.get("volume", "")),
              ("rft.issue", csl.get("issue", "")), ("rft.pages", csl.get("page", "")),
              ("rft.issn", csl.get("ISSN", "")), ("rft.language", csl.get("language", "en"))]
    if csl.get("URL"):
        pairs.append(("rft_id", csl["URL"]))
    return [(k, v) for k, v in pairs if v]


def edition_context(essay: Work, this: ThisEdition, path: str) -> list[tuple[str, str]]:
    """The essay in this edition, at the page ``path``: a section of the edition, as its citations
    put it ("…, in *The Evolution … World War Two*, annotated edition, version 1.1 (2026), URL")."""
    return [("ctx_ver", "Z39.88-2004"), ("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"), ("rft.genre", "bookitem"),
            ("rft.atitle", essay.title), ("rft.btitle", this.title), *_creators(essay),
            ("rft.edition", f"Annotated edition, version {this.version.short}"),
            ("rft.date", str(this.version.year)), ("rft.language", essay.csl.get("language", "en")),
            ("rft_id", this.address(path))]


def coins_span(pairs: list[tuple[str, str]]) -> str:
    """An empty COinS span: the ContextObject, URL-encoded, in its title (escaped for HTML)."""
    return _coins_span(tuple(pairs))


@lru_cache(maxsize=1024)  # a serve rebuild writes the same spans again: each encoded once
def _coins_span(pairs: tuple[tuple[str, str], ...]) -> str:
    kev = "&".join(f"{key}={quote(str(value), safe='')}" for key, value in pairs)
    return f'<span class="Z3988" title="{escape(kev)}"></span>'


def page_coins(edition: Edition, this: ThisEdition, src_uri: str) -> str:
    """The COinS a page offers, by the page's src_uri: each work on the bibliography, the work on
    its own page, the essay in this edition on a note's page and on /cite/; nothing elsewhere."""
    if src_uri == SOURCES_INDEX_URI:
        works = sorted(edition.works.values(), key=lambda w: w.sort_key)
        return "".join(coins_span(work_context(w)) for w in works)
    work = edition.works.get(source_key(src_uri) or "")
    if work is not None:
        return coins_span(work_context(work))
    if src_uri == CITE_URI or note_number(src_uri) in edition.notes:
        return coins_span(edition_context(edition.publication, this, page_path(src_uri)))
    return ""
