"""The essay as published, read from tests/data/original.txt (a copy of the source kept with
the tests, so that they compare against a fixed reference)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

ORIGINAL = Path(__file__).parent / "data" / "original.txt"


@cache
def lines() -> list[str]:
    return ORIGINAL.read_text(encoding="utf-8").split("\n")


@cache
def paragraphs() -> list[str]:
    """The 25 body paragraphs, markers in the author's [n] form."""
    body = lines()[4:lines().index("[1] " + notes()[1])]
    return [line for line in body if line.strip()]


@cache
def notes() -> dict[int, str]:
    """The 37 notes, by number, text after the marker."""
    found = {}
    for line in lines():
        match = re.match(r"\[(\d+)\] ?(.*)$", line)
        if match:
            found[int(match.group(1))] = match.group(2)
    return found


def title() -> str:
    return lines()[0]


def disclaimer() -> str:
    return lines()[2]
