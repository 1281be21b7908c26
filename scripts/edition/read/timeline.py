"""The timeline's data: dated glossary entries and footnotes/timeline.yaml -> checked events.

Dates are ISO strings at the precision the editor knows: a day (1943-11-28), a month (1942-12)
or a year. Three checks keep the edition from contradicting itself:

- a date's *text* must state it: the glossary entry's (or the event's) sentence must name each
  structured date at least as precisely ("28 November to 1 December 1943" states 1943-11-28 and
  1943-12-01; "August 1942" states 1942-08 but not 1942-08-23);
- an event *mentions* a paragraph only if one of its forms occurs there as whole words (a dated
  glossary entry's paragraphs are those its glossary forms are found in; an event of
  timeline.yaml lists its paragraphs, and each must contain one of its `matches`);
- an editor's correction of a date (editorial.yaml, ``kind: date``) whose phrase names an event
  fall within that event's dates ("at Yalta in 1944" -> "1945" must share a day with 4–11 February 1945).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field as default
from datetime import date
from pathlib import Path

from .editorial import GLOSSARY_FILE, TermFinder, _duplicate, _load_list
from .essay import MARKER
from ..model import EditorialNote, GlossaryEntry, Note, Section, TimelineEvent
from ..problems import Problem
from ..text import MONTHS
from ..urls import page_path, timeline_event, timeline_picture_id

TIMELINE_FILE = "footnotes/timeline.yaml"
EDITORIAL_FILE = "footnotes/editorial.yaml"
_DEFAULT_LANE = {"operation": "military", "event": "military", "conference": "diplomatic",
                 "agreement": "diplomatic"}

# "4–11 February 1945", "28 November", "1 December 1943", "August 1942", "9–10 July", or a year.
_MONTH = "|".join(MONTHS)
_DATE_IN_TEXT = re.compile(  # the lookahead lets the search skip what cannot begin a date (5x quicker)
    rf"(?=[0-9{''.join(sorted({m[0] for m in MONTHS}))}])"
    rf"(?:(?:\b(?P<d1>\d{{1,2}})(?:\s*(?:–|-|to|and)\s*(?P<d2>\d{{1,2}}))?\s+)?\b(?P<m>{_MONTH})\b(?:\s+(?P<y>\d{{4}})\b)?"
    r"|\b(?P<year>1[5-9]\d\d|20\d\d)\b)")
_RANGE = {"–", "-", "—", "to", "and", "or", "until"}


# ---------------------------------------------------------------- dates

def bounds(iso: str) -> tuple[date, date]:
    """The first and last day an ISO date at any precision covers; ValueError if not in the calendar."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def stated(iso: str, mentioned: set[str]) -> bool:
    """Whether a text that mentions ``mentioned`` states ``iso`` at least as precisely."""
    return any(m == iso or m.startswith(iso + "-") for m in mentioned)


def dates_in_text(text: str) -> list[str]:
    """Every date a sentence states, as ISO strings, in order. A day or month without a year takes
    the year of the date it runs to ("28 November to 1 December 1943"), else of the one before it
    ("launched on 9–10 July 1943 … deposed on 25 July")."""
    found = _date_mentions(text)
    years = _years(text, found)
    return [f"{year}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
            for (_, _, parts, _), year in zip(found, years) if year is not None for month, day in parts]


# A date as written: (start, end, its (month, day) parts, its year if it states one).
_Mention = tuple[int, int, list[tuple[int | None, int | None]], int | None]


def _date_mentions(text: str) -> list[_Mention]:
    """The dates written in ``text``: a year alone, or a month with its day or days and perhaps a year."""
    found: list[_Mention] = []
    for m in _DATE_IN_TEXT.finditer(text):
        if m.group("year"):
            found.append((m.start(), m.end(), [(None, None)], int(m.group("year"))))
            continue
        month = MONTHS.index(m.group("m")) + 1
        days = [int(d) for d in (m.group("d1"), m.group("d2")) if d] or [None]
        found.append((m.start(), m.end(), [(month, d) for d in days], int(m.group("y")) if m.group("y") else None))
    return found


def _years(text: str, found: list[_Mention]) -> list[int | None]:
    """Each mention's year: its own; else, at the start of a range, the year of the date it runs
    to (filled from the end back, so a chain of ranges takes its last year); else the year before."""
    years: list[int | None] = [y for *_, y in found]
    for i in range(len(found) - 2, -1, -1):
        if years[i] is None and years[i + 1] is not None and text[found[i][1]:found[i + 1][0]].strip() in _RANGE:
            years[i] = years[i + 1]
    for i in range(1, len(found)):
        if years[i] is None:
            years[i] = years[i - 1]
    return years


def spoken(iso: str) -> str:
    """22 June 1941, June 1941 or 1941."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def period_text(start: str, end: str) -> str:
    """'4–11 February 1945', '28 November – 1 December 1943', 'July 1936 – April 1939', '22 June 1941'."""
    if start == end:
        return spoken(start)
    a, b = start.split("-"), end.split("-")
    if len(a) == len(b) == 3 and a[0] == b[0]:
        if a[1] == b[1]:
            return f"{int(a[2])}–{spoken(end)}"
        return f"{int(a[2])} {MONTHS[int(a[1]) - 1]} – {spoken(end)}"
    if len(a) == len(b) == 2 and a[0] == b[0]:
        return f"{MONTHS[int(a[1]) - 1]}–{spoken(end)}"
    if a[0] == b[0] and len(a) > 1:  # the same year, at different precisions: "September – 5 December 1941"
        return f"{spoken(start).removesuffix(' ' + a[0])} – {spoken(end)}"
    return f"{spoken(start)} – {spoken(end)}"


def _period(dates: dict[str, tuple[str, int]], line: int, file: str, who: str, problems: list[Problem]
            ) -> tuple[tuple[str, int], tuple[str, int]] | None:
    """(start, end) from `date`, or `start` and `end` ({field: (value, line)}), if they are given rightly."""
    if "date" in dates and ("start" in dates or "end" in dates):
        problems.append(Problem(file, dates["date"][1], "has both `date` and `start`/`end`", entry=who,
                                hint="give `date` for a single day (or month), `start` and `end` for a period"))
        return None
    if ("start" in dates) != ("end" in dates):
        have, missing = ("start", "end") if "start" in dates else ("end", "start")
        problems.append(Problem(file, dates[have][1], f"has `{have}` but no `{missing}`", entry=who,
                                hint=f"add `{missing}`, or write a single day as `date`"))
        return None
    if "date" in dates:
        return dates["date"], dates["date"]
    return (dates["start"], dates["end"]) if dates else None


def _check_dates(start: tuple[str, int], end: tuple[str, int], text: str, file: str, who: str,
                 problems: list[Problem]) -> bool:
    """The dates are in order and stated by the text (the schema's `date` kind has made sure they
    are in the calendar: an entry with one that is not is dropped before this). True if all is well."""
    if bounds(end[0])[1] < bounds(start[0])[0]:
        problems.append(Problem(file, end[1], f"ends ({end[0]}) before it starts ({start[0]})", entry=who,
                                hint="swap `start` and `end`"))
        return False
    ok = True
    mentioned = set(dates_in_text(text))
    for iso, line in dict.fromkeys((start, end)):
        if not stated(iso, mentioned):
            said = ", ".join(dict.fromkeys(dates_in_text(text))) or "no date"
            problems.append(Problem(file, line, f"{iso} is not stated by its text, which gives {said}",
                                    entry=who, hint=f"make the date and the text agree: the text should say "
                                    f"“{spoken(iso)}” (a more precise date is fine)"))
            ok = False
    return ok


# ---------------------------------------------------------------- reading

PAGE_ANCHORS = ("timeline", "events")  # the ids timeline_page gives its title and the list's heading


def page_anchor_problem(key: str) -> str | None:
    """Why ``key`` cannot be an event's id (its address /timeline/#key): the page's own title, list
    heading and years (``y1943``) have those ids, the picture's rows and marks ``picture-…``, and a
    second element with one is unreachable."""
    if key in PAGE_ANCHORS or re.fullmatch(r"y[0-9]+", key) or key.startswith(timeline_picture_id("")):
        return f"`{key}` is an id the timeline page gives its own parts (/{page_path(timeline_event(key))})"
    return None



def read_timeline(root: Path, sections: list[Section], notes: dict[int, Note],
                  glossary: dict[str, GlossaryEntry], editorial: list[EditorialNote],
                  problems: list[Problem]) -> list[TimelineEvent] | None:
    """The timeline's events, checked; None when it cannot be checked yet (the glossary or the
    editorial notes have problems of their own)."""
    if any(p.file in (GLOSSARY_FILE, EDITORIAL_FILE) for p in problems):
        return None  # the timeline is checked against both: say nothing until they can be read
    paragraphs = {p.number: MARKER.sub("", p.source) for s in sections for p in s.paragraphs}
    events: dict[str, TimelineEvent] = {}
    forms: dict[str, tuple[str, ...]] = {}  # event id -> the words that name it
    for entry in glossary.values():
        if not entry.dates:
            continue
        who = f"glossary entry `{entry.id}`"
        if page_anchor_problem(entry.id):
            problems.append(Problem(GLOSSARY_FILE, entry.line, page_anchor_problem(entry.id), entry=who,
                                    hint="give the entry another id (it is its address on the timeline too)"))
            continue
        period = _period(entry.dates, entry.line, GLOSSARY_FILE, who, problems)
        if period is None or not _check_dates(*period, entry.text, GLOSSARY_FILE, who, problems):
            continue
        start, end = period
        events[entry.id] = TimelineEvent(
            entry.id, entry.term, entry.term, start[0], end[0], _DEFAULT_LANE.get(entry.category, "military"),
            entry.text, tuple(sorted(p.paragraph for p in entry.mentions if p.paragraph is not None)),
            entry.id, (), GLOSSARY_FILE, start[1], basis=entry.basis)
        forms[entry.id] = entry.matches
    _read_file(root, paragraphs, notes, glossary, events, forms, problems)
    _check_corrections(editorial, events, forms, problems)
    return sorted(events.values(), key=lambda e: (bounds(e.start)[0], bounds(e.end)[1], e.title))


def _read_file(root: Path, paragraphs: dict[int, str], notes: dict[int, Note], glossary: dict[str, GlossaryEntry],
               events: dict[str, TimelineEvent], forms: dict[str, tuple[str, ...]], problems: list[Problem]) -> None:
    """timeline.yaml: each entry either supplements a dated glossary entry's event (``about``) or
    is an event of its own (``id``); both add to ``events`` and ``forms``."""
    data = _load_list(root, TIMELINE_FILE, "timeline", "timeline event", problems)
    if data is None:
        return
    reading = _Reading(paragraphs, notes, glossary, events, forms, problems)
    for entry in data:
        key = entry.get("about") or entry["id"]
        problem = _reporter(entry, f"timeline event `{key}`", problems)
        _check_notes_exist(entry, notes, problem)
        if "about" in entry:
            _supplement(entry, key, reading, problem)
        elif not _refused_id(entry, key, reading, problem):
            _own_event(entry, key, reading, problem)


@dataclass
class _Reading:
    """What reading timeline.yaml checks its entries against, and what it fills in."""
    paragraphs: dict[int, str]
    notes: dict[int, Note]
    glossary: dict[str, GlossaryEntry]
    events: dict[str, TimelineEvent]
    forms: dict[str, tuple[str, ...]]
    problems: list[Problem]
    seen: dict[str, int] = default(default_factory=dict)  # an own event's id -> its line
    supplemented: set[str] = default(default_factory=set)  # the glossary entries an `about` entry described


def _reporter(entry, who: str, problems: list[Problem]):
    """``problem(field, message, hint)``: a problem of ``entry`` at the line of ``field`` (or its own)."""
    def problem(field, message, hint=""):
        problems.append(Problem(TIMELINE_FILE, entry.key_lines.get(field, entry.line), message, entry=who,
                                hint=hint))
    return problem


def _check_notes_exist(entry, notes: dict[int, Note], problem) -> None:
    for n in entry.get("notes", []):
        if n not in notes:
            problem("notes", f"lists note {n}, which does not exist", f"notes are numbered 1–{max(notes, default=0)}")


def _supplement(entry, key: str, reading: _Reading, problem) -> None:
    """An ``about`` entry: lane, label, notes and the essay's words for the event a dated glossary
    entry already makes (reported, not applied, when there is no such event)."""
    if key in reading.supplemented:
        problem("about", "is described a second time", "keep one entry per glossary entry")
    reading.supplemented.add(key)
    event = reading.events.get(key)
    if key not in reading.glossary:
        problem("about", f"`{key}` is not in {GLOSSARY_FILE}", "use the id of a glossary entry")
    elif event is None and not reading.glossary[key].dates:
        problem("about", f"glossary entry `{key}` has no date",
                f"give it `date` (or `start` and `end`) in {GLOSSARY_FILE}")
    if event is not None:
        event.lane = entry.get("lane", event.lane)
        event.label = entry.get("label", event.label)
        event.notes = tuple(entry.get("notes", ()))
        _from_essay(entry, event, reading.paragraphs, reading.notes, problem)


def _refused_id(entry, key: str, reading: _Reading, problem) -> bool:
    """Whether an own event's id cannot be used: one of the page's own anchors, a glossary entry's
    id (an event of a glossary entry is described with ``about``), or an id already used."""
    if page_anchor_problem(key):
        problem("id", page_anchor_problem(key), "give the event another id")
        return True
    if key in reading.glossary:  # checked first: such an id is not recorded as seen
        problem("id", f"`{key}` is already the id of a glossary entry",
                "give the event its own id, and name the glossary entry in `glossary`")
        return True
    return _duplicate(entry, reading.seen, TIMELINE_FILE, "timeline event", reading.problems)


def _own_event(entry, key: str, reading: _Reading, problem) -> None:
    """An event of its own: checked in full, and kept only when its dates are sound."""
    if "glossary" in entry and entry["glossary"] not in reading.glossary:
        problem("glossary", f"`{entry['glossary']}` is not in {GLOSSARY_FILE}", "use the id of a glossary entry")
    who = f"timeline event `{key}`"
    period = _period({k: (entry[k], entry.key_lines[k]) for k in ("date", "start", "end") if k in entry},
                     entry.line, TIMELINE_FILE, who, reading.problems)
    dated = period is not None and _check_dates(*period, entry["text"], TIMELINE_FILE, who, reading.problems)
    _check_paragraphs_mention_it(entry, key, reading.paragraphs, problem)
    if not dated:
        return
    start, end = period
    event = reading.events[key] = TimelineEvent(
        key, entry["title"], entry.get("label", entry["title"]), start[0], end[0], entry["lane"], entry["text"],
        tuple(sorted(entry["paragraphs"])), entry.get("glossary"), tuple(entry.get("notes", ())), TIMELINE_FILE,
        entry.line, basis=entry.get("basis", ""))
    _from_essay(entry, event, reading.paragraphs, reading.notes, problem)
    reading.forms[key] = tuple(entry["matches"])


def _check_paragraphs_mention_it(entry, key: str, paragraphs: dict[int, str], problem) -> None:
    """Each paragraph an event lists exists and holds one of its forms, and each form occurs in one."""
    finder = TermFinder({key: GlossaryEntry(key, "", "", tuple(entry["matches"]), "", "", 0)})
    used = set()
    for n in entry["paragraphs"]:
        if n not in paragraphs:
            problem("paragraphs", f"lists paragraph {n}, but the essay has paragraphs 1–{len(paragraphs)}")
            continue
        hits = finder.find(paragraphs[n])
        used.update(paragraphs[n][a:b] for a, b, _ in hits)
        if not hits:
            problem("paragraphs", f"lists paragraph {n}, which does not mention it: none of "
                    f"{', '.join(f'“{f}”' for f in entry['matches'])} occurs there",
                    "remove the paragraph, or add to `matches` the words by which it names the event, "
                    "copied exactly")
    for form in entry["matches"]:
        if form not in used:
            problem("matches", f"“{form}” occurs in none of its paragraphs",
                    "copy the words exactly from the essay (curly quotes included), or drop the form")


def _from_essay(entry, event: TimelineEvent, paragraphs: dict[int, str], notes: dict[int, Note], problem) -> None:
    """``from_essay``: the essay's own words for the date, which must stand where it says."""
    claim = entry.get("from_essay")
    if not claim:
        return
    n = claim.get("paragraph", claim.get("note"))
    in_note = "note" in claim
    text = (notes[n].text if n in notes else None) if in_note else paragraphs.get(n)
    place = f"note {n}" if in_note else f"paragraph {n}"
    if text is None:
        problem("from_essay", f"`from_essay` names {place}, which does not exist")
        return
    if claim["claim"] not in text:
        problem("from_essay", f"`from_essay`: “{claim['claim']}” is not in {place}",
                "copy the essay’s words for the date exactly (curly quotes included)")
        return
    event.essay_claim = claim["claim"]
    event.essay_place = f"note {n}" if in_note else f"¶{n}"
    event.correction = claim.get("correction")
    event.correction_line = entry.key_lines.get("from_essay", entry.line)  # noqa: the dataclass field


def _check_corrections(editorial: list[EditorialNote], events: dict[str, TimelineEvent],
                       forms: dict[str, tuple[str, ...]], problems: list[Problem]) -> None:
    """A corrected date must be the date the timeline gives the event: the correction an event
    names for the essay's words of its date, and any date correction whose phrase names an event."""
    by_id = {note.id: note for note in editorial}
    for event in events.values():
        if event.correction:
            _check_named_correction(event, by_id.get(event.correction), problems)
    finder = TermFinder({key: GlossaryEntry(key, "", "", f, "", "", 0) for key, f in forms.items()})
    for note in editorial:
        if note.kind == "date" and note.anchor.paragraph is not None and dates_in_text(note.correction):
            for _, _, key in finder.find(note.anchor.phrase):
                _check_agrees(events[key], note, problems)


def _check_named_correction(event: TimelineEvent, note: EditorialNote | None, problems: list[Problem]) -> None:
    """The correction an event's ``from_essay`` names is a date correction of those words, and agrees."""
    who, line = f"timeline event `{event.id}`", event.correction_line or event.line
    if note is None or note.kind != "date":
        problems.append(Problem(TIMELINE_FILE, line, f"`from_essay` names the correction `{event.correction}`, "
                                f"which is not a date correction in {EDITORIAL_FILE}", entry=who,
                                hint="give the id of the editor’s correction of the essay’s date"))
    elif event.essay_claim not in note.original and note.original not in event.essay_claim:
        problems.append(Problem(TIMELINE_FILE, line, f"`from_essay` gives “{event.essay_claim}”, but the "
                                f"correction `{note.id}` corrects “{note.original}”", entry=who,
                                hint="link the correction of the words the event’s date comes from"))
    else:
        _check_agrees(event, note, problems)


def _check_agrees(event: TimelineEvent, note: EditorialNote, problems: list[Problem]) -> None:
    """The first date a correction gives shares a day with the event's dates (one that gives no date
    is not compared)."""
    corrected = dates_in_text(note.correction)
    if not corrected:
        return
    first, last = bounds(corrected[0])
    if last < bounds(event.start)[0] or first > bounds(event.end)[1]:  # no day in common
        problems.append(Problem(
            event.file, event.line, f"is dated {period_text(event.start, event.end)}, but the editor’s "
            f"correction `{note.id}` ({EDITORIAL_FILE}:{note.line}) gives {note.correction}",
            entry=f"timeline event `{event.id}`",
            hint="the edition must not contradict itself: correct the date or the correction"))
