"""Validate the edition: ``python -m scripts.check``.

Reads mkdocs.yml for the essay's reading order, then calls the same validation as the build
(:func:`scripts.edition.read.loader.load_edition`), which names file, line and note for every
problem in footnotes/ and the essay. When that finds none, check = build by construction: it runs
``mkdocs build --strict`` itself, into a temporary folder it then removes, and reports whatever the
build would stop on (a Web Annotation's quote that is not unique on its page, a broken link, a page
missing from the nav…), in the build's words. That costs what a build costs (a few seconds for
the real essay); ``--fast`` checks the sources only (under a second: a pre-commit hook), and may
then pass what the build refuses.

Exit status 0 when all is well, 1 with every problem listed otherwise, 2 when mkdocs.yml cannot be
read; an unexpected exception is one line (the traceback with ``--verbose``).
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
    parser.add_argument("--fast", action="store_true", help="check the sources only, without the build's checks")
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
    if not args.fast:
        problems = build_problems(config_path)
        if problems:
            print("\n".join(problems), file=sys.stderr)
            return 1
    elapsed = (time.perf_counter() - started) * 1000
    print(f"OK: {len(edition.sections)} sections, {len(edition.paragraphs)} paragraphs, "
          f"{len(edition.notes)} notes, {len(edition.works)} works, {len(edition.editorial)} editorial notes, "
          f"{len(edition.glossary)} glossary entries ({elapsed:.0f} ms)")
    return 0


def build_problems(config_path: Path) -> list[str]:
    """What ``mkdocs build --strict`` would stop on, in its words: it is run, in this process, into a
    temporary folder. Empty when the build succeeds."""
    import logging
    import logging.handlers
    import os
    import tempfile

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    collect = logging.handlers.BufferingHandler(capacity=100_000)
    collect.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    lines: list[str] = []
    try:
        with tempfile.TemporaryDirectory(prefix="edition-check-") as site:
            try:
                config = load_config(config_file=str(config_path), site_dir=site, strict=True)
            except Abort as abort:  # MkDocs has logged what is wrong with mkdocs.yml
                lines.append(str(abort))
                return [*dict.fromkeys(record.getMessage() for record in collect.buffer), *lines]
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            except Abort as abort:
                lines.append(str(abort))
            finally:
                config.plugins.on_shutdown()
    except ConfigurationError as error:
        lines.append(f"mkdocs.yml: {shorten(str(error), 400)}")
    finally:
        logger.removeHandler(collect)
    logged = [record.getMessage() for record in collect.buffer]
    return [*dict.fromkeys(logged), *lines] if lines or logged else []


if __name__ == "__main__":
    sys.exit(main())
