"""Validate the edition without building the site: ``python -m scripts.check``.

Reads mkdocs.yml for the essay's reading order, then calls the same validation as the build
(:func:`scripts.edition.read.loader.load_edition`), so the two reject the same input. Exit status 0
when all is well, 1 with every problem listed otherwise, 2 when mkdocs.yml cannot be read; an
unexpected exception is one line (the traceback with ``--verbose``). Fast enough for a
pre-commit hook.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

from .edition.read.loader import load_edition
from .edition.read.nav import essay_uris, read_mkdocs_yml
from .edition.problems import EditionError, shorten, unexpected


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    parser.add_argument("--verbose", action="store_true", help="show a traceback for an unexpected error")
    args = parser.parse_args(argv)
    try:
        return _check(args)
    except Exception as error:
        if args.verbose:
            raise
        print(unexpected(error, "scripts.check", "the edition"), file=sys.stderr)
        return 2


def _check(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    started = time.perf_counter()
    config_path = root / "mkdocs.yml"
    if not config_path.exists():
        print(f"error: no mkdocs.yml in {root}", file=sys.stderr)
        return 2
    try:
        config = read_mkdocs_yml(config_path)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        print(f"mkdocs.yml: cannot be read ({shorten(str(error), 120)})", file=sys.stderr)
        return 2
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
