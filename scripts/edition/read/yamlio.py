"""Read YAML once, fast, and remember the line every mapping, key and item came from.

Line numbers let every later check point an editor at the exact place to fix. Dates stay
strings (``issued: 1943-05-16`` is a CSL date, not a Python ``date``), and a key repeated in
one mapping is reported instead of silently overwritten.

Bounds, so that no file can hang the build or exhaust memory: a file is at most
:data:`MAX_BYTES`, nests at most :data:`MAX_DEPTH` levels, and may not use anchors or aliases
(``&name``/``*name``: the edition needs none, and they are how a small file expands into a
huge one). A whole number is read only when written plainly (``12``): ``010`` (octal 8 in
YAML 1.1), ``0x1A`` or ``1_000`` are refused rather than silently read as another number.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..cache import Latest
from ..problems import Problem, shorten
from ..text import BOM

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class LineList(list):
    """A sequence that knows its own line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]


MAX_BYTES = 1_000_000
MAX_DEPTH = 12
_PLAIN_INT = re.compile(r"-?(0|[1-9][0-9]*)")


class Refused(str):
    """A scalar the loader already reported (e.g. ``010``): later checks do not report it again."""


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map"))
_RESOLVERS = {  # YAML 1.1's plain-scalar rules but the timestamp one, by first character
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
# An anchor (`&name`) never follows a letter or digit (there the `&` belongs to words, `AT&T`, or to a
# tag) and is never followed by a space (`Faber & Faber`). A file with no other `&` has no anchor, so
# no alias that resolves: it skips the event pass.
_MAY_ANCHOR = re.compile(r"(?<!\w)&(?!\s)")


# What PyYAML's constructors raise for a value they cannot build (`!!float abc`; `!!int` or `!!float`
# with no value, an IndexError; `!!bool maybe`, a KeyError), and so all reading can raise besides a
# marked syntax error.
_CANNOT_BUILD = (ValueError, LookupError, TypeError, OverflowError)
_UNBUILDABLE = (yaml.YAMLError, *_CANNOT_BUILD)


_TAG_HINT = "write plain text, numbers, lists and mappings, without `!!` tags"


class _TooDeep(Exception):
    """The composer reached a node :data:`MAX_DEPTH` levels down: the event pass decides."""


@lru_cache(maxsize=8192)
def _plain_tag(value: str) -> str:
    """The tag YAML gives an untagged plain scalar (PyYAML's ``resolve``, remembered: the same
    words recur in every file, and the composer asks for each)."""
    for tag, regexp in _RESOLVERS.get(value[:1], []) + _RESOLVERS.get(None, []):  # type: ignore[call-overload]
        if regexp.match(value):
            return tag
    return _STR


class _Loader(_Base):  # type: ignore[misc, valid-type]
    yaml_implicit_resolvers = _RESOLVERS

    def __init__(self, stream: str, file: str, guard: bool = False):
        super().__init__(stream)
        self.file = file
        self.duplicates: list[Problem] = []
        self.guard, self.depth = guard, 0  # guard: stop at MAX_DEPTH (no event pass ran first)

    # The composer (libyaml's, in C) calls these three for every node it builds.
    def descend_resolver(self, parent: Any, index: Any) -> None:
        self.depth += 1
        if self.guard and self.depth > MAX_DEPTH:
            raise _TooDeep()

    def ascend_resolver(self) -> None:
        self.depth -= 1

    def resolve(self, kind: type, value: str | None, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return _plain_tag(value) if implicit[0] else _STR  # type: ignore[arg-type]
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node.tag == _STR and type(node) is yaml.ScalarNode:  # most values: PyYAML's path, without its steps
            return node.value
        try:
            return super().construct_object(node, deep=deep)
        except _CANNOT_BUILD as exc:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise yaml.constructor.ConstructorError(None, None, f"cannot read this value as `{tag}`",
                                                    node.start_mark) from exc

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        _expect(node, yaml.MappingNode)
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):  # `2011:`, `true:`, `~:`: every later step reads keys as text
                written = key_node.value if isinstance(key_node, yaml.ScalarNode) else "a list or mapping"
                reading = {bool: "true or false", int: "a number", float: "a number", type(None): "nothing"}
                self.duplicates.append(Problem(self.file, line, f"`{shorten(written, 40)}` is not a text key "
                                               f"(YAML reads it as {reading.get(type(key), 'a list or mapping')})",
                                               hint="keys are words: write one with a letter in it, e.g. "
                                                    "`strachan-2011`, or put it in quotes"))
                key = Refused(written)  # read on as text, reported once
            if key in result.key_lines:
                self.duplicates.append(
                    Problem(self.file, line, f"`{key}` appears twice in the same mapping "
                            f"(first on line {result.key_lines[key]})",
                            hint="keep one of them; YAML would silently drop the first")
                )
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = line
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        _expect(node, yaml.SequenceNode)
        result = LineList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result

    def construct_plain_int(self, node: yaml.ScalarNode):
        if _PLAIN_INT.fullmatch(node.value):
            return int(node.value)
        try:
            reading = f" (YAML would read it as {yaml.SafeLoader.construct_yaml_int(self, node)})"
        except ValueError:
            reading = ""
        self.duplicates.append(Problem(self.file, node.start_mark.line + 1,
                                       f"`{node.value[:20]}` is not a plain whole number{reading}",
                                       hint="write the number in plain digits without leading zeros, like 12"))
        return Refused(node.value)


def _expect(node: yaml.Node, kind: type) -> None:
    """`!!seq 12`, `!!map [1]`: a tag that does not fit its node is a YAML error with a line (PyYAML's
    own constructors check this; the edition's replace them)."""
    if not isinstance(node, kind):
        raise yaml.constructor.ConstructorError(None, None, f"expected a {kind.id}, but found a {node.id}",
                                                node.start_mark)


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_plain_int)
_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_sequence)


class TooLarge(Exception):
    """A file holds more than the bytes allowed."""


class NotAFile(OSError):
    """Not a regular file: a FIFO (reading it would wait for ever), a device (``/dev/zero`` never
    ends) or a socket."""

    def __init__(self) -> None:
        super().__init__(0, "it is not a regular file but a FIFO, a device or a socket")


def read_capped(path: Path, cap: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``cap`` of them counted as they are read
    (``stat`` says 0 bytes for ``/proc`` files and devices). Opened without waiting, so a FIFO is
    refused rather than read. Raises :class:`TooLarge`, :class:`NotAFile` or another OSError."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if not stat.S_ISREG(mode):
            raise NotAFile()
        chunks, size = [], 0
        while size <= cap:
            chunk = os.read(fd, min(1 << 20, cap + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > cap:
        raise TooLarge()
    return b"".join(chunks)


def outside_the_project(root: Path, folders: list[Path]) -> list[Problem]:
    """Every entry under ``folders`` that is not a regular file or folder inside the project: a
    link leaving it (a pull request can carry a link to /etc/passwd or /proc/self/environ, which
    the build would publish), a link to nothing, a FIFO, a device or a socket. Links are not
    followed into folders, so a loop cannot hang the walk."""
    problems: list[Problem] = []
    project = root.resolve()
    for folder in folders:
        if not folder.is_dir():
            continue
        for here, dirs, files in os.walk(folder, followlinks=False):
            for name in sorted(dirs + files):
                path = Path(here) / name
                shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
                what = _not_plain(path, project)
                if what:
                    problems.append(Problem(shown, None, what, hint="the edition's files are plain files inside "
                                            "the project; replace it with the file itself, or remove it"))
            dirs[:] = [d for d in dirs if not (Path(here) / d).is_symlink()]
    return problems


def _not_plain(path: Path, project: Path) -> str | None:
    try:
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            target = Path(os.path.realpath(path))
            if not target.is_relative_to(project):
                return f"is a link to {target}, outside the project"
            if not target.exists():
                return "is a link to nothing"
            mode = target.stat().st_mode
        if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
            return None
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    return "is not a regular file but a FIFO, a device or a socket"

_parsed = Latest("yaml")  # a serve rebuild parses only the files whose bytes changed


def load_yaml(path: Path, shown_as: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML file. Returns (data, problems); data is None when it cannot be read.
    The same bytes give the same data object, parsed once (callers never change it)."""
    try:
        raw = read_capped(path, MAX_BYTES)
    except TooLarge:
        return None, [Problem(shown_as, None, f"is larger than {MAX_BYTES // 1_000_000} MB",
                              hint="a file of notes or works is far smaller; split it or remove what is not data")]
    except OSError as exc:
        return None, [Problem(shown_as, None, f"cannot be read ({exc.strerror})")]
    data, problems = _parsed.get((str(path), shown_as), raw, lambda: _parse(raw, shown_as))
    return data, list(problems)


def _parse(raw: bytes, shown_as: str) -> tuple[Any, list[Problem]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(shown_as, line, "is not valid UTF-8 text "
                              f"(byte {raw[exc.start]:#04x} at offset {exc.start})",
                              hint="save the file as UTF-8 in your editor")]
    text = text.removeprefix(BOM)
    if not text.strip():
        return None, [Problem(shown_as, None, "is empty", hint="add the entries or delete the file")]
    return _read_text(text, shown_as)


def _read_text(text: str, shown_as: str, one_pass: bool = True) -> tuple[Any, list[Problem]]:
    """Text to data. ``one_pass=False`` takes the full path always (tests hold the two equal)."""
    if one_pass and not ("&" in text and _MAY_ANCHOR.search(text)):
        try:  # the common case: one pass, the composer itself stopped at MAX_DEPTH
            return _construct(_Loader(text, shown_as, guard=True), shown_as)
        except (_TooDeep, *_UNBUILDABLE):
            pass  # the full path below says what is wrong, as it would have
    refused = _refuse_expansion(text, shown_as)
    if refused:
        return None, refused
    return _construct(_Loader(text, shown_as), shown_as, report=True)


def _construct(loader: _Loader, shown_as: str, report: bool = False) -> tuple[Any, list[Problem]]:
    """The file's data and the loader's problems. Without ``report``, a YAML error is raised."""
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        if not report:
            raise
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = " ".join(filter(None, [exc.context, exc.problem]))
        hint = _TAG_HINT if isinstance(exc, yaml.constructor.ConstructorError) else \
            "check quotes, colons and indentation on this line or the one above; text with a colon needs quotes"
        return None, [Problem(shown_as, line, f"is not valid YAML: {what}", hint=hint)]
    except _UNBUILDABLE as exc:
        if not report:
            raise
        return None, [Problem(shown_as, None, f"is not valid YAML: {shorten(str(exc), 120)}", hint=_TAG_HINT)]
    finally:
        loader.dispose()
    if data is None:
        return None, [Problem(shown_as, None, "is empty: it holds only comments, no entries",
                              hint="add the entries or delete the file")]
    return data, loader.duplicates


def _refuse_expansion(text: str, shown_as: str) -> list[Problem]:
    """Anchors, aliases and deep nesting, found from the parser's events before anything is built."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Base):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return [Problem(shown_as, line, "uses a YAML anchor or alias (`&name` or `*name`)",
                                hint="write the value out in full; the edition's files need no anchors")]
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return [Problem(shown_as, line, f"nests more than {MAX_DEPTH} levels deep",
                                    hint="the edition's entries nest two or three levels; check the indentation")]
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return []  # the loader reports the syntax error with its line
    return []


def line_of(data: Any, path: list[str | int] | tuple) -> int | None:
    """The line of the deepest node on ``path`` inside data loaded by :func:`load_yaml`."""
    line = getattr(data, "line", None)
    node = data
    for step in path:
        if isinstance(node, LineDict) and step in node:
            line = node.key_lines.get(step, line)
        elif isinstance(node, LineList) and isinstance(step, int) and step < len(node):
            line = node.item_lines[step]
        else:
            break
        node = node[step]
        line = getattr(node, "line", None) or line
    return line
