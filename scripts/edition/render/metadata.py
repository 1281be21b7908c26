"""What Zotero, Mendeley and Google Scholar read from the title page's <head>.

Highwire Press ``citation_*`` meta tags and a schema.org ``ScholarlyArticle`` in JSON-LD, both
built from the essay's own record (footnotes/publication.yaml). Rendered into the page by the
``extrahead`` block of scripts/overrides/main.html.
"""

from __future__ import annotations

import json
from html import escape

from ..model import Work


def highwire_tags(essay: Work) -> list[tuple[str, str]]:
    csl = essay.csl
    year, month, day = str(csl["issued"]).split("-")
    tags = [("citation_title", essay.title)]
    tags += [("citation_author", n.inverted()) for n in essay.names("author")]
    tags += [("citation_publication_date", f"{year}/{month}/{day}"),
             ("citation_journal_title", csl["container-title"])]
    if csl.get("ISSN"):
        tags.append(("citation_issn", csl["ISSN"]))
    if csl.get("language"):
        tags.append(("citation_language", csl["language"]))
    tags += [("citation_public_url", csl["URL"]), ("citation_fulltext_html_url", csl["URL"])]
    return tags


def json_ld(essay: Work) -> dict:
    csl = essay.csl
    data = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": essay.title,
        "name": essay.title,
        "author": [{"@type": "Person", "name": n.natural(), "familyName": n.family, "givenName": n.given}
                   if not n.literal else {"@type": "Organization", "name": n.literal}
                   for n in essay.names("author")],
        "datePublished": str(csl["issued"]),
        "isPartOf": {"@type": "Periodical", "name": csl["container-title"],
                     **({"issn": csl["ISSN"]} if csl.get("ISSN") else {})},
        "url": csl["URL"],
    }
    if csl.get("license"):
        data["license"] = csl["license"]
    if csl.get("language"):
        data["inLanguage"] = csl["language"]
    return data


_SCRIPT_ESCAPES = {ord(c): f"\\u{ord(c):04x}" for c in "<>&"}


def head_html(essay: Work) -> str:
    tags = [f'<meta name="{name}" content="{escape(value)}">' for name, value in highwire_tags(essay)]
    # Nothing in the data can close the script or open a comment in it: <, > and & are written
    # as JSON escapes (\u003c…), which JSON-LD readers decode like any other.
    script = json.dumps(json_ld(essay), ensure_ascii=False, indent=1).translate(_SCRIPT_ESCAPES)
    return "\n".join([*tags, f'<script type="application/ld+json">\n{script}\n</script>']) + "\n"
