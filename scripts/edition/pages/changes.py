"""/changes/: the record of changes as a page, and the “added in 1.1” of each listing.

Markdown, like :mod:`scripts.edition.pages.notes_and_sources`; every item links to where it applies.
"""

from __future__ import annotations

from ..inline import escape_markdown as esc
from ..model import Edition, EditorialNote, quoted
from ..render.citations import short_label
from ..urls import CHANGES_URI, EDITORIAL_URI, GLOSSARY_URI, change_entry, editorial_entry, glossary_entry, note_uri, source_uri
from ..model import Item, Version, apparatus_kind
from ..read.versions import KIND_HEADINGS



def added_in(edition: Edition, kind: str, key: str, prefix: str = "") -> str:
    """'Added in [2.3](changes.md#v2.3.0)' (Markdown), ``prefix`` leading back to the site root."""
    if edition.changes is None:
        return ""
    version = edition.changes.added(kind, key)
    text = f"Added in [{version.short}]({prefix}{change_entry(version.anchor)})"
    revised = edition.changes.last_modified(kind, key)
    if revised:
        text += f", revised in [{revised.short}]({prefix}{change_entry(revised.anchor)})"
    return text


def entry_added_in(edition: Edition, entry: EditorialNote, prefix: str = "") -> str:
    return added_in(edition, apparatus_kind(entry), entry.id, prefix)


def _where(edition: Edition, note: EditorialNote) -> str:
    anchor = note.anchor
    if anchor.paragraph is not None:
        return f"¶{anchor.paragraph}"
    if anchor.note is not None:
        return f"note {anchor.note}"
    return "title page"


def _item(edition: Edition, kind: str, item: Item) -> str:
    """One item as a Markdown list line, linked to where it applies."""
    change = f" — {esc(item.change)}" if item.change else ""
    if kind == "features":
        text = esc(item.id)
        return f"- [{text}]({item.link})" if item.link else f"- {text}"
    if kind in ("corrections", "queries", "readings"):
        entry = next((e for e in edition.editorial if e.id == item.id), None)
        if entry is None:  # removed
            return f"- `{item.id}`{change}"
        what = f"{quoted(esc(entry.anchor.phrase))}"
        now = apparatus_kind(entry)
        if now != ("corrections" if kind == "readings" else kind):  # since made a query, or a correction
            return (f"- [{_where(edition, entry)}: {what}]({editorial_entry(entry.id)}) "
                    f"(now a {'query' if now == 'queries' else 'correction'}){change}")
        detail = esc(getattr(entry, "query", "") or "") if kind == "queries" else \
            f"for {quoted(esc(entry.original))} read {quoted(esc(entry.correction))}"
        return f"- [{_where(edition, entry)}: {what}]({editorial_entry(entry.id)}): {detail}{change}"
    if kind == "glossary":
        entry = edition.glossary.get(item.id)
        return f"- [{esc(entry.term)}]({glossary_entry(item.id)}){change}" if entry else f"- `{item.id}`{change}"
    if kind == "sources":
        work = edition.works.get(item.id)
        return f"- [{esc(short_label(work))}]({source_uri(item.id)}){change}" if work else f"- `{item.id}`{change}"
    if kind == "notes":
        return f"- [Note {item.id}]({note_uri(int(item.id))}){change}"
    return f"- {esc(item.id)}{change}"


def _part(edition: Edition, heading: str, lists: dict[str, list[Item]]) -> list[str]:
    filled = [(kind, items) for kind, items in lists.items() if items]
    if not filled:
        return []
    lines = [f"### {heading}", ""]
    order = list(KIND_HEADINGS)
    for kind, items in sorted(filled, key=lambda ki: order.index(ki[0]) if ki[0] in order else 99):
        lines += [f"**{KIND_HEADINGS.get(kind, kind)}** ({len(items)})", "{: .changes-kind }", ""]
        lines += [_item(edition, kind, item) for item in items] + [""]
    return lines


def _version(edition: Edition, version: Version) -> list[str]:
    current = " (this version)" if version is edition.changes.current else ""
    lines = [f"## Version {version.number}{current} {{ #{version.anchor} }}", "",
             f"*{version.date_text}*", "{: .changes-date }", "", esc(version.summary), ""]
    lines += _part(edition, "Added", version.added)
    lines += _part(edition, "Revised", version.revised)
    lines += _part(edition, "Removed", version.removed)
    return lines


def changes_page(edition: Edition) -> str:
    log = edition.changes
    # Out of the search index: its lists repeat every term and correction the search already finds.
    lines = ["---", "search:", "  exclude: true", "---", "", "# Record of changes", "",
             f"This is version **{log.current.number}** of the edition, of {log.current.date_text}. Each version "
             "is listed here, newest first, with its date and what it changed in the edition’s apparatus, "
             "each item linked to where it applies.", "",
             "**The essay’s text never changes.** Its 25 paragraphs and the author’s 37 notes are given exactly "
             "as published in every version, with the same paragraph and note numbers at the same addresses. "
             "A version changes only what the edition adds: corrections, queries, the glossary, bibliographic "
             "details and features.", "",
             "Versions follow semantic versioning for the apparatus: a new correction, query or glossary entry "
             "is a minor version (1.1), a changed reading or a removed entry a major one (2.0), a revised "
             "explanation or bibliographic detail a patch (1.1.1). Citations name the version as major.minor; "
             f"the [editorial notes]({EDITORIAL_URI}) and the [glossary]({GLOSSARY_URI}) say in which version each "
             "entry was added.", ""]
    for version in log.versions:
        lines += _version(edition, version)
    return "\n".join(lines)
