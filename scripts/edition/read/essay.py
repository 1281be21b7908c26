"""Read the essay's section files: their heading, paragraphs and note markers.

A section file is a level-one heading (the edition's) followed by the author's paragraphs,
one per block, each kept verbatim with the author's ``[n]`` written as ``[^n]``. A section file is
verbatim text with markers and nothing else: the published text has no HTML and no formatting
beyond its words, so no line of it, the heading's included, may hold raw HTML or comments (``<…``),
braces (an attribute list ``{…}``, in any form), code spans (a marker inside one would not be
rendered), Markdown links or images, or reference definitions (``[label]: url``); each is refused
with file and line. The author's own square brackets ("[Allies]") are text and stay.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..model import Marker, Paragraph, Section
from ..problems import Problem, shorten
from ..text import BIDI_EMBEDDINGS, CONTROLS, character_class
from .yamlio import TooLarge, read_capped

MARKER = re.compile(r"\[\^(\d+)\]")
# A reference definition, which Python-Markdown takes out of any block, even mid-paragraph.
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]*\]:")
_MALFORMED = re.compile(r"\[\^(?!\d+\])[^\]\s]*\]")
_NOT_A_PARAGRAPH = re.compile(r"^(#|>|[-*+] |\d+[.)] |    |\t|<|```|~~~|!!!|\||=+$|-+$)")
_NOT_IN_THE_TEXT = [
    (re.compile(r"<[A-Za-z/!?]"), "raw HTML or an HTML comment"),
    (re.compile(r"[{}]"), "a brace (`{…}` is an attribute list)"),
    (re.compile(r"`"), "a code span"),
    (re.compile(r"\]\s*[(\[]|!\["), "a Markdown link or image"),
    (re.compile(character_class(CONTROLS, BIDI_EMBEDDINGS, keep="\t\n")), "a control character"),
]
MAX_BYTES = 2_000_000


def read_section(path: Path, shown_as: str, src_uri: str, index: int, first_paragraph: int
                 ) -> tuple[Section, list[Problem]]:
    """Parse one section file. Paragraph numbers continue from ``first_paragraph``."""
    problems: list[Problem] = []
    slug = Path(src_uri).stem
    section = Section(slug=slug, title=slug, src_uri=src_uri, index=index)
    text, problem = _read(path, shown_as)
    if problem:
        return section, [problem]
    blocks: list[tuple[int, list[str]]] = []  # (first line, lines)
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if blocks and blocks[-1][0] + len(blocks[-1][1]) == number:
                blocks[-1][1].append(line)
            else:
                blocks.append((number, [line]))
    title = ""
    if blocks and blocks[0][1][0].startswith("# "):
        first, lines = blocks.pop(0)
        title = lines[0][2:].strip()
        problems += _markup(shown_as, first, [lines[0][2:]], "this heading", "a heading is the edition's words only")
        if len(lines) > 1:  # a line right under the heading is a paragraph of its own, as Markdown reads it
            blocks.insert(0, (first + 1, lines[1:]))
    else:
        problems.append(Problem(shown_as, 1, "does not start with a `# Heading` line",
                                hint="give the section a level-one heading (the edition's, not the author's)"))
    section.title = title or slug
    if not blocks:
        problems.append(Problem(shown_as, 1, "holds no paragraphs of the essay",
                                hint="a section file holds its heading and then the author's paragraphs; "
                                     "remove it from the nav if the section is gone"))
    for offset, (line, lines) in enumerate(blocks):
        source = " ".join(lines)
        for number, text_line in enumerate(lines, start=line):
            # any line, not only the first: `> …` or `===` under a line turns the block into a quote
            # or a heading, and an indented or list line would change it too
            if _NOT_A_PARAGRAPH.match(text_line):
                problems.append(Problem(shown_as, number, "this block would not render as one of the "
                                        f"author's paragraphs (a line starts with `{shorten(text_line[:12])}`)",
                                        hint="a section file holds its heading and the author's paragraphs "
                                             "only, one block of plain lines each"))
                break
        problems += _markup(shown_as, line, lines, "this paragraph",
                            "a paragraph holds the author's words and note markers only")
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


def _markup(shown_as: str, line: int, lines: list[str], what_holds: str, hint: str) -> list[Problem]:
    """What a block (its lines, the first at ``line``) holds beyond words and markers, with the line."""
    problems = []
    source = " ".join(lines)
    words = MARKER.sub(lambda m: " " * len(m.group(0)), source)  # markers are not links
    for pattern, what in _NOT_IN_THE_TEXT:
        found = pattern.search(words)
        if found:
            problems.append(Problem(shown_as, line + _line_in_block(lines, found.start()),
                                    f"{what_holds} holds {what} ({shorten(found.group(0))}…), which the "
                                    "published text does not have", hint=hint))
    for number, text_line in enumerate(lines, start=line):
        if _REFERENCE.match(text_line):
            problems.append(Problem(shown_as, number, f"{what_holds} holds a reference definition "
                                    f"({shorten(text_line[:20])}…), which the published text does not have",
                                    hint=hint))
    return problems


def _read(path: Path, shown_as: str) -> tuple[str, Problem | None]:
    """The file's text (a byte-order mark dropped, as MkDocs does), or the problem reading it."""
    try:
        raw = read_capped(path, MAX_BYTES)
    except TooLarge:
        return "", Problem(shown_as, None, f"is larger than {MAX_BYTES // 1_000_000} MB", hint="split the section")
    except FileNotFoundError:
        return "", Problem(shown_as, None, "is listed in the `nav` of mkdocs.yml but does not exist",
                           hint="create the file, or correct or remove the nav entry")
    except OSError as exc:
        return "", Problem(shown_as, None, f"cannot be read ({exc.strerror})")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return "", Problem(shown_as, raw[: exc.start].count(b"\n") + 1, "is not valid UTF-8 text",
                           hint="save the file as UTF-8 in your editor")
    if not unicodedata.is_normalized("NFC", text):
        line = next(n for n, l in enumerate(text.splitlines(), 1) if not unicodedata.is_normalized("NFC", l))
        return "", Problem(shown_as, line, "is not in Unicode NFC form (letters and accents stored apart), so "
                           "phrases copied from it would not match", hint="save the file normalised to NFC")
    return text, None


def _line_in_block(lines: list[str], offset: int) -> int:
    """How many lines into a block (joined with spaces) the character at ``offset`` lies."""
    seen = 0
    for number, line in enumerate(lines):
        seen += len(line) + 1
        if offset < seen:
            return number
    return len(lines) - 1


def plain_text(source: str) -> str:
    """A paragraph's words as published, markers back in the author's ``[n]`` form."""
    return MARKER.sub(r"[\1]", source)
