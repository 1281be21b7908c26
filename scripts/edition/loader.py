"""Load and validate the whole edition once: essay sections, notes and sources -> an Edition.

Every problem found is collected and raised together as an :class:`EditionError`.
"""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

from . import schema
from .annotations import read_editorial, read_glossary
from .essay import read_section
from .inline import unsafe_links
from .model import Edition, Locator, Note, Section, Work
from .problems import EditionError, Problem, relative
from .timeline import read_timeline
from .versions import read_changes, read_version
from .yamlio import line_of, load_yaml

NOTES_DIR = "footnotes/notes"
SOURCES_FILE = "footnotes/sources.yaml"
PUBLICATION_FILE = "footnotes/publication.yaml"
ESSAY_DIR = "essay"


def load_edition(root: Path, docs_dir: Path, essay_uris: list[str]) -> Edition:
    """Build the validated model. ``essay_uris`` are the section files in reading order
    (paths relative to ``docs_dir``, as in the nav)."""
    problems: list[Problem] = []
    sections = _read_sections(root, docs_dir, essay_uris, problems)
    works = _read_works(root, SOURCES_FILE, "sources", problems,
                        hint="the notes' works are listed there")
    publication = _read_works(root, PUBLICATION_FILE, "publication", problems,
                              hint="the essay's own record, for citing it, is kept there")
    notes = _read_notes(root, problems)
    version = read_version(root, problems)
    editorial, glossary, changes, timeline = [], {}, None, []
    if not problems:
        _pair_markers(root, docs_dir, sections, notes, problems)
        _check_references(notes, works, problems)
        editorial = read_editorial(root, docs_dir, sections, notes, problems)
        glossary = read_glossary(root, sections, notes, problems)
        timeline = read_timeline(root, sections, notes, glossary, editorial, problems) if not problems else []
    if not problems:
        changes = read_changes(root, version, editorial, glossary, works, notes, problems)
    if problems:
        raise EditionError(problems)
    return Edition(sections=sections, notes=dict(sorted(notes.items())), works=works,
                   publication=next(iter(publication.values())),
                   editorial=editorial, glossary=glossary, changes=changes, timeline=timeline)


def _read_sections(root: Path, docs_dir: Path, essay_uris: list[str], problems: list[Problem]
                   ) -> list[Section]:
    sections: list[Section] = []
    paragraph = 1
    for index, uri in enumerate(essay_uris, start=1):
        path = docs_dir / uri
        section, found = read_section(path, relative(path, root), uri, index, paragraph)
        problems += found
        paragraph += len(section.paragraphs)
        sections.append(section)
    listed = {docs_dir / uri for uri in essay_uris}
    for path in sorted((docs_dir / ESSAY_DIR).glob("*.md")):
        if path not in listed:
            problems.append(Problem(relative(path, root), None, "is not in the `nav` of mkdocs.yml, "
                                    "so its notes would not be rendered",
                                    hint=f"add `{path.relative_to(docs_dir).as_posix()}` to the nav in reading order"))
    return sections


def _read_works(root: Path, file: str, schema_name: str, problems: list[Problem], hint: str
                ) -> dict[str, Work]:
    """A YAML mapping of key -> CSL-style record (sources.yaml, publication.yaml) as Works."""
    path = root / file
    if not path.exists():
        problems.append(Problem(file, None, "is missing", hint=hint))
        return {}
    data, found = load_yaml(path, file)
    problems += found
    if data is None:
        return {}
    found = schema.check(data, schema_name, file) + schema.html_in(
        data, file, "write plain text; HTML is not allowed in bibliographic fields")
    found += _impossible_dates(data, file) if not found else []
    problems += found
    if found or not isinstance(data, dict):
        return {}
    return {key: Work(key, entry["type"], _plain(entry), file, data.key_lines[key])
            for key, entry in data.items()}


def _impossible_dates(data: dict, file: str) -> list[Problem]:
    """Dates the schema's pattern lets through but the calendar does not (1943-02-30)."""
    problems = []
    for key, entry in data.items():
        for field in ("issued", "original-date"):
            value = entry.get(field)
            if isinstance(value, str) and len(value) == 10:
                try:
                    date.fromisoformat(value)
                except ValueError:
                    problems.append(Problem(file, line_of(data, [key, field]),
                                            f"`{field}` {value} of `{key}` is not a date in the calendar",
                                            hint="write a real date, or only the year and month"))
    return problems


def _read_notes(root: Path, problems: list[Problem]) -> dict[int, Note]:
    notes: dict[int, Note] = {}
    files = sorted((root / NOTES_DIR).glob("*.yaml")) + sorted((root / NOTES_DIR).glob("*.yml"))
    if not files:
        problems.append(Problem(NOTES_DIR, None, "holds no notes files",
                                hint="each essay section's notes live in footnotes/notes/<section>.yaml"))
    complete = True  # every file read: only then are gaps in the numbering real
    for path in files:
        shown = relative(path, root)
        data, found = load_yaml(path, shown)
        problems += found
        if data is None:
            complete = False
            continue

        def note_of(p, data=data):
            if p and isinstance(p[0], int) and isinstance(data[p[0]], dict):
                n = data[p[0]].get("n")
                return n if isinstance(n, int) else None
            return None

        found = schema.check(data, "notes", shown, note_of)
        problems += found
        if found:
            complete = False
            continue
        previous = 0
        for entry in data:
            n, line = entry["n"], entry.line
            if n in notes:
                problems.append(Problem(shown, line, f"is numbered {n}, like the note on line "
                                        f"{notes[n].line} of {notes[n].file}", n,
                                        "each number is used once; renumber or remove the duplicate"))
                continue
            if n < previous:
                problems.append(Problem(shown, line, f"comes after note {previous} in this file", n,
                                        "keep notes in ascending order"))
            previous = n
            for href in unsafe_links(entry["text"]):
                problems.append(Problem(shown, entry.key_lines["text"], f"links to `{href}`", n,
                                        "links may only be https://, http:// or relative"))
            notes[n] = Note(n=n, text=entry["text"], kind=entry["kind"], work=entry["work"],
                            locator=Locator(**entry.get("locator", {})), quotes=entry.get("quotes"),
                            file=shown, line=line)
    expected = set(range(1, max(notes, default=0) + 1)) if complete else set()
    for gap in sorted(expected - set(notes)):
        problems.append(Problem(NOTES_DIR, None, f"there is no note {gap}, but notes go up to {max(notes)}",
                                gap, "notes are numbered 1, 2, 3… without gaps, as in the original"))
    return notes


def _pair_markers(root: Path, docs_dir: Path, sections: list[Section], notes: dict[int, Note],
                  problems: list[Problem]) -> None:
    seen: dict[int, tuple[str, int]] = {}
    last = 0
    for section in sections:
        shown = relative(docs_dir / section.src_uri, root)
        for marker in section.markers:
            n = marker.note
            if n in seen:
                problems.append(Problem(shown, marker.line, f"marker [^{n}] is used a second time "
                                        f"(first at {seen[n][0]}:{seen[n][1]})", n,
                                        "each note has one marker; remove the extra one"))
                continue
            seen[n] = (shown, marker.line)
            if n < last:
                problems.append(Problem(shown, marker.line, f"marker [^{n}] comes after marker [^{last}]", n,
                                        "markers run in the order of the notes"))
            last = max(last, n)
            note = notes.get(n)
            if note is None:
                problems.append(Problem(shown, marker.line, f"marker [^{n}] has no note", n,
                                        f"add a note with `n: {n}` to {NOTES_DIR}/{section.slug}.yaml, "
                                        "or remove the marker"))
                continue
            note.marker = marker
            expected = f"{NOTES_DIR}/{section.slug}.yaml"
            if note.file != expected:
                problems.append(Problem(note.file, note.line, f"is kept here, but its marker is in {shown}",
                                        n, f"move the note to {expected}"))
    for n, note in notes.items():
        if n not in seen:
            problems.append(Problem(note.file, note.line, "has no marker in the essay", n,
                                    f"put [^{n}] where the note belongs in docs/{ESSAY_DIR}/, or remove the note"))


def _check_references(notes: dict[int, Note], works: dict[str, Work], problems: list[Problem]) -> None:
    cited: set[str] = set()
    earlier: set[str] = set()
    for n in sorted(notes):
        note = notes[n]
        if note.work not in works:
            problems.append(Problem(note.file, note.line, f"cites `{note.work}`, which is not in {SOURCES_FILE}",
                                    n, _suggest(note.work, works)))
        if note.quotes is not None:
            quoted = works.get(note.quotes)
            if quoted is None:
                problems.append(Problem(note.file, note.line, f"quotes `{note.quotes}`, which is not in "
                                        f"{SOURCES_FILE}", n, _suggest(note.quotes, works)))
            elif quoted.quoted_in != note.work:
                problems.append(Problem(note.file, note.line, f"quotes `{note.quotes}` through `{note.work}`, "
                                        f"but {SOURCES_FILE} says `{note.quotes}` is quoted-in "
                                        f"`{quoted.quoted_in}`", n,
                                        "make the note's `work` and the source's `quoted-in` agree"))
        if note.kind == "ibid":
            before = notes.get(n - 1)
            if before is None:
                problems.append(Problem(note.file, note.line, "is an “Ibid.” with no note before it", n,
                                        "an Ibid. repeats the work of the previous note; use kind: citation"))
            elif before.work != note.work:
                problems.append(Problem(note.file, note.line, f"is an “Ibid.” for `{note.work}`, but note {n - 1} "
                                        f"cites `{before.work}`", n,
                                        f"set `work: {before.work}`, or use kind: short"))
        if note.kind == "short" and note.work not in earlier:
            problems.append(Problem(note.file, note.line, f"is a short form, but no earlier note cites "
                                    f"`{note.work}`", n, "use kind: citation for a work's first citation"))
        earlier.add(note.work)
        cited.update(filter(None, (note.work, note.quotes)))
    for key, work in works.items():
        if work.quoted_in is not None and work.quoted_in not in works:
            problems.append(Problem(work.file, work.line, f"`{key}` is quoted-in `{work.quoted_in}`, which is "
                                    f"not in {SOURCES_FILE}", None, _suggest(work.quoted_in, works)))
        if key not in cited:
            problems.append(Problem(work.file, work.line, f"`{key}` is cited by no note", None,
                                    "the bibliography lists only works the notes cite; remove it or cite it"))


def _suggest(key: str, works: dict[str, Work]) -> str:
    close = difflib.get_close_matches(key, list(works), n=1)
    return f"did you mean `{close[0]}`?" if close else f"add `{key}` to {SOURCES_FILE}"


def _plain(value):
    """Strip the line-tracking types so the model holds ordinary dicts and lists."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
