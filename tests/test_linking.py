"""Reading and linking to a note, in a real Chromium (issue 11): sidenotes instead of tooltips,
markers that keep their punctuation, copy-link controls and the paragraph menu, landing on a
linked place, touch popovers, the reader's switch for the editor's layers, print, search
snippets and layout."""

from __future__ import annotations

import json

import pytest

from tests import original
from tests.site_html import SECTIONS, follow
from tests.test_reading import _assert_sidenotes_beside_markers, _serious

ESSAY = "essay/borders-and-the-alliance/"
TOOLTIP = ".md-tooltip2--active"


@pytest.fixture
def new_page(browser, server):
    """A page in a context of one's own (clipboard rights, touch), failing on script errors."""
    contexts = []

    def make(**options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        return page

    yield make
    for context in contexts:
        for page in context.pages:
            assert not page.errors, page.errors
        context.close()


# ---- Sidenotes and tooltips do not compete ----------------------------------------------------

@pytest.mark.parametrize("width", [1000, 1024, 1280, 1600])
def test_a_marker_beside_a_visible_sidenote_highlights_it_instead_of_a_tooltip(page, server, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{server}/{ESSAY}")
    side = page.locator(".sidenote[data-note='12']")
    side.wait_for(state="visible")
    assert len(_assert_sidenotes_beside_markers(page)) == 10  # beside the text, on the screen, not overlapping
    page.hover("#fnref\\:12 a")
    page.wait_for_function("document.querySelector(\".sidenote[data-note='12']\").classList.contains('is-active')")
    page.locator("#fnref\\:9 a").focus()
    page.wait_for_timeout(600)  # Material opens its tooltips after 250 ms
    assert "is-active" in page.locator(".sidenote[data-note='9']").get_attribute("class")
    assert page.locator(".md-tooltip2, .edition-popover").evaluate_all("els => els.filter(e => e.offsetWidth > 0).length") == 0, \
        "a tooltip covers the text beside the sidenote"
    side.hover()
    assert "is-active" in page.locator("#fnref\\:12 a").get_attribute("class")
    # The contents panel, which would list only "Notes", gives way to the margin.
    assert not page.locator(".md-sidebar--secondary").is_visible()


# ---- Typesetting: a marker never parts from the punctuation beside it --------------------------

MARKER_SPACING_JS = """() => [...document.querySelectorAll("article sup[id^='fnref:']")].map(sup => {
  const rects = [...sup.getClientRects()], box = rects[rects.length - 1], first = rects[0];
  function charRect(node, offset) {
    const r = document.createRange(); r.setStart(node, offset); r.setEnd(node, offset + 1);
    return r.getBoundingClientRect();
  }
  const after = sup.nextSibling, before = sup.previousSibling;
  const out = {n: sup.id.slice(6), lines: new Set(rects.map(r => Math.round(r.top))).size,
               size: parseFloat(getComputedStyle(sup.closest('p')).fontSize)};
  if (after && after.nodeType === 3 && /^\\S/.test(after.data)) {
    const c = charRect(after, 0);
    out.after = {char: after.data[0], gap: c.left - box.right, sameLine: c.top < box.bottom && c.bottom > box.top};
  }
  if (before && before.nodeType === 1) {  // a correction or term: its box, with its "ed." mark
    const rs = before.getClientRects(), c = rs[rs.length - 1];
    out.before = {char: before.textContent.slice(-1), gap: first.left - c.right, sameLine: c.top < first.bottom && c.bottom > first.top};
  } else if (before && /\\S$/.test(before.data)) {
    const c = charRect(before, before.data.length - 1);
    out.before = {char: before.data.slice(-1), gap: first.left - c.right, sameLine: c.top < first.bottom && c.bottom > first.top};
  }
  return out;
})"""


@pytest.mark.parametrize("width", [400, 1024, 1280, 1600])
def test_no_marker_is_parted_from_its_punctuation_and_spacing_is_even(page, server, width):
    page.set_viewport_size({"width": width, "height": 900})
    checked = 0
    for slug in SECTIONS:
        page.goto(f"{server}/essay/{slug}/")
        for marker in page.evaluate(MARKER_SPACING_JS):
            where = f"{slug} marker {marker['n']} at {width} px"
            assert marker["lines"] == 1, f"{where} is broken across lines"
            for side in ("before", "after"):
                if side in marker:
                    checked += 1
                    assert marker[side]["sameLine"], f"{where}: {marker[side]['char']!r} {side} it is on another line"
                    assert -1 <= marker[side]["gap"] <= 0.2 * marker["size"], f"{where}: gap {side} {marker[side]}"
    assert checked > 37  # every marker has a word or punctuation on at least one side


# ---- Copy-link controls --------------------------------------------------------------------------

def test_copy_controls_put_the_canonical_address_on_the_clipboard(new_page, server):
    page = new_page(permissions=["clipboard-read", "clipboard-write"], viewport={"width": 1600, "height": 900})
    page.goto(f"{server}/{ESSAY}")
    clipboard = "navigator.clipboard.readText()"
    # Another feature's action slots into the paragraph menu beside "Copy link".
    page.evaluate("""edition.actions.push({label: 'Copy citation', applies: (t, kind) => kind === 'paragraph',
                                           text: (t, url) => 'Cite ' + t.id + ' at ' + url})""")

    # The paragraph's marginal number: Enter opens its menu, with the address and the actions.
    number = page.get_by_role("button", name="Paragraph 7", exact=True)
    assert number.is_visible()
    number.focus()
    page.keyboard.press("Enter")
    menu = page.get_by_role("dialog", name="Paragraph 7")
    menu.wait_for(state="visible")
    assert f"{server}/{ESSAY}#p7" in menu.inner_text()
    assert page.evaluate("document.activeElement.textContent") == "Copy link"
    assert page.url == f"{server}/{ESSAY}#p7"
    page.keyboard.press("Enter")
    assert page.evaluate(clipboard) == f"{server}/{ESSAY}#p7"
    status = page.get_by_role("status").filter(has_text="Copied")
    status.wait_for(state="attached")
    # Heard, not seen: the announcement takes no room on the page (the button shows "Copied").
    assert status.evaluate("e => { const r = e.getBoundingClientRect(); return r.width * r.height; }") <= 1
    assert menu.get_by_role("button", name="Copied").is_visible()  # a visible confirmation
    menu.get_by_role("button", name="Copy citation").click()
    assert page.evaluate(clipboard) == f"Cite p7 at {server}/{ESSAY}#p7"
    # Issue 14's citations of the paragraph, as a link in the same menu.
    assert menu.get_by_role("link", name="Cite this paragraph").get_attribute("href") == f"{server}/cite/#p7"
    page.keyboard.press("Escape")
    menu.wait_for(state="detached")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Paragraph 7"

    # The notes list and the sidenote: the note's own page is its address.
    page.get_by_role("button", name="Copy link to note 12").click()
    assert page.evaluate(clipboard) == f"{server}/notes/12/"
    page.evaluate("navigator.clipboard.writeText('')")
    side = page.locator(".sidenote[data-note='13']")
    side.hover()
    side.locator(".copy-link").click()
    assert page.evaluate(clipboard) == f"{server}/notes/13/"

    # The note's page shows its address, and copies it.
    page.goto(f"{server}/notes/12/")
    address = page.locator(".note-address")
    assert f"{server}/notes/12/" in address.inner_text()
    page.get_by_role("button", name="Copy link to this note").click()
    assert page.evaluate(clipboard) == f"{server}/notes/12/"


# ---- Landing --------------------------------------------------------------------------------------

LANDED_JS = """id => {
  const target = document.getElementById(id), h = CSS.highlights.get('edition-landing');
  return {top: target.getBoundingClientRect().top, height: innerHeight, landed: target.classList.contains('is-landed'),
          sentence: h ? [...h][0].toString() : null,
          side: !!document.querySelector(".sidenote.is-landed[data-note='12']")};
}"""
SENTENCE_12 = ("Derek Watson argues that ‘with the deteriorating military situation… broader objectives had to be "
               "abandoned for a second front to relieve pressure on the USSR and ensure its survival’12.")


def _assert_landed(page, target_id: str) -> dict:
    page.wait_for_timeout(300)
    landed = page.evaluate(LANDED_JS, target_id)
    third = landed["height"] / 3
    assert abs(landed["top"] - third) < 0.1 * landed["height"], f"{target_id} landed at {landed['top']}, not near {third}"
    assert landed["landed"]
    return landed


def test_landing_on_a_marker_a_note_or_a_paragraph_shows_it_in_context(page, server):
    page.goto(f"{server}/{ESSAY}#fnref:12")
    landed = _assert_landed(page, "fnref:12")
    assert landed["sentence"] == SENTENCE_12 and landed["side"]
    page.goto(f"{server}/{ESSAY}#fn:12")
    _assert_landed(page, "fn:12")
    page.goto(f"{server}/{ESSAY}#p7")
    assert _assert_landed(page, "p7")["sentence"] is None


def test_landing_from_a_note_page_by_instant_navigation(page, server):
    page.goto(f"{server}/notes/12/")
    page.evaluate("window.__stillTheSamePage = true")
    follow(page.locator("article a[href*='#fnref:12']"))
    page.wait_for_url(f"**/{ESSAY}#fnref:12")
    landed = _assert_landed(page, "fnref:12")
    assert page.evaluate("window.__stillTheSamePage === true"), "the page was fully reloaded"
    assert landed["sentence"] == SENTENCE_12


# ---- Touch ---------------------------------------------------------------------------------------

def test_touch_taps_open_notes_and_explanations_in_place(new_page, server):
    page = new_page(has_touch=True, viewport={"width": 400, "height": 900})
    page.goto(f"{server}/{ESSAY}")
    popover = page.locator(".edition-popover")

    marker = page.locator("#fnref\\:9 a")
    marker.scroll_into_view_if_needed()
    scroll = page.evaluate("scrollY")
    marker.tap()
    popover.wait_for(state="visible")
    assert original.notes()[9] in popover.inner_text()
    assert popover.get_by_role("link", name="Note 9 and its source").is_visible()
    assert page.url == f"{server}/{ESSAY}" and abs(page.evaluate("scrollY") - scroll) < 5, "the tap left the page"
    page.wait_for_timeout(400)
    assert page.locator(".md-tooltip2").evaluate_all("els => els.filter(e => e.offsetWidth > 0).length") == 0
    page.keyboard.press("Escape")  # closes it, the focus back on the marker
    popover.wait_for(state="detached")

    correction = page.locator("#ed-yalta-1945")
    correction.tap()
    popover.wait_for(state="visible")
    text = popover.inner_text()
    assert text.index("for “1944” read “1945”") < text.index("Basis:")
    assert popover.get_by_role("link", name="All the editorial notes").is_visible()
    page.touchscreen.tap(200, 880)  # outside
    popover.wait_for(state="detached")

    term = page.locator("a.glossary-term").first
    term.tap()
    popover.wait_for(state="visible")
    assert popover.inner_text().startswith("Glossary: ")
    page.keyboard.press("Escape")
    popover.wait_for(state="detached")
    assert page.url == f"{server}/{ESSAY}"


# ---- The reader's switch for the editor's layers --------------------------------------------------

def test_the_layers_switch_hides_the_editors_marks_and_is_remembered(new_page, server):
    page = new_page(viewport={"width": 1600, "height": 900})
    page.goto(f"{server}/{ESSAY}")
    switch = page.get_by_role("button", name="Hide the editor’s marks")
    page.locator(".sidenote").first.wait_for(state="visible")
    decoration = "e => getComputedStyle(e).textDecorationLine + ' ' + getComputedStyle(e, '::after').content"
    assert page.locator("#ed-yalta-1945").evaluate(decoration) == 'underline "ed." / "(editor’s correction)"'
    assert switch.get_attribute("aria-pressed") == "false"
    switch.click()
    assert switch.get_attribute("aria-pressed") == "true"
    assert page.locator("#ed-yalta-1945").evaluate(decoration) == "none none"
    assert page.locator(".glossary-term").first.evaluate("e => getComputedStyle(e).textDecorationLine") == "none"
    # The author's own notes stay, in the margin too; the marks are no longer links at all.
    assert page.locator(".sidenote").first.is_visible()
    assert page.locator("#ed-yalta-1945").get_attribute("href") is None
    assert _serious(page) == []
    # Remembered on the next page and after a reload.
    page.goto(f"{server}/essay/warsaw/")
    assert page.get_by_role("button", name="Hide the editor’s marks").get_attribute("aria-pressed") == "true"
    assert page.locator(".edition-correction, .glossary-term").first.evaluate(
        "e => getComputedStyle(e).textDecorationLine") == "none"
    page.get_by_role("button", name="Hide the editor’s marks").click()
    page.reload()
    assert page.locator("a.glossary-term").first.evaluate(
        "e => getComputedStyle(e).textDecorationLine") != "none"
    # The title page's legend explains the switch.
    page.goto(f"{server}/")
    assert "Hide the editor’s marks" in page.locator(".edition-legend").inner_text()


# ---- Print -----------------------------------------------------------------------------------------

def test_printed_pages_name_essay_author_and_licence_and_drop_controls(page, server):
    page.goto(f"{server}/{ESSAY}")
    page.emulate_media(media="print")
    # The title heads every printed page (the running head: test_reading reads it back from a PDF).
    head = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--edition-print-title')")
    assert "The Evolution of Stalin’s Foreign Policy during World War Two" in head
    small_print = page.locator(".md-copyright__highlight").first
    assert small_print.is_visible()
    text = small_print.inner_text()
    assert "Frederick Strachan" in text and "CC BY-NC 4.0" in text and "this edition" in text
    licence = small_print.get_by_role("link", name="CC BY-NC 4.0")
    assert licence.evaluate("a => getComputedStyle(a).color") == "rgb(0, 0, 0)", "the licence prints white on white"
    # ... above the text, not after the notes.
    assert small_print.bounding_box()["y"] < page.locator("article h1").bounding_box()["y"]
    number = page.locator("#p7 > .paragraph-number")
    assert number.is_visible() and number.bounding_box()["x"] < page.locator("#p7").bounding_box()["x"]
    assert not page.locator(".layers-switch").is_visible()
    page.goto(f"{server}/notes/12/")
    page.emulate_media(media="print")
    assert page.locator(".note-address").is_visible()
    for control in (".note-pager", ".copy-link", ".md-button"):
        assert page.locator(control).count() and not page.locator(control).first.is_visible(), f"{control} prints"


# ---- Search snippets, overflow, the notes list, layout ------------------------------------------------

def test_search_index_has_no_pilcrows_and_no_numbers_run_into_words(site):
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    essay = [doc for doc in docs if doc["location"].startswith("essay/")]
    assert essay and all("¶" not in doc["text"] for doc in essay)
    text = " ".join(doc["text"] for doc in essay)
    assert "objectives. Molotov the argument goes" in text  # was "objectives<sup>9</sup>."
    assert "<sup>" not in text and "Note 12 and its source" not in text


@pytest.mark.parametrize("width", [400, 1280])
def test_nothing_scrolls_sideways_and_the_notes_list_is_even(page, server, width):
    page.set_viewport_size({"width": width, "height": 900})
    for path in ("", "sources/haslam-1995/", ESSAY):
        page.goto(f"{server}/{path}")
        wide = page.evaluate("""() => [document.scrollingElement, ...document.querySelectorAll('article pre, article code')]
                                 .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.tagName)""")
        assert wide == [], f"{path} scrolls sideways at {width} px: {wide}"
    starts = page.evaluate("[...document.querySelectorAll('.footnote .note-links')].map(e => e.getClientRects()[0].left)")
    assert len(starts) == 10 and max(starts) - min(starts) < 1, starts


def test_the_title_page_has_no_hole_beside_its_text(page, server):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{server}/")
    text_right = page.evaluate("Math.max(...[...document.querySelector('article').children].map(e => e.getBoundingClientRect().right))")
    toc = page.locator(".md-sidebar--secondary").bounding_box()
    assert 0 <= toc["x"] - text_right < 120, (text_right, toc)


# ---- Nothing moves once the page has painted (Core Web Vitals' layout shift) ----------------------

_LAYOUT_SHIFTS = """() => new Promise(resolve => {
  const shifts = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) shifts.push(
      [entry.value, entry.sources.map(s => s.node ? (s.node.id || s.node.className || s.node.nodeName) : "?")]);
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(shifts), 1500);
})"""


@pytest.mark.parametrize("width", [412, 1600])
def test_nothing_the_scripts_add_moves_the_text(page, server, width):
    """The layers switch, the copy buttons, the sidenotes and the note page's address are in place
    (or out of the flow) before the script runs, so a phone sees no layout shift."""
    page.set_viewport_size({"width": width, "height": 900})
    for path in ("essay/warsaw/", "notes/23/", ""):
        page.goto(f"{server}/{path}")
        assert page.evaluate(_LAYOUT_SHIFTS) == [], path
