"""Every rule about text, written once: which characters are controls, where a sentence ends, the
months' names. The rest of the engine imports these (the loader to refuse, the renderers to keep
out, the messages to make visible); nothing else defines them.

It imports nothing of the edition's: it is the lowest layer, with urls.py and problems.py.
"""

from __future__ import annotations

import re

# ---- Characters ------------------------------------------------------------------------------
# Each a set of code points, as (first, last) ranges; `character_class` and `replacements` make
# the pattern or the str.translate table a module needs from them.
CONTROLS = ((0x00, 0x1F), (0x7F, 0x9F))  # Unicode's Cc: C0, DEL and C1 (Python-Markdown's \x02, \x03 among them)
LINE_SEPARATORS = ((0x2028, 0x2029),)  # LINE SEPARATOR, PARAGRAPH SEPARATOR
BIDI_MARKS = ((0x061C, 0x061C), (0x200E, 0x200F))  # ALM, LRM, RLM
BIDI_EMBEDDINGS = ((0x202A, 0x202E), (0x2066, 0x2069))  # embeddings, overrides, isolates
BYTE_ORDER_MARK = ((0xFEFF, 0xFEFF),)
ZERO_WIDTH = ((0x200B, 0x200D), (0x2060, 0x206F))  # zero-width spaces and joiners, invisible operators
WHITE_SPACE_CONTROLS = "\t\n\r\x85"  # the controls that are line breaks or tabs: spaces when text is flattened


def characters(*sets: tuple, keep: str = "") -> list[str]:
    """The characters of ``sets``, less those in ``keep``, in order."""
    return sorted({chr(c) for ranges in sets for first, last in ranges for c in range(first, last + 1)} - set(keep))


def character_class(*sets: tuple, keep: str = "") -> str:
    """A regular expression's class ``[…]`` of the characters of ``sets`` less ``keep``."""
    chars = [ord(c) for c in characters(*sets, keep=keep)]
    runs, start = [], None
    for i, c in enumerate(chars):
        start = c if start is None else start
        if i + 1 == len(chars) or chars[i + 1] != c + 1:
            runs.append(_escape(start) + ("" if c == start else "-" + _escape(c)))
            start = None
    return "[" + "".join(runs) + "]"


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def replacements(*sets: tuple, by: str = "\ufffd", keep: str = "") -> dict[int, str]:
    """A str.translate table that writes each character of ``sets`` (less ``keep``) as ``by``."""
    return {ord(c): by for c in characters(*sets, keep=keep)}


def translator(table: dict[int, str]):
    """``str.translate(table)`` as one regular expression over the characters the table changes.
    With replacements longer than one character str.translate takes its slow path, character by
    character; this is six times quicker on the edition's texts (escaping them for Markdown)."""
    pattern = re.compile("[" + "".join(_escape(code) for code in sorted(table)) + "]")
    return lambda text: pattern.sub(lambda match: table[ord(match.group())], text)


LINE_BREAKS = "\n\r" + "".join(characters(LINE_SEPARATORS))  # what a one-line field calls "a line break"
BOM = characters(BYTE_ORDER_MARK)[0]  # dropped from the start of a file


# ---- Sentences -------------------------------------------------------------------------------
# A sentence ends at a full stop, question or exclamation mark, perhaps followed by a closing
# quotation mark and the author's note markers ([^12], in the essay's Markdown), then white space
# before an opening quotation mark or a capital. One rule for the note pages' quoted sentence
# (read/essay.py), the Web Annotations' quote of a note (render/web_annotations.py) and the
# sentence the script highlights on landing (docs/javascripts/edition.js, held to it by
# tests/test_text_rules.py).
SENTENCE_END = re.compile(r"[.?!][’”]?(?:\[\^\d+\])*\s+(?=[‘“A-Z])")


def sentence_around(source: str, offset: int) -> str:
    """The sentence of a paragraph that contains the character at ``offset``."""
    start, end = 0, len(source)
    for match in SENTENCE_END.finditer(source):
        if match.end() <= offset:
            start = match.end()
        else:
            end = match.end()
            break
    return source[start:end].strip()


def sentence_start(text: str) -> int:
    """Where the last sentence of ``text`` begins (its first character after white space)."""
    begin = max((m.end() for m in SENTENCE_END.finditer(text)), default=0)
    return begin + len(text[begin:]) - len(text[begin:].lstrip())


# ---- Dates -----------------------------------------------------------------------------------
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
