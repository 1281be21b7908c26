"""Validate the edition without building the site: ``python -m scripts.check``.

Reads mkdocs.yml for the essay's reading order, then loads and checks every file under
footnotes/ and docs/essay/ exactly as the build does. Exit status 0 when all is well, 1 with
every problem listed otherwise. Fast enough for a pre-commit hook.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .edition.loader import load_edition
from .edition.nav import essay_uris, read_mkdocs_yml
from .edition.problems import EditionError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    started = time.perf_counter()
    config_path = root / "mkdocs.yml"
    if not config_path.exists():
        print(f"error: no mkdocs.yml in {root}", file=sys.stderr)
        return 2
    config = read_mkdocs_yml(config_path)
    docs = root / config.get("docs_dir", "docs")
    try:
        edition = load_edition(root, docs, essay_uris(config.get("nav") or []))
    except EditionError as error:
        print(error.report(), file=sys.stderr)
        return 1
    elapsed = (time.perf_counter() - started) * 1000
    print(f"OK: {len(edition.sections)} sections, {len(edition.paragraphs)} paragraphs, "
          f"{len(edition.notes)} notes, {len(edition.works)} works, {len(edition.editorial)} editorial notes, "
          f"{len(edition.glossary)} glossary entries ({elapsed:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
