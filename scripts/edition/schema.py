"""Check YAML data against the JSON Schemas in scripts/edition/schemas/, with editor-friendly messages.

The same schemas give editors completion and red squiggles through the
``# yaml-language-server: $schema=...`` line at the top of each YAML file.
"""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from .problems import Problem
from .yamlio import line_of

SCHEMAS = Path(__file__).parent / "schemas"
_TYPE_NAMES = {"string": "text", "integer": "a whole number", "array": "a list", "object": "a mapping"}


def _read(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


@cache
def validator(name: str) -> Draft202012Validator:
    # Schemas may refer to each other by file name (publication -> sources.schema.json#/$defs/names).
    registry = Registry().with_resources(
        (path.name, Resource.from_contents(_read(path.name.removesuffix(".schema.json"))))
        for path in SCHEMAS.glob("*.schema.json"))
    return Draft202012Validator(_read(name), registry=registry)


def check(data: Any, name: str, file: str, note_of=lambda path: None, entry_of=lambda path: ""
          ) -> list[Problem]:
    """Every schema violation in ``data``; ``note_of(path)`` names the note a path belongs to,
    ``entry_of(path)`` any other kind of entry (e.g. "glossary entry `molotov`")."""
    problems = []
    for error in validator(name).iter_errors(data):
        path = list(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            unknown = [k for k in error.instance if k not in error.schema.get("properties", {})]
            path += unknown[:1]  # point at the misspelt key itself
        problems.append(Problem(file, line_of(data, path), _describe(error), note_of(path), _hint(error),
                                entry_of(path)))
    return problems


def _field(error: ValidationError) -> str:
    path = [p for p in error.absolute_path if isinstance(p, str)]
    return f"`{path[-1]}`" if path else "this entry"


def _describe(error: ValidationError) -> str:
    kind, value = error.validator, error.validator_value
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        unknown = sorted(set(error.instance) - set(allowed))
        if allowed:
            return f"unknown field {', '.join(f'`{u}`' for u in unknown)}"
        return f"unexpected {', '.join(f'`{u}`' for u in unknown)}"
    if kind == "required":
        return error.message.replace("'", "`").replace("is a required property", "is missing")
    if kind == "type":
        wanted = value if isinstance(value, list) else [value]
        return f"{_field(error)} must be {' or '.join(_TYPE_NAMES.get(w, w) for w in wanted)}, " \
               f"not {json.dumps(error.instance, ensure_ascii=False, default=str)}"
    if kind == "enum":
        return f"{_field(error)} is {error.instance!r}; it must be one of {', '.join(map(str, value))}"
    if kind == "pattern":
        return f"{_field(error)} {error.instance!r} does not have the expected form"
    if kind == "anyOf" and error.schema.get("anyOf") and all("required" in s for s in value):
        return f"{_field(error)} needs one of " + " or ".join(f"`{s['required'][0]}`" for s in value)
    if kind == "oneOf" and isinstance(error.instance, dict):
        if "family" in error.schema.get("properties", {}):
            return "a name needs either `family` (and usually `given`) or `literal`"
        if all(list(s) == ["required"] for s in value):
            return f"{_field(error)} needs exactly one of " + ", ".join(f"`{s['required'][0]}`" for s in value)
    if kind == "not" and isinstance(value, dict) and list(value) == ["required"]:  # a field forbidden here
        return f"`{value['required'][0]}` does not belong in {'a query' if error.instance.get('kind') == 'query' else 'a correction'}"
    if kind == "oneOf" and any(s.get("minimum") == 1000 for s in value):  # a date (sources.schema.json)
        return f"{_field(error)} {error.instance!r} is not a year, a month or a day"
    return f"{_field(error)}: {error.message}"


def _hint(error: ValidationError) -> str:
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        unknown = sorted(set(error.instance) - set(allowed))
        close = [m for u in unknown for m in difflib.get_close_matches(str(u), allowed, n=1)]
        if close:
            return f"did you mean `{close[0]}`? Allowed fields: {', '.join(allowed)}"
        return f"allowed fields: {', '.join(allowed)}"
    if error.validator == "pattern":
        pattern = error.validator_value
        if pattern.startswith("^[a-z0-9]"):
            return "keys are lower-case words joined by hyphens, like haslam-1995"
        if "https" in pattern:
            return "links must use https://"
        if "[0-9]{3}[0-9X]" in pattern:
            return "an ISSN is written like 2053-8626 (the last character may be X)"
        if "[0-9]{4}" in pattern:
            return "write a year (1995), a month (1993-12) or a day (1943-05-16)"
    if error.validator == "oneOf" and any(s.get("minimum") == 1000 for s in error.validator_value):
        return "write a year (1995), a month (1993-12) or a day (1943-05-16)"
    if error.validator == "not" and list(error.validator_value) == ["required"]:
        return "a query has `query`, `explanation` and `basis`; a correction has `original`, `correction`, " \
               "`explanation` and `basis`"
    if error.validator == "type" and error.validator_value == "string":
        return "put the value in quotes"
    return ""


_HTML = re.compile(r"<[A-Za-z/!?]")


def html_in(root: Any, file: str, hint: str) -> list[Problem]:
    """Text that looks like HTML markup, which is refused where it would not stay text: work
    titles become page <title>s, which MkDocs and Material write without escaping, and
    Material's tooltips show a ``title`` attribute as HTML."""
    problems = []

    def walk(value, path: list) -> None:
        if isinstance(value, str) and _HTML.search(value):
            field = next((p for p in reversed(path) if isinstance(p, str)), "")
            problems.append(Problem(file, line_of(root, path), f"`{field}` looks like HTML markup", None, hint))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, [*path, key])
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, [*path, index])

    walk(root, [])
    return problems
