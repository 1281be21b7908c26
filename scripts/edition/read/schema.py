"""Check YAML data against the JSON Schemas in scripts/edition/read/schemas/, with editor-friendly messages.

The same schemas give editors completion and red squiggles through the
``# yaml-language-server: $schema=...`` line at the top of each YAML file.

Two validators read them. jsonschema-rs (compiled) answers first whether a file is valid at all:
it is about ten times quicker, and a valid file is the usual case. Only a file it refuses, or
data it cannot take, goes to jsonschema, whose errors (path, keyword, schema) make the messages.
Both enforce the same rules, the edition's own included (``x-kind``; 6.0 and True are no whole
numbers): ``tests/test_schema_messages.py`` holds them to one verdict on hostile data.
"""

from __future__ import annotations

import difflib
import json
import operator
from functools import cache
from pathlib import Path
from typing import Any, Callable

import jsonschema_rs
from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from .. import kinds
from ..cache import Latest
from ..problems import Problem, shorten
from .yamlio import Refused, line_of

SCHEMAS = Path(__file__).parent / "schemas"
_TYPE_NAMES = {"string": "text", "integer": "a whole number", "array": "a list", "object": "a mapping"}


def _read(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def _kind(validator, kind, instance, schema):
    """The ``x-kind`` keyword: the field's kind, as defined in :mod:`scripts.edition.kinds`."""
    found = kinds.problem(kind, instance)
    if found:
        yield ValidationError(found)


def _real_integer(checker, instance) -> bool:
    """6.0 is not a whole number here (JSON Schema would say it is), nor is True."""
    return isinstance(instance, int) and not isinstance(instance, bool)


_Validator = validators.extend(
    Draft202012Validator, {"x-kind": _kind},
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _real_integer))


def _names() -> list[str]:
    # Schemas may refer to each other by file name (publication -> sources.schema.json#/$defs/names).
    return [path.name.removesuffix(".schema.json") for path in sorted(SCHEMAS.glob("*.schema.json"))]


@cache
def validator(name: str) -> Draft202012Validator:
    registry = Registry().with_resources(
        (f"{other}.schema.json", Resource.from_contents(_read(other))) for other in _names())
    return _Validator(_read(name), registry=registry)


class _FastKind:
    """``x-kind`` for jsonschema-rs: the same :func:`kinds.problem`."""

    def __init__(self, parent_schema, kind, schema_path):
        self.kind = kind

    def validate(self, instance) -> None:
        found = kinds.problem(self.kind, instance)
        if found:
            raise ValueError(found)


class _FastWhole:
    """``x-whole``, added beside every ``integer`` type: jsonschema-rs, like JSON Schema, counts 6.0
    as whole (True it already does not)."""

    def __init__(self, parent_schema, value, schema_path):
        pass

    def validate(self, instance) -> None:
        if isinstance(instance, float):
            raise ValueError("not a whole number")


def _whole_numbers_only(node: Any) -> Any:
    if isinstance(node, list):
        return [_whole_numbers_only(item) for item in node]
    if not isinstance(node, dict):
        return node
    copy = {key: _whole_numbers_only(value) for key, value in node.items()}
    kind = node.get("type")
    if kind == "integer" or (isinstance(kind, list) and "integer" in kind):
        copy["x-whole"] = True
    return copy


@cache
def _fast_schemas() -> dict[str, dict]:
    return {name: _whole_numbers_only(_read(name)) for name in _names()}


@cache
def fast_validator(name: str) -> jsonschema_rs.Validator:
    schemas = _fast_schemas()
    registry = jsonschema_rs.Registry(resources=[(f"{other}.schema.json", schemas[other]) for other in schemas])
    return jsonschema_rs.validator_for(schemas[name], registry=registry,
                                       keywords={"x-kind": _FastKind, "x-whole": _FastWhole})


def valid(data: Any, name: str) -> bool:
    """jsonschema-rs's verdict; False also where it cannot take the data (a value that is not
    JSON), which jsonschema then judges."""
    try:
        return fast_validator(name).is_valid(data)
    except Exception:  # noqa: BLE001 - anything it cannot read is for jsonschema to report
        return False


def check(data: Any, name: str, file: str, note_of=lambda path: None, entry_of=lambda path: ""
          ) -> list[Problem]:
    """Every schema violation in ``data``; ``note_of(path)`` names the note a path belongs to,
    ``entry_of(path)`` any other kind of entry (e.g. "glossary entry `molotov`")."""
    return [problem for _, problem in check_entries(data, name, file, note_of, entry_of) if problem]


def check_entries(data: Any, name: str, file: str, note_of=lambda path: None, entry_of=lambda path: ""
                  ) -> list[tuple[str | int | None, Problem | None]]:
    """Like :func:`check`, each problem paired with the top-level entry (list index or mapping
    key) it belongs to, or None for the file as a whole: the caller drops the broken entries
    and keeps checking the rest. The same data object (:func:`yamlio.load_yaml` gives one per
    content) is checked once."""
    found = _checked.get((name, file, note_of.__code__, entry_of.__code__), data,
                         lambda: _check_entries(data, name, file, note_of, entry_of), same=operator.is_)
    return list(found)


_checked = Latest("schema")


def _check_entries(data: Any, name: str, file: str, note_of, entry_of) -> list[tuple[str | int | None, Problem | None]]:
    if valid(data, name):
        return []
    problems = []
    for error in validator(name).iter_errors(data):
        path = list(error.absolute_path)
        if isinstance(error.instance, Refused):  # the YAML reader has reported it: the entry is
            problems.append((path[0] if path else None, None))  # broken, with nothing more to say
            continue
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            unknown = [k for k in error.instance if k not in error.schema.get("properties", {})]
            path += unknown[:1]  # point at the misspelt key itself
        line = line_of(data, path)
        if "propertyNames" in error.absolute_schema_path:  # a bad key: report it as the key's entry
            owner = data
            for step in path:
                owner = owner[step]
            line = getattr(owner, "key_lines", {}).get(error.instance, line)
            path = [*path, error.instance]
            message, hint = f"the key {_quote(error.instance)} is not allowed", _KEY_HINT
        else:
            message, hint = _describe(error), _hint(error)
        problems.append((path[0] if path else None,
                         Problem(file, line, message, note_of(path), hint, entry_of(path))))
    return problems


def _field(error: ValidationError) -> str:
    path = [p for p in error.absolute_path if isinstance(p, str)]
    return f"`{path[-1]}`" if path else "this entry" if error.absolute_path else "the file"


def _unknown_fields(error: ValidationError) -> str:
    allowed = sorted(error.schema.get("properties", {}))
    unknown = sorted(set(error.instance) - set(allowed))
    if allowed:
        return f"unknown field {', '.join(f'`{u}`' for u in unknown)}"
    return f"unexpected {', '.join(f'`{u}`' for u in unknown)}"


def _missing(error: ValidationError) -> str:
    return error.message.replace("'", "`").replace("is a required property", "is missing")


def _not_of_its_kind(error: ValidationError) -> str:
    """A value kinds.py refused: a short value is quoted; prose is not (its line is given)."""
    shown = f" {_quote(error.instance)}" if error.validator_value in ("date", "url", "key", "page", "page-link") else ""
    return f"{_field(error)}{shown} {error.message}"


def _wrong_type(error: ValidationError) -> str:
    wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    return f"{_field(error)} must be {' or '.join(_TYPE_NAMES.get(w, w) for w in wanted)}, not {_quote(error.instance)}"


def _not_listed(error: ValidationError) -> str:
    return f"{_field(error)} is {_quote(error.instance)}; it must be one of {', '.join(map(str, error.validator_value))}"


def _wrong_form(error: ValidationError) -> str:
    return f"{_field(error)} {_quote(error.instance)} does not have the expected form"


def _forbidden(error: ValidationError) -> str | None:
    value = error.validator_value
    if isinstance(value, dict) and list(value) == ["required"]:  # a field forbidden here
        return f"`{value['required'][0]}` does not belong in {'a query' if error.instance.get('kind') == 'query' else 'a correction'}"
    if "enum" in value:
        return f"{_field(error)} {_quote(error.instance)} is a name the site's own pages use"
    return None


def _out_of_range(error: ValidationError) -> str:
    return (f"{_field(error)} is {_quote(error.instance)}; it must be "
            f"{'at most' if error.validator == 'maximum' else 'at least'} {error.validator_value}")


def _too_long(error: ValidationError) -> str:
    value = error.validator_value
    if error.validator == "maxProperties" and not error.absolute_path:  # the file as a whole
        return f"the file holds {len(error.instance):,} entries; at most {value:,} {'is' if value == 1 else 'are'} allowed"
    return f"{_field(error)} is too long (at most {value})"


def _too_short(error: ValidationError) -> str:
    value = error.validator_value
    return f"{_field(error)} is empty" if value == 1 else \
        f"{_field(error)} {_quote(error.instance)} is too short (at least {value})"


def _repeated(error: ValidationError) -> str:
    repeated = next(item for i, item in enumerate(error.instance) if item in error.instance[:i])
    return f"{_field(error)} lists {_quote(repeated)} more than once"


def _needs_one_of(error: ValidationError) -> str | None:
    value = error.validator_value
    if error.schema.get("anyOf") and all("required" in s for s in value):
        return f"{_field(error)} needs one of " + " or ".join(f"`{s['required'][0]}`" for s in value)
    return None


def _needs_exactly_one_of(error: ValidationError) -> str | None:
    if not isinstance(error.instance, dict):
        return None
    if "family" in error.schema.get("properties", {}):
        return "a name needs either `family` (and usually `given`) or `literal`"
    if all(list(s) == ["required"] for s in error.validator_value):
        return f"{_field(error)} needs exactly one of " + ", ".join(f"`{s['required'][0]}`" for s in error.validator_value)
    return None


# What each JSON Schema keyword's failure says, in the editor's words; a describer may return None
# (a form of the keyword no schema here uses), and then jsonschema's own message is shown.
_DESCRIBERS: dict[str, Callable[[ValidationError], str | None]] = {
    "additionalProperties": _unknown_fields, "required": _missing, "x-kind": _not_of_its_kind, "type": _wrong_type,
    "enum": _not_listed, "pattern": _wrong_form, "not": _forbidden, "maximum": _out_of_range,
    "minimum": _out_of_range, "maxLength": _too_long, "maxItems": _too_long, "maxProperties": _too_long,
    "minLength": _too_short, "minItems": _too_short, "minProperties": _too_short, "uniqueItems": _repeated,
    "anyOf": _needs_one_of, "oneOf": _needs_exactly_one_of,
}


def _describe(error: ValidationError) -> str:
    """What is wrong, said by the describer of the keyword that failed (or jsonschema's message)."""
    describer = _DESCRIBERS.get(error.validator)
    return (describer and describer(error)) or f"{_field(error)}: {shorten(error.message, 120)}"


def _quote(value: Any) -> str:
    """A value as quoted in a message: short, and without control characters."""
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return shorten(json.dumps(value, ensure_ascii=False, default=str))


_KEY_HINT = "keys are lower-case words joined by hyphens, like haslam-1995, and not a name the site's " \
            "own pages use (index, bibliography, export)"


_BASIS_HINT = "name the source its statements were checked against, as a reader can find it (a reference " \
              "work, FRUS, the Correspondence, a catalogue), with the page or address and what it says; " \
              "where none could be consulted, narrow the statement to what one says"


def _hint(error: ValidationError) -> str:
    if error.validator == "required" and "'basis'" in error.message:
        return _BASIS_HINT
    if error.validator == "x-kind":
        return kinds.hint(error.validator_value, error.message)
    if error.validator == "not" and list(error.validator_value) == ["required"]:
        return "a query has `query`, `explanation` and `basis`; a correction has `original`, `correction`, " \
               "`explanation` and `basis`"
    if error.validator == "not":
        return "choose another name: " + ", ".join(error.validator_value.get("enum", [])) + " are taken"
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
    if error.validator == "type" and error.validator_value == "string":
        return "put the value in quotes"
    return ""
