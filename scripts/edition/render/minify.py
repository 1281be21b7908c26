"""What the built site sends, made smaller without changing what the browser builds from it.

- pages: minify-html (whitespace, quotes, default attributes), with closing tags kept so that
  simple parsers (the Web Annotations' text, the tests, anyone's scraper) read the same tree;
- the edition's script: calmjs.parse, which also renames local variables (a third smaller than
  comment-and-space stripping). It reads ES5 only, the dialect edition.js is written in on purpose;
  newer syntax stops the build with the line it failed on;
- the edition's stylesheet: minify-html's CSS minifier (lightningcss).

Plain functions of text: the MkDocs glue calls them on each page and on the built files.
"""

from __future__ import annotations

import minify_html
from calmjs.parse import es5
from calmjs.parse.exceptions import ECMASyntaxError
from calmjs.parse.unparsers.es5 import minify_print

from ..problems import EditionError, Problem


def page(html: str) -> str:
    return minify_html.minify(html, keep_closing_tags=True, keep_html_and_head_opening_tags=True)


def script(source: str, name: str) -> str:
    try:
        program = es5(source)
    except ECMASyntaxError as error:
        raise EditionError([Problem(name, None, f"the minifier cannot read it: {error}",
                                    hint="write ES5, as the rest of the file: var and function, no let, "
                                         "const, => or template strings")]) from None
    return minify_print(program, obfuscate=True, obfuscate_globals=False) + "\n"


def stylesheet(source: str, name: str) -> str:
    wrapped = minify_html.minify(f"<style>{source}</style>", minify_css=True)
    if not (wrapped.startswith("<style>") and wrapped.endswith("</style>")) or "</style" in source:
        raise EditionError([Problem(name, None, "the stylesheet could not be minified as a whole",
                                    hint="it must not contain </style>")])
    return wrapped[len("<style>"):-len("</style>")] + "\n"
