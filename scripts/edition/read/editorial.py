"""Load and check the editor's two layers: corrections and queries (footnotes/editorial.yaml) and the
glossary (footnotes/glossary.yaml), against the essay and notes they annotate.

An editorial note must point at a phrase that really stands where it says, once; a glossary
form must really occur in the essay. Anything else is reported with file, line and entry.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path

from markdown.extensions.toc import slugify

from .. import inline
from . import schema
from .essay import MARKER
from ..model import Anchor, EditorialNote, GlossaryEntry, Note, Place, Section
from ..problems import Problem
from .essay import MAX_BYTES as MAX_PAGE_BYTES
from .yamlio import TooLarge, load_yaml, read_capped

EDITORIAL_FILE = "footnotes/editorial.yaml"
GLOSSARY_FILE = "footnotes/glossary.yaml"
_COPY_HINT = "copy the phrase exactly from the text, curly quotes and non-breaking spaces included"


# What glossary matching cost, counted (tests/test_linear.py holds it linear; scripts/bench.py times it).
TERM_WORK = {"positions": 0, "comparisons": 0}
_WORD_STARTS = re.compile(r"(?<!\w)(?:\w+|[^\w\s])")  # where a form may begin: a word, or a sign after no word
_TOKEN = re.compile(r"\w+|\W")  # a form, and the text, as words and single other characters
_WORD = re.compile(r"\w")
_END = None  # the key under which a trie node holds the form that ends there


class TermFinder:
    """Finds the glossary's forms in text: whole words only, the longest form winning where
    one contains another ("Anti-Comintern Pact" over "Comintern").

    Linear in the text and independent of the glossary's size: the forms are a trie of their words
    (built once), and at each place a word begins the text is walked down it, word by word, as far
    as it goes; the deepest form that ends at a word's end wins. One regular expression of every
    form, as before, tried every form at every place: text length × forms × form length.
    """

    def __init__(self, entries: dict[str, GlossaryEntry]):
        self.owner = {form: entry.id for entry in entries.values() for form in entry.matches}
        self.trie = _trie(tuple(self.owner))
        self._key = tuple(self.owner.items())

    def __eq__(self, other) -> bool:  # two finders of the same forms and owners find the same
        return isinstance(other, TermFinder) and self._key == other._key

    def __hash__(self) -> int:
        return hash(self._key)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, entry id) of every form in ``text``, left to right, not overlapping. A text
        searched before with the same forms is answered from memory: a serve rebuild searches the
        texts that did not change again (the read layer, the marks, the Web Annotations)."""
        return list(_found(self, text))

    def _find(self, text: str) -> list[tuple[int, int, str]]:
        found: list[tuple[int, int, str]] = []
        trie = self.trie
        if not trie:
            return found
        done = positions = comparisons = 0  # counted here, added to TERM_WORK once
        for word in _WORD_STARTS.finditer(text):
            positions += 1
            if word[0] not in trie or (at := word.start()) < done:  # word[0]: no method call per word
                continue
            node, pos, best = trie, at, None
            while (token := _TOKEN.match(text, pos)) is not None:
                comparisons += 1
                node = node.get(token[0])
                if node is None:
                    break
                pos = token.end()
                if _END in node and not (pos < len(text) and _WORD.match(text, pos)):
                    best = (pos, node[_END])
            if best is not None:
                found.append((at, best[0], self.owner[best[1]]))
                done = best[0]
        TERM_WORK["positions"] += positions
        TERM_WORK["comparisons"] += comparisons
        return found


@lru_cache(maxsize=4096)
def _found(finder: TermFinder, text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple(finder._find(text))


@lru_cache(maxsize=256)
def _trie(forms: tuple[str, ...]) -> dict:
    """The forms as a trie of their words and other characters; built once per build."""
    root: dict = {}
    for form in forms:
        node = root
        for token in _TOKEN.findall(form):
            node = node.setdefault(token, {})
        node[_END] = form
    return root


def _load_list(root: Path, rel: str, schema_name: str, what: str, problems: list[Problem]) -> list | None:
    path = root / rel
    if not path.exists():
        return None  # both layers are optional
    data, found = load_yaml(path, rel)
    problems += found
    if data is None:
        return None

    def entry_of(p, data=data):
        if p and isinstance(p[0], int) and isinstance(data, list) and isinstance(data[p[0]], dict):
            return f"{what} `{data[p[0]].get('id', p[0] + 1)}`"
        return ""

    found = schema.check_entries(data, schema_name, rel, entry_of=entry_of)
    problems += [problem for _, problem in found if problem]
    bad = {entry for entry, _ in found}
    if None in bad or not isinstance(data, list):
        return None
    return [entry for index, entry in enumerate(data) if index not in bad]  # the rest is still checked


def _duplicate(entry, seen: dict[str, int], rel: str, what: str, problems: list[Problem]) -> bool:
    if entry["id"] in seen:
        problems.append(Problem(rel, entry.line, f"the id is used a second time (first on line "
                                f"{seen[entry['id']]})", entry=f"{what} `{entry['id']}`",
                                hint="give each entry its own id"))
        return True
    seen[entry["id"]] = entry.line
    return False


# ---------------------------------------------------------------- editorial notes

def read_editorial(root: Path, docs_dir: Path, sections: list[Section], notes: dict[int, Note],
                   problems: list[Problem], notes_whole: bool = True, essay_whole: bool = True
                   ) -> list[EditorialNote]:
    """The editorial notes, each checked against the text it marks (a note that could not be
    read, when not ``notes_whole``, is not reported again as missing; when a section file could
    not be read, not ``essay_whole``, the paragraphs are not numbered as published, and notes
    anchored in a paragraph are not checked)."""
    data = _load_list(root, EDITORIAL_FILE, "editorial", "editorial note", problems)
    if data is None:
        return []
    paragraphs = {p.number: p.source for s in sections for p in s.paragraphs}
    # The Editorial notes page heads each section's notes with its title, whose anchor Markdown's
    # toc makes from it: a note with that id would take the anchor and push the heading's aside.
    headings = {slugify(s.title, "-"): s for s in sections}
    placed: list[tuple[tuple, EditorialNote, int]] = []
    seen: dict[str, int] = {}
    for entry in data:
        if _duplicate(entry, seen, EDITORIAL_FILE, "editorial note", problems) or \
                _takes_a_headings_anchor(entry, headings, problems):
            continue
        anchor = Anchor(**entry["anchor"])
        line, who = entry.key_lines.get("anchor", entry.line), f"editorial note `{entry['id']}`"

        def problem(message, hint=_COPY_HINT, line=line, who=who):
            problems.append(Problem(EDITORIAL_FILE, line, message, entry=who, hint=hint))

        if anchor.paragraph is not None:
            found = _in_paragraph(anchor, paragraphs, problem) if essay_whole else None
        elif anchor.note is not None:
            found = _in_note(anchor, notes, problem, notes_whole)
        else:
            found = _on_page(anchor, docs_dir, problem)
        if found is None or not _marks_its_phrase_once(entry, anchor, found[0], problem):
            continue
        text, order = found
        start = text.index(anchor.phrase)
        note = EditorialNote(entry["id"], anchor, entry["kind"], entry.get("original"), entry.get("correction"),
                             entry["explanation"], entry["basis"], EDITORIAL_FILE, entry.line,
                             query=entry.get("query"), concerns=tuple(entry.get("concerns", ())))
        placed.append(((*order, start), note, start))
    placed.sort(key=lambda item: item[0])
    _check_overlaps(placed, problems)
    return [note for _, note, _ in placed]


def _takes_a_headings_anchor(entry, headings: dict[str, Section], problems: list[Problem]) -> bool:
    if entry["id"] not in headings:
        return False
    problems.append(Problem(EDITORIAL_FILE, entry.key_lines.get("id", entry.line),
                            f"`{entry['id']}` is the anchor of the heading “{headings[entry['id']].title}” "
                            "on the Editorial notes page", entry=f"editorial note `{entry['id']}`",
                            hint="give the note another id, e.g. with its paragraph: "
                                 f"{entry['id']}-p25"))
    return True


# The finders: the text an anchor points into, and where its notes go in the page's order
# (the title page's first, then the essay's paragraphs, then the author's notes); None, with the
# problem reported, when there is no such text.

def _in_paragraph(anchor: Anchor, paragraphs: dict[int, str], problem) -> tuple[str, tuple] | None:
    text = paragraphs.get(anchor.paragraph)
    if text is None:
        problem(f"points at paragraph {anchor.paragraph}, but the essay has paragraphs "
                f"1–{len(paragraphs)}", "paragraphs are numbered through the whole essay")
        return None
    if MARKER.search(anchor.phrase):
        problem(f"its phrase runs across a note marker ({MARKER.search(anchor.phrase).group(0)})",
                "end the phrase before the marker or start it after")
        return None
    return text, (1, anchor.paragraph)


def _in_note(anchor: Anchor, notes: dict[int, Note], problem, notes_whole: bool) -> tuple[str, tuple] | None:
    note = notes.get(anchor.note)
    if note is None:
        if notes_whole:
            problem(f"points at note {anchor.note}, which does not exist", "notes are numbered 1–"
                    f"{max(notes, default=0)}")
        return None
    text = inline.to_text(note.text)
    if text.count(anchor.phrase) == 1 and not any(
            anchor.phrase in node for node in inline.parse(note.text) if isinstance(node, str)):
        problem("its phrase runs across the note's formatting (emphasis or a link)",
                "choose a phrase inside one stretch of plain text")
        return None
    return text, (2, anchor.note)


def _on_page(anchor: Anchor, docs_dir: Path, problem) -> tuple[str, tuple] | None:
    page = docs_dir / anchor.page
    inside = page.resolve().is_relative_to(docs_dir.resolve())
    if not inside or not page.is_file():
        problem(f"points at docs/{anchor.page}, which does not exist", "name a page under docs/")
        return None
    try:
        text = read_capped(page, MAX_PAGE_BYTES).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError, TooLarge):
        problem(f"points at docs/{anchor.page}, which cannot be read as UTF-8 text", "name a page under docs/")
        return None
    if _in_raw_html(text, anchor.phrase):
        problem(f"its phrase is in a raw HTML block of docs/{anchor.page}, whose text is not rendered "
                "as Markdown and cannot be marked", 'give the HTML element markdown="span"')
        return None
    return text, (0, 0)


# The checks of a found text: the phrase is there once, and holds what the note corrects; no two
# notes' phrases overlap.

def _marks_its_phrase_once(entry, anchor: Anchor, text: str, problem) -> bool:
    count = text.count(anchor.phrase)
    if count != 1:  # (a phrase not in NFC never gets here: its kind refuses it, kinds.NOT_NFC)
        problem(f"its phrase “{anchor.phrase}” occurs {count} times in {anchor}, not once"
                if count else f"{anchor} has no “{anchor.phrase}”",
                "lengthen the phrase until it is unique" if count else _COPY_HINT)
        return False
    if "original" in entry and entry["original"] not in anchor.phrase:
        problem(f"its `original` “{entry['original']}” is not part of its phrase",
                "the phrase marked must contain what the text has")
        return False
    return True


def _check_overlaps(placed: list[tuple[tuple, EditorialNote, int]], problems: list[Problem]) -> None:
    for (a, note_a, start_a), (b, note_b, start_b) in zip(placed, placed[1:]):
        if a[:2] == b[:2] and note_a.anchor.page == note_b.anchor.page \
                and start_b < start_a + len(note_a.anchor.phrase):
            problems.append(Problem(EDITORIAL_FILE, note_b.line, f"its phrase overlaps the phrase of "
                                    f"`{note_a.id}` in {note_a.anchor}", entry=f"editorial note `{note_b.id}`",
                                    hint="phrases of editorial notes may not overlap; merge the two notes"))


def check_concerns(editorial: list[EditorialNote], glossary: dict[str, GlossaryEntry],
                   problems: list[Problem]) -> None:
    """Every glossary entry an editorial note says it concerns exists."""
    for note in editorial:
        for key in note.concerns:
            if key not in glossary:
                close = difflib.get_close_matches(key, glossary, n=1)
                problems.append(Problem(EDITORIAL_FILE, note.line, f"concerns `{key}`, which is not in "
                                        f"{GLOSSARY_FILE}", entry=f"editorial note `{note.id}`",
                                        hint=f"did you mean `{close[0]}`?" if close else "use a glossary entry's id"))


# ---------------------------------------------------------------- glossary

def entries_in_note(entries: dict[str, GlossaryEntry], n: int) -> dict[str, GlossaryEntry]:
    """The glossary entries marked in note ``n`` (only those that list it: notes are mostly
    titles of books, where a name is not the thing the glossary explains)."""
    return {key: entry for key, entry in entries.items() if n in entry.notes}


def _in_raw_html(text: str, phrase: str) -> bool:
    """Whether ``phrase`` stands in an HTML block whose element has no ``markdown`` attribute
    (Python-Markdown passes such a block through as it is, so the annotator never sees it)."""
    at = text.find(phrase)
    if at < 0:
        return False
    blank = text.rfind("\n\n", 0, at)
    block_start = blank + 2 if blank >= 0 else 0  # the text's first block starts at 0
    block = text[block_start:at]
    opening = re.match(r"\s*<([A-Za-z][A-Za-z0-9]*)\b([^>]*)>", block)
    return bool(opening) and "markdown" not in opening.group(2)


def read_glossary(root: Path, sections: list[Section], notes: dict[int, Note],
                  problems: list[Problem], essay_whole: bool = True, notes_whole: bool = True
                  ) -> dict[str, GlossaryEntry]:
    """The glossary, checked against the essay; whether a form occurs is judged only where the
    text it is looked for in could be read (``essay_whole``; ``notes_whole`` for the notes an
    entry lists)."""
    data = _load_list(root, GLOSSARY_FILE, "glossary", "glossary entry", problems)
    if data is None:
        return {}
    entries: dict[str, GlossaryEntry] = {}
    raw = {}
    owners: dict[str, str] = {}
    seen: dict[str, int] = {}
    for entry in data:
        if _duplicate(entry, seen, GLOSSARY_FILE, "glossary entry", problems):
            continue
        _check_forms_unowned(entry, owners, problems)
        raw[entry["id"]] = entry
        entries[entry["id"]] = _glossary_entry(entry)
        _check_notes_exist(entry, notes, problems)
    if not essay_whole:
        return entries
    used = _mark_mentions(entries, sections, notes)
    judged = [entry for entry in entries.values() if notes_whole or not entry.notes]
    _check_listed_notes_name_it(judged, raw, problems)
    _check_forms_occur(judged, raw, used, problems)
    return entries


def _glossary_entry(entry) -> GlossaryEntry:
    return GlossaryEntry(entry["id"], entry["term"], entry["category"], tuple(entry["matches"]), entry["text"],
                         GLOSSARY_FILE, entry.line, tuple(entry.get("notes", [])),
                         dates={k: (entry[k], entry.key_lines[k]) for k in ("date", "start", "end") if k in entry},
                         basis=entry.get("basis", ""))


# The checks of one entry as read: each form is its own, each note it lists exists.

def _check_forms_unowned(entry, owners: dict[str, str], problems: list[Problem]) -> None:
    """A form belongs to the first entry that names it; a later entry naming it is reported."""
    for form in entry["matches"]:
        if form in owners:
            problems.append(Problem(GLOSSARY_FILE, entry.key_lines["matches"], f"“{form}” is already a form "
                                    f"of `{owners[form]}`", entry=f"glossary entry `{entry['id']}`",
                                    hint="a form may belong to one entry only"))
        owners.setdefault(form, entry["id"])


def _check_notes_exist(entry, notes: dict[int, Note], problems: list[Problem]) -> None:
    for n in entry.get("notes", []):
        if n not in notes:
            problems.append(Problem(GLOSSARY_FILE, entry.key_lines["notes"], f"lists note {n}, which does "
                                    "not exist", entry=f"glossary entry `{entry['id']}`",
                                    hint=f"notes are numbered 1–{max(notes, default=0)}"))


def _mark_mentions(entries: dict[str, GlossaryEntry], sections: list[Section], notes: dict[int, Note]) -> set[str]:
    """Records in each entry the places that mention it (every paragraph; a note only for the
    entries that list it), and returns the forms found anywhere."""
    finder = TermFinder(entries)
    used: set[str] = set()
    places = [(Place(paragraph=p.number), MARKER.sub("", p.source), finder)
              for s in sections for p in s.paragraphs]
    places += [(Place(note=n), inline.to_text(notes[n].text), TermFinder(in_note))
               for n in sorted(notes) if (in_note := entries_in_note(entries, n))]
    recorded = {key: set(entry.mentions) for key, entry in entries.items()}  # the lists' members, to look up
    for place, text, find in places:
        for start, end, owner in find.find(text):
            used.add(text[start:end])
            if place not in recorded[owner]:
                recorded[owner].add(place)
                entries[owner].mentions.append(place)
    return used


# The checks against the text: each note an entry lists names it, each form occurs somewhere.

def _check_listed_notes_name_it(judged: list[GlossaryEntry], raw: dict, problems: list[Problem]) -> None:
    for entry in judged:
        for n in entry.notes:
            if Place(note=n) not in entry.mentions:
                problems.append(Problem(GLOSSARY_FILE, raw[entry.id].key_lines["notes"], f"lists note {n}, "
                                        "which names it in none of its forms", entry=f"glossary entry `{entry.id}`",
                                        hint="add the form the note uses to `matches`, or drop the note"))


def _check_forms_occur(judged: list[GlossaryEntry], raw: dict, used: set[str], problems: list[Problem]) -> None:
    for entry in judged:
        for form in entry.matches:
            if form not in used:
                problems.append(Problem(GLOSSARY_FILE, raw[entry.id].key_lines["matches"],
                                        f"“{form}” does not occur as a whole word in the essay "
                                        "(or in the notes the entry lists)",
                                        entry=f"glossary entry `{entry.id}`", hint=_COPY_HINT
                                        + ", or drop the form if a longer form of another entry covers it"))
