"""The small, safe Markdown subset allowed in YAML text: *emphasis*, **strong**, [links](https://…).

Text is parsed into a tiny tree of nodes and rendered from it, so anything that looks like
HTML stays text: there is no way for YAML to inject markup or script. Links may only point to
http(s) or relative targets (:func:`scripts.edition.kinds.url_problem`); anything else
(``javascript:``, ``&#106;avascript:``, ``/\\host``…) is rendered as text and reported by
:func:`unsafe_links`.

The two renderers are :func:`append_to` (an ElementTree, for the rendered essay) and
:func:`to_markdown` (for the generated pages), where every plain character that Markdown or
HTML could read as syntax is written as a character reference and line breaks become spaces,
so that the text cannot open a block, a fence, an attribute list or a tag.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from .kinds import url_problem
from .text import CONTROLS, LINE_SEPARATORS, WHITE_SPACE_CONTROLS, replacements, translator

Node = "str | Span"


@dataclass(frozen=True)
class Span:
    tag: str  # "em", "strong" or "a"
    children: tuple
    href: str | None = None


# Spans and links are at most a few hundred characters: with that bound, parsing is linear in
# the length of a note whatever it holds (unbounded, "**a **a **a…" is quadratic).
_TOKEN = re.compile(
    r"\\(?P<escaped>[\\*_\[\]()`])"
    r"|\*\*(?P<strong>(?!\s).{1,400}?(?<!\s))\*\*"
    r"|\*(?P<em>(?!\s)[^*]{1,400}?(?<!\s))\*"
    r"|(?<!\w)_(?P<em2>(?!\s)[^_]{1,400}?(?<!\s))_(?!\w)"
    r"|\[(?P<label>[^\]]{1,400})\]\((?P<href>[^)\s]{1,2000})\)"
)


def is_safe_url(url: str) -> bool:
    """http(s) links and links on this site only, judged as a browser reads them."""
    return url_problem(url, relative=True) is None


# Control characters never reach a page: Python-Markdown uses \x02 and \x03 to mark its own
# placeholders, and the others have no business in text (the loader refuses them all).
_CONTROLS = {**replacements(CONTROLS), **replacements(LINE_SEPARATORS, by=" "),
             **{ord(c): " " for c in WHITE_SPACE_CONTROLS}}
_without_controls = translator(_CONTROLS)


def parse(text: str) -> tuple:
    """Parse the subset into a tuple of nodes (strings and :class:`Span`)."""
    text = _without_controls(text)
    nodes: list = []
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() > pos:
            nodes.append(text[pos:match.start()])
        pos = match.end()
        if match.group("escaped"):
            nodes.append(match.group("escaped"))
        elif match.group("strong"):
            nodes.append(Span("strong", parse(match.group("strong"))))
        elif match.group("em") or match.group("em2"):
            nodes.append(Span("em", parse(match.group("em") or match.group("em2"))))
        elif is_safe_url(match.group("href")):
            nodes.append(Span("a", parse(match.group("label")), match.group("href")))
        else:
            nodes.append(match.group(0))
    if pos < len(text):
        nodes.append(text[pos:])
    return tuple(merge_strings(nodes))


def merge_strings(nodes: list) -> list:
    """Join adjacent plain strings in a list of nodes."""
    out: list = []
    for node in nodes:
        if isinstance(node, str) and out and isinstance(out[-1], str):
            out[-1] += node
        else:
            out.append(node)
    return out


def unsafe_links(text: str) -> list[str]:
    """Link targets in ``text`` that the renderer refuses."""
    return [m.group("href") for m in _TOKEN.finditer(text)
            if m.group("href") and not is_safe_url(m.group("href"))]


def to_text(nodes: tuple | str) -> str:
    if isinstance(nodes, str):
        nodes = parse(nodes)
    return "".join(n if isinstance(n, str) else to_text(n.children) for n in nodes)


_TITLE_ESCAPES = re.compile(r"<|&(?=[A-Za-z0-9#])")


def tooltip_title(text: str) -> str:
    """Plain text as the value of a ``title`` attribute that Material's ``content.tooltips``
    will show, ready for Python-Markdown's serializer.

    Material puts the *decoded* attribute into the tooltip with ``innerHTML``, so the text is
    escaped for that reading first (``<``, and ``&`` where it could begin a character
    reference), and then every ``&`` once more for the attribute itself, because
    Python-Markdown's serializer leaves anything that looks like a character reference alone
    (``&lt;`` from YAML would otherwise reach the tooltip as ``<``). The browser decodes the
    attribute once, Material's ``innerHTML`` once more, and the tooltip shows ``text`` exactly;
    nothing in it can become markup. The loader refuses ``<`` and ``&…`` in tooltip fields, so
    on valid data only a bare ``&`` is touched, and a browser without Material's script shows
    the same text. Line breaks become spaces.
    """
    return _for_inner_html(text).replace("&", "&amp;")


def tooltip_title_html(text: str) -> str:
    """:func:`tooltip_title` for a ``title="…"`` written straight into raw HTML (no serializer)."""
    return html.escape(_for_inner_html(text), quote=True)


def _for_inner_html(text: str) -> str:
    return _TITLE_ESCAPES.sub(lambda m: "&lt;" if m.group(0) == "<" else "&amp;", _without_controls(text))


def append_to(parent: etree.Element, nodes: tuple | str, plain=lambda text: text) -> None:
    """Append rendered nodes to an ElementTree element (for Python-Markdown trees); ``plain`` is
    applied to every piece of text (Python-Markdown's processors that run later must not read it
    as syntax: see scripts.edition.render.marks.braces_escaped)."""
    if isinstance(nodes, str):
        nodes = parse(nodes)
    for node in nodes:
        if isinstance(node, str):
            node = plain(node)
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + node
            else:
                parent.text = (parent.text or "") + node
        else:
            child = etree.SubElement(parent, node.tag)
            if node.href is not None:
                child.set("href", node.href)
            append_to(child, node.children, plain)


# Characters that Markdown reads as syntax anywhere in a line, backslash-escaped (Python-Markdown
# turns ``\\*`` into a placeholder for ``*``, which the annotator reads back as the character);
# ``<`` and ``&`` as character references; line breaks (and whatever else ends a line) as spaces.
_MARKDOWN_ESCAPES = {**_CONTROLS, **str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+!>"}),
                     ord("&"): "&amp;", ord("<"): "&lt;"}
# Where a chunk begins a line, block syntax could begin too: a list (``- ``, ``1. ``), a
# thematic break or setext underline (``---``, ``===``), a fence (``~~~``), an indented code block.
_BLOCK_START = re.compile(r"^(?: +|[-=~:|]|\d+\.)")
_escape_characters = translator(_MARKDOWN_ESCAPES)


def escape_markdown(text: str) -> str:
    """Plain text as Markdown that renders exactly that text (line breaks as spaces) and nothing
    else, wherever in a line it is put."""
    escaped = _escape_characters(text)
    start = _BLOCK_START.match(escaped)
    if start:
        lead = start.group(0)
        lead = "&#32;" * len(lead) if lead.startswith(" ") else \
            lead[:-1] + "\\." if lead.endswith(".") else f"&#{ord(lead)};"
        escaped = lead + escaped[start.end():]
    return escaped


def to_markdown(nodes: tuple | str) -> str:
    """Render nodes back to Markdown with every plain character escaped (for generated pages)."""
    if isinstance(nodes, str):
        nodes = parse(nodes)
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(escape_markdown(node))
        elif node.tag == "a":
            out.append(f"[{to_markdown(node.children)}](<{node.href}>)")
        else:
            mark = "**" if node.tag == "strong" else "*"
            out.append(f"{mark}{to_markdown(node.children)}{mark}")
    return "".join(out)
