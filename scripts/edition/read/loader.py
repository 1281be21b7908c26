"""Load and validate the whole edition once: essay sections, notes and sources -> an Edition.

Every problem found is collected and raised together as an :class:`EditionError`. This is the
one validation both ``mkdocs build`` (scripts/hooks.py) and ``python -m scripts.check`` call, so
they cannot disagree. A broken entry does not hide the rest: entries the schema refuses are left
out, and every later check still runs on the others (a marker whose note is broken, or a note
whose work is broken, is not reported a second time).
"""

from __future__ import annotations

import difflib
from pathlib import Path

from . import schema
from .editorial import EDITORIAL_FILE, GLOSSARY_FILE, check_concerns, read_editorial, read_glossary
from .essay import MAX_BYTES as MAX_PAGE_BYTES, read_section
from ..inline import unsafe_links
from ..urls import CITE_ESSAY_PLACEHOLDER, GENERATED, HOMEPAGE, TIMELINE_URI, note_uri, source_uri
from ..model import Edition, Locator, Note, Section, Work
from ..problems import EditionError, Problem, relative
from .timeline import read_timeline
from .versions import read_changes, read_version
from .yamlio import TooLarge, load_yaml, outside_the_project, read_capped

NOTES_DIR = "footnotes/notes"
SOURCES_FILE = "footnotes/sources.yaml"
PUBLICATION_FILE = "footnotes/publication.yaml"
ESSAY_DIR = "essay"
MAX_NOTE = 10_000  # as notes.schema.json: numbering gaps are looked for up to here, no further


def load_edition(root: Path, docs_dir: Path, essay_uris: list[str]) -> Edition:
    """Build the validated model. ``essay_uris`` are the section files in reading order
    (paths relative to ``docs_dir``, as in the nav)."""
    problems: list[Problem] = outside_the_project(root, [docs_dir, root / "footnotes"])
    broken = Broken()
    sections = _read_sections(root, docs_dir, essay_uris, problems, broken)
    works = _read_works(root, SOURCES_FILE, "sources", problems, broken,
                        hint="the notes' works are listed there")
    publication = _read_works(root, PUBLICATION_FILE, "publication", problems, Broken(),
                              hint="the essay's own record, for citing it, is kept there")
    notes = _read_notes(root, problems, broken)
    version = read_version(root, problems)
    _pair_markers(root, docs_dir, sections, notes, problems, broken)
    _check_references(notes, works, problems, broken)
    _check_pages(root, docs_dir, works, notes, problems)
    editorial = read_editorial(root, docs_dir, sections, notes, problems,
                               notes_whole=not (broken.notes or broken.note_files), essay_whole=not broken.sections)
    glossary = read_glossary(root, sections, notes, problems, essay_whole=not broken.sections,
                             notes_whole=not (broken.notes or broken.note_files))
    if glossary:  # a glossary that did not load would make every link to it look broken
        check_concerns(editorial, glossary, problems)
    # The timeline reads dated glossary entries and the essay's paragraphs: only when all were read.
    timeline = read_timeline(root, sections, notes, glossary, editorial, problems) if not broken else None
    changes = None
    if not broken:  # the record of changes is checked against every entry, so only when all are read
        generated = {*GENERATED, *(note_uri(n) for n in notes), *(source_uri(key) for key in works),
                     *([TIMELINE_URI] if timeline or timeline is None else [])}  # None: not checked yet
        # An entry its own file lost (unreadable, refused, misplaced) is not "no such entry" as well.
        unsure = frozenset(kind for file, kinds in ((EDITORIAL_FILE, ("corrections", "queries", "readings")),
                                                    (GLOSSARY_FILE, ("glossary",)))
                           if any(p.file == file for p in problems) for kind in kinds)
        changes = read_changes(root, version, editorial, glossary, works, notes, problems,
                               page_exists=lambda uri: uri in generated or (docs_dir / uri).is_file(), unsure=unsure)
    if problems:
        raise EditionError(problems)
    return Edition(sections=sections, notes=dict(sorted(notes.items())), works=works,
                   publication=next(iter(publication.values())),
                   editorial=editorial, glossary=glossary, changes=changes, timeline=timeline or [])


class Broken:
    """What could not be read: later checks stay silent about it rather than report it twice."""

    def __init__(self) -> None:
        self.notes: set[int] = set()  # numbers of notes the schema refused
        self.note_files: set[str] = set()  # section slugs whose notes file could not be read
        self.works: set[str] = set()  # keys of works the schema refused
        self.all_works = False  # sources.yaml could not be read at all
        self.sections: set[str] = set()

    def __bool__(self) -> bool:
        return bool(self.notes or self.note_files or self.works or self.all_works or self.sections)


def _read_sections(root: Path, docs_dir: Path, essay_uris: list[str], problems: list[Problem],
                   broken: Broken) -> list[Section]:
    sections: list[Section] = []
    paragraph = 1
    slugs: dict[str, str] = {}
    for index, uri in enumerate(essay_uris, start=1):
        path = docs_dir / uri
        shown = relative(path, root)
        section, found = read_section(path, shown, uri, index, paragraph)
        problems += found
        if not section.paragraphs:
            broken.sections.add(section.slug)
        if section.slug in slugs:
            problems.append(Problem(shown, None, f"has the same file name as {slugs[section.slug]}; sections "
                                    "are known by their file name (notes, addresses)",
                                    hint="give each section file its own name"))
            broken.sections.add(section.slug)
            continue
        slugs[section.slug] = shown
        paragraph += len(section.paragraphs)
        sections.append(section)
    listed = {docs_dir / uri for uri in essay_uris}
    for path in sorted((docs_dir / ESSAY_DIR).glob("*.md")):
        if path not in listed:
            problems.append(Problem(relative(path, root), None, "is not in the `nav` of mkdocs.yml, "
                                    "so its notes would not be rendered",
                                    hint=f"add `{path.relative_to(docs_dir).as_posix()}` to the nav in reading order"))
    return sections


def _read_works(root: Path, file: str, schema_name: str, problems: list[Problem], broken: Broken,
                hint: str) -> dict[str, Work]:
    """A YAML mapping of key -> CSL-style record (sources.yaml, publication.yaml) as Works;
    the keys of entries the schema refuses go to ``broken.works``."""
    path = root / file
    if not path.exists():
        problems.append(Problem(file, None, "is missing", hint=hint))
        broken.all_works = True
        return {}
    data, found = load_yaml(path, file)
    problems += found
    if data is None:
        broken.all_works = True
        return {}

    def entry_of(p):
        return f"`{p[0]}`" if p and isinstance(p[0], str) else ""

    found = schema.check_entries(data, schema_name, file, entry_of=entry_of)
    problems += [problem for _, problem in found if problem]
    bad = {entry for entry, _ in found}
    if None in bad or not isinstance(data, dict):
        broken.all_works = True
        return {}
    broken.works |= {key for key in bad if isinstance(key, str)}
    for key, entry in data.items():
        if key not in bad:
            problems += _one_value_fields(key, entry, file)
    return {key: Work(key, entry["type"], _plain(entry), file, data.key_lines[key])
            for key, entry in data.items() if key not in bad}


# The types with a series (BibTeX `series`, Zotero's series fields); a journal article's `issue`.
_SERIES_TYPES = ("book", "chapter", "report")


def _one_value_fields(key: str, entry, file: str) -> list[Problem]:
    """The fields that every export holds in one place, used where they mean one thing (issue 20):
    `issue` is a journal article's and `number` the number in a series, so they never meet in
    BibTeX's one `number` field or in RIS."""
    kind, lines, found = entry.get("type"), entry.key_lines, []
    if "issue" in entry and kind != "article-journal":
        found.append(Problem(file, lines["issue"], f"`{key}` is a {kind}, and only a journal article has an `issue`",
                             hint="a number in a series is `number`, with `collection-title`"))
    for field in ("collection-title", "number"):
        if field in entry and kind not in _SERIES_TYPES:
            found.append(Problem(file, lines[field], f"`{key}` is a {kind}, which has no series (`{field}`)",
                                 hint="a series belongs to a book, a chapter or a report"))
    if "number" in entry and kind in _SERIES_TYPES and "collection-title" not in entry:
        found.append(Problem(file, lines["number"], f"`{key}` has a `number` but no `collection-title`",
                             hint="`number` is the number in the series that `collection-title` names"))
    return found


def _read_notes(root: Path, problems: list[Problem], broken: Broken) -> dict[int, Note]:
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
            broken.note_files.add(path.stem)
            continue

        def note_of(p, data=data):
            if p and isinstance(p[0], int) and isinstance(data, list) and isinstance(data[p[0]], dict):
                n = data[p[0]].get("n")
                return n if isinstance(n, int) and not isinstance(n, bool) else None
            return None

        found = schema.check_entries(data, "notes", shown, note_of)
        problems += [problem for _, problem in found if problem]
        bad = {entry for entry, _ in found}
        if None in bad or not isinstance(data, list):
            complete = False
            broken.note_files.add(path.stem)
            continue
        for index in bad:
            n = note_of([index])
            if n is None or not 1 <= n <= MAX_NOTE:  # its number cannot be used: its section's markers
                # are unknown
                broken.note_files.add(path.stem)
                complete = False
            else:
                broken.notes.add(n)
        previous = 0
        for index, entry in enumerate(data):
            if index in bad:
                continue
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
    known = set(notes) | broken.notes
    gaps = sorted(set(range(1, min(max(known, default=0), MAX_NOTE) + 1)) - known) if complete else []
    for gap in gaps[:5]:  # the numbers are bounded by the schema; the messages are bounded here
        problems.append(Problem(NOTES_DIR, None, f"there is no note {gap}, but notes go up to {max(known)}",
                                gap, "notes are numbered 1, 2, 3… without gaps, as in the original"))
    if len(gaps) > 5:
        problems.append(Problem(NOTES_DIR, None, f"and {len(gaps) - 5} more notes are missing, up to {gaps[-1]}",
                                None, "notes are numbered 1, 2, 3… without gaps, as in the original"))
    return notes


def _pair_markers(root: Path, docs_dir: Path, sections: list[Section], notes: dict[int, Note],
                  problems: list[Problem], broken: Broken) -> None:
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
            if note is None and (n in broken.notes or broken.note_files):
                continue  # its note is reported as broken already
            if note is None:
                problems.append(Problem(shown, marker.line, f"marker [^{n}] has no note", n,
                                        f"add a note with `n: {n}` to {NOTES_DIR}/{section.slug}.yaml, "
                                        "or remove the marker"))
                continue
            note.marker = marker
            if Path(note.file).stem != section.slug:  # notes files are footnotes/notes/<section>.yaml (or .yml)
                problems.append(Problem(note.file, note.line, f"is kept here, but its marker is in {shown}",
                                        n, f"move the note to {NOTES_DIR}/{section.slug}.yaml"))
    for n, note in notes.items():
        if n not in seen and not broken.sections:
            problems.append(Problem(note.file, note.line, "has no marker in the essay", n,
                                    f"put [^{n}] where the note belongs in docs/{ESSAY_DIR}/, or remove the note"))


def _check_references(notes: dict[int, Note], works: dict[str, Work], problems: list[Problem],
                      broken: Broken) -> None:
    """The notes' references to works and to each other, then the works' to each other and to the notes."""
    if broken.all_works:
        return
    works = {**works, **{key: None for key in broken.works}}  # known, but reported already
    cited: set[str] = set()
    earlier: set[str] = set()
    for n in sorted(notes):
        note = notes[n]
        if note.work not in works:
            problems.append(Problem(note.file, note.line, f"cites `{note.work}`, which is not in {SOURCES_FILE}",
                                    n, _suggest(note.work, works)))
        if note.quotes is not None and note.quotes not in broken.works:
            _check_quoted(n, note, works, problems)
        if note.kind == "ibid" and n - 1 not in broken.notes:
            _check_ibid(n, note, notes.get(n - 1), problems)
        if note.kind == "short" and note.work not in earlier and not (broken.notes or broken.note_files):
            problems.append(Problem(note.file, note.line, f"is a short form, but no earlier note cites "
                                    f"`{note.work}`", n, "use kind: citation for a work's first citation"))
        earlier.add(note.work)
        cited.update(filter(None, (note.work, note.quotes)))
    _check_works_cited(works, cited, problems, notes_whole=not broken.notes and not broken.note_files)


def _check_quoted(n: int, note: Note, works: dict[str, Work | None], problems: list[Problem]) -> None:
    """A note that quotes a work through another: the quoted work exists and says it is quoted there."""
    quoted = works.get(note.quotes)
    if quoted is None:
        problems.append(Problem(note.file, note.line, f"quotes `{note.quotes}`, which is not in "
                                f"{SOURCES_FILE}", n, _suggest(note.quotes, works)))
    elif quoted.quoted_in != note.work:
        problems.append(Problem(note.file, note.line, f"quotes `{note.quotes}` through `{note.work}`, "
                                f"but {SOURCES_FILE} says `{note.quotes}` is quoted-in "
                                f"`{quoted.quoted_in}`", n,
                                "make the note's `work` and the source's `quoted-in` agree"))


def _check_ibid(n: int, note: Note, before: Note | None, problems: list[Problem]) -> None:
    """An “Ibid.” repeats the work of the note before it."""
    if before is None:
        problems.append(Problem(note.file, note.line, "is an “Ibid.” with no note before it", n,
                                "an Ibid. repeats the work of the previous note; use kind: citation"))
    elif before.work != note.work:
        problems.append(Problem(note.file, note.line, f"is an “Ibid.” for `{note.work}`, but note {n - 1} "
                                f"cites `{before.work}`", n,
                                f"set `work: {before.work}`, or use kind: short"))


def _check_works_cited(works: dict[str, Work | None], cited: set[str], problems: list[Problem],
                       notes_whole: bool) -> None:
    """Every work is cited by a note (when every note could be read), and is quoted in a known work."""
    for key, work in works.items():
        if work is None:
            continue
        if work.quoted_in is not None and work.quoted_in not in works:
            problems.append(Problem(work.file, work.line, f"`{key}` is quoted-in `{work.quoted_in}`, which is "
                                    f"not in {SOURCES_FILE}", None, _suggest(work.quoted_in, works)))
        if key not in cited and notes_whole:
            problems.append(Problem(work.file, work.line, f"`{key}` is cited by no note", None,
                                    "the bibliography lists only works the notes cite; remove it or cite it"))


def _check_pages(root: Path, docs_dir: Path, works: dict[str, Work], notes: dict[int, Note],
                 problems: list[Problem]) -> None:
    """The pages the build writes itself must not be hidden by files in docs/, and the title
    page must say where its "Cite this essay" box goes."""
    names = [*GENERATED, TIMELINE_URI, *(note_uri(n) for n in notes), *(source_uri(key) for key in works)]
    for uri in names:
        for name in _same_address(uri):  # MkDocs serves x.md, x/index.md and x/README.md at one address
            if (docs_dir / name).exists() or (docs_dir / name).is_symlink():
                problems.append(Problem(relative(docs_dir / name, root), None, "would hide a page the build "
                                        "generates", hint="remove or rename it"))
    home = docs_dir / HOMEPAGE
    try:
        text = read_capped(home, MAX_PAGE_BYTES).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError, TooLarge):
        text = ""
    if CITE_ESSAY_PLACEHOLDER not in text:
        problems.append(Problem(relative(home, root), None, f"the line {CITE_ESSAY_PLACEHOLDER} is missing; "
                                "the “Cite this essay” box is put there",
                                hint="put the line back where the box belongs"))


def _same_address(uri: str) -> list[str]:
    """Every file under docs/ that MkDocs would serve at the address of the page ``uri``."""
    if not uri.endswith(".md"):
        return [uri]
    stem = uri.removesuffix(".md")
    folder = stem.removesuffix("index").rstrip("/") if stem == "index" or stem.endswith("/index") else stem
    inside = f"{folder}/" if folder else ""
    return list(dict.fromkeys([*([f"{folder}.md"] if folder else []), f"{inside}index.md", f"{inside}README.md"]))


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
