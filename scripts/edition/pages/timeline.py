"""The timeline page (/timeline/): a picture laid out at build time in HTML and CSS, and the same
events as an ordered list, which is what screen readers and the keyboard get.

The picture has one row per year (January to December across the page), each with three lanes
(military, diplomatic, Soviet policy). A span is a bar, a single day a dot, a date known only to
the month a pale bar the width of its month. Positions are percentages of the year, so the picture
stretches with the screen; labels have a width fixed in pixels, estimated from their characters.
Items are packed into the lines of their lane so that no two overlap at any picture width from
MIN_WIDTH to MAX_WIDTH px: both ends of an item are linear in the width, so checking the two
extremes is enough. Narrower than MIN_WIDTH, the picture scrolls sideways.
"""

from __future__ import annotations

import html
import re
from datetime import date
from functools import cache
from pathlib import Path

from ..inline import escape_markdown as esc
from ..inline import tooltip_title_html
from ..model import TIMELINE_LANES, Edition, Section, TimelineEvent, quoted
from ..read.timeline import bounds, period_text
from ..text import MONTHS
from ..urls import TIMELINE_URI, at, editorial_entry, glossary_entry, note_uri, paragraph_id, relative, timeline_picture_id, timeline_year_id

# The picture's styles, inlined into the timeline page only (by scripts/hooks.py, after the sanitiser): a <link> in the page's body would be
# re-inserted by Material's instant navigation, and the page would jump while it reloads.
CSS_FILE = Path(__file__).with_name("timeline.css")

MIN_WIDTH, MAX_WIDTH = 880, 1600  # px of the plot area over which labels are guaranteed apart
FONT_PX = 13
CHAR_PX = 7.6  # a generous average advance at 13 px (DejaVu Sans, the widest likely fallback)
LINE_PX = 22
GAP_PX = 10  # between two items on one line
DOT_PX = 10
# The lanes' names where the gutter is narrow (a phone): the plot gets the width.
LANE_SHORT = {"military": "Mil.", "diplomatic": "Dipl.", "soviet": "Sov."}
PICTURE_NAME = "The timeline as a picture, which the list below gives in words"


def _label_width(label: str) -> int:
    return int(len(label) * CHAR_PX + 6)


class _Item:
    """One event's mark in one year: ``left`` and ``right`` are (px, fraction of the plot width)."""

    def __init__(self, event: TimelineEvent, year: int):
        self.event = event
        first, last = bounds(event.start)[0], bounds(event.end)[1]
        start, end = max(first, date(year, 1, 1)), min(last, date(year, 12, 31))
        days = (date(year, 12, 31) - date(year, 1, 1)).days + 1
        self.x1 = (start - date(year, 1, 1)).days / days
        self.x2 = ((end - date(year, 1, 1)).days + 1) / days
        self.before, self.after = first < start, last > end  # runs on from the year before / into the next
        self.point = event.start == event.end and len(event.start) == 10
        self.approx = len(event.start) < 10 and event.start == event.end
        self.width = _label_width(event.label)
        self.label_before = False
        if self.point:
            self.x1 = self.x2 = (self.x1 + self.x2) / 2
            mark = (-DOT_PX / 2, self.x1), (DOT_PX / 2, self.x1)
        else:
            mark = (0, self.x1), (0, self.x2)
        self.inside = not self.point and (self.x2 - self.x1) * MIN_WIDTH >= self.width + 8
        if self.inside:
            self.label = (4, self.x1)
            self.left, self.right = mark
        elif (self.x2 * MIN_WIDTH + 6 + self.width) <= MIN_WIDTH:  # after the mark
            self.label = (mark[1][0] + 6, self.x2)
            self.left, self.right = mark[0], (mark[1][0] + 6 + self.width, self.x2)
        else:  # before it, at the right end of the year
            self.label_before = True
            self.label = (mark[0][0] - 6 - self.width, self.x1)
            self.left, self.right = (mark[0][0] - 6 - self.width, self.x1), mark[1]

    def at(self, width: float) -> tuple[float, float]:
        return self.left[0] + self.left[1] * width, self.right[0] + self.right[1] * width


def _apart(a: _Item, b: _Item) -> bool:
    for width in (MIN_WIDTH, MAX_WIDTH):
        (a1, a2), (b1, b2) = a.at(width), b.at(width)
        if not (a2 + GAP_PX <= b1 or b2 + GAP_PX <= a1):
            return False
    return True


def pack(items: list[_Item]) -> list[list[_Item]]:
    """Greedy: each item, left to right, on the first line where it overlaps nothing."""
    lines: list[list[_Item]] = []
    for item in sorted(items, key=lambda i: (i.at(MIN_WIDTH)[0], i.event.id)):
        for line in lines:
            if all(_apart(item, other) for other in line):
                line.append(item)
                break
        else:
            lines.append([item])
    return lines


def _pos(px: float, fraction: float) -> str:
    percent = f"{fraction * 100:.3f}%"
    return f"calc({percent} {'+' if px >= 0 else '-'} {abs(px):g}px)" if px else percent


def _item_html(item: _Item, line: int, first: bool) -> str:
    """An event's mark and label in one year's lane; in the year it starts (``first``) it also carries
    the target of the list's "Show in the picture" link, a box round mark and label."""
    event = item.event
    kind = "point" if item.point else "approx" if item.approx else "span"
    classes = f"tl-item tl-{kind}" + (" tl-before" if item.before else "") + (" tl-after" if item.after else "")
    tip = tooltip_title_html(f"{event.title} ({period_text(event.start, event.end)})")  # Material's tooltip
    top = line * LINE_PX
    if item.point:
        mark = f'<span class="tl-dot" style="left:{_pos(-DOT_PX / 2, item.x1)}"></span>'
    else:
        mark = (f'<span class="tl-bar" style="left:{_pos(0, item.x1)};'
                f'width:{(item.x2 - item.x1) * 100:.3f}%"></span>')
    px, fraction = item.label
    if item.label_before:  # anchored at its right end, beside the mark: a longer text grows away from it
        place = f"--tl-right:{_pos(-(px + item.width), 1 - fraction)}"
    else:
        place = f"left:{_pos(px, fraction)}"
    label = (f'<span class="tl-label{" tl-before-mark" if item.label_before else ""}" '
             f'style="{place};--tl-label:{item.width}px">{html.escape(event.label)}</span>')
    target = ""
    if first:
        (l_px, l_fr), (r_px, r_fr) = item.left, item.right
        target = (f'<span class="tl-target" id="{timeline_picture_id(event.id)}" style="left:{_pos(l_px, l_fr)};'
                  f'--tl-right:{_pos(-r_px, 1 - r_fr)}"></span>')
    return (f'<a class="{classes}" href="#{event.id}" title="{tip}" tabindex="-1" data-event="{event.id}" '
            f'style="top:{top}px">{target}{mark}{label}</a>')


def _month_starts(year: int) -> list[float]:
    """Where each month begins, as a percentage of the year: the labels and the grid lines share them."""
    days = (date(year, 12, 31) - date(year, 1, 1)).days + 1
    return [(date(year, month, 1) - date(year, 1, 1)).days / days * 100 for month in range(1, 13)]


def _grid(starts: list[float]) -> str:
    """A hairline at the start of each month after January, exactly under its label's edge."""
    return '<div class="tl-grid">' + "".join(f'<span style="left:{at:.3f}%"></span>' for at in starts[1:]) + "</div>"


def _year_html(year: int, events: list[TimelineEvent], first_year: dict[str, int]) -> str:
    starts = _month_starts(year)
    out = [f'<section class="tl-year" id="{timeline_picture_id(year)}">{_grid(starts)}'
           f'<div class="tl-head"><span class="tl-year-name">{year}</span><div class="tl-months">']
    out += [f'<span style="left:{left:.3f}%">{MONTHS[n][:3]}</span>' for n, left in enumerate(starts)]
    out.append("</div></div>")
    for lane, name in TIMELINE_LANES.items():
        items = [_Item(e, year) for e in events if e.lane == lane
                 and bounds(e.start)[0].year <= year <= bounds(e.end)[1].year]
        lines = pack(items)
        height = max(1, len(lines)) * LINE_PX
        out.append(f'<div class="tl-lane tl-lane-{lane}"><span class="tl-lane-name">'
                   f'<span class="tl-long">{name}</span><span class="tl-short">{LANE_SHORT[lane]}</span></span>'
                   f'<div class="tl-plot" style="height:{height}px">')
        out += [_item_html(item, n, first_year[item.event.id] == year) for n, line in enumerate(lines) for item in line]
        out.append("</div></div>")
    out.append("</section>")
    return "".join(out)


def picture_html(events: list[TimelineEvent]) -> str:
    """The picture: a named region the keyboard can scroll, whose drawing is hidden from screen
    readers; their users get the list, with the same events."""
    years = range(min(bounds(e.start)[0].year for e in events), max(bounds(e.end)[1].year for e in events) + 1)
    first_year = {e.id: bounds(e.start)[0].year for e in events}
    legend = "".join(f'<span class="tl-key tl-lane-{lane}">{name}</span>' for lane, name in TIMELINE_LANES.items())
    # A <figure>, which holds no other: Material's search matches an excluded element by its tag alone,
    # so an excluded <div> would be let back in at the first inner </div>.
    return (f'<figure class="tl-picture" role="region" tabindex="0" aria-label="{PICTURE_NAME}" data-search-exclude '
            f'style="--tl-plot-min:{MIN_WIDTH}px;--tl-line:{LINE_PX}px;--tl-font:{FONT_PX}px">'
            '<div class="tl-canvas" aria-hidden="true">'
            '<p class="tl-hint">Each row is a year, January to December: scroll it sideways.</p>'
            f'<p class="tl-legend">{legend}<span class="tl-key tl-key-point">one day</span>'
            f'<span class="tl-key tl-key-span">several days</span><span class="tl-key tl-key-approx">'
            f'month only</span></p>'
            + "".join(_year_html(year, events, first_year) for year in years) + "</div></figure>")


def _text(edition: Edition, event: TimelineEvent) -> str:
    """The event's text; a glossary entry's is left out of the search index, which has it from the glossary."""
    if event.id in edition.glossary:
        return f"<span data-search-exclude>{esc(event.text)}</span>"
    return esc(event.text)


def _event_markdown(edition: Edition, event: TimelineEvent) -> list[str]:
    when = f'<time datetime="{event.start}">{period_text(event.start, event.end)}</time>'
    parts = [f'<li id="{event.id}" class="tl-event tl-lane-{event.lane}" markdown="span">'
             f'<span class="tl-when">{when}</span> '
             f'<span class="tl-lane-tag">{TIMELINE_LANES[event.lane]}</span> '
             f'**{esc(event.title)}.** {_text(edition, event)}']
    links = [f'<a class="tl-show" href="#{timeline_picture_id(event.id)}">Show in the picture</a>']
    by_section: dict[str, list[int]] = {}
    for n in event.paragraphs:
        by_section.setdefault(edition.section_of_paragraph(n).slug, []).append(n)
    paragraphs = "; ".join(
        f"*{esc(edition.section(slug).title)}* "
        + ", ".join(f"[¶{n}]({at(edition.section(slug).src_uri, paragraph_id(n))})" for n in numbers)
        for slug, numbers in by_section.items())
    links.append(f"In the essay: {paragraphs}")
    if event.glossary:
        links.append(f"Glossary: [{esc(edition.glossary[event.glossary].term)}]({glossary_entry(event.glossary)})")
    if event.notes:
        label = "note" if len(event.notes) == 1 else "notes"
        links.append(f"Author’s {label} citing sources on it: "
                     + ", ".join(f"[{n}]({note_uri(n)})" for n in event.notes))
    if event.essay_claim:
        said = f"Date from the essay ({event.essay_place}: {quoted(esc(event.essay_claim))})"
        links.append(f"{said}, corrected: [{esc(event.correction)}]({editorial_entry(event.correction)})"
                     if event.correction else f"{said}, checked")
    parts.append('<span class="tl-links" data-search-exclude>' + " · ".join(links) + "</span>")
    if event.basis:
        parts.append(f'<span class="tl-basis" data-search-exclude>*Basis:* {esc(event.basis)}</span>')
    parts.append("</li>")
    return parts


def timeline_page(edition: Edition) -> str:
    events = edition.timeline
    first, last = bounds(events[0].start)[0].year, bounds(events[-1].end)[1].year
    by_year: dict[int, list[TimelineEvent]] = {}
    for event in events:  # under the year it begins
        by_year.setdefault(bounds(event.start)[0].year, []).append(event)
    years = " · ".join(f"[{year}](#{timeline_year_id(year)})" for year in by_year)
    lines = ["---", "hide:", "  - navigation", "  - toc", "---", "", "# Timeline", "",
             f"The {len(events)} events, agreements, conferences, operations and messages the essay and its "
             f"notes discuss, {first}–{last}. The picture draws them on a time axis: one row per year, in three "
             "lanes; a bar is something that lasted, a dot a single day, a pale bar a date known only to the "
             "month, and each mark links to its entry in the list. [The list below](#events) gives the same "
             "events in order, under a heading for each year, each with its dates, the paragraphs that discuss "
             "it, its glossary entry, the author’s notes that cite sources about it, and a link back to the "
             "picture. The dates are the edition’s, checked against its glossary and its corrections.",
             "{: .tl-intro }", "", f"The years in the list: {years}", "{: .tl-years }", "",
             picture_html(events), "", '<h2 id="events">The events in order</h2>', ""]
    for year, in_year in by_year.items():
        lines += [f'<h3 class="tl-list-year" id="{timeline_year_id(year)}">{year}</h3>', "",
                  f'<p class="tl-to-picture" data-search-exclude><a href="#{timeline_picture_id(year)}">{year} in the picture</a></p>',
                  "", '<ol class="tl-list" markdown="block">']
        for event in in_year:
            lines += _event_markdown(edition, event)
        lines += ["</ol>", ""]
    return "\n".join(lines)


@cache
def timeline_css() -> str:
    """The stylesheet, without its comments and spare white space."""
    css = re.sub(r"/\*.*?\*/", "", CSS_FILE.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"\s*([{};,])\s*", r"\1", re.sub(r"\s+", " ", css)).strip()
