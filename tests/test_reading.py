"""The reading experience in a real Chromium: sidenotes, paragraph numbers, measure, palettes,
accessibility (axe-core), instant navigation, print, and no request off the site on any page.

Set EDITION_SCREENSHOTS=/some/dir to keep screenshots of the wide and narrow essay page.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests import original
from tests.site_html import SECTIONS, content, follow, present

WIDE = {"width": 1600, "height": 1000}
NARROW = {"width": 400, "height": 900}
GAP = 12  # px that sidenotes.js keeps between two sidenotes
# One page of every kind the site has.
PAGE_KINDS = {
    "title": "",
    "essay": "essay/borders-and-the-alliance/",
    "note": "notes/12/",
    "source": "sources/haslam-1995/",
    "bibliography": "sources/",
    "notes index": "notes/",
    "about": "about/",
}

SIDENOTES_JS = """() => [...document.querySelectorAll("article sup[id^='fnref:']")].map(sup => {
  const n = sup.id.slice(6);
  const side = document.querySelector(`.sidenote[data-note='${n}']`);
  const box = side ? side.getBoundingClientRect() : null;
  return {n: +n, marker: sup.getBoundingClientRect().top,
          text: side ? [...side.querySelector('p').childNodes].filter(n => !(n.matches && n.matches('.copy-link')))
                                .map(n => n.textContent).join('') : null, visible: !!(box && box.width && box.height),
          top: box && box.top, bottom: box && box.bottom, left: box && box.left, right: box && box.right,
          textRight: sup.closest("p").getBoundingClientRect().right};
})"""


def _screenshot(page, name: str) -> None:
    folder = os.environ.get("EDITION_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=True)


def _assert_sidenotes_beside_markers(page) -> list[dict]:
    if page.locator("article sup[id^='fnref:']").count():  # placed, after the first paint
        page.locator(".sidenotes.sidenotes-shown").wait_for(state="attached")
    notes = page.evaluate(SIDENOTES_JS)
    width = page.viewport_size["width"]
    previous_bottom = None
    for note in notes:
        n = note["n"]
        assert note["visible"], f"note {n} has no visible sidenote"
        assert note["text"] == f"{n} {original.notes()[n]}", f"sidenote {n} is not the note"
        assert note["left"] >= note["textRight"] + 10, f"sidenote {n} overlaps the text"
        assert note["right"] <= width, f"sidenote {n} runs off the screen"
        # Level with its marker, unless that would crowd the note above: then just below it.
        expected = note["marker"] if previous_bottom is None else max(note["marker"], previous_bottom + GAP)
        assert abs(note["top"] - expected) <= 1, f"sidenote {n} is at {note['top']}, not {expected}"
        if previous_bottom is not None:
            assert note["top"] > previous_bottom, f"sidenote {n} overlaps the one above"
        previous_bottom = note["bottom"]
    return notes


@pytest.mark.parametrize("slug", SECTIONS)
def test_sidenotes_stand_beside_their_markers_on_a_wide_screen(page, server, site, slug):
    page.set_viewport_size(WIDE)
    page.goto(f"{server}/essay/{slug}/")
    notes = _assert_sidenotes_beside_markers(page)
    # The notes the built page carries (a section may have none: then there is no sidenote at all).
    expected = [int(sup["id"][6:]) for sup in content(site, f"essay/{slug}/").select("sup[id^='fnref:']")]
    assert [note["n"] for note in notes] == expected == \
        [int(li.split(":")[1]) for li in page.eval_on_selector_all("div.footnote li", "els => els.map(e => e.id)")]
    assert page.locator(".sidenote").count() == len(expected)
    if notes:  # the margin replaces the table of contents, which would list only "Notes"
        assert not present(page.locator(".md-sidebar--secondary")).is_visible()
    if slug == "borders-and-the-alliance":
        assert len(notes) == 10
        _screenshot(page, "essay-1600.png")


WRITES_JS = """() => {
  window.__sidenoteWrites = 0;
  new MutationObserver(records => {
    window.__sidenoteWrites += records.filter(r => r.target.classList.contains('sidenote')).length;
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ['style']});
}"""
TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline",
                    "disabled-by-default-devtools.timeline.stack"]


def test_sidenotes_are_placed_without_forcing_a_layout_and_written_once(browser, page, server):
    """Chromium's trace records the script stack of every layout a script forces (a read after a
    write); none may come from the edition's script. Each sidenote's position is written once."""
    page.set_viewport_size(WIDE)
    page.add_init_script(f"({WRITES_JS})()")
    browser.start_tracing(page=page, categories=TRACE_CATEGORIES)
    page.goto(f"{server}/essay/borders-and-the-alliance/")
    page.locator(".sidenotes.sidenotes-shown").wait_for(state="attached")
    page.wait_for_timeout(300)
    page.evaluate("() => { document.body.style.minHeight = '1px'; return document.body.offsetHeight; }")  # forced
    trace = json.loads(browser.stop_tracing())
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    forced = [[frame.get("url", "") for frame in event["args"]["beginData"]["stackTrace"]]
              for event in events if event.get("name") == "Layout"
              and (event.get("args", {}).get("beginData") or {}).get("stackTrace")]
    assert forced, "the trace records no forced layout, not even the test's own"
    assert not [urls for urls in forced if any("/javascripts/edition" in url for url in urls)], \
        "the edition's script forced a layout"
    assert page.evaluate("window.__sidenoteWrites") == 10


def test_sidenotes_are_absent_on_a_narrow_screen_where_tooltips_and_the_list_serve(page, server):
    page.set_viewport_size(NARROW)
    page.goto(f"{server}/essay/borders-and-the-alliance/")
    page.wait_for_timeout(300)
    assert page.locator(".sidenote").count() == 0  # below its breakpoint the script does nothing at all
    assert not any(note["visible"] for note in page.evaluate(SIDENOTES_JS))
    assert page.locator("#fn\\:12").is_visible()
    page.locator("#fnref\\:12 a").focus()
    tip = page.locator(".edition-popover")
    tip.wait_for(state="visible", timeout=5000)
    assert original.notes()[12] in tip.inner_text()
    _screenshot(page, "essay-400.png")


def test_sidenotes_follow_the_window_from_narrow_to_wide(page, server):
    page.set_viewport_size(NARROW)
    page.goto(f"{server}/essay/paranoia-and-security/")
    page.set_viewport_size(WIDE)
    page.locator(".sidenote").first.wait_for(state="visible")
    assert len(_assert_sidenotes_beside_markers(page)) > 0


def test_sidenotes_are_hidden_from_screen_readers_and_the_tab_order(page, server):
    page.set_viewport_size(WIDE)
    page.goto(f"{server}/essay/aid-and-the-second-front/")
    margin = page.locator(".sidenotes")
    assert margin.get_attribute("aria-hidden") == "true"
    assert page.evaluate("[...document.querySelectorAll('.sidenotes a')].every(a => a.tabIndex === -1)")
    # The copies repeat no id (note 12 carries corrections, whose ids must stay unique on the page).
    assert page.evaluate("document.querySelectorAll('.sidenotes [id]').length") == 0
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids))
    # The notes list stays the accessible source, one entry per note.
    assert page.get_by_role("heading", name="Notes").is_visible()


def test_markers_are_announced_as_notes_and_reached_with_the_keyboard(page, server):
    page.goto(f"{server}/essay/borders-and-the-alliance/")
    page.get_by_role("button", name="Paragraph 7", exact=True).focus()
    for _ in range(60):  # past the glossary terms and corrections of paragraph 7 (and their previews) to its first marker
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('footnote-ref')"):
            break
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Note 9"
    assert page.get_by_role("link", name="Note 12", exact=True).count() == 1


def test_hovering_a_marker_highlights_its_sidenote(page, server):
    page.set_viewport_size(WIDE)
    page.goto(f"{server}/essay/borders-and-the-alliance/")
    page.hover("#fnref\\:12 a")
    assert "is-active" in page.locator(".sidenote[data-note='12']").get_attribute("class")


def test_instant_navigation_rebuilds_sidenotes_and_keeps_the_reading_position(page, server):
    page.set_viewport_size(WIDE)
    page.goto(f"{server}/essay/nazi-soviet-pact/")
    page.evaluate("window.__stillTheSamePage = true")
    page.mouse.wheel(0, 900)
    page.wait_for_function("window.scrollY > 800")
    position = page.evaluate("window.scrollY")
    page.wait_for_timeout(300)  # Material records the position after 100 ms of stillness
    # Clicked without scrolling it into view first, which would change the position to come back to.
    page.locator("a.md-footer__link--next").dispatch_event("click")
    page.wait_for_url("**/essay/borders-and-the-alliance/")
    page.locator(".sidenote[data-note='8']").wait_for(state="visible")
    assert page.evaluate("window.__stillTheSamePage === true"), "the page was fully reloaded"
    _assert_sidenotes_beside_markers(page)
    page.go_back()
    page.wait_for_url("**/essay/nazi-soviet-pact/")
    page.wait_for_function(f"Math.abs(window.scrollY - {position}) < 5", timeout=5000)
    assert page.evaluate("window.__stillTheSamePage === true")


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=lambda v: str(v["width"]))
def test_paragraph_numbers_stand_in_the_margin_always_visible(page, server, viewport):
    page.set_viewport_size(viewport)
    for section, numbers in (("borders-and-the-alliance", ["6", "7", "8"]), ("warsaw", ["13", "14", "15", "16"])):
        page.goto(f"{server}/essay/{section}/")
        boxes = page.evaluate("""() => [...document.querySelectorAll('p.essay-paragraph')].map(p => {
          const a = p.querySelector(':scope > a.paragraph-number'), box = a.getBoundingClientRect();
          return {n: a.textContent, opacity: getComputedStyle(a).opacity, right: box.right, width: box.width,
                  height: box.height, size: parseFloat(getComputedStyle(a).fontSize),
                  text: p.getBoundingClientRect().left, top: box.top, line: p.getBoundingClientRect().top};
        })""")
        assert [b["n"] for b in boxes] == numbers
        for box in boxes:
            assert box["opacity"] == "1" and box["width"] > 0
            assert 0 <= box["right"] <= box["text"], f"paragraph number {box['n']} is not in the margin"
            assert abs(box["top"] - box["line"]) < 20, "beside the first line"
            assert box["height"] < 2 * box["size"], f"paragraph number {box['n']} is broken over lines"


def test_a_paragraph_number_is_reached_with_the_keyboard_and_opens_its_menu(page, server):
    page.goto(f"{server}/essay/borders-and-the-alliance/")
    page.locator("#p8 > a.paragraph-number").focus()
    assert page.evaluate("document.activeElement.matches('#p8 > a.paragraph-number')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/essay/borders-and-the-alliance/#p8")
    page.get_by_role("dialog", name="Paragraph 8").wait_for(state="visible")
    assert page.locator("#p8").get_attribute("class").split() == ["essay-paragraph", "is-landed"]
    assert page.locator("#p8 > a.paragraph-number").get_attribute("aria-expanded") == "true"
    expect(page.locator("#p8")).to_be_in_viewport()


def test_note_page_links_to_the_paragraph_as_well_as_the_marker(page, server):
    page.goto(f"{server}/notes/12/")
    follow(page.get_by_role("link", name="paragraph 7"))
    page.wait_for_url("**/essay/borders-and-the-alliance/#p7")
    expect(page.locator("#p7")).to_be_in_viewport()


@pytest.mark.parametrize("viewport", [WIDE, {"width": 1280, "height": 900}, NARROW], ids=lambda v: str(v["width"]))
def test_essay_lines_have_a_comfortable_measure(page, server, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{server}/essay/borders-and-the-alliance/")
    chars, lines = page.evaluate("""() => {
      const p = document.querySelector('#p8'), style = getComputedStyle(p);
      return [p.innerText.length, p.getBoundingClientRect().height / parseFloat(style.lineHeight)];
    }""")
    per_line = chars / round(lines)
    low = 30 if viewport is NARROW else 60
    assert low <= per_line <= 78, f"{per_line:.0f} characters a line"
    family = page.evaluate("getComputedStyle(document.querySelector('#p8')).fontFamily")
    assert "serif" in family and "sans-serif" not in family


def test_the_palette_toggle_switches_between_light_and_dark(page, server):
    page.goto(f"{server}/essay/introduction/")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    toggle = page.locator("form[data-md-component='palette'] label:visible")
    assert toggle.get_attribute("title") == "Switch to dark mode"
    toggle.click()
    assert page.evaluate(scheme) == "slate"
    toggle.click()
    assert page.evaluate(scheme) == "default"


# ---- Accessibility -----------------------------------------------------------------------------

_axe = Axe()  # axe-core as shipped inside axe-playwright-python, injected into the page: no download


def _serious(page) -> list[str]:
    results = _axe.run(page).response
    assert results["testEngine"]["name"] == "axe-core"
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:5]]}"
            for v in results["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_axe_finds_no_serious_or_critical_violation(page, server, kind, scheme):
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size(WIDE)
    page.goto(f"{server}/{PAGE_KINDS[kind]}")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == \
        ("slate" if scheme == "dark" else "default")
    assert _serious(page) == []


def test_axe_does_report_a_serious_violation_when_there_is_one(page):
    """The check above can fail: axe flags text too faint to read and a nameless dialog."""
    page.set_content('<html lang="en"><title>t</title><main><p style="color:#ccc;background:#fff">faint</p>'
                     '<div role="dialog">x</div></main></html>')
    found = " ".join(_serious(page))
    assert "color-contrast" in found and "aria-dialog-name" in found


# ---- Offline: every kind of page loads from the local server alone, without script errors ------

@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=lambda v: str(v["width"]))
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_kind_of_page_loads_from_the_site_alone(page, server, kind, viewport):
    """The ``page`` fixture fails the test on any request to another host or any script error."""
    page.set_viewport_size(viewport)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{server}/{PAGE_KINDS[kind]}", wait_until="networkidle")
    assert requests and all(url.startswith(server) for url in requests)
    assert page.locator("article h1").count() == 1


def test_search_works_offline(page, server):
    page.goto(f"{server}/", wait_until="networkidle")
    page.locator(".md-search__input").click()
    page.keyboard.type("Molotov")  # Material searches on key events, not on fill()
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10000)
    assert "Molotov" in page.locator(".md-search-result").inner_text()


# ---- Print -------------------------------------------------------------------------------------

def test_a_section_prints_as_text_with_numbered_endnotes(page, server):
    page.set_viewport_size(WIDE)
    page.goto(f"{server}/essay/borders-and-the-alliance/")
    page.emulate_media(media="print")
    for chrome in (".md-header__option", ".md-sidebar--primary", ".md-footer__inner", ".sidenotes", ".md-search",
                   "#fn\\:12 .note-page-link", "#fn\\:12 .footnote-backref"):
        assert not present(page.locator(chrome)).first.is_visible(), f"{chrome} is printed"
    items = page.evaluate("""() => [...document.querySelectorAll('div.footnote > ol > li')].map(li => ({
      id: li.id, value: li.value, display: getComputedStyle(li).display,
      style: getComputedStyle(li.parentElement).listStyleType,
      indent: li.getBoundingClientRect().left - li.closest('article').getBoundingClientRect().left,
      em: parseFloat(getComputedStyle(li).fontSize), text: li.innerText}))""")
    assert [item["value"] for item in items] == list(range(8, 18))
    for item in items:
        n = item["value"]
        assert item["id"] == f"fn:{n}" and item["display"] == "list-item" and item["style"] == "decimal"
        assert item["indent"] >= 2 * item["em"], "no room to print a two-digit number"
        assert item["text"].strip() == original.notes()[n]
    # Markers print as plain numbers, without the address of their link.
    assert page.evaluate("getComputedStyle(document.querySelector('#fnref\\\\:12 a'), '::after').content") \
        in ("none", "normal")


@pytest.mark.parametrize("viewport", [WIDE, {"width": 390, "height": 844}], ids=lambda v: str(v["width"]))
def test_the_links_under_each_note_share_one_baseline_one_size_and_24_px_targets(page, server, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{server}/essay/warsaw/")
    page.wait_for_function("document.querySelectorAll('.footnote .note-links .copy-link[data-ready]').length > 0")
    rows = page.evaluate("""() => [...document.querySelectorAll('.footnote .note-links')].map(links => {
      return [...links.children].filter(e => e.checkVisibility()).map(e => {
        const probe = document.createElement('span');  // an empty inline-block sits on the baseline
        probe.style.cssText = 'display:inline-block;width:0;height:0';
        e.append(probe);
        const box = e.getBoundingClientRect(), base = probe.getBoundingClientRect().bottom;
        probe.remove();
        return {name: e.className, top: box.top, left: box.left, height: box.height, width: box.width,
                base, size: getComputedStyle(e).fontSize};
      });
    })""")
    assert len(rows) == 4 and all(len(row) == 3 for row in rows), rows
    for row in rows:
        assert len({item["size"] for item in row}) == 1, row
        assert all(item["height"] >= 24 and item["width"] >= 24 for item in row), row
        lines: list[list[dict]] = []
        for item in row:  # items on one line share its baseline; a wrapped one starts at the left edge
            if lines and abs(item["base"] - lines[-1][0]["base"]) < 12:
                lines[-1].append(item)
            else:
                lines.append([item])
        for line in lines:
            assert max(i["base"] for i in line) - min(i["base"] for i in line) < 0.5, line
        assert len({round(line[0]["left"]) for line in lines}) == 1, row


def test_every_printed_page_has_a_running_head_and_the_first_one_left_edge(page, server, tmp_path):
    """Printed to PDF by Chromium: the title and the page's address head every page (page 2 read
    back with pypdf); on page 1 the small print, the title and the text share one left edge."""
    from pypdf import PdfReader

    page.goto(f"{server}/essay/warsaw/")
    page.pdf(path=str(tmp_path / "warsaw.pdf"), prefer_css_page_size=True)
    pages = PdfReader(tmp_path / "warsaw.pdf").pages
    assert len(pages) >= 2
    for number, printed in enumerate(pages[:2], start=1):
        head = printed.extract_text().splitlines()[:3]
        assert head[0] == "The Evolution of Stalin’s Foreign Policy during World War Two", (number, head)
        assert head[1].startswith(f"{server}/essay/warsaw/"), (number, head)
    page.emulate_media(media="print")
    edges = page.evaluate("""() => {
      const left = e => {  // where its first visible words begin
        const walk = document.createTreeWalker(e, NodeFilter.SHOW_TEXT, {acceptNode: n =>
          n.data.trim() && n.parentElement.checkVisibility() && !n.parentElement.closest('.paragraph-number')
            ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT});
        const r = document.createRange(); r.selectNodeContents(walk.nextNode());
        return Math.round(r.getClientRects()[0].left);
      };
      return [left(document.querySelector('.md-copyright__highlight')), left(document.querySelector('article h1')),
              left(document.querySelector('#p13'))];
    }""")
    assert len(set(edges)) == 1, edges


def test_corrections_print_what_they_correct_and_glossary_terms_print_plain(page, server):
    page.goto(f"{server}/essay/borders-and-the-alliance/")
    page.emulate_media(media="print")
    after = page.evaluate("getComputedStyle(document.querySelector('#ed-yalta-1945'), '::after').content")
    assert after == '" [ed.: for “1944” read “1945”]"'
    term = page.locator("a.glossary-term").first
    assert term.evaluate("e => getComputedStyle(e).textDecorationLine") == "none"


def test_printed_outside_links_show_their_address_and_inside_links_do_not(page, server):
    page.goto(f"{server}/")
    page.emulate_media(media="print")
    after = "a => getComputedStyle(a, '::after').content"
    outside = page.locator(".title-details a[href*='e-ir.info']")
    printed = outside.evaluate(after)
    assert "attr(href)" in printed or "e-ir.info" in printed, printed
    inside = page.get_by_role("link", name="Introduction")
    assert inside.evaluate(after) in ("none", "normal")


# ---- In the built HTML ---------------------------------------------------------------------------

def test_every_paragraph_permalink_has_a_spoken_name(site):
    from tests.site_html import content

    links = [a for slug in SECTIONS for a in content(site, f"essay/{slug}/").select("p.essay-paragraph > a.paragraph-number")]
    assert [a["href"] for a in links] == [f"#p{n}" for n in range(1, 26)]
    assert [a["aria-label"] for a in links] == [f"Paragraph {n}" for n in range(1, 26)]
    assert [a.text for a in links] == [str(n) for n in range(1, 26)]


def test_the_site_knows_its_address_only_from_site_url(site):
    """Instant navigation needs the sitemap; its addresses come from SITE_URL (here the test server)."""
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>http://127.0.0.1:" in sitemap and "/essay/borders-and-the-alliance/</loc>" in sitemap
