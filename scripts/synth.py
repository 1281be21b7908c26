"""A synthetic edition, many times the size of the real essay, for the benchmark and the scale test.

``generate(dest, scale)`` writes a complete project in the edition's own formats: the real essay's
25 paragraphs repeated ``scale`` times, regrouped ten paragraphs to a section file, its 37 notes
renumbered to follow (37 × ``scale`` notes), and its works copied once per repetition, except the
three most-cited, which every repetition shares (so some works are cited hundreds of times, as in
a thesis). At ``scale=100``: 2,500 paragraphs in 250 section files, 3,700 notes, 1,803 works.

The first repetition keeps the real note numbers and work keys, so every "Ibid.", short form and
second-hand quotation stays valid, and the generated project passes the edition's own checks.
Its mkdocs.yml points ``hooks:`` at this project's real engine, by absolute path.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import yaml

from .edition.read.editorial import EDITORIAL_FILE
from .edition.read.loader import ESSAY_DIR, NOTES_DIR, SOURCES_FILE, load_edition
from .edition.model import Edition
from .edition.read.versions import CHANGES_FILE, PYPROJECT
from .edition.read.nav import essay_uris, read_mkdocs_yml
from .edition.urls import CITE_ESSAY_PLACEHOLDER

ROOT = Path(__file__).resolve().parent.parent
PARAGRAPHS_PER_SECTION = 10
SHARED_WORKS = 3  # the most-cited works are cited by every repetition rather than copied


def real_edition(root: Path = ROOT) -> tuple[Edition, dict]:
    config = read_mkdocs_yml(root / "mkdocs.yml")
    docs = root / config.get("docs_dir", "docs")
    return load_edition(root, docs, essay_uris(config.get("nav") or [])), config


def generate(dest: Path, scale: int, root: Path = ROOT) -> Path:
    """Write the synthetic project into ``dest`` (created; must not hold a project yet)."""
    edition, config = real_edition(root)
    docs_dir = config.get("docs_dir", "docs")
    docs = dest / docs_dir
    _copy_other_files(root, dest, docs_dir)
    (docs / ESSAY_DIR).mkdir(parents=True, exist_ok=True)
    (dest / NOTES_DIR).mkdir(parents=True, exist_ok=True)

    counts = Counter(n.work for n in edition.notes.values())
    quoted = {w.key for w in edition.works.values() if w.quoted_in}
    shared = {k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
              if k not in quoted}
    shared = set(sorted(shared, key=lambda k: (-counts[k], k))[:SHARED_WORKS])
    per_note = len(edition.notes)

    def key(k: str, copy: int) -> str:
        return k if copy == 1 or k in shared else f"{k}-copy-{copy}"

    works: dict[str, dict] = {}
    paragraphs: list[tuple[str, str]] = []  # (title of the real section, source)
    notes: dict[int, dict] = {}
    for copy in range(1, scale + 1):
        offset = per_note * (copy - 1)
        for section in edition.sections:
            for p in section.paragraphs:
                source = _renumber(p.source, offset)
                paragraphs.append((section.title, source))
        for note in edition.notes.values():
            entry = {"n": note.n + offset, "text": note.text, "kind": note.kind,
                     "work": key(note.work, copy)}
            locator = {k: v for k, v in vars(note.locator).items() if v}
            if locator:
                entry["locator"] = locator
            if note.quotes:
                entry["quotes"] = key(note.quotes, copy)
            notes[entry["n"]] = entry
        for work in edition.works.values():
            k = key(work.key, copy)
            if k in works:
                continue
            csl = dict(work.csl)
            if copy > 1:
                csl["title"] = f"{work.title} (copy {copy})"
            if csl.get("quoted-in"):
                csl["quoted-in"] = key(csl["quoted-in"], copy)
            works[k] = csl

    uris = []
    marker_section: dict[int, str] = {}
    for i in range(0, len(paragraphs), PARAGRAPHS_PER_SECTION):
        chunk = paragraphs[i:i + PARAGRAPHS_PER_SECTION]
        number = i // PARAGRAPHS_PER_SECTION + 1
        slug = f"part-{number:04d}"
        uris.append(f"{ESSAY_DIR}/{slug}.md")
        text = f"# Part {number}: {chunk[0][0]}\n\n" + "\n\n".join(source for _, source in chunk) + "\n"
        (docs / ESSAY_DIR / f"{slug}.md").write_text(text, encoding="utf-8")
        for _, source in chunk:
            for n in _markers(source):
                marker_section[n] = slug
    by_section: dict[str, list[dict]] = {}
    for n in sorted(notes):
        by_section.setdefault(marker_section[n], []).append(notes[n])
    for slug, entries in by_section.items():
        _dump(dest / NOTES_DIR / f"{slug}.yaml", entries)
    _dump(dest / SOURCES_FILE, works)

    _write_index(docs, uris, len(paragraphs), len(notes), len(works))
    _drop_title_page_corrections(dest)
    config = dict(config)
    config["nav"] = _nav(config.get("nav") or [], uris)
    config["hooks"] = [str((root / h).resolve()) for h in config.get("hooks") or []]
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):  # the real template overrides, like the real hooks
        theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
        config["theme"] = theme
    config["site_name"] = f"Synthetic edition ({scale}× the essay)"
    _dump(dest / "mkdocs.yml", config)
    return dest


def _renumber(source: str, offset: int) -> str:
    from .edition.read.essay import MARKER

    return MARKER.sub(lambda m: f"[^{int(m.group(1)) + offset}]", source) if offset else source


def _markers(source: str) -> list[int]:
    from .edition.read.essay import MARKER

    return [int(m.group(1)) for m in MARKER.finditer(source)]


def _copy_other_files(root: Path, dest: Path, docs_dir: str) -> None:
    """Everything but the essay, its notes and sources, and the title page (which links to the
    real sections): stylesheets, scripts, other pages, other YAML data."""
    skip_docs = shutil.ignore_patterns(ESSAY_DIR, "index.md", "__pycache__")
    shutil.copytree(root / docs_dir, dest / docs_dir, ignore=lambda d, names: (
        skip_docs(d, names) if Path(d) == root / docs_dir else set()), dirs_exist_ok=True)
    shutil.copy(root / PYPROJECT, dest / PYPROJECT)  # the edition's version
    footnotes = root / SOURCES_FILE
    shutil.copytree(footnotes.parent, dest / footnotes.parent.relative_to(root),
                    ignore=lambda d, names: {"notes", "sources.yaml"} if Path(d) == footnotes.parent else set(),
                    dirs_exist_ok=True)


def _nav(nav: list, uris: list[str]) -> list:
    """The real nav with its essay sections replaced, where the first stood, by the synthetic ones."""
    placed = False

    def walk(items: list) -> list:
        nonlocal placed
        out: list = []
        for item in items:
            title, value = next(iter(item.items())) if isinstance(item, dict) else (None, item)
            if isinstance(value, list):
                value = walk(value)
                if not value:
                    continue
            elif isinstance(value, str) and value.startswith(f"{ESSAY_DIR}/"):
                if not placed:
                    out.extend(uris)
                    placed = True
                continue
            out.append({title: value} if title else value)
        return out

    return walk(nav)


def _drop_title_page_corrections(dest: Path) -> None:
    """Corrections anchored to a phrase of the real title page have nothing to mark here."""
    path = dest / EDITORIAL_FILE
    if path.exists():
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        _dump(path, [e for e in entries if "page" not in e.get("anchor", {})])
        dropped = {e["id"] for e in entries if "page" in e.get("anchor", {})}
        changes = dest / CHANGES_FILE  # and from the record of changes, which must list exactly what exists
        if dropped and changes.exists():
            versions = yaml.safe_load(changes.read_text(encoding="utf-8"))
            for version in versions:
                for kind in ("added", "revised", "removed"):
                    for ids in (version.get(kind) or {}).values():
                        ids[:] = [i for i in ids if not (isinstance(i, str) and i in dropped)]
            _dump(changes, versions)


def _write_index(docs: Path, uris: list[str], paragraphs: int, notes: int, works: int) -> None:
    lines = ["# A synthetic edition", "",
             f"The essay repeated to {paragraphs} paragraphs in {len(uris)} sections, with {notes} notes "
             f"citing {works} works, to measure the edition's engine at scale.", "",
             "[All notes](notes/index.md) · [Bibliography](sources/index.md)", "",
             "## Cite this essay", "", CITE_ESSAY_PLACEHOLDER, "", "## Contents", ""]
    lines += [f"1. [Part {i}]({uri})" for i, uri in enumerate(uris, start=1)]
    (docs / "index.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        return True  # the edition's YAML may not use anchors or aliases: write shared values out


_Dumper.add_representer(type(None), lambda d, _: d.represent_scalar("tag:yaml.org,2002:null", ""))


def _dump(path: Path, data) -> None:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Write a synthetic edition N times the real one.")
    parser.add_argument("dest", type=Path)
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args(argv)
    generate(args.dest, args.scale)
    print(f"wrote {args.dest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
