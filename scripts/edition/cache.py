"""Work done once per content: results kept by the hash of what went in.

Two layers, one rule (the key is a hash of every input, the tool's version included, so a stale
entry cannot be found):

- in memory, for the life of the process: ``mkdocs serve`` rebuilds in one process, so a rebuild
  reuses what the previous one made from the same bytes;
- on disk (:class:`Store`), across builds: ``.cache/edition/`` beside mkdocs.yml, ignored by git
  and safe to delete at any time (every entry is only a copy of what would be made again).
  Entries are written to a temporary file and renamed into place, so parallel builds (the test
  workers) share one folder and never read half an entry. ``EDITION_CACHE`` names another
  folder; ``EDITION_CACHE=off`` keeps nothing on disk.

A third kind, :class:`Latest`, keeps the result of reading each file for its latest content only
(parsed and validated YAML): a serve rebuild re-reads only the files that changed.

``made`` counts the entries actually computed, by kind: tests count work with it, never time it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

FOLDER = ".cache/edition"  # beside mkdocs.yml (.gitignore lists /.cache/)
ENV = "EDITION_CACHE"

made: Counter[str] = Counter()  # entries computed (not found), by kind, in this process
_memory: dict[str, str] = {}


def key(*parts: str | bytes) -> str:
    """One hash of every input, each part length-prefixed so that no two lists of parts collide."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class Store:
    """A folder of text entries named ``<kind>-<key>``; ``None`` keeps them in memory only."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    @classmethod
    def for_project(cls, root: Path) -> Store:
        chosen = os.environ.get(ENV, "")
        if chosen.lower() == "off":
            return cls(None)
        return cls(Path(chosen) if chosen else root / FOLDER)

    def text(self, kind: str, inputs: str, make: Callable[[], str]) -> str:
        """The entry for ``inputs`` (the key of every input), made by ``make`` if no layer has it."""
        name = f"{kind}-{inputs}"
        if name in _memory:
            return _memory[name]
        path = self.folder / name if self.folder else None
        try:
            value = path.read_text(encoding="utf-8") if path else None
        except (OSError, UnicodeDecodeError):
            value = None  # absent, or unreadable: made again
        if value is None:
            value = make()
            made[kind] += 1
            if path:
                _write(path, value)
        _memory[name] = value
        return value


class Latest:
    """For each name (a file), the result made from its latest content; a content that differs
    from the kept one is made anew and replaces it, so memory holds one result per file."""

    def __init__(self, kind: str):
        self.kind = kind
        self._kept: dict = {}

    def get(self, name, content, make: Callable[[], object], same=lambda a, b: a == b):
        kept = self._kept.get(name)
        if kept is not None and same(kept[0], content):
            return kept[1]
        value = make()
        made[self.kind] += 1
        self._kept[name] = (content, value)
        return value

    def cache_clear(self) -> None:  # tests/conftest.py clears every cache per mutant under mutmut
        self._kept.clear()


def _write(path: Path, value: str) -> None:
    """Write atomically; a cache that cannot be written is no error (the build has the value)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(value)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass
