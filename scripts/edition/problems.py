"""Problems found in the edition's sources, reported together and without tracebacks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix: where it is, what is wrong, and what to do."""

    file: str
    line: int | None
    message: str
    note: int | None = None
    hint: str = ""
    entry: str = ""  # an entry that is not a note, e.g. "editorial note `yalta-1945`"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        who = f" note {self.note}:" if self.note is not None else f" {self.entry}:" if self.entry else ""
        text = f"{where}:{who} {self.message}"
        return f"{text}\n    -> {self.hint}" if self.hint else text


class EditionError(Exception):
    """Raised with every problem found in one pass, so an editor sees them all at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.message))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = f"The edition has {count} problem{'s' if count != 1 else ''}:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


def relative(path: Path, root: Path) -> str:
    """A path as the editor sees it, relative to the project root."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
