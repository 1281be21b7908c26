"""``mkdocs serve`` that shows a failed rebuild in the browser instead of only in the terminal.

MkDocs 1.6's live-reload server rebuilds on every save and tells the open pages to reload only
after a build that succeeded. A failed rebuild leaves the browser on the old page with no sign of
trouble, and every later request waits, unanswered, for a good build ("The server will appear
stuck until build errors are resolved"); the failed build has also emptied the site folder
before it stopped. So the builder the server calls is wrapped here: after each good build the
site is kept (hard links, so it costs next to nothing); when a build fails, the kept site is put
back with the problems overlaid on every page (``problem_overlay.py``) and the build counts as
done, so the server reloads the open pages and they show the problems. Each later failure
replaces the list; the first good build replaces the whole site and the overlay is gone.

``mkdocs build`` never comes here: it fails on bad input exactly as it always did.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from .problem_overlay import overlay_html, problems_of, with_overlay

log = logging.getLogger("mkdocs.edition")


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        shutil.copy2(source, target)


def _empty(folder: Path) -> None:
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


class LastGoodSite:
    """The site folder as the last good build left it, and the means to put it back with problems shown."""

    def __init__(self, site_dir: str | Path):
        self.site = Path(site_dir)
        self._folder = tempfile.TemporaryDirectory(prefix="edition-last-good-")  # removed at exit
        self.kept = Path(self._folder.name) / "site"

    def keep(self) -> None:
        """Remember the site as just built. MkDocs writes new files after emptying the folder, so
        hard links keep the old contents intact."""
        if self.kept.exists():
            shutil.rmtree(self.kept)
        shutil.copytree(self.site, self.kept, copy_function=_link_or_copy)

    def show(self, problems: list) -> None:
        """Put the kept site back in place with the problems over each of its pages."""
        overlay = overlay_html(problems)
        self.site.mkdir(parents=True, exist_ok=True)
        _empty(self.site)
        if not self.kept.exists():  # no good build yet: a page of problems alone
            for name in ("index.html", "404.html"):
                (self.site / name).write_text(with_overlay("<!doctype html><title>Problems</title><body></body>",
                                                           overlay), encoding="utf-8")
            return
        shutil.copytree(self.kept, self.site, copy_function=_link_or_copy, dirs_exist_ok=True)
        for page in self.site.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            fresh = page.with_name(page.name + ".edition-tmp")
            fresh.write_text(with_overlay(text, overlay), encoding="utf-8")
            os.replace(fresh, page)  # a new file: the kept copy (a hard link) stays as it was


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def showing_problems(builder: Callable[..., None], site_dir: str | Path) -> Callable[..., None]:
    """The server's ``builder``, made to show a failed build's problems in the open pages."""
    last_good = LastGoodSite(site_dir)
    last_good.keep()  # the server's first build, which succeeded or there would be no server

    def build(*args, **kwargs) -> None:
        collect = _Collect()
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(collect)
        try:
            builder(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - every failure is shown, none stops the server
            problems = problems_of(error, collect.lines)
            last_good.show(problems)
            log.error(f"The build failed with {len(problems)} problem{'s' if len(problems) != 1 else ''}: "
                      "shown in the browser over the last good pages until a build succeeds")
            return
        finally:
            mkdocs_log.removeHandler(collect)
        last_good.keep()

    return build
