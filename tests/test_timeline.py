"""The timeline (/timeline/): its data checked at build time, the page's HTML, and the picture in
a real Chromium at 1600 and 400 px, in both palettes.

Set EDITION_SCREENSHOTS=some/dir to keep screenshots of the picture (wide and narrow, light and dark).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, build, copy_project
from scripts.edition.pages.timeline import PICTURE_NAME
from tests.site_html import SECTIONS, content, follow, soup

WIDE = {"width": 1600, "height": 1000}
NARROW = {"width": 390, "height": 844}
# WCAG 1.4.12: text spacing a reader may apply, after the page has loaded.
TEXT_SPACING = ("* { line-height: 1.5 !important; letter-spacing: 0.12em !important; "
                "word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }")
GLOSSARY = "footnotes/glossary.yaml"
TIMELINE = "footnotes/timeline.yaml"


def _edit(project: Path, rel: str, old: str, new: str) -> int:
    """Replace ``old`` once in a project file; returns the line where it stood."""
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def _check(project: Path) -> str:
    """The problems the engine finds in ``project`` (empty if none), without building."""
    from scripts.edition.read.loader import load_edition
    from scripts.edition.read.nav import essay_uris, read_mkdocs_yml
    from scripts.edition.problems import EditionError

    config = read_mkdocs_yml(project / "mkdocs.yml")
    try:
        load_edition(project, project / "docs", essay_uris(config["nav"]))
    except EditionError as error:
        return error.report()
    return ""


# ---- Dates in text -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, dates", [
    ("held in Tehran from 28 November to 1 December 1943.", ["1943-11-28", "1943-12-01"]),
    ("at Yalta in the Crimea, 4–11 February 1945.", ["1945-02-04", "1945-02-11"]),
    ("launched on 9–10 July 1943; the island was taken by 17 August 1943, and Mussolini was deposed on 25 July.",
     ["1943-07-09", "1943-07-10", "1943-08-17", "1943-07-25"]),
    ("carried out in April–May 1940", ["1940-04", "1940-05"]),
    ("from August 1942 to 2 February 1943", ["1942-08", "1943-02-02"]),
    ("opened on 23 October 1942 … by early November;", ["1942-10-23", "1942-11"]),
    ("War from July 1936 to April 1939", ["1936-07", "1939-04"]),
    ("Prime Minister 1955–1957", ["1955", "1957"]),
    ("the answer may be 40 miles", []),
    ("met on 25 July, and again in 1943", ["1943"]),  # a day with no year before or after it is no date
])
def test_dates_are_read_from_a_sentence(text, dates):
    from scripts.edition.read.timeline import dates_in_text

    assert dates_in_text(text) == dates


@pytest.mark.parametrize("start, end, text", [
    ("1943-11-28", "1943-12-01", "28 November – 1 December 1943"),
    ("1945-02-04", "1945-02-11", "4–11 February 1945"),
    ("1936-07", "1939-04", "July 1936 – April 1939"),
    ("1941-06-22", "1941-06-22", "22 June 1941"),
    ("1942-12", "1942-12", "December 1942"),
    ("1941-09", "1941-12-05", "September – 5 December 1941"),
    ("1942-10-23", "1942-11", "23 October – November 1942"),
])
def test_periods_are_written_out_as_a_historian_would(start, end, text):
    from scripts.edition.read.timeline import period_text

    assert period_text(start, end) == text


# ---- Bad data stops the build ---------------------------------------------------------------------

def test_a_bad_glossary_date_stops_the_build_with_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    line = _edit(project, GLOSSARY, "  date: 1941-06-22\n", "  date: 1941-06-31\n")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert f'{GLOSSARY}:{line}: glossary entry `barbarossa`: `date` "1941-06-31" is not a date in the calendar' \
        in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_timeline_date_stops_the_build_with_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    line = _edit(project, TIMELINE, "  date: 1943-05-15\n", "  date: 15 May 1943\n")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert f'{TIMELINE}:{line}: timeline event `comintern-dissolved`: `date` "15 May 1943" is not a year, a month ' \
           "or a day" in result.stderr
    assert "Traceback" not in result.stderr


# Where the problem is reported, when it is not the edited line: the line the field was lost from.
AT = {"timeline event `fall-of-france`: ends (1940-05-10) before it starts (1940-06-22)": "  end: 1940-05-10",
      "glossary entry `typhoon`: has `start` but no `end`": "  start: 1941-09\n",
      "timeline event `baltic-annexation`: this entry needs exactly one of `date`, `start`":
          "- id: baltic-annexation"}


@pytest.mark.parametrize("rel, old, new, message", [
    # a structured date its own text does not state
    (GLOSSARY, "  start: 1943-11-28\n", "  start: 1943-11-27\n",
     "glossary entry `tehran-conference`: 1943-11-27 is not stated by its text, which gives 1943-11-28, 1943-12-01"),
    # more precise than the text: the text gives only the month
    (GLOSSARY, "  start: 1942-08\n", "  start: 1942-08-23\n",
     "glossary entry `stalingrad`: 1942-08-23 is not stated by its text"),
    (TIMELINE, "  date: 1942-06-10\n", "  date: 1942-06-11\n",
     "timeline event `aide-memoire`: 1942-06-11 is not stated by its text"),
    (TIMELINE, "  start: 1940-05-10\n", "  start: 1940-13\n",
     'timeline event `fall-of-france`: `start` "1940-13" is not a date in the calendar'),
    (TIMELINE, "  start: 1940-05-10\n  end: 1940-06-22\n", "  start: 1940-06-22\n  end: 1940-05-10\n",
     "timeline event `fall-of-france`: ends (1940-05-10) before it starts (1940-06-22)"),
    (GLOSSARY, "  date: 1939-08-23\n", "  date: 1939-08-23\n  end: 1939-08-24\n",
     "glossary entry `nazi-soviet-pact`: has both `date` and `start`/`end`"),
    (GLOSSARY, "  end: 1941-12-05\n", "", "glossary entry `typhoon`: has `start` but no `end`"),
    (TIMELINE, "  date: 1940-06\n", "", "timeline event `baltic-annexation`: this entry needs exactly one of `date`, `start`"),
    # linked to a paragraph that does not mention it
    (TIMELINE, "  paragraphs: [22]\n  notes: [34]\n", "  paragraphs: [21, 22]\n  notes: [34]\n",
     "timeline event `stalin-roosevelt-1943-06-11`: lists paragraph 21, which does not mention it"),
    (TIMELINE, "  paragraphs: [16]\n  notes: [26]\n", "  paragraphs: [99]\n  notes: [26]\n",
     "lists paragraph 99, but the essay has paragraphs 1–25"),
    (TIMELINE, 'matches: ["London Poles"]', 'matches: ["London Poles", "Lublin Poles"]',
     "“Lublin Poles” occurs in none of its paragraphs"),
    (TIMELINE, "- about: kursk\n", "- about: kremlin\n", "glossary entry `kremlin` has no date"),
    (TIMELINE, "- about: kursk\n", "- about: kurks\n", "`kurks` is not in footnotes/glossary.yaml"),
    (TIMELINE, "- about: kursk\n", "- about: stalingrad\n", "is described a second time"),
    (TIMELINE, "  glossary: baltic-states\n", "  glossary: baltic-stats\n", "`baltic-stats` is not in footnotes/glossary.yaml"),
    (TIMELINE, "  notes: [26]\n", "  notes: [38]\n", "lists note 38, which does not exist"),
    (TIMELINE, "- id: un-charter\n", "- id: united-nations\n", "`united-nations` is already the id of a glossary entry"),
    (TIMELINE, "- id: un-charter\n", "- id: picture-1945\n", "`picture-1945` is an id the timeline page gives its own parts"),
    (TIMELINE, "- id: un-charter\n", "- id: fall-of-france\n", "timeline event `fall-of-france`: the id is used a "
     "second time (first on line "),
    # the essay's own words for a date (from_essay) stand where it says, and link their correction
    (TIMELINE, 'from_essay: {paragraph: 3, claim: "the 1936 Anti-Comintern Pact"}',
     'from_essay: {paragraph: 99, claim: "the 1936 Anti-Comintern Pact"}',
     "`from_essay` names paragraph 99, which does not exist"),
    (TIMELINE, 'from_essay: {paragraph: 3, claim: "the 1936 Anti-Comintern Pact"}',
     'from_essay: {paragraph: 3, claim: "the 1937 Anti-Comintern Pact"}',
     "`from_essay`: “the 1937 Anti-Comintern Pact” is not in paragraph 3"),
    (TIMELINE, "claim: \"2 May 1943\", correction: italy-surrender-p22}", "claim: \"2 May 1943\", correction: kopeck-p2}",
     "`from_essay` names the correction `kopeck-p2`, which is not a date correction in footnotes/editorial.yaml"),
    (TIMELINE, "correction: maisky-date-p2}", "correction: italy-surrender-p22}",
     "`from_essay` gives “19 October 1941”, but the correction `italy-surrender-p22` corrects"),
    # the edition must not contradict itself: a corrected date is the event's date
    ("footnotes/editorial.yaml", '  correction: "1945"\n', '  correction: "1946"\n',
     "timeline event `yalta-conference`: is dated 4–11 February 1945, but the editor’s correction `yalta-1945`"),
    ("footnotes/editorial.yaml", '  correction: "3 September 1943 (announced 8 September)"\n',
     '  correction: "2 September 1943 (announced 8 September)"\n',
     "timeline event `italian-armistice`: is dated 3 September 1943, but the editor’s correction"),
])
def test_dates_that_disagree_or_links_that_do_not_hold_are_problems(tmp_path, rel, old, new, message):
    project = copy_project(tmp_path / "project")
    assert _check(project) == ""
    line = _edit(project, rel, old, new)
    report = _check(project)
    assert message in report, report
    if rel == "footnotes/editorial.yaml":  # reported at the event's date, naming the correction's line
        assert re.search(r"(glossary|timeline)\.yaml:\d+: .*editorial\.yaml:\d+", report), report
        return
    at = AT.get(message, new.splitlines()[0] if new else old)
    lines = (project / rel).read_text(encoding="utf-8").splitlines()
    expected = next(n for n in range(line + max(new.count("\n") - 1, 0), 0, -1)
                    if at.strip() in lines[n - 1])  # in the edit, or above it
    assert f"{rel}:{expected}:" in report, (expected, report)


# ---- The page's HTML ------------------------------------------------------------------------------

# Dates from standard references (The Oxford Companion to World War II; Encyclopaedia Britannica),
# written out here independently of the YAML: the list must give exactly these.
KNOWN = {
    "nazi-soviet-pact": "23 August 1939",
    "barbarossa": "22 June 1941",
    "atlantic-charter": "14 August 1941",
    "anglo-soviet-treaty": "26 May 1942",
    "moscow-conference-1942": "12–16 August 1942",  # Churchill left before dawn on the 16th (issue 23)
    "casablanca-conference": "14–24 January 1943",
    "kursk": "5 July – 23 August 1943",
    "italian-armistice": "3 September 1943",
    "moscow-conference-1943": "19–30 October 1943",
    "tehran-conference": "28 November – 1 December 1943",
    "overlord": "6 June 1944",
    "warsaw-uprising": "1 August – 2 October 1944",
    "yalta-conference": "4–11 February 1945",
    "comintern-dissolved": "15 May 1943",
    "break-with-polish-government": "25 April 1943",
    "katyn-graves": "13 April 1943",
    "invasion-of-poland": "1 September 1939",
    "un-charter": "26 June 1945",
}


def _list(site):
    return content(site, "timeline/").select("ol.tl-list > li.tl-event")


def test_the_list_gives_at_least_30_events_in_order_each_dated_and_linked_to_paragraphs(site):
    items = _list(site)
    assert len(items) >= 30
    starts = [li.select_one("time")["datetime"] for li in items]
    assert starts == sorted(starts, key=lambda iso: (iso + "-01-01")[:10]) or \
        [s[:7] for s in starts] == sorted(s[:7] for s in starts)
    for li in items:
        assert li.select_one(".tl-when time").get_text(strip=True), li["id"]
        links = [a["href"] for a in li.select(".tl-links a")]
        assert any(re.fullmatch(r"\.\./essay/[a-z-]+/#p\d+", href) for href in links), li["id"]


@pytest.mark.parametrize("event, when", KNOWN.items())
def test_the_dates_are_the_historical_dates(site, event, when):
    li = content(site, "timeline/").select_one(f"li#{event}")
    assert li is not None, event
    assert li.select_one(".tl-when").get_text(strip=True) == when


def _forms() -> dict[str, list[str]]:
    """Each event's forms, read here from the YAML (glossary `matches` or timeline `matches`)."""
    glossary = yaml.safe_load((ROOT / GLOSSARY).read_text(encoding="utf-8"))
    timeline = yaml.safe_load((ROOT / TIMELINE).read_text(encoding="utf-8"))
    forms = {e["id"]: e["matches"] for e in glossary if any(k in e for k in ("date", "start"))}
    forms |= {e["id"]: e["matches"] for e in timeline if "id" in e}
    return forms


def test_every_paragraph_an_event_links_to_names_it(site):
    forms = _forms()
    checked = 0
    for li in _list(site):
        for a in [a for a in li.select(".tl-links a") if re.search(r"#p\d+$", a["href"])]:
            path, anchor = a["href"].removeprefix("../").split("#")
            paragraph = content(site, path).select_one(f"p#{anchor}")
            assert paragraph is not None, a["href"]
            text = paragraph.get_text()
            assert any(re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text) for f in forms[li["id"]]), \
                f"{li['id']} links to {a['href']}, which does not name it"
            checked += 1
    assert checked >= 60


def test_notes_citing_sources_and_glossary_entries_are_linked(site):
    tehran = content(site, "timeline/").select_one("li#tehran-conference .tl-links")
    assert [a["href"] for a in tehran.select("a[href^='../notes/']")] == \
        ["../notes/1/", "../notes/18/", "../notes/37/"]
    assert tehran.select_one("a[href='../glossary/#tehran-conference']")
    glossary_ids = {h["id"] for h in content(site, "glossary/").select("h3[id]")}
    for a in content(site, "timeline/").select(".tl-links a[href^='../glossary/#']"):
        assert a["href"].split("#")[1] in glossary_ids


def test_the_picture_shows_the_same_events_as_the_list(site):
    page = content(site, "timeline/")
    picture = page.select_one(".tl-picture")
    # A named region the keyboard can scroll; its drawing is hidden: the list is the accessible equivalent.
    assert picture["role"] == "region" and picture["tabindex"] == "0" and picture["aria-label"].strip()
    assert [c["aria-hidden"] for c in picture.find_all(recursive=False) if c.name != "style"] == ["true"]
    drawn = {a["data-event"] for a in picture.select("a.tl-item")}
    listed = {li["id"] for li in _list(site)}
    assert drawn == listed
    assert all(a["tabindex"] == "-1" and a["href"] == f"#{a['data-event']}" for a in picture.select("a.tl-item"))
    assert {s["id"] for s in picture.select("section.tl-year")} == {f"picture-{y}" for y in range(1936, 1946)}


def test_the_list_has_a_heading_per_year_and_links_back_to_the_picture(site):
    page = content(site, "timeline/")
    picture = page.select_one(".tl-picture")
    headings = page.select("h3.tl-list-year")
    assert [h.get_text() for h in headings] == sorted({li.select_one("time")["datetime"][:4] for li in _list(site)})
    for heading in headings:  # outside the picture, each followed by its year's events and a way to the picture
        assert heading["id"] == f"y{heading.get_text()}" and not heading.find_parent(attrs={"aria-hidden": True})
        to_picture = heading.find_next("a")
        assert to_picture.get_text() == f"{heading.get_text()} in the picture"
        assert picture.select_one(f"section[id='{to_picture['href'][1:]}']")
        events = heading.find_next("ol", class_="tl-list").select("li.tl-event")
        assert events and all(li.select_one("time")["datetime"][:4] == heading.get_text() for li in events)
    for li in _list(site):  # and each event to its mark, in the year it begins
        show = li.select_one(".tl-links a")
        assert show.get_text() == "Show in the picture", li["id"]
        target = picture.select_one(f"[id='{show['href'][1:]}']")
        assert target.find_parent("a")["data-event"] == li["id"]
        assert target.find_parent("section")["id"] == f"picture-{li.select_one('time')['datetime'][:4]}"
    # A year link reaches the list's headings in one step each; the intro asks nothing a reader cannot do.
    assert [a["href"] for a in page.select(".tl-years a")] == [f"#{h['id']}" for h in headings]
    intro = page.select_one(".tl-intro").get_text()
    assert "Select" not in intro and "list below" in intro


def test_the_month_lines_stand_exactly_under_the_month_names(site):
    for year in content(site, "timeline/").select("section.tl-year"):
        labels = [float(s["style"].removeprefix("left:").removesuffix("%"))
                  for s in year.select(".tl-months span")]
        lines = [float(s["style"].removeprefix("left:").removesuffix("%")) for s in year.select(".tl-grid > span")]
        assert len(labels) == 12 and lines == labels[1:], year["id"]


def test_each_section_links_to_its_period_on_the_timeline_in_a_few_bytes(site):
    years = {h["id"] for h in content(site, "timeline/").select("h3.tl-list-year")}
    for slug in SECTIONS:
        link = content(site, f"essay/{slug}/").select_one(".edition-meta a.timeline-link")
        assert link is not None, slug
        href = link["href"]
        assert href.startswith("../../timeline/#y"), href
        assert href.split("#")[1] in years
        first, _, last = link.get_text().removesuffix(" on the timeline").partition("–")
        assert href.endswith(f"#y{first}") and (not last or int(last) >= int(first))
        assert len(f' · {link}') < 120  # bytes added to the section page
        # the period is that of the events whose list entries link to this section's paragraphs
        starts = [int(li.select_one("time")["datetime"][:4]) for li in _list(site)
                 if li.select(f".tl-links a[href^='../essay/{slug}/#p']")]
        ends = [int(t.get_text()[-4:]) for li in _list(site)
                if li.select(f".tl-links a[href^='../essay/{slug}/#p']") for t in li.select(".tl-when time")]
        assert (int(first), int(last or first)) == (min(starts), max(ends)), slug


def test_the_picture_and_the_glossary_texts_stay_out_of_the_search_index(site):
    import json

    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(d["text"] for d in docs if d["location"].startswith("timeline/"))
    assert "JanFebMar" not in text and "Winant sees Molotov" not in text  # the picture's months and labels
    assert "Code name for the invasion of the Soviet Union" not in text  # Barbarossa's glossary text
    assert "Molotov negotiates in London from 21 May 1942" in text  # an event of timeline.yaml is found


def test_the_timeline_styles_are_on_the_timeline_page_only(site):
    styles = soup(site, "timeline/").select("article style")
    assert len(styles) == 1 and ".tl-picture{" in styles[0].get_text()
    assert "/*" not in styles[0].get_text()
    for slug in SECTIONS:
        assert ".tl-picture" not in (site / "essay" / slug / "index.html").read_text(encoding="utf-8")


# ---- In Chromium ----------------------------------------------------------------------------------

BOXES_JS = """() => [...document.querySelectorAll('.tl-picture a.tl-item')].map(a => {
  const r = e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
  const label = a.querySelector('.tl-label'), mark = a.querySelector('.tl-dot, .tl-bar');
  return {id: a.dataset.event, year: a.closest('section').id, label: r(label), mark: r(mark),
          clipped: label.scrollWidth > label.clientWidth + 1,
          size: parseFloat(getComputedStyle(label).fontSize), visible: label.checkVisibility()};
})"""


def _overlap(a, b) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


def _screenshot(page, name: str) -> None:
    folder = os.environ.get("EDITION_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name))


def _labels_apart(page) -> int:
    boxes = page.evaluate(BOXES_JS)
    assert len(boxes) >= 30
    for box in boxes:
        assert box["visible"] and box["size"] >= 12, box
        assert not box["clipped"], f"the label of {box['id']} in {box['year']} is cut off"
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not _overlap(a["label"], b["label"]), f"labels of {a['id']} and {b['id']} overlap"
            assert not _overlap(a["label"], b["mark"]), f"label of {a['id']} covers the mark of {b['id']}"
            assert not _overlap(b["label"], a["mark"]), f"label of {b['id']} covers the mark of {a['id']}"
    return len(boxes)


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=lambda v: str(v["width"]))
def test_the_picture_is_visible_and_no_label_overlaps_another(page, server, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{server}/timeline/")
    picture = page.locator(".tl-picture")
    assert picture.is_visible()
    assert picture.evaluate("e => getComputedStyle(e).overflowX") == "auto"  # its stylesheet is there
    _labels_apart(page)
    if viewport is WIDE:  # the whole year fits: nothing to scroll
        assert picture.evaluate("e => e.scrollWidth <= e.clientWidth")
    else:  # the picture scrolls sideways inside itself; the page does not
        assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
        # and on a phone the names are short, so that more than three and a half months show
        months = page.evaluate("""(() => {
          const picture = document.querySelector('.tl-picture').getBoundingClientRect();
          const plot = document.querySelector('.tl-plot').getBoundingClientRect();
          return (picture.right - plot.left) / (plot.width / 12);
        })()""")
        assert months > 3.5, months
    # With the reader's text spacing (WCAG 1.4.12), applied after load, no label is cut off or collides.
    page.add_style_tag(content=TEXT_SPACING)
    _labels_apart(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=lambda v: str(v["width"]))
def test_axe_finds_no_serious_violation_on_the_timeline(page, server, viewport, scheme):
    from tests.test_reading import _serious

    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size(viewport)
    page.goto(f"{server}/timeline/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == \
        ("slate" if scheme == "dark" else "default")
    page.evaluate("document.querySelector('#picture-1942').scrollIntoView()")
    _screenshot(page, f"timeline-{viewport['width']}-{scheme}.png")
    assert _serious(page) == []


def test_the_list_is_what_a_phone_and_a_screen_reader_get(page, server):
    page.set_viewport_size(NARROW)
    page.goto(f"{server}/timeline/")
    items = page.get_by_role("list").filter(has=page.locator("li.tl-event")).get_by_role("listitem")
    assert items.count() >= 30
    tehran = page.locator("li#tehran-conference")
    tehran.scroll_into_view_if_needed()
    assert tehran.is_visible()
    box = tehran.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"]
    # The picture is one named region, its drawing not read out twice, nor its marks in the tab order.
    picture = page.locator(".tl-picture")
    assert picture.evaluate("e => e.scrollWidth > e.clientWidth")  # it scrolls, so it is a tab stop
    assert picture.aria_snapshot() == f'- region "{PICTURE_NAME}"'
    assert page.evaluate("[...document.querySelectorAll('.tl-picture a')].every(a => a.tabIndex === -1)")
    assert page.get_by_role("heading", name="1943", level=3).count() == 1
    assert page.get_by_role("link", name="¶24").count() >= 1


def _settled_top(page, selector: str) -> dict:
    """The box of ``selector`` once the scroll has settled (a few frames; longer on a busy machine)."""
    box, last = None, None
    for _ in range(50):
        page.wait_for_timeout(100)
        box = page.evaluate(f"(() => {{ const b = document.querySelector({selector!r}).getBoundingClientRect(); "
                            "return {left: b.left, top: b.top, right: b.right, bottom: b.bottom}; })()")
        if box == last:
            break
        last = box
    return box


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=lambda v: str(v["width"]))
def test_the_picture_and_the_list_lead_to_each_other(page, server, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{server}/timeline/", wait_until="networkidle")
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    # From the list to the mark: Tehran, at the end of 1943, is brought into view, clear of the
    # header and of the year and lane names, and ringed.
    follow(page.locator("li#tehran-conference a", has_text="Show in the picture"))
    page.wait_for_url("**/timeline/#picture-tehran-conference")
    mark = _settled_top(page, "#picture-tehran-conference")
    gutter = page.evaluate("document.querySelector('#picture-1943 .tl-lane-name').getBoundingClientRect().right")
    edge = page.evaluate("document.querySelector('.tl-picture').getBoundingClientRect().right")
    assert header < mark["top"] and mark["bottom"] < viewport["height"] * 0.75, mark
    assert gutter <= mark["left"] and mark["right"] <= edge, (gutter, mark, edge)
    assert page.evaluate("getComputedStyle(document.querySelector('#picture-tehran-conference')).outlineStyle") \
        == "solid"
    # …and from the mark to its entry in the list, which stands below the header, high on the screen.
    follow(page.locator(".tl-picture a[data-event='tehran-conference'] .tl-label"))
    page.wait_for_url("**/timeline/#tehran-conference")
    entry = _settled_top(page, "li#tehran-conference")
    assert header < entry["top"] < viewport["height"] / 2, entry


def test_a_section_opens_the_timeline_at_its_year_in_the_list(page, server):
    """Through Material's instant navigation: the timeline's own stylesheet must still load. The
    year link lands on the list's heading, which every reader can use; the next Tab is its way to the picture."""
    page.set_viewport_size(WIDE)
    page.goto(f"{server}/essay/crisis-to-tehran/")
    page.evaluate("window.__samePage = true")
    link = page.locator(".edition-meta a.timeline-link")
    first = link.inner_text()[:4]
    follow(link)
    page.wait_for_url(f"**/timeline/#y{first}")
    assert page.evaluate("window.__samePage === true"), "instant navigation was not used"
    page.wait_for_function("(e => !!e && getComputedStyle(e).overflowX === 'auto')"
                           "(document.querySelector('.tl-picture'))")
    heading = page.locator(f"#y{first}")
    assert heading.evaluate("e => e.matches('h3') && !e.closest('[aria-hidden]')")
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    top = _settled_top(page, f"#y{first}")["top"]
    assert header < top < WIDE["height"] / 2, top
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == f"{first} in the picture"


def test_the_marks_and_keys_show_in_forced_colours(page, server):
    page.emulate_media(forced_colors="active")
    page.set_viewport_size(WIDE)
    page.goto(f"{server}/timeline/")
    colours = page.evaluate("""(() => {
      const page = getComputedStyle(document.body).backgroundColor;
      const fill = (e, pseudo) => getComputedStyle(e, pseudo).backgroundColor;
      return {page, dots: [...document.querySelectorAll('.tl-dot')].map(e => fill(e)),
              keys: [...document.querySelectorAll('.tl-key')].map(e => fill(e, '::before')),
              bars: [...document.querySelectorAll('.tl-bar')].map(e => getComputedStyle(e).borderTopColor)};
    })()""")
    assert len(colours["dots"]) >= 20 and len(colours["keys"]) == 6 and len(colours["bars"]) >= 20
    for kind in ("dots", "bars"):
        unseen = [c for c in colours[kind] if c == colours["page"] or re.fullmatch(r"rgba\(.*, 0\)", c)]
        assert not unseen, (kind, unseen)
    lanes = colours["keys"][:3]  # the lanes' keys are filled; the kinds' keys are outlined
    assert all(c != colours["page"] for c in lanes), colours


def test_the_picture_prints_within_the_page(page, server):
    page.set_viewport_size({"width": 800, "height": 1000})
    page.goto(f"{server}/timeline/")
    page.emulate_media(media="print")
    picture = page.locator(".tl-picture")
    assert picture.is_visible()
    assert picture.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), "the printed picture is cut off"


def test_the_timeline_stylesheet_ships_with_the_engine():
    """It is read at build time from the package, so an installed wheel must carry it."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "timeline.css" in project["tool"]["setuptools"]["package-data"]["scripts.edition.pages"]
    assert (ROOT / "scripts" / "edition" / "pages" / "timeline.css").is_file()


# ---- Issue 23: a source behind every statement; the essay's own dates checked ------------------

def _edition():
    from scripts.edition.read.loader import load_edition
    from scripts.edition.read.nav import essay_uris, read_mkdocs_yml

    return load_edition(ROOT, ROOT / "docs", essay_uris(read_mkdocs_yml(ROOT / "mkdocs.yml")["nav"]))


def test_every_event_has_a_basis_and_every_date_from_the_essay_agrees_with_its_correction():
    """Each event names what it was checked against. An event whose date the essay states records
    it; no event repeats a date the editor corrected: where a date correction corrects the very words
    an event's date comes from, the event links that correction and carries the corrected date."""
    from scripts.edition.read.timeline import bounds, dates_in_text

    edition = _edition()
    events = edition.timeline
    assert all(e.basis for e in events), [e.id for e in events if not e.basis]
    from_essay = [e for e in events if e.essay_claim]
    assert len(from_essay) >= 25
    corrections = {n.id: n for n in edition.editorial if n.kind == "date"}
    for event in from_essay:
        place = event.essay_place
        for note in corrections.values():
            where = f"¶{note.anchor.paragraph}" if note.anchor.paragraph else f"note {note.anchor.note}"
            if where == place and note.original in event.essay_claim:
                assert event.correction == note.id, f"{event.id} repeats “{note.original}”, which {note.id} corrects"
        if event.correction:
            note = corrections[event.correction]
            first, last = bounds(dates_in_text(note.correction)[0])
            assert not (last < bounds(event.start)[0] or first > bounds(event.end)[1]), event.id
    # the slip the review found: the cable to Maisky was of 1942, and the timeline draws it there
    maisky = next(e for e in events if e.id == "stalin-cable-maisky")
    assert (maisky.start, maisky.correction, maisky.essay_claim) == ("1942-10-19", "maisky-date-p2", "19 October 1941")


@pytest.mark.parametrize("old, new, message", [
    ('claim: "19 October 1941", correction: maisky-date-p2}', 'claim: "19 October 1940", correction: maisky-date-p2}',
     "timeline event `stalin-cable-maisky`: `from_essay`: “19 October 1940” is not in paragraph 2"),
    ('claim: "19 October 1941", correction: maisky-date-p2}', 'claim: "19 October 1941", correction: principal-p2}',
     "timeline event `stalin-cable-maisky`: `from_essay` names the correction `principal-p2`, which is not a date "
     "correction in footnotes/editorial.yaml"),
    ('{paragraph: 22, claim: "11 June 1943"}', '{paragraph: 22, claim: "11 June 1943", correction: maisky-date-p2}',
     "timeline event `stalin-roosevelt-1943-06-11`: `from_essay` gives “11 June 1943”, but the correction "
     "`maisky-date-p2` corrects “19 October 1941”"),
])
def test_a_date_from_the_essay_is_checked_where_it_stands(tmp_path, old, new, message):
    project = copy_project(tmp_path / "project")
    line = _edit(project, TIMELINE, old, new)
    report = _check(project)
    assert f"{TIMELINE}:{line}: {message}" in report, report


def test_an_event_that_repeats_a_corrected_date_is_refused(tmp_path):
    """Drawn in the essay's year again (as 1.1 drew the cable to Maisky): the build says which correction it contradicts."""
    project = copy_project(tmp_path / "project")
    line = _edit(project, TIMELINE, "  date: 1942-10-19\n", "  date: 1941-10-19\n")
    _edit(project, TIMELINE, "In a cipher telegram of 19 October 1942", "In a cipher telegram of 19 October 1941")
    report = _check(project)
    event_line = line - 3  # the event's `- id:` line
    assert (f"{TIMELINE}:{event_line}: timeline event `stalin-cable-maisky`: is dated 19 October 1941, but the "
            "editor’s correction `maisky-date-p2` (footnotes/editorial.yaml:") in report, report



def test_a_date_correction_whose_phrase_names_an_event_is_checked_against_it_unlinked(tmp_path):
    """The second way a correction meets an event: its phrase names the event ("at Yalta in 1944"),
    whether or not the event links it from its `from_essay`."""
    project = copy_project(tmp_path / "project")
    _edit(project, TIMELINE, 'claim: "1944", correction: yalta-1945}', 'claim: "1944"}')
    _edit(project, "footnotes/editorial.yaml", '  correction: "1945"\n', '  correction: "1946"\n')
    report = _check(project)
    assert "timeline event `yalta-conference`: is dated 4–11 February 1945, but the editor’s correction " \
           "`yalta-1945`" in report, report


def test_the_list_shows_each_events_basis_and_where_its_date_comes_from(site):
    page = content(site, "timeline/")
    for li in page.select("li.tl-event"):
        basis = li.select_one(".tl-basis")
        assert basis is not None and basis.get_text().startswith("Basis:"), li.get("id")
    maisky = page.select_one("li#stalin-cable-maisky")
    assert "Date from the essay (¶2: “19 October 1941”), corrected" in maisky.get_text()
    assert maisky.select_one("a[href$='editorial/#maisky-date-p2']") is not None
    assert "alliance.rusarchives.ru" in maisky.select_one(".tl-basis").get_text()


def test_the_glossary_shows_each_entrys_basis(site):
    page = content(site, "glossary/")
    headings = page.select("h3.glossary-heading")
    assert len(headings) >= 80
    for heading in headings:
        basis = heading.find_next("p")
        while basis is not None and "glossary-basis" not in (basis.get("class") or []):
            basis = basis.find_next_sibling("p") if "glossary-mentions" not in (basis.get("class") or []) else None
        assert basis is not None and basis.get_text().startswith("Basis:"), heading.get("id")


def test_a_withdrawn_entry_keeps_its_address_and_leads_to_what_it_said(site):
    page = content(site, "editorial/")
    withdrawn = page.select_one("#eden-arrival-p6")
    assert withdrawn is not None and "withdrawn in version 2.0" in withdrawn.get_text()
    link = withdrawn.select_one("a[href*='changes/#v2']")
    assert link is not None
    anchor = link["href"].split("#", 1)[1]
    changes = content(site, "changes/")
    heading = changes.select_one(f"[id='{anchor}']")
    assert heading is not None
    assert "Did Eden arrive in Moscow on 16 December 1941, or the day before?" in changes.get_text()
