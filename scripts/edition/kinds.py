"""The kinds of field in the edition's YAML, each with the one function that decides what it accepts.

Every string field of every schema in ``schemas/`` declares its kind with ``"x-kind"`` (tests
check that none is missing), and :mod:`scripts.edition.read.schema` enforces it while validating, so
the build and ``scripts.check`` refuse exactly the same values:

``plain``   one line of plain text: no line breaks or other control characters, no
            bidirectional overrides, Unicode NFC, nothing that looks like markup (``<b``,
            ``</``, ``<!``) or a character reference (``&lt;``, ``&#60;``). Titles become page
            titles and tooltips, which browsers and Material's tooltips read as HTML.
``inline``  the note text: like ``plain`` but may use the inline subset of :mod:`inline`
            (``*em*``, ``**strong**``, ``[label](url)``) and may contain ``<`` and ``&``,
            which are always shown as text; every link target must be a safe :func:`url_problem`.
``name``    a part of a person's name, or an institution's: ``plain``, not blank, and not a word
            that reference managers read as "and others" (``others``, ``et al.``): BibTeX's bare
            ``others`` is "et al.", and RIS and CSL have no way to say it (issue 20).
``url``     an absolute ``https://`` or ``http://`` address (see :func:`url_problem`).
``date``    ``1995``, ``1993-12`` or ``1943-05-16``, and a real day of the calendar.
``page``    a Markdown page under docs/, as a relative path without ``..``.
``page-link`` a ``page`` with an optional ``#anchor`` of letters, digits, ``.``, ``_`` and ``-``
            (``about.md#versions``): it becomes a Markdown link target, so nothing else may close it.
``key``     ``^[a-z0-9][a-z0-9-]*$``, at most 80 characters; the schemas add ``not: {enum: […]}``
            for the names the generated pages use themselves (``index``, ``bibliography``…).

Whole numbers are JSON Schema integers with a maximum, where the validator counts only real
integers (not 6.0) and the YAML reader refuses ``010``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import date
from urllib.parse import urlsplit

from .problems import shorten
from .text import BIDI_EMBEDDINGS, BIDI_MARKS, BYTE_ORDER_MARK, CONTROLS, LINE_BREAKS, LINE_SEPARATORS, character_class

MAX_PLAIN = 1_000  # characters in one plain field
MAX_INLINE = 10_000  # characters in one note

_CONTROL = re.compile(character_class(CONTROLS, LINE_SEPARATORS, BIDI_MARKS, BIDI_EMBEDDINGS, BYTE_ORDER_MARK))
_MARKUP = re.compile(r"<[A-Za-z/!?]")
_CHARREF = re.compile(r"&[A-Za-z#]")
# What a URL may hold once checked: printable ASCII without spaces, quotes, angle brackets,
# braces, backslashes or backticks (RFC 3986 plus %-escapes for everything else).
_URL_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
SCHEMES = ("https", "http")


NOT_NFC = "is not in Unicode NFC form (letters and accents stored apart)"
NFC_HINT = "retype it, or save the file normalised to NFC"


def _text_problem(value: str, limit: int) -> str | None:
    if len(value) > limit:
        return f"is {len(value):,} characters long; at most {limit:,} are allowed"
    bad = _CONTROL.search(value)
    if bad:
        what = "a line break" if bad.group(0) in LINE_BREAKS else \
            f"the invisible character {shorten(bad.group(0))}"
        return f"contains {what}"
    if not unicodedata.is_normalized("NFC", value):
        return NOT_NFC
    return None


def plain_problem(value: str) -> str | None:
    """Why ``value`` is not one line of plain text, or None."""
    found = _text_problem(value, MAX_PLAIN)
    if found:
        return found
    if _MARKUP.search(value):
        return f"looks like HTML markup ({shorten(_MARKUP.search(value).group(0))}…)"
    if _CHARREF.search(value):
        return f"looks like an HTML character reference ({shorten(value[_CHARREF.search(value).start():][:8])}…)"
    return None


def inline_problem(value: str) -> str | None:
    """Why ``value`` is not valid note text, or None (link targets are checked by :mod:`inline`)."""
    return _text_problem(value, MAX_INLINE)


_NOT_A_NAME = re.compile(r"(?i)^(others|et\.? al\.?|and others)$")


def name_problem(value: str) -> str | None:
    """Why ``value`` is not a name (or a part of one), or None."""
    found = plain_problem(value)
    if found:
        return found
    if not value.strip():
        return "is blank"
    if _NOT_A_NAME.match(value.strip()):
        return f"is {shorten(value.strip())}, which reference managers read as “and others”, not a name"
    return None


def url_problem(url: str, relative: bool = False) -> str | None:
    """Why ``url`` is not a safe link, or None.

    The address is judged as a browser would read it: character references decoded
    (``&#106;avascript:``), tabs and line breaks that browsers drop looked for, backslashes
    (``/\\host`` is ``//host`` to a browser) refused. Then only ``https:``/``http:`` with a host,
    or (where ``relative``) a path on this site, is accepted.
    """
    if html.unescape(url) != url:
        return "contains a character reference (&…;)"
    if not _URL_CHARS.fullmatch(url):
        return "contains a space, a backslash, a control or another character a link may not hold"
    parts = urlsplit(url)
    if parts.scheme:
        if parts.scheme.lower() not in SCHEMES:
            return f"uses `{shorten(parts.scheme, 20)}:`; links may only be https:// or http://"
        if not parts.netloc or url[len(parts.scheme) + 1:][:2] != "//":
            return "has no host after https://"
        return None
    if not relative:
        return "is not an absolute https:// address"
    if url.startswith("//"):
        return "starts with //, which leads to another site"
    if ":" in url.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
        return "has a colon before its first slash, which browsers read as a scheme"
    return None


def key_problem(value: str) -> str | None:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}", value):
        return "is not a key: lower-case letters, digits and hyphens, at most 80"
    return None


def date_problem(value) -> str | None:
    text = str(value)
    if isinstance(value, bool) or not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", text):
        return "is not a year, a month or a day"
    parts = [int(p) for p in text.split("-")]
    if not 1000 <= parts[0] <= 2100:
        return "is not a year between 1000 and 2100"
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return "is not a date in the calendar"
    return None


_PAGE = r"([a-z0-9][a-z0-9_-]*/)*[a-z0-9][a-z0-9_-]*\.md"


def page_problem(value: str) -> str | None:
    if not re.fullmatch(_PAGE, value):
        return "is not a page under docs/ (like index.md or essay/warsaw.md)"
    return None


def page_link_problem(value: str) -> str | None:
    if not re.fullmatch(_PAGE + r"(#[A-Za-z0-9][A-Za-z0-9._-]{0,79})?", value):
        return "is not a page under docs/ with an optional #anchor (like about.md#versions)"
    return None


CHECKS = {
    "plain": (plain_problem, "write one line of plain text; markup and &-references are not allowed here"),
    "inline": (inline_problem, "write the text on one line; *emphasis*, **strong** and [links](https://…) "
                               "are the only formatting"),
    "name": (name_problem, "write the name as printed; list every name (no “others” or “et al.”)"),
    "url": (url_problem, "write the full address, https://…, as the browser shows it"),
    "key": (key_problem, "keys are lower-case words joined by hyphens, like haslam-1995"),
    "date": (date_problem, "write a year (1995), a month (1993-12) or a day (1943-05-16)"),
    "page": (page_problem, "name a page under docs/, like index.md"),
    "page-link": (page_link_problem, "name a page under docs/ and, if you like, an anchor on it: about.md#versions"),
}


def problem(kind: str, value) -> str | None:
    """Why ``value`` is not of ``kind``, or None."""
    if kind == "date" and isinstance(value, int):
        return date_problem(value)
    if not isinstance(value, str):
        return None  # the schema's "type" reports it
    return CHECKS[kind][0](value)


def hint(kind: str, problem: str = "") -> str:
    """What to do about ``problem`` (what :func:`problem` said) in a field of ``kind``."""
    return NFC_HINT if problem == NOT_NFC else CHECKS[kind][1]
