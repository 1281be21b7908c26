"""Read the essay's section files: their heading, paragraphs and note markers.

A section file is a level-one heading (the edition's) followed by the author's paragraphs,
one per block, each kept verbatim with the author's ``[n]`` written as ``[^n]``.
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import Marker, Paragraph, Section
from .problems import Problem

MARKER = re.compile(r"\[\^(\d+)\]")
_MALFORMED = re.compile(r"\[\^(?!\d+\])[^\]\s]*\]")
_NOT_A_PARAGRAPH = re.compile(r"^(#|>|[-*+] |\d+[.)] |    |\t|<|```|~~~|!!!|\||=+$|-+$)")
_SENTENCE_END = re.compile(r"[.?!][’”]?(?:\[\^\d+\])*\s+(?=[‘“A-Z])")


def read_section(path: Path, shown_as: str, src_uri: str, index: int, first_paragraph: int
                 ) -> tuple[Section, list[Problem]]:
    """Parse one section file. Paragraph numbers continue from ``first_paragraph``."""
    problems: list[Problem] = []
    slug = Path(src_uri).stem
    text = path.read_text(encoding="utf-8")
    blocks: list[tuple[int, list[str]]] = []  # (first line, lines)
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if blocks and blocks[-1][0] + len(blocks[-1][1]) == number:
                blocks[-1][1].append(line)
            else:
                blocks.append((number, [line]))
    title = ""
    if blocks and blocks[0][1][0].startswith("# "):
        title = blocks.pop(0)[1][0][2:].strip()
    else:
        problems.append(Problem(shown_as, 1, "does not start with a `# Heading` line",
                                hint="give the section a level-one heading (the edition's, not the author's)"))
    section = Section(slug=slug, title=title or slug, src_uri=src_uri, index=index)
    for offset, (line, lines) in enumerate(blocks):
        source = " ".join(lines)
        if _NOT_A_PARAGRAPH.match(lines[0]):
            problems.append(Problem(shown_as, line, "this block would not render as one of the author's "
                                    f"paragraphs (it starts with `{lines[0][:12]}`)",
                                    hint="a section file holds its heading and the author's paragraphs only"))
        paragraph = Paragraph(first_paragraph + offset, slug, source, line)
        section.paragraphs.append(paragraph)
        for match in MARKER.finditer(source):
            section.markers.append(Marker(int(match.group(1)), slug, paragraph.number, match.start(),
                                          line + _line_in_block(lines, match.start())))
        for match in _MALFORMED.finditer(source):
            problems.append(Problem(shown_as, line + _line_in_block(lines, match.start()),
                                    f"`{match.group(0)}` is not a note marker",
                                    hint="a marker is the note's number, like [^12]"))
    return section, problems


def _line_in_block(lines: list[str], offset: int) -> int:
    """How many lines into a block (joined with spaces) the character at ``offset`` lies."""
    seen = 0
    for number, line in enumerate(lines):
        seen += len(line) + 1
        if offset < seen:
            return number
    return len(lines) - 1


def sentence_around(source: str, offset: int) -> str:
    """The sentence of a paragraph that contains the character at ``offset``."""
    start, end = 0, len(source)
    for match in _SENTENCE_END.finditer(source):
        if match.end() <= offset:
            start = match.end()
        else:
            end = match.end()
            break
    return source[start:end].strip()


def plain_text(source: str) -> str:
    """A paragraph's words as published, markers back in the author's ``[n]`` form."""
    return MARKER.sub(r"[\1]", source)
