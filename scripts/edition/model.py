"""The edition as typed, validated data: sections and paragraphs, notes, the works they cite,
and the editor's layers on top: corrections (editorial notes) and the glossary.

Built once per build by :mod:`scripts.edition.read.loader`; everything that renders reads only this.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from typing import Any

from .text import MONTHS


@dataclass(frozen=True)
class Marker:
    """Where the essay carries a note marker ``[^n]``."""

    note: int
    section: str  # section slug
    paragraph: int  # paragraph number through the whole essay, 1-based
    start: int  # offset of the marker in the paragraph's source text
    line: int  # line in the section's Markdown file


@dataclass(frozen=True)
class Paragraph:
    number: int  # through the whole essay, independent of the split into sections
    section: str
    source: str  # the paragraph's Markdown, words verbatim, markers as ``[^n]``
    line: int


@dataclass
class Section:
    slug: str
    title: str  # the edition's heading, not the author's
    src_uri: str  # e.g. "essay/warsaw.md", relative to docs/
    index: int  # 1-based position in the essay
    paragraphs: list[Paragraph] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)

    @property
    def note_numbers(self) -> list[int]:
        return [m.note for m in self.markers]


@dataclass(frozen=True)
class Locator:
    page: str | None = None
    chapter: str | None = None
    document: str | None = None

    def __bool__(self) -> bool:
        return any((self.page, self.chapter, self.document))

    def parts(self) -> list[str]:
        """Human-readable parts, most specific last: ['No. 286, 3 April 1945', 'pp. 205–206']."""
        out = []
        if self.chapter:
            out.append(f"chap. {self.chapter}")
        if self.document:
            out.append(self.document)
        if self.page:
            multiple = any(c in self.page for c in "–-,")
            out.append(f"{'pp.' if multiple else 'p.'} {self.page}")
        return out

    def __str__(self) -> str:
        return ", ".join(self.parts())


@dataclass(frozen=True)
class Name:
    family: str | None = None
    given: str | None = None
    literal: str | None = None

    @property
    def sort_key(self) -> str:
        return (self.literal or f"{self.family}, {self.given or ''}").casefold()

    def inverted(self) -> str:
        """'Haslam, Jonathan' (bibliography order)."""
        if self.literal:
            return self.literal
        return f"{self.family}, {self.given}" if self.given else str(self.family)

    def natural(self) -> str:
        """'Jonathan Haslam' (note order)."""
        if self.literal:
            return self.literal
        return f"{self.given} {self.family}" if self.given else str(self.family)


@dataclass
class Work:
    """A cited work, with CSL-JSON fields as written in footnotes/sources.yaml."""

    key: str
    type: str
    csl: dict[str, Any]  # every field as given, plain data (names as dicts)
    file: str
    line: int

    def names(self, role: str) -> list[Name]:
        return [Name(**n) for n in self.csl.get(role, [])]

    @property
    def title(self) -> str:
        return self.csl["title"]

    @property
    def year(self) -> str:
        return str(self.csl.get("issued", ""))[:4]

    @property
    def quoted_in(self) -> str | None:
        return self.csl.get("quoted-in")

    @property
    def sort_key(self) -> tuple[str, str, str]:
        people = self.names("author") or self.names("editor")
        return (people[0].sort_key if people else self.title.casefold(), self.year, self.title)


@dataclass
class Note:
    n: int
    text: str  # the author's note, verbatim
    kind: str  # citation | ibid | short | quoted-in
    work: str  # key of the work it resolves to
    locator: Locator
    quotes: str | None  # key of a work quoted second-hand through ``work``
    file: str
    line: int
    marker: Marker | None = None  # set when the loader pairs notes with markers


KIND_LABELS = {
    "citation": "Full citation",
    "ibid": "“Ibid.”: the work of the note before",
    "short": "Short form of a work cited earlier",
    "quoted-in": "Quoted in a secondary work",
}


@dataclass(frozen=True)
class Anchor:
    """Where an editorial note stands: a phrase of a paragraph, of a note, or of an edition page."""

    phrase: str
    paragraph: int | None = None
    note: int | None = None
    page: str | None = None  # a page under docs/, e.g. "index.md"

    def __str__(self) -> str:
        if self.paragraph is not None:
            return f"paragraph {self.paragraph}"
        if self.note is not None:
            return f"note {self.note}"
        return f"docs/{self.page}"


def quoted(text: str) -> str:
    """Text in quotation marks, unless it already starts with its own."""
    return text if text[:1] in "‘“" else f"“{text}”"


EDITORIAL_KINDS = {
    "name": "Misspelt name",
    "date": "Wrong date",
    "reference": "Garbled reference",
    "quotation": "Misquotation",
    "typo": "Typo",
    "grammar": "Grammatical slip",
    "usage": "Usage slip",
    "query": "Query",
}


@dataclass
class EditorialNote:
    """The editor's note on a phrase, shown there; the author's words stay as they are.

    Either a correction of a slip (``original`` and ``correction`` set) or a query (``query``
    set): a doubt the editor cannot settle with confidence, said rather than guessed.
    """

    id: str
    anchor: Anchor
    kind: str  # a key of EDITORIAL_KINDS
    original: str | None  # what the text has (corrections only)
    correction: str | None  # what is right (corrections only)
    explanation: str  # why (a correction) or what is known (a query)
    basis: str  # a reference a reader can check
    file: str
    line: int
    query: str | None = None  # what is doubtful (queries only)
    concerns: tuple[str, ...] = ()  # glossary ids of the event or person it concerns

    @property
    def is_query(self) -> bool:
        return self.kind == "query"

    @property
    def label(self) -> str:
        return EDITORIAL_KINDS[self.kind]

    @property
    def reading(self) -> str:
        """The note in a few words, for print: 'for “1944” read “1945”', or the query."""
        if self.is_query:
            return f"query: {self.query}"
        return f"for {quoted(self.original)} read {quoted(self.correction)}"

    @property
    def statements(self) -> tuple[tuple[str, str], ...]:
        """The note's wording, its one home: (label, text) pairs in reading order, label "" for none.
        What is wrong or doubtful, what is right or known, and the basis; the tooltip
        (:attr:`EditorialNote.summary`), the Editorial notes page and the Web Annotation each lay these out."""
        if self.is_query:
            return (("Editor’s query", self.query), ("What is known", self.explanation),
                    ("Where to check", self.basis))
        return ((f"Editor’s correction ({self.label.lower()})", f"{self.reading}."), ("", self.explanation),
                ("Basis", self.basis))

    @property
    def summary(self) -> str:
        """For a tooltip: the statements, a line each."""
        return "\n".join(f"{label}: {text}" if label else text for label, text in self.statements)


GLOSSARY_CATEGORIES = {
    "person": "People",
    "operation": "Military operations",
    "conference": "Conferences",
    "agreement": "Treaties and agreements",
    "organisation": "Organisations",
    "event": "Events",
    "place": "Places",
    "concept": "Policies and ideas",
}


@dataclass(frozen=True)
class Place:
    """A paragraph or a note of the essay (exactly one of the two)."""

    paragraph: int | None = None
    note: int | None = None


@dataclass
class GlossaryEntry:
    id: str
    term: str  # the entry's heading, e.g. "Vyacheslav Molotov"
    category: str  # a key of GLOSSARY_CATEGORIES
    matches: tuple[str, ...]  # the forms in which the essay names it, verbatim
    text: str  # the explanation
    file: str
    line: int
    notes: tuple[int, ...] = ()  # author's notes where its forms are marked too (the essay's always are)
    mentions: list[Place] = field(default_factory=list)  # every paragraph and note naming it
    # When it happened (for the timeline): {"date" | "start" | "end": (ISO date as written, line)}
    dates: dict[str, tuple[str, int]] = field(default_factory=dict)
    basis: str = ""  # the source its statements were checked against (issue 23)

    @property
    def sort_key(self) -> str:
        """People by family name (the last word of the term), everything else by its term."""
        term = self.term.split(" (")[0]
        return (term.split()[-1] if self.category == "person" else term).casefold()


TIMELINE_LANES = {
    "military": "Military",
    "diplomatic": "Diplomatic",
    "soviet": "Soviet policy",
}


@dataclass
class TimelineEvent:
    """An event on the timeline: a dated glossary entry, or an entry of footnotes/timeline.yaml."""

    id: str  # its address on the timeline page (a glossary entry's id, or its own)
    title: str
    label: str  # short, for the picture
    start: str  # ISO: 1943-11-28, 1942-12 or 1941
    end: str  # the same as start for a single day (or month)
    lane: str  # a key of TIMELINE_LANES
    text: str
    paragraphs: tuple[int, ...]  # every paragraph that discusses it
    glossary: str | None  # its glossary entry, or a related one
    notes: tuple[int, ...]  # the author's notes citing sources about it
    file: str
    line: int
    basis: str = ""  # what its date and text were checked against (a glossary entry's: its own)
    # Its date is one the essay states (timeline.yaml `from_essay`): the essay's words, where they
    # stand ("¶2", "note 5"), and the editor's correction of them where the source disagreed.
    essay_claim: str = ""
    essay_place: str = ""
    correction: str | None = None
    correction_line: int = 0  # where `from_essay` stands


@dataclass
class Edition:
    """The whole edition. Lookups go through indexes built once per edition (that is, once per
    build), so that rendering every note and work page stays linear in the number of notes."""

    sections: list[Section]
    notes: dict[int, Note]  # by number, in order
    works: dict[str, Work]
    publication: Work | None = None  # the essay itself, as published (footnotes/publication.yaml)
    editorial: list[EditorialNote] = field(default_factory=list)  # in the order of the text
    glossary: dict[str, GlossaryEntry] = field(default_factory=dict)  # by id
    timeline: list[TimelineEvent] = field(default_factory=list)  # in chronological order
    changes: ChangeLog | None = None  # the record of changes; its newest version is the edition's

    def section(self, slug: str) -> Section:
        return self._sections_by_slug[slug]

    def section_at(self, src_uri: str) -> Section | None:
        """The section whose file is ``src_uri`` (relative to docs/), if it is one."""
        return self._sections_by_uri.get(src_uri)

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        return [p for s in self.sections for p in s.paragraphs]

    def notes_citing(self, key: str) -> list[Note]:
        """Notes whose resolved work is ``key`` or that quote ``key`` second-hand."""
        return self._citing.get(key, [])

    def first_citation(self, note: Note) -> Note:
        """The earliest note that cites the same work (the note itself if it is the first)."""
        return self._first_citing[note.work]

    def section_of_paragraph(self, number: int) -> Section:
        return self.section(self.paragraphs[number - 1].section)

    def editorial_at(self, *, paragraph: int | None = None, note: int | None = None,
                     page: str | None = None) -> list[EditorialNote]:
        """The editorial notes anchored to one paragraph, one note or one edition page."""
        index = self._editorial_by_anchor
        return [*index.get(("paragraph", paragraph), ()), *index.get(("note", note), ()),
                *index.get(("page", page), ())]

    @cached_property
    def _editorial_by_anchor(self) -> dict[tuple[str, int | str], list[EditorialNote]]:
        index: dict[tuple[str, int | str], list[EditorialNote]] = {}
        for entry in self.editorial:  # in the order of the text
            for kind in ("paragraph", "note", "page"):
                value = getattr(entry.anchor, kind)
                if value is not None:
                    index.setdefault((kind, value), []).append(entry)
        return index

    def quoted_through(self, key: str) -> list[Work]:
        """The works the essay knows only as quoted in ``key``."""
        return self._quoted_through.get(key, [])

    @cached_property
    def _sections_by_slug(self) -> dict[str, Section]:
        return {s.slug: s for s in self.sections}

    @cached_property
    def _sections_by_uri(self) -> dict[str, Section]:
        return {s.src_uri: s for s in self.sections}

    @cached_property
    def _citing(self) -> dict[str, list[Note]]:
        citing: dict[str, list[Note]] = {}
        for note in self.notes.values():
            for key in dict.fromkeys(filter(None, (note.work, note.quotes))):
                citing.setdefault(key, []).append(note)
        return citing

    @cached_property
    def _first_citing(self) -> dict[str, Note]:
        first: dict[str, Note] = {}
        for note in self.notes.values():
            first.setdefault(note.work, note)
        return first

    @cached_property
    def _quoted_through(self) -> dict[str, list[Work]]:
        through: dict[str, list[Work]] = {}
        for work in self.works.values():
            if work.quoted_in:
                through.setdefault(work.quoted_in, []).append(work)
        return through


# The record of changes (footnotes/changes.yaml, read by read/versions.py): the edition's versions.

@dataclass(frozen=True)
class Item:
    """One entry of the record: an id (or a feature's text), and what changed, when said."""

    id: str
    change: str = ""
    link: str = ""  # features only: a page under docs/, with an optional #anchor


@dataclass
class Version:
    number: str  # MAJOR.MINOR.PATCH, e.g. "2.3.0"
    date: str  # ISO date, "2026-11-29"
    summary: str
    added: dict[str, list[Item]] = field(default_factory=dict)
    revised: dict[str, list[Item]] = field(default_factory=dict)
    removed: dict[str, list[Item]] = field(default_factory=dict)
    line: int = 0

    @property
    def parts(self) -> tuple[int, int, int]:
        major, minor, patch = (int(p) for p in self.number.split("."))
        return major, minor, patch

    @property
    def short(self) -> str:
        """Major.minor, the form citations and “added in” use: a patch changes no reading."""
        return ".".join(self.number.split(".")[:2])

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def anchor(self) -> str:
        """The version's id on /changes/."""
        return f"v{self.number}"

    @property
    def date_text(self) -> str:
        """'29 November 2026', as the title page writes dates."""
        day = date.fromisoformat(self.date)  # the months by name from text.py, never from the locale
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"

    @property
    def timestamp(self) -> str:
        """The date as an xsd:dateTime, for Web Annotations."""
        return f"{self.date}T00:00:00Z"


@dataclass
class ChangeLog:
    versions: list[Version]  # newest first
    added_in: dict[tuple[str, str], Version] = field(default_factory=dict)  # (kind, id) -> version
    revised_in: dict[tuple[str, str], list[Version]] = field(default_factory=dict)  # newest first

    @property
    def current(self) -> Version:
        return self.versions[0]

    @property
    def first(self) -> Version:
        return self.versions[-1]

    def added(self, kind: str, key: str) -> Version:
        return self.added_in[(kind, key)]

    def last_modified(self, kind: str, key: str) -> Version | None:
        """The latest version that revised the entry, if any did."""
        revised = self.revised_in.get((kind, key))
        return revised[0] if revised else None


def apparatus_kind(note: EditorialNote) -> str:
    """An editorial entry is a query (issue 12's ``kind: query``) or a correction."""
    return "queries" if note.kind == "query" else "corrections"
