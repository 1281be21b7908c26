"""The contract between Python, CSS and JS (scripts/edition/contract.toml) holds, in both directions.

Each side is read as it is shipped: "python" is the built site's HTML (what the engine, its
Markdown extension and the generated pages write), "css" the edition's stylesheets, "js" its script.
A name a side uses must be listed for that side; a name listed for a side must be used there.
Names that belong to Material (a class its stylesheet styles, a data attribute its templates or
script use), to Python-Markdown's footnotes or to Pygments are theirs, and not listed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from pygments.token import STANDARD_TYPES

from scripts.edition import contract as contract_module
from tests.site_html import ROOT, parse

CSS_FILES = sorted((ROOT / "docs/stylesheets").glob("*.css")) + sorted((ROOT / "scripts/edition").rglob("*.css"))
JS_FILES = sorted((ROOT / "docs/javascripts").glob("*.js"))
MATERIAL = Path(__import__("material").__file__).parent
CONTRACT = contract_module.PATH.relative_to(ROOT).as_posix()


def _strip_comments(text: str) -> str:
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def css_uses(text: str) -> dict[str, set[str]]:
    """Every name a stylesheet uses: in selectors, attr(), var() of properties it never sets, ::highlight()."""
    text = _strip_comments(text)
    uses = defaultdict(set)
    for prelude in re.findall(r"([^{};]+)\{", text):
        prelude = prelude.strip()
        if prelude.startswith("@media"):
            uses["breakpoints"] |= {m.replace(" ", "") for m in re.findall(r"\((?:min|max)-width:\s*[\d.]+\w+\)", prelude)}
            continue
        if prelude.startswith("@"):
            continue
        prelude = re.sub(r"(['\"]).*?\1", lambda m: m.group(0) if "=" in prelude else "", prelude)
        uses["classes"] |= set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", re.sub(r"\[[^\]]*\]", "", prelude)))
        uses["ids"] |= set(re.findall(r"#([_a-zA-Z][\w-]*)", re.sub(r"\[[^\]]*\]", "", prelude)))
        uses["ids"] |= {value for value in re.findall(r"\[id[\^$*]?=\s*['\"]?([^'\"\]]+)", prelude)}
        uses["data"] |= set(re.findall(r"\[(data-[\w-]+)", prelude))
        uses["highlights"] |= set(re.findall(r"::highlight\(([\w-]+)\)", prelude))
    uses["data"] |= set(re.findall(r"attr\((data-[\w-]+)", text))
    declared = set(re.findall(r"(--[\w-]+)\s*:", text))
    uses["properties"] |= {p for p in re.findall(r"var\((--[\w-]+)", text) if p not in declared}
    return uses


def _call_arguments(text: str, names: str) -> list[str]:
    """The argument text of each call of one of ``names`` (up to its closing parenthesis)."""
    found = []
    for match in re.finditer(rf"\b(?:{names})\(", text):
        depth, i = 1, match.end()
        while depth and i < len(text):
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        found.append(text[match.end():i - 1])
    return found


def _literals(text: str) -> list[str]:
    return [m.group(2) for m in re.finditer(r"(['\"])((?:\\.|(?!\1).)*)\1", text)]


def js_uses(text: str) -> dict[str, set[str]]:
    """Every name a script uses: in selectors, class lists, attributes, dataset, element ids,
    matchMedia and CSS.highlights."""
    text = re.sub(r"^\s*//.*$|(?<=[;,{)])\s*//.*$", "", _strip_comments(text), flags=re.M)
    constants = dict(re.findall(r"\bvar\s+([A-Z][A-Z_]*)\s*=\s*\"([^\"]*)\"", text))
    uses = defaultdict(set)
    for argument in _call_arguments(text, "querySelector|querySelectorAll|closest|matches"):
        selector = "".join(_literals(argument))
        uses["classes"] |= set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", re.sub(r"\[[^\]]*\]", "", selector)))
        uses["ids"] |= set(re.findall(r"\[id[\^$*]?=\s*['\"]?([^'\"\]]+)", selector))
        uses["data"] |= set(re.findall(r"\[(data-[\w-]+)", selector))
    for argument in _call_arguments(text, r"classList\.(?:add|remove|toggle|contains)"):
        first = argument.split(",")[0].strip()
        uses["classes"] |= set(_literals(first)[0].split() if _literals(first) else [constants.get(first, first)])
    uses["classes"] |= {c for value in re.findall(r"\"class\":\s*\"([^\"]*)\"", text) for c in value.split()}
    for argument in _call_arguments(text, "getElementById"):
        uses["ids"] |= {literal for literal in _literals(argument)[:1]}
    uses["data"] |= set(re.findall(r"['\"](data-[\w-]+)['\"]", text))
    uses["data"] |= {"data-" + re.sub(r"[A-Z]", lambda m: "-" + m.group(0).lower(), name)
                     for name in re.findall(r"\.dataset\.(\w+)", text)}
    for argument in _call_arguments(text, "matchMedia"):
        uses["breakpoints"] |= {literal.replace(" ", "") for literal in _literals(argument)}
    for argument in _call_arguments(text, r"CSS\.highlights\.(?:set|delete|get|has)"):
        uses["highlights"] |= set(_literals(argument)[:1])
    return uses


@pytest.fixture(scope="module")
def material() -> dict[str, set[str]]:
    """What Material (and what it styles for Python-Markdown and Pygments) owns."""
    styles = "".join(p.read_text(encoding="utf-8") for p in (MATERIAL / "templates/assets/stylesheets").glob("*.min.css"))
    scripts = "".join(p.read_text(encoding="utf-8") for p in (MATERIAL / "templates").rglob("*.min.js"))
    templates = "".join(p.read_text(encoding="utf-8") for p in (MATERIAL / "templates").rglob("*.html"))
    plugins = "".join(p.read_text(encoding="utf-8") for p in (MATERIAL / "plugins").rglob("*.py"))
    return {"classes": set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", styles)) | set(STANDARD_TYPES.values()),
            "owned_text": scripts + templates + plugins,
            "ids": {"__config", "__search"}}


def _material_owns(kind: str, name: str, material) -> bool:
    if kind == "classes":
        return name in material["classes"]
    if kind == "data":
        return name.startswith("data-md-") or name in material["owned_text"]
    if kind == "ids":
        return name in material["ids"]
    if kind == "properties":
        return name.startswith("--md-")
    return False


def python_uses(site: Path) -> dict[str, set[str]]:
    """The names in the built site's HTML: classes, data attributes, custom properties set in a
    style; and, of the ids, those the contract's id rules match (every heading has an id)."""
    uses = defaultdict(set)
    ids = set()
    for path in sorted(site.rglob("*.html")):
        for element in parse(path).find_all(True):
            uses["classes"] |= set(element.get("class", []))
            uses["data"] |= {a for a in element.attrs if a.startswith("data-")}
            uses["properties"] |= set(re.findall(r"(--[\w-]+)\s*:", element.get("style", "")))
            if element.get("id"):
                ids.add(element["id"])
    rules = contract_module.contract()["ids"]
    uses["ids"] = {rule for rule in rules if any(contract_module.pattern(rule).fullmatch(i) for i in ids)}
    return uses


def _matches(kind: str, listed: str, used: str) -> bool:
    if kind == "breakpoints":
        return contract_module.contract()["breakpoints"][listed]["media"].replace(" ", "") == used
    if kind == "ids":  # a rule 'fnref:{n}' is used by a selector or a lookup of its prefix 'fnref:'
        fixed = listed.split("{")[0]
        return used == listed or (bool(fixed) and used == fixed) or bool(contract_module.pattern(listed).fullmatch(used))
    return used == listed or bool(contract_module.pattern(listed).fullmatch(used))


@pytest.fixture(scope="module")
def sides(site) -> dict[str, dict[str, set[str]]]:
    css, js = defaultdict(set), defaultdict(set)
    for path in CSS_FILES:
        for kind, names in css_uses(path.read_text(encoding="utf-8")).items():
            css[kind] |= names
    for path in JS_FILES:
        for kind, names in js_uses(path.read_text(encoding="utf-8")).items():
            js[kind] |= names
    return {"python": python_uses(site), "css": css, "js": js}


WHERE = {"python": "the built site's HTML (the Python that writes it)",
         "css": "the stylesheets (" + ", ".join(p.relative_to(ROOT).as_posix() for p in CSS_FILES) + ")",
         "js": "the script (" + ", ".join(p.relative_to(ROOT).as_posix() for p in JS_FILES) + ")"}


def test_the_extractors_see_each_kind_of_name():
    """The readers below find what they must (or the contract test could pass by seeing nothing)."""
    css = css_uses('/* .gone */ .a:not(.b) > #c[data-d="x"], sup[id^="fn:"]::after { content: attr(data-e); '
                   'color: var(--f); --g: 1; top: var(--g); }\n@media screen and (min-width: 62.5em) { .h { } }'
                   '\n::highlight(i) { }')
    assert css["classes"] == {"a", "b", "h"} and css["ids"] == {"c", "fn:"}
    assert css["data"] == {"data-d", "data-e"} and css["properties"] == {"--f"}
    assert css["breakpoints"] == {"(min-width:62.5em)"} and css["highlights"] == {"i"}
    js = js_uses('var W = matchMedia("(min-width: 62.5em)"); var K = "k";\n// .gone\n'
                 'x.querySelector(".a[data-b=\'" + n + "\'] > .c"); y.closest("[id^=\'fnref:\']");\n'
                 'z.classList.toggle(K, on); z.classList.add("d"); el("div", { "class": "e f", "data-g": "" });\n'
                 'document.getElementById("fn:" + n); a.dataset.tipText; CSS.highlights.set("h", r);')
    assert js["classes"] == {"a", "c", "k", "d", "e", "f"} and js["ids"] == {"fnref:", "fn:"}
    assert js["data"] == {"data-b", "data-g", "data-tip-text"}
    assert js["breakpoints"] == {"(min-width:62.5em)"} and js["highlights"] == {"h"}


def test_each_side_uses_only_what_the_contract_lists_for_it(sides, material):
    listed = contract_module.contract()
    missing = []
    for side, uses in sides.items():
        for kind, names in uses.items():
            for name in sorted(names):
                entry = name if name in listed[kind] else next(
                    (listed_name for listed_name in listed[kind] if _matches(kind, listed_name, name)), None)
                if entry is None and not _material_owns(kind, name, material):
                    line = (f'a-name = {{ media = "{name.replace(":", ": ")}", sides = ["{side}"], what = "what it is for" }}'
                            if kind == "breakpoints" else f'"{name}" = {{ sides = ["{side}"], what = "what it is for" }}')
                    missing.append(f'  [{kind}] {name!r} is used by {WHERE[side]} but not listed: add to {CONTRACT}, '
                                   f'under [{kind}]:\n    {line}')
                elif entry is not None and side not in listed[kind][entry]["sides"]:
                    missing.append(f'  [{kind}] {entry!r} is used by {WHERE[side]}, which {CONTRACT} does not list '
                                   f'among its sides: add "{side}" to its sides')
    assert not missing, "Names shared by Python, CSS and JS must be in the contract:\n" + "\n".join(missing)


def test_every_name_the_contract_lists_is_used_by_each_of_its_sides(sides):
    unused = []
    for kind, entries in contract_module.contract().items():
        for name, entry in entries.items():
            for side in entry["sides"]:
                if not any(_matches(kind, name, used) for used in sides[side].get(kind, ())):
                    unused.append(f'  [{kind}] {name!r}: not used by {WHERE[side]}: remove "{side}" from its sides '
                                  f'in {CONTRACT} (or the entry, if no side uses it any more)')
    assert not unused, "The contract lists names a side does not use:\n" + "\n".join(unused)
