"""The small, safe Markdown subset allowed in YAML text: *emphasis*, **strong**, [links](https://…).

Text is parsed into a tiny tree of nodes and rendered from it, so anything that looks like
HTML stays text: there is no way for YAML to inject markup or script. Links may only point to
http(s) or relative targets; anything else (``javascript:``, ``data:``…) is rendered as text
and reported by :func:`unsafe_links`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

Node = "str | Span"


@dataclass(frozen=True)
class Span:
    tag: str  # "em", "strong" or "a"
    children: tuple
    href: str | None = None


_TOKEN = re.compile(
    r"\\(?P<escaped>[\\*_\[\]()`])"
    r"|\*\*(?P<strong>(?!\s).+?(?<!\s))\*\*"
    r"|\*(?P<em>(?!\s)[^*]+?(?<!\s))\*"
    r"|(?<!\w)_(?P<em2>(?!\s)[^_]+?(?<!\s))_(?!\w)"
    r"|\[(?P<label>[^\]]+)\]\((?P<href>[^)\s]+)\)"
)


def is_safe_url(url: str) -> bool:
    """http(s) links and relative links only; no scheme-relative (//host) links."""
    if any(ord(c) < 32 for c in url) or url.startswith("//"):
        return False
    return urlsplit(url).scheme.lower() in ("", "http", "https")


def parse(text: str) -> tuple:
    """Parse the subset into a tuple of nodes (strings and :class:`Span`)."""
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


def to_html(nodes: tuple | str) -> str:
    if isinstance(nodes, str):
        nodes = parse(nodes)
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(escape(node, quote=False))
        elif node.tag == "a":
            rel = ' rel="noopener"' if urlsplit(node.href).scheme else ""
            out.append(f'<a href="{escape(node.href)}"{rel}>{to_html(node.children)}</a>')
        else:
            out.append(f"<{node.tag}>{to_html(node.children)}</{node.tag}>")
    return "".join(out)


def to_text(nodes: tuple | str) -> str:
    if isinstance(nodes, str):
        nodes = parse(nodes)
    return "".join(n if isinstance(n, str) else to_text(n.children) for n in nodes)


def append_to(parent: etree.Element, nodes: tuple | str) -> None:
    """Append rendered nodes to an ElementTree element (for Python-Markdown trees)."""
    if isinstance(nodes, str):
        nodes = parse(nodes)
    for node in nodes:
        if isinstance(node, str):
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + node
            else:
                parent.text = (parent.text or "") + node
        else:
            child = etree.SubElement(parent, node.tag)
            if node.href is not None:
                child.set("href", node.href)
            append_to(child, node.children)


_MARKDOWN_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;",
                                   **{c: "\\" + c for c in "\\`*_[]{}()#+!|"}})


def escape_markdown(text: str) -> str:
    """Make plain text safe to place inside Markdown that MkDocs will render."""
    return text.translate(_MARKDOWN_ESCAPES)


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
