"""The edition's script and stylesheet, made smaller for the built site; pages are not minified.

- the script: tdewolff/minify (the ``minify-go`` package), which parses the script, renames its
  local variables and fails on a syntax error with its line. The script's dialect is
  :data:`ECMASCRIPT`, what browsers of the last two years run (``let``, ``const``, arrow functions,
  template strings, ``?.`` and ``??`` are all fine): the script needs ``URL``, ``Promise``,
  ``:is()`` and ``CSS.highlights`` anyway, so an older dialect would buy no browser;
- the stylesheet: minify-html's CSS minifier (lightningcss).

Both are minified once per content (:mod:`scripts.edition.cache`): a serve rebuild or a later
build with the same file reuses the result. Pages were minified too (minify-html) until issue 25
measured what it bought: 640 of 11,078 gzipped bytes on a section page (6 %), for a millisecond of
CPU per page on every build and every serve rebuild (5 % of a build); as every static host
compresses HTML, the pages are sent as Material writes them.
"""

from __future__ import annotations

import re
from functools import cache as once
from importlib.metadata import version

import minify_html

from .. import cache
from ..problems import EditionError, Problem

ECMASCRIPT = 2022  # the newest syntax the minifier may write; browsers from 2022 on run it
_WHERE = re.compile(r" on line (\d+) and column (\d+)")


@once
def _version(package: str) -> str:
    """Part of every key: a new release of a minifier makes new entries."""
    return version(package)


def script(source: str, name: str, store: cache.Store | None = None) -> str:
    inputs = cache.key("minify-go", _version("minify-go"), str(ECMASCRIPT), source)
    return (store or cache.Store(None)).text("script", inputs, lambda: _script(source, name))


def _script(source: str, name: str) -> str:
    import minify as tdewolff  # the minify-go package (loaded only when a script is minified)

    tdewolff.config({"js-version": ECMASCRIPT})
    try:
        return tdewolff.string("application/javascript", source) + "\n"
    except tdewolff.MinifyError as error:
        first = str(error).splitlines()[0]
        where = _WHERE.search(first)
        raise EditionError([Problem(name, int(where[1]) if where else None,
                                    f"is not JavaScript the minifier can read: {_WHERE.sub('', first)}"
                                    + (f" (column {where[2]})" if where else ""),
                                    hint="fix the syntax there; the browser would refuse the whole script")]) from None


def stylesheet(source: str, name: str, store: cache.Store | None = None) -> str:
    inputs = cache.key("minify-html", _version("minify-html"), source)
    return (store or cache.Store(None)).text("stylesheet", inputs, lambda: _stylesheet(source, name))


def _stylesheet(source: str, name: str) -> str:
    wrapped = minify_html.minify(f"<style>{source}</style>", minify_css=True)
    if not (wrapped.startswith("<style>") and wrapped.endswith("</style>")) or "</style" in source:
        raise EditionError([Problem(name, None, "the stylesheet could not be minified as a whole",
                                    hint="it must not contain </style>")])
    return wrapped[len("<style>"):-len("</style>")] + "\n"
