"""The edition as typed, validated data: sections and paragraphs, notes, and the works they cite.

Built once per build by :mod:`scripts.loader`; everything that renders reads only this.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any


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


@dataclass
class Edition:
    """The whole edition. Lookups go through indexes built once per edition (that is, once per
    build), so that rendering every note and work page stays linear in the number of notes."""

    sections: list[Section]
    notes: dict[int, Note]  # by number, in order
    works: dict[str, Work]

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
