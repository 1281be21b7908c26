"""The edition's version and its record of changes (footnotes/changes.yaml).

The version is kept in one place, the project's ``[project] version`` in pyproject.toml, and
follows semantic versioning for the apparatus: a new correction, query, glossary entry or
feature is a minor version; a changed reading (a correction that now reads otherwise) or a
removed entry is a major one; a revised explanation or bibliographic detail is a patch. Its date
is that version's entry in the record of changes, which must exist.

The record is complete by construction: every correction, query and glossary entry must be
listed under the version that added it, and the build stops, saying exactly what to add, when
one is not. So every listing can say “added in 1.1”, and annotations get their ``created`` and
``modified`` dates from here rather than from the build clock.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Callable
from pathlib import Path

from . import schema
from ..model import ChangeLog, EditorialNote, GlossaryEntry, Item, Version, Work, apparatus_kind
from ..problems import Problem
from .yamlio import line_of, load_yaml

CHANGES_FILE = "footnotes/changes.yaml"
PYPROJECT = "pyproject.toml"

# The kinds of apparatus entry the record lists, with what names them in the YAML files.
# Every id of the first three kinds must be listed as added under exactly one version.
COMPLETE_KINDS = {"corrections": "correction", "queries": "query", "glossary": "glossary entry"}
KIND_NAMES = {**COMPLETE_KINDS, "sources": "work", "notes": "note", "readings": "correction"}
KIND_HEADINGS = {"corrections": "Corrections", "queries": "Queries", "glossary": "Glossary entries",
                 "sources": "Bibliographic details", "notes": "The notes’ structured data",
                 "readings": "Changed readings", "features": "Features"}



def read_version(root: Path, problems: list[Problem]) -> str | None:
    """The project's version from pyproject.toml (the one place it is kept)."""
    path = root / PYPROJECT
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(Problem(PYPROJECT, None, "is missing; the edition's version is kept there",
                                hint='add a [project] table with version = "1.0.0"'))
        return None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        problems.append(Problem(PYPROJECT, None, f"is not valid TOML: {error}"))
        return None
    version = data.get("project", {}).get("version")
    if not isinstance(version, str) or not _is_semver(version):
        problems.append(Problem(PYPROJECT, None, f"`[project] version` is {version!r}, not a version "
                                "like 2.3.0", hint="the edition's version is MAJOR.MINOR.PATCH"))
        return None
    return version


def _is_semver(text: str) -> bool:
    parts = text.split(".")
    return len(parts) == 3 and all(p.isdigit() and (p == "0" or not p.startswith("0")) for p in parts)


def read_changes(root: Path, version: str | None, editorial: list[EditorialNote],
                 glossary: dict[str, GlossaryEntry], works: dict[str, Work], notes: dict,
                 problems: list[Problem], page_exists: Callable[[str], bool] | None = None,
                 unsure: frozenset[str] = frozenset()) -> ChangeLog | None:
    """The record of changes, checked against the entries it lists (and, given ``page_exists``,
    each feature's link against the site's pages, as the strict build would, but with a line).
    ``unsure``: kinds of entry whose file has problems of its own; an id of theirs that is not
    there may be one the file lost, so it is not reported again as "no such"."""
    path = root / CHANGES_FILE
    if not path.exists():
        problems.append(Problem(CHANGES_FILE, None, "is missing; it records what each version of the "
                                "edition changed", hint="see README, “Releasing”"))
        return None
    data, found = load_yaml(path, CHANGES_FILE)
    problems += found
    if data is None:
        return None

    def entry_of(p):
        if p and isinstance(p[0], int) and isinstance(data, list) and isinstance(data[p[0]], dict):
            return f"version {data[p[0]].get('version', p[0] + 1)}"
        return ""

    found = schema.check(data, "changes", CHANGES_FILE, entry_of=entry_of)  # kinds: plain text, keys
    problems += found
    if found:
        return None
    versions = [Version(e["version"], e["date"], e.get("summary", ""),
                        {k: _items(v) for k, v in e.get("added", {}).items()},
                        {k: _items(v) for k, v in e.get("revised", {}).items()},
                        {k: _items(v) for k, v in e.get("removed", {}).items()}, e.line)
                for e in data]
    log = ChangeLog(versions)
    before = len(problems)
    _check_order(versions, version, problems)
    existing = {"corrections": {e.id: e for e in editorial if apparatus_kind(e) == "corrections"},
                "queries": {e.id: e for e in editorial if apparatus_kind(e) == "queries"},
                "glossary": glossary, "sources": works, "notes": {str(n): n for n in notes}}
    existing["readings"] = existing["corrections"]
    _index(data, log, existing, problems, unsure)
    _check_complete(data, log, existing, problems)
    if page_exists is not None:
        _check_links(data, page_exists, problems)
    return log if len(problems) == before else None


def _items(raw: list) -> list[Item]:
    out = []
    for item in raw:
        if isinstance(item, dict):
            out.append(Item(str(item.get("id", item.get("text", ""))), item.get("change", ""),
                            item.get("link", "")))
        else:
            out.append(Item(str(item)))
    return out


def _bump(previous: Version, current: Version) -> str:
    """What kind of release ``current`` is after ``previous``: major, minor or patch."""
    (a, b, c), (x, y, z) = previous.parts, current.parts
    if x != a:
        return "major" if x == a + 1 and y == 0 and z == 0 else "irregular"
    if y != b:
        return "minor" if y == b + 1 and z == 0 else "irregular"
    return "patch" if z == c + 1 else "irregular"


def _needed(version: Version) -> str:
    if version.removed or version.revised.get("readings"):
        return "major"
    if any(version.added.values()):
        return "minor"
    return "patch"


def _check_order(versions: list[Version], current: str | None, problems: list[Problem]) -> None:
    """Versions newest first, each once, each bumped as its changes need. (Their dates are days in
    the calendar: the schema's pattern and `date` kind have made sure of it.)"""
    seen: dict[str, int] = {}
    for version in versions:
        if version.number in seen:
            problems.append(Problem(CHANGES_FILE, version.line, f"is listed twice (first on line "
                                    f"{seen[version.number]})", entry=f"version {version.number}",
                                    hint="each version has one entry"))
        seen.setdefault(version.number, version.line)
    for newer, older in zip(versions, versions[1:]):
        who = f"version {newer.number}"
        if newer.parts <= older.parts:
            problems.append(Problem(CHANGES_FILE, newer.line, f"comes before version {older.number} but is "
                                    "not newer", entry=who, hint="list versions newest first"))
            continue
        if newer.date < older.date:
            problems.append(Problem(CHANGES_FILE, newer.line, f"is dated {newer.date}, before version "
                                    f"{older.number} ({older.date})", entry=who,
                                    hint="a later version cannot have an earlier date"))
        bump, needed = _bump(older, newer), _needed(newer)
        rank = {"patch": 0, "minor": 1, "major": 2}
        if bump == "irregular":
            problems.append(Problem(CHANGES_FILE, newer.line, f"does not follow {older.number} by one step",
                                    entry=who, hint=f"the next version is {_next(older, needed)}"))
        elif rank[bump] < rank[needed]:
            why = {"major": "it changes a reading or removes an entry",
                   "minor": "it adds corrections, queries, glossary entries, works or features"}[needed]
            problems.append(Problem(CHANGES_FILE, newer.line, f"is a {bump} version, but {why} "
                                    f"(semantic versioning: that is a {needed} version)", entry=who,
                                    hint=f"call it {_next(older, needed)}, and the same in {PYPROJECT}"))
    if current is not None and versions and versions[0].number != current:
        problems.append(Problem(CHANGES_FILE, versions[0].line, f"the newest version recorded is "
                                f"{versions[0].number}, but {PYPROJECT} says the edition is version {current}",
                                hint=f"add an entry `- version: {current}` with its `date:` and what it changed "
                                     f"at the top, or set version = \"{versions[0].number}\" in {PYPROJECT}"))


def _next(version: Version, bump: str) -> str:
    a, b, c = version.parts
    return {"major": f"{a + 1}.0.0", "minor": f"{a}.{b + 1}.0", "patch": f"{a}.{b}.{c + 1}"}[bump]


def _index(data, log: ChangeLog, existing: dict[str, dict], problems: list[Problem],
           unsure: frozenset[str] = frozenset()) -> None:
    """Fill ``log.added_in`` and ``log.revised_in``, checking every listed id exists."""
    # An entry a later version removes (or moves to another kind, keeping its id: a query made a
    # correction) still exists for the versions before, so it is known before the oldest is read.
    removed: dict[tuple[str, str], Version] = {
        (kind, item.id): version for version in log.versions
        for kind, items in version.removed.items() for item in items}
    for index, version in reversed(list(enumerate(log.versions))):  # oldest first
        for part in ("added", "revised", "removed"):
            for kind, items in getattr(version, part).items():
                if kind == "features":
                    continue
                for position, item in enumerate(items):
                    key = (kind, item.id)
                    where = line_of(data, [index, part, kind, position])
                    who = f"{KIND_NAMES[kind]} `{item.id}`"
                    if part == "removed":
                        if item.id in existing[kind]:
                            problems.append(Problem(CHANGES_FILE, where, f"is listed as removed in version "
                                                    f"{version.number} but is still there", entry=who,
                                                    hint="remove the entry from its file, or from `removed`"))
                        continue
                    if item.id not in existing[kind] and key not in removed:
                        if kind in unsure:
                            continue
                        problems.append(Problem(CHANGES_FILE, where, f"is listed under `{part}: {kind}` of "
                                                f"version {version.number}, but there is no such "
                                                f"{KIND_NAMES[kind]}", entry=who,
                                                hint=_suggest(item.id, kind, existing)))
                        continue
                    if part == "added":
                        if key in log.added_in:
                            problems.append(Problem(CHANGES_FILE, where, f"is listed as added twice (in "
                                                    f"{log.added_in[key].number} and {version.number})",
                                                    entry=who, hint="keep it under the version that added it"))
                            continue
                        log.added_in[key] = version
                    else:
                        if kind == "readings":
                            log.revised_in.setdefault(("corrections", item.id), []).insert(0, version)
                        log.revised_in.setdefault(key, []).insert(0, version)


def _check_links(data, page_exists: Callable[[str], bool], problems: list[Problem]) -> None:
    for index, entry in enumerate(data):
        for part in ("added", "revised"):
            for position, feature in enumerate(entry.get(part, {}).get("features", [])):
                page = feature.get("link", "").partition("#")[0]
                if page and not page_exists(page):
                    problems.append(Problem(CHANGES_FILE, line_of(data, [index, part, "features", position, "link"]),
                                            f"`link` {page} is not a page of the site",
                                            entry=f"version {entry['version']}",
                                            hint="name a file under docs/ or a page the build makes, "
                                                 "like editorial.md or notes/index.md"))


def _suggest(key: str, kind: str, existing: dict[str, dict]) -> str:
    for other in ("corrections", "queries", "glossary"):
        if other != kind and key in existing[other]:
            return f"`{key}` is a {KIND_NAMES[other]}: list it under `{other}`"
    close = difflib.get_close_matches(key, [str(k) for k in existing[kind]], n=1)
    return f"did you mean `{close[0]}`?" if close else "remove it, or check its id in its file"


def _check_complete(data, log: ChangeLog, existing: dict[str, dict], problems: list[Problem]) -> None:
    """Every correction, query and glossary entry is listed under the version that added it."""
    current = log.current
    for kind, what in COMPLETE_KINDS.items():
        for key, entry in existing[kind].items():
            if (kind, key) in log.added_in:
                continue
            has_list = kind in current.added
            where = line_of(data, [0, "added", kind]) if has_list else current.line
            add = (f"add `- {key}` to `added: {kind}:` of version {current.number}" if has_list else
                   f"add to version {current.number}: `added: {{{kind}: [{key}]}}`")
            problems.append(Problem(CHANGES_FILE, where, f"{entry.file}:{entry.line} has this {what}, but "
                                    "no version of the record of changes lists it as added",
                                    entry=f"{what} `{key}`",
                                    hint=f"{add} (or under the version that added it)"))
