"""The edition's apparatus as W3C Web Annotations: one AnnotationCollection in JSON-LD.

https://www.w3.org/TR/annotation-model/ — the author's notes (``commenting``, with a ``linking``
body to the cited work's page), the editor's corrections (``editing``: the body replaces the
words the target selects) and queries (``questioning``), and every mention of a glossary entry
(``identifying``, with a ``describing`` body).

Each annotation has two targets: the essay's page in this edition, with a TextQuoteSelector and a
TextPositionSelector, and the original publication's page with the same TextQuoteSelector, so that
annotation tools can anchor the apparatus on the original article too. A quote never runs across
a note marker (printed “12” here and “[12]” in the original), so the same words match in both;
prefix and suffix are lengthened until prefix + exact + suffix occurs exactly once in each text.
Positions count Unicode code points in the text of the page as served (``document.body
.textContent``), which is how annotation clients such as Hypothesis read a TextPositionSelector.
They read it after the page's scripts have run: edition.js adds no text before annotated words
(its copy-link controls' words are CSS generated content; the sidenotes, copies of the notes,
come after all of the page's annotated text), as tests/test_anchoring.py checks in Chromium. ``created``/``modified`` come from the record of changes, so two builds
of one version are identical.
"""

from __future__ import annotations

import html
import json
import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache

from .citations import ThisEdition
from ..cache import Latest
from ..read.essay import MARKER, plain_text
from ..inline import to_text
from ..model import Edition, EditorialNote, GlossaryEntry, Note
from ..problems import EditionError, Problem
from ..urls import COLLECTION_URI, editorial_entry, paragraph_id, glossary_entry, page_path, source_uri
from ..text import sentence_start
from ..model import apparatus_kind
from ..read.editorial import TermFinder, entries_in_note

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
CONTEXT_CHARS = 32  # prefix and suffix start this long, and grow until the quote is unique


_ATTRIBUTES = r"""[^'">]*(?:(?:"[^"]*"|'[^']*')[^'">]*)*"""  # quoted values may hold ">"
_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)"  # a comment
    rf"|<(script|style)\b{_ATTRIBUTES}>(.*?)(?:</\1\s*>|\Z)"  # raw text: counted as it stands
    rf"|</?([a-zA-Z][^\s/>]*){_ATTRIBUTES}>"  # a start or end tag
    r"|<![^>]*>|<\?[^>]*>",  # a doctype, a processing instruction
    re.S | re.I)


def body_text(page: str) -> str:
    """``document.body.textContent`` of a page as an HTML parser builds it: the text between tags,
    character references decoded, scripts' text as it stands, a newline right after <pre> or
    <textarea> dropped, <template> content left out. One regular expression over the page:
    html.parser, which gives the same text on every page the site builds
    (tests/test_web_annotations.py), was a ninth of the engine's time in a build."""
    parts, in_body, template, drop_newline, at = [], False, 0, False, 0

    def text(chunk: str) -> None:
        if drop_newline and chunk.startswith("\n"):
            chunk = chunk[1:]
        if in_body and not template and chunk:
            parts.append(html.unescape(chunk) if "&" in chunk else chunk)

    for markup in _MARKUP.finditer(page):
        text(page[at:markup.start()])
        at, drop_newline = markup.end(), False
        if markup[1] is not None and in_body and not template:
            parts.append(markup[2])
        elif markup[3] and page[markup.start() + 1] == "/":
            template -= markup[3].lower() == "template" and template > 0
        elif markup[3]:
            tag = markup[3].lower()
            in_body = in_body or tag == "body"
            template += tag == "template"
            drop_newline = tag in ("pre", "textarea", "listing")
    text(page[at:])
    return "".join(parts)


_served_texts = Latest("body_text")


def served_text(uri: str, page: str) -> str:
    """:func:`body_text` of one page; a serve rebuild reuses it while the page is unchanged."""
    return _served_texts.get(uri, page, lambda: body_text(page))


def original_text(edition: Edition) -> str:
    """The essay as published, as far as the edition holds it: title, paragraphs, notes ("[n] …")."""
    paragraphs = [plain_text(p.source) for p in edition.paragraphs]
    notes = [f"[{n}] {to_text(note.text)}" for n, note in edition.notes.items()]
    return "\n\n".join([edition.publication.title, *paragraphs, *notes])


# What building the quotes cost, counted (tests/test_linear.py holds it linear; scripts/bench.py times it).
WORK = {"windows": 0, "lookups": 0}
MAX_CONTEXT = 512  # characters of prefix or suffix at most: a quote no context this long makes unique is refused


class _Windows:
    """How often each stretch of a text around an occurrence of ``exact`` stands there: one table
    for each shape (characters before, characters after), built once over the occurrences, so a
    quote asks in constant time how often its prefix + exact + suffix occurs, whatever the number
    of quotes (filtering every occurrence for every quote and every length was cubic)."""

    def __init__(self) -> None:
        self._found: dict[tuple[int, str], list[int]] = {}  # (id of the text, words) -> where they stand
        self._tables: dict[tuple[int, str, int, int], dict[int, tuple[int, int]]] = {}

    def occurrences(self, text: str, exact: str) -> list[int]:
        key = (id(text), exact)  # the texts live as long as this object
        if key not in self._found:
            self._found[key] = _occurrences(text, exact)
        return self._found[key]

    def count(self, text: str, prefix: str, exact: str, suffix: str) -> tuple[int, int]:
        """(how often prefix + exact + suffix occurs in ``text``, where the first one's exact starts)."""
        before, after = len(prefix), len(suffix)
        key = (id(text), exact, before, after)
        table = self._tables.get(key)
        if table is None:
            table = self._tables[key] = {}
            for at in self.occurrences(text, exact):
                if at >= before and at + len(exact) + after <= len(text):
                    WORK["windows"] += 1
                    digest = hash(text[at - before:at + len(exact) + after])
                    seen, first = table.get(digest, (0, at))
                    table[digest] = (seen + 1, first)
        WORK["lookups"] += 1
        seen, first = table.get(hash(prefix + exact + suffix), (0, -1))
        if seen == 1 and not text.startswith(prefix + exact + suffix, first - before):  # a hash collision
            return len(_with_context(text, self.occurrences(text, exact), prefix, exact, suffix)), first
        return seen, first


class _Quotes:
    """Builds quote selectors that are unique in the edition's page and in the original."""

    def __init__(self, original: str, pages: dict[str, str], repeated: frozenset[str] = frozenset()):
        self.pages = pages  # src_uri -> body text
        self.original = original  # the essay as published (original_text)
        # Stretches the original holds twice or more as a whole (a synthetic essay repeats itself):
        # every quote from one occurs twice there, so none needs a search for its context.
        self.repeated = repeated
        self.problems: list[Problem] = []
        self._windows = _Windows()
        self._needed: dict[tuple, int | None] = {}  # a quote -> the context it needs in the original
        self._at: dict[tuple[int, str], int] = {}  # (id of the page, the whole quote) -> where its exact starts

    def _needed_in_original(self, segment: str, start: int, end: int, suffix_allowed: bool) -> int | None:
        """The least context (as ``quote`` grows it) that makes ``segment[start:end]`` unique in the
        original, or None if none does. It depends on the words alone, not on the page, so it is
        worked out once for each quote however often an essay repeats it."""
        if segment in self.repeated:
            return None
        key = (segment, start, end, suffix_allowed)
        if key not in self._needed:
            exact, found = segment[start:end], None
            size = CONTEXT_CHARS
            while size <= MAX_CONTEXT:
                prefix = segment[max(0, start - size):start]
                suffix = segment[end:end + size] if suffix_allowed else ""
                there, _ = self._windows.count(self.original, prefix, exact, suffix)
                if there == 1:
                    found = size
                if there <= 1 or (start - size <= 0 and (end + size >= len(segment) or not suffix_allowed)):
                    break
                size += 16
            self._needed[key] = found
        return self._needed[key]

    def quote(self, segment: str, start: int, end: int, page: str, who: str, suffix_allowed: bool = True,
              original: bool = True, file: str = COLLECTION_URI) -> dict | None:
        """A TextQuoteSelector for ``segment[start:end]``: prefix and suffix taken from ``segment``
        (a stretch of text printed alike everywhere), lengthened until prefix + exact + suffix occurs
        once in ``page`` (else a problem) and, where the context allows, once in the original."""
        exact = segment[start:end]
        needed = self._needed_in_original(segment, start, end, suffix_allowed) if original else None
        original = needed is not None  # else no context makes it unique there (a synthetic essay)
        size = CONTEXT_CHARS
        while True:
            prefix = segment[max(0, start - size):start]
            suffix = segment[end:end + size] if suffix_allowed else ""
            here, at = self._windows.count(page, prefix, exact, suffix)
            unique_here = here == 1
            if unique_here and (not original or size >= needed):
                break
            at_the_ends = start - size <= 0 and (end + size >= len(segment) or not suffix_allowed)
            if at_the_ends or size >= MAX_CONTEXT:
                if unique_here:
                    break  # as unique as the original allows (a synthetic essay repeats itself)
                around = "all the context there is" if at_the_ends else f"{MAX_CONTEXT} characters around them"
                self.problems.append(Problem(file, None, f"the words “{exact}” occur "
                                             f"{here} times on the page, even with {around}", entry=who,
                                             hint="a Web Annotation's quote must be unique on its page"))
                return None
            size += 16
        self._at[(id(page), prefix + exact + suffix)] = at
        return {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}

    def position(self, uri: str, selector: dict) -> dict:
        text = self.pages[uri]
        whole = selector["prefix"] + selector["exact"] + selector["suffix"]
        start = self._at.get((id(text), whole))
        start = text.index(whole) + len(selector["prefix"]) if start is None else start
        return {"type": "TextPositionSelector", "start": start, "end": start + len(selector["exact"])}


def _occurrences(text: str, exact: str) -> list[int]:
    """Every place ``exact`` starts in ``text`` (overlapping ones too)."""
    places, at = [], text.find(exact)
    while at != -1:
        places.append(at)
        at = text.find(exact, at + 1)
    return places


def _with_context(text: str, places: list[int], prefix: str, exact: str, suffix: str) -> list[int]:
    """The places of ``exact`` that have ``prefix`` before them and ``suffix`` after them."""
    return [at for at in places if at >= len(prefix) and text.startswith(prefix, at - len(prefix))
            and text.startswith(suffix, at + len(exact))]


@lru_cache(maxsize=256)
def _runs(source: str) -> tuple[tuple[int, str], ...]:
    """A paragraph's source cut at its markers: (offset, text) of each stretch between them
    (worked out once per paragraph, not once per mention)."""
    runs, pos = [], 0
    for match in MARKER.finditer(source):
        runs.append((pos, source[pos:match.start()]))
        pos = match.end()
    runs.append((pos, source[pos:]))
    return tuple(runs)


def _run_at(source: str, offset: int) -> tuple[int, str]:
    """The stretch of ``source`` between markers that holds ``offset`` (found by bisection)."""
    runs = _runs(source)
    return runs[bisect_right(runs, offset, key=lambda run: run[0]) - 1]


_note_text = lru_cache(maxsize=256)(to_text)  # a note's plain text, once per note, not once per mention


def _said(entry: EditorialNote) -> str:
    """An editorial note's statements (model.EditorialNote.statements) as one line of plain text."""
    return " ".join(f"{label}: {text}" if label else text for label, text in entry.statements)


class _Builder:
    def __init__(self, edition: Edition, this: ThisEdition, pages: dict[str, str]):
        self.edition, self.this = edition, this
        stretches = Counter(run for p in edition.paragraphs for _, run in _runs(p.source))
        stretches.update(_note_text(note.text) for note in edition.notes.values())
        self.quotes = _Quotes(original_text(edition), pages, frozenset(s for s, n in stretches.items() if n > 1))
        self.original_url = edition.publication.csl["URL"]
        self.collection = this.address(COLLECTION_URI)

    # --- targets ----------------------------------------------------------------------------

    def _targets(self, uri: str, selector: dict | None, original: dict | None = None) -> list[dict] | None:
        if selector is None:
            return None
        return [{"type": "SpecificResource", "source": self.this.address(page_path(uri)),
                 "selector": [selector, self.quotes.position(uri, selector)]},
                {"type": "SpecificResource", "source": self.original_url,
                 "selector": original or selector}]

    def _in_paragraph(self, number: int, start: int, end: int, who: str, suffix: bool = True):
        """Targets for ``source[start:end]`` of paragraph ``number`` (offsets in its source)."""
        paragraph = self.edition.paragraphs[number - 1]
        uri = self.edition.section(paragraph.section).src_uri
        run_start, run = _run_at(paragraph.source, start)
        selector = self.quotes.quote(run, start - run_start, end - run_start, self.quotes.pages[uri], who, suffix,
                                     file=f"docs/{uri}")
        return self._targets(uri, selector)

    def _in_note(self, n: int, start: int, end: int, who: str):
        """Targets for ``text[start:end]`` of note ``n``'s text, in the section's notes list."""
        note = self.edition.notes[n]
        uri = self.edition.section(note.marker.section).src_uri
        selector = self.quotes.quote(_note_text(note.text), start, end, self.quotes.pages[uri], who,
                                     file=f"docs/{uri}")
        return self._targets(uri, selector)

    def _on_page(self, page: str, phrase: str, exact: str, who: str):
        """Targets for ``exact`` in ``phrase`` on an edition page (the title page): the context
        differs there from the original's, so each target has its own quote."""
        text = self.quotes.pages[page]
        start = text.index(phrase) + phrase.index(exact)
        here = self.quotes.quote(text, start, start + len(exact), text, who, original=False)
        original, published = self.quotes.original, phrase.strip("“”‘’")
        at = original.find(published)
        if here and (at < 0 or exact not in published):  # words of the edition's own: no second target
            return self._targets(page, here)[:1]
        begin = published.index(exact)  # context from the published words alone: what surrounds them differs
        there = self.quotes.quote(published, begin, begin + len(exact), original, who, original=False)
        return self._targets(page, here, there) if here and there else None

    # --- annotations ------------------------------------------------------------------------

    def _annotation(self, key: str, motivation: str, body: list[dict], targets, kind: str | None,
                    entry: str | None, creator: dict) -> dict | None:
        if targets is None:
            return None
        changes = self.edition.changes
        created = changes.added(kind, entry) if kind else changes.first
        modified = changes.last_modified(kind, entry) if kind else None
        # Each annotation carries its @context: taken out of the collection alone (posted one by one
        # to an annotation server, which gives it an id of its own), it is still complete JSON-LD.
        annotation = {"@context": CONTEXT, "id": f"{self.collection}#{key}", "type": "Annotation",
                      "motivation": motivation,
                      "creator": creator, "created": created.timestamp}
        if modified:
            annotation["modified"] = modified.timestamp
        annotation["body"] = body
        annotation["target"] = targets
        return annotation

    def _text(self, value: str, purpose: str) -> dict:
        return {"type": "TextualBody", "value": value, "format": "text/plain", "language": "en",
                "purpose": purpose}

    def _link(self, path: str, purpose: str = "linking") -> dict:
        return {"type": "SpecificResource", "source": self.this.address(path), "purpose": purpose}

    def note(self, note: Note) -> dict | None:
        paragraph = self.edition.paragraphs[note.marker.paragraph - 1]
        run_start, run = _run_at(paragraph.source, note.marker.start)
        words = run[:note.marker.start - run_start]
        begin = sentence_start(words)
        author = self.edition.publication.names("author")[0]
        # The marker follows the words at once, printed differently in the two texts: no suffix.
        targets = self._in_paragraph(paragraph.number, run_start + begin, note.marker.start,
                                     f"note {note.n}", suffix=False)
        body = [self._text(to_text(note.text), "commenting"),
                self._link(page_path(source_uri(note.work)))]
        annotation = self._annotation(f"note-{note.n}", "commenting", body, targets, None, None,
                                      {"type": "Person", "name": author.natural()})
        if annotation:
            annotation["rights"] = self.edition.publication.csl.get("license")
        return annotation

    def editorial(self, entry: EditorialNote) -> dict | None:
        kind = apparatus_kind(entry)
        anchor = entry.anchor
        exact = entry.original if kind == "corrections" else anchor.phrase
        who = f"editorial note `{entry.id}`"
        if anchor.paragraph is not None:
            source = self.edition.paragraphs[anchor.paragraph - 1].source
            start = source.index(anchor.phrase) + anchor.phrase.index(exact)
            targets = self._in_paragraph(anchor.paragraph, start, start + len(exact), who)
        elif anchor.note is not None:
            text = to_text(self.edition.notes[anchor.note].text)
            start = text.index(anchor.phrase) + anchor.phrase.index(exact)
            targets = self._in_note(anchor.note, start, start + len(exact), who)
        else:
            targets = self._on_page(anchor.page, anchor.phrase, exact, who)
        link = self._link(page_path(editorial_entry(entry.id)))
        if kind == "queries":
            body = [self._text(_said(entry), "questioning"), link]
            motivation = "questioning"
        else:
            body = [self._text(entry.correction, "editing"),
                    self._text(_said(entry), "commenting"), link]
            motivation = "editing"
        return self._annotation(f"{kind[:-1] if kind == 'corrections' else 'query'}-{entry.id}", motivation,
                                body, targets, kind, entry.id, self.editor)

    def glossary(self) -> list[dict]:
        out = []
        finder = TermFinder(self.edition.glossary)
        for paragraph in self.edition.paragraphs:
            seen: dict[str, int] = {}
            for offset, run in _runs(paragraph.source):
                for start, end, key in finder.find(run):
                    seen[key] = seen.get(key, 0) + 1
                    targets = self._in_paragraph(paragraph.number, offset + start, offset + end,
                                                 f"glossary entry `{key}`")
                    out.append(self._mention(self.edition.glossary[key], f"{paragraph_id(paragraph.number)}-{seen[key]}",
                                             targets))
        for n, note in self.edition.notes.items():
            in_note = entries_in_note(self.edition.glossary, n)
            if not in_note:
                continue
            seen = {}
            for start, end, key in TermFinder(in_note).find(_note_text(note.text)):
                seen[key] = seen.get(key, 0) + 1
                targets = self._in_note(n, start, end, f"glossary entry `{key}`")
                out.append(self._mention(self.edition.glossary[key], f"n{n}-{seen[key]}", targets))
        return [a for a in out if a]

    def _mention(self, entry: GlossaryEntry, where: str, targets) -> dict | None:
        body = [self._link(page_path(glossary_entry(entry.id)), "identifying"),
                self._text(f"{entry.term}. {entry.text} Basis: {entry.basis}" if entry.basis
                           else f"{entry.term}. {entry.text}", "describing")]
        return self._annotation(f"glossary-{entry.id}-{where}", "identifying", body, targets, "glossary",
                                entry.id, self.editor)

    @property
    def editor(self) -> dict:
        return {"type": "Organization", "name": f"The editors of {self.this.title}, annotated edition",
                "homepage": self.this.url}


def collection(edition: Edition, this: ThisEdition, pages: dict[str, str]) -> dict:
    """The AnnotationCollection, its one page embedded. ``pages``: the body text of each page an
    annotation targets (essay sections, and edition pages with corrections), by src_uri."""
    builder = _Builder(edition, this, pages)
    items = [builder.note(n) for n in edition.notes.values()]
    items += [builder.editorial(e) for e in edition.editorial]
    items += builder.glossary()
    if builder.quotes.problems:
        raise EditionError(builder.quotes.problems)
    items = [item for item in items if item]
    version = this.version
    return {
        "@context": CONTEXT,
        "id": builder.collection,
        "type": "AnnotationCollection",
        "label": f"{this.title}, annotated edition, version {version.number} ({version.date_text}): "
                 "the author’s notes, the editor’s corrections and queries, and the glossary’s mentions",
        "total": len(items),
        "first": {"id": f"{builder.collection}#page-1", "type": "AnnotationPage",
                  "partOf": builder.collection, "startIndex": 0, "items": items},
    }


def collection_json(edition: Edition, this: ThisEdition, pages: dict[str, str]) -> str:
    """One pass of the C encoder (``indent`` would fall back to the pure-Python one, 4× slower)."""
    return json.dumps(collection(edition, this, pages), ensure_ascii=False, separators=(",", ":")) + "\n"


def pages_needed(edition: Edition) -> set[str]:
    """The pages whose text the collection needs: every essay section, and edition pages that
    carry corrections (the title page)."""
    return {s.src_uri for s in edition.sections} | {e.anchor.page for e in edition.editorial if e.anchor.page}


def head_link(prefix: str = "") -> str:
    return (f'<link rel="alternate" type="{MEDIA_TYPE.replace(chr(34), "&quot;")}" '
            f'href="{prefix}{COLLECTION_URI}" title="The edition’s apparatus as W3C Web Annotations">\n')

