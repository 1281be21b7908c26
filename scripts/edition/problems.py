"""Problems found in the edition's sources, reported together and without tracebacks.

Everything a problem prints passes through :func:`visible`: control characters (ANSI escapes
included) and bidirectional overrides are shown as ``\\x1b``-style escapes, so that a value
from YAML can never fake a log line or recolour the terminal, and long values are cut short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .text import (BIDI_EMBEDDINGS, BIDI_MARKS, BYTE_ORDER_MARK, CONTROLS, LINE_SEPARATORS, ZERO_WIDTH,
                   character_class)

# C0 and C1 controls, DEL, and the bidirectional and zero-width formatting characters.
_INVISIBLE = re.compile(character_class(CONTROLS, LINE_SEPARATORS, BIDI_MARKS, BIDI_EMBEDDINGS, ZERO_WIDTH,
                                        BYTE_ORDER_MARK))
MAX_QUOTE = 60  # characters of a value quoted in a message
MAX_MESSAGE = 400


def visible(text: str) -> str:
    """``text`` with every invisible or terminal-controlling character written as an escape."""
    return _INVISIBLE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def shorten(value: object, limit: int = MAX_QUOTE) -> str:
    """A value for quoting in a message: visible, and at most ``limit`` characters."""
    text = visible(value if isinstance(value, str) else repr(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix: where it is, what is wrong, and what to do."""

    file: str
    line: int | None
    message: str
    note: int | None = None
    hint: str = ""
    entry: str = ""  # an entry that is not a note, e.g. "editorial note `yalta-1945`"

    def headline(self) -> str:
        """Where and what, as the terminal shows it: made visible and cut at MAX_MESSAGE."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        who = f" note {self.note}:" if self.note is not None else f" {self.entry}:" if self.entry else ""
        return shorten(f"{where}:{who} {self.message}", MAX_MESSAGE)

    def advice(self) -> str:
        """What to do, as the terminal shows it ("" when there is no hint)."""
        return shorten(self.hint, MAX_MESSAGE) if self.hint else ""

    def __str__(self) -> str:
        return f"{self.headline()}\n    -> {self.advice()}" if self.hint else self.headline()


class EditionError(Exception):
    """Raised with every problem found in one pass, so an editor sees them all at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.message))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = f"The edition has {count} problem{'s' if count != 1 else ''}:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


def unexpected(error: BaseException, module: str, where: str) -> str:
    """One line for an exception nobody foresaw: which module failed on which page or file."""
    return (f"{where}: internal error in {module} ({type(error).__name__}: {shorten(str(error), 120)}); "
            "this is a bug in the edition's code, not in your text: run with --verbose for the traceback "
            "and report it")


def relative(path: Path, root: Path) -> str:
    """A path as the editor sees it, relative to the project root."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
