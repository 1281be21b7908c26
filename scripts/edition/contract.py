"""The one written contract between the Python, the CSS and the JavaScript: contract.toml.

The HTML the Python writes, the stylesheets (docs/stylesheets/, pages/timeline.css) and the script
(docs/javascripts/) meet on names: classes, ids, data attributes, custom properties set in a
``style``, a CSS highlight, and the width at which the notes move into the margin. contract.toml
lists each such name once, with what it is for and which sides use it. The CSS and the JS cannot
import it; ``tests/test_contract.py`` reads every side and fails, saying what to add or remove
there, when a side uses a name the contract does not list for it, or the contract lists a name a
side does not use. Names that belong to Material for MkDocs, Python-Markdown or Pygments are theirs
and not listed.
"""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path

PATH = Path(__file__).with_name("contract.toml")
SIDES = ("python", "css", "js")  # python: the built site's HTML; css: the stylesheets; js: the script
KINDS = ("classes", "ids", "data", "properties", "highlights", "breakpoints")


@functools.cache
def contract() -> dict[str, dict[str, dict]]:
    """kind -> name -> {"sides": [...], "what": "...", and for a breakpoint "media": "..."}."""
    data = tomllib.loads(PATH.read_text(encoding="utf-8"))
    unknown = set(data) - set(KINDS)
    if unknown:
        raise ValueError(f"{PATH.name}: unknown tables {sorted(unknown)}; the tables are {list(KINDS)}")
    for kind, entries in data.items():
        for name, entry in entries.items():
            bad = set(entry.get("sides", ())) - set(SIDES)
            if not entry.get("sides") or bad or not entry.get("what"):
                raise ValueError(f"{PATH.name}: [{kind}] {name!r} needs sides (some of {list(SIDES)}) and what")
    return {kind: data.get(kind, {}) for kind in KINDS}


def pattern(name: str) -> re.Pattern:
    """A listed name as a pattern: ``{…}`` stands for any run of letters, digits and hyphens
    ('tl-lane-{lane}', 'fnref:{n}')."""
    return re.compile("".join(r"[\w-]+" if part.startswith("{") else re.escape(part)
                              for part in re.split(r"(\{[^}]*\})", name)))


def breakpoint_media(name: str) -> str:
    """The media feature of a breakpoint, e.g. '(min-width: 62.5em)'."""
    return contract()["breakpoints"][name]["media"]


def names(kind: str, side: str, **values) -> frozenset[str]:
    """The names of ``kind`` the contract lists for ``side``; a name with a ``{placeholder}`` is
    written out once for each of ``values[placeholder]`` (e.g. ``lane=TIMELINE_LANES``)."""
    out = set()
    for name, entry in contract()[kind].items():
        if side not in entry["sides"]:
            continue
        holes = re.findall(r"\{(\w+)\}", name)
        if not holes:
            out.add(name)
            continue
        if len(holes) > 1 or holes[0] not in values:
            raise KeyError(f"{PATH.name}: [{kind}] {name!r}: say what {{{holes[0]}}} stands for")
        out |= {name.replace("{" + holes[0] + "}", str(value)) for value in values[holes[0]]}
    return frozenset(out)
