"""The one sanitiser every page's content passes, last, before MkDocs puts it into its template.

The edition's field rules (the loader, :mod:`scripts.edition.read.essay`, :mod:`scripts.edition.inline`)
refuse bad input with file and line, for the editor's sake; this is the guarantee behind them. Whatever
Markdown syntax or file kind nobody thought of, a page's content (the article MkDocs renders from
Markdown, for the generated pages too) holds only the elements, attributes, classes and URLs listed
here: no event handler, no ``script``/``iframe``/``object``/``embed``/``base``/``form``/``style``, no URL
other than http(s), mailto, relative or a fragment, no ``id`` that could stand in for one of
Material's own elements (``__config``…). Anything else is dropped without a word (the text of an
unknown element stays, as text).

The work is done by nh3, the binding to Rust's ammonia, which parses as a browser does (html5ever).
Everything the edition itself writes passes unchanged: tests/test_sanitise.py builds the real site
with and without this pass and compares the files (pages as DOMs: its serialiser writes `<hr>` for
`<hr />`, ¶ for `&para;`). A new element, attribute or class
in the edition's own output must be added here (that test names it).

mkdocs.yml, the hooks and the templates are trusted code; everything under docs/ and footnotes/ is
data, and reaches a reader only through this pass.
"""

from __future__ import annotations

import re

import nh3
from pygments.token import STANDARD_TYPES

from .. import contract
from ..cache import Latest
from ..kinds import url_problem
from ..model import TIMELINE_LANES

# Elements: the edition's own output and what an editor's Markdown page may reasonably use.
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "button", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s",
    "samp", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
# Attributes, by element ("*": on any of them). No event handler, no `name`, no `autofocus`.
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir", "aria-label", "aria-hidden", "aria-describedby",
          "aria-labelledby", "aria-expanded", "aria-haspopup", "aria-pressed", "aria-current",
          "role", "data-search-exclude"},
    "a": {"href", "download", "tabindex", "style", "data-correction", "data-query", "data-event", "data-tip",
          "data-cite"},
    "button": {"type", "data-url", "data-clipboard-target"},
    "img": {"src", "alt", "width", "height", "loading"},
    "li": {"value"}, "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"}, "details": {"open"}, "q": {"cite"}, "blockquote": {"cite"},
    # the timeline's picture places its marks with `style` (scripts/edition/pages/timeline.py)
    "div": {"style"}, "figure": {"style", "tabindex"},  # the picture, a region the keyboard scrolls
    # md_in_html leaves markdown="span" on an inner element of a `markdown` block (docs/index.md)
    "span": {"style", "markdown"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})  # and relative addresses and fragments
# Classes: the edition's, as its contract lists them for the HTML it writes (scripts/edition/contract.toml),
# Python-Markdown's and Material's that content uses, admonition kinds, and Pygments' token classes.
CLASSES = frozenset({
    *contract.names("classes", "python", lane=TIMELINE_LANES),
    "admonition", "admonition-title", "filename", "footnote", "footnote-backref", "footnote-ref", "headerlink",
    "highlight", "md-button", "md-button--primary", "md-clipboard", "md-icon", "toclink",
    # Material's admonition kinds (`!!! note`)
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success", "check",
    "done", "question", "help", "faq", "warning", "caution", "attention", "failure", "fail", "missing",
    "danger", "error", "bug", "example", "quote", "cite",
    *(name for name in STANDARD_TYPES.values() if name),  # code highlighting
})
# A style attribute may only place and size things (the timeline): these properties, plain values.
STYLE_PROPERTIES = frozenset({"left", "top", "width", "height", *contract.names("properties", "python")})
_STYLE_VALUE = re.compile(r"(?:[0-9.]+(?:%|px|em|rem)?|calc\(|\)|[-+*/ ])+")
_SAFE_ID = re.compile(r"(?!__)[^\s]{1,200}")  # Material's own elements' ids begin with __
_TABINDEX = {"0", "-1"}


def _style(value: str) -> str | None:
    for declaration in filter(None, (d.strip() for d in value.split(";"))):
        prop, colon, val = declaration.partition(":")
        if not colon or prop.strip() not in STYLE_PROPERTIES or not _STYLE_VALUE.fullmatch(val.strip()):
            return None
    return value


def _safe_url(value: str) -> str | None:
    """A URL in an attribute ammonia does not know as one: http(s) or on this site, as the links."""
    return value if url_problem(value, relative=True) is None else None


def _local_url(value: str) -> str | None:
    """An image's address: on this site only (a remote image would be fetched by every reader)."""
    return None if re.match(r"\s*(?:[A-Za-z][A-Za-z0-9+.-]*:|[/\\]{2})", value) else value


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name == "class":
        kept = [token for token in value.split() if token in CLASSES]
        return " ".join(kept) if kept else None
    if name == "id":
        return value if _SAFE_ID.fullmatch(value) else None
    if name == "style":
        return _style(value)
    if name == "tabindex":
        return value if value in _TABINDEX else None
    if name in ("data-url", "data-cite", "cite"):
        return _safe_url(value)
    if name == "src":
        return _local_url(value)
    if name == "title":  # Material's tooltips show the decoded title through innerHTML: no tag in it
        return value.replace("<", "&lt;")
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS), clean_content_tags={"script", "style"},
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_attribute, url_schemes=set(URL_SCHEMES), link_rel=None, strip_comments=True,
)


def sanitise(html: str) -> str:
    """A page's content with everything outside the allowlist removed."""
    return _CLEANER.clean(html)


_cleaned = Latest("sanitise")


def sanitise_page(uri: str, html: str) -> str:
    """:func:`sanitise` of one page's content; a serve rebuild reuses it while the content is unchanged."""
    return _cleaned.get(uri, html, lambda: sanitise(html))
