"""Reading in the essay, in a real Chromium (issues 22 and 26): the one popover (notes, the editor's
marks, previews, the paragraph menu) inside the viewport and in the focus order; the marks as a
screen reader hears them (Chromium's accessibility tree, through CDP); the reader's switch; a click
on a marker beside its sidenote; tap targets, label-in-name, contrast from the real colours; Esc
for Material's tooltips; sidenotes that follow text spacing applied after load.

Each test loads a page once and checks what it can there: the suite's time is counted in page loads.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests import original

ESSAY = "essay/borders-and-the-alliance/"
WIDTHS = (390, 820, 1180, 1600)
HEIGHT = 860
POPOVER = ".edition-popover"


@pytest.fixture
def open_page(browser, server):
    """``open_page(width, touch=False, scheme="light")``: a fresh page that fails the test on a
    script error or a request off the local server."""
    contexts, errors = [], []

    def make(width: int, touch: bool = False, scheme: str = "light", height: int = HEIGHT):
        context = browser.new_context(viewport={"width": width, "height": height}, has_touch=touch,
                                      is_mobile=False, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server)
                   else (errors.append(route.request.url), route.abort()))
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, errors


def _essay(open_page, server, *args, **kwargs):
    """The section page at a width, once the script has set it up (its switch is ready)."""
    page = open_page(*args, **kwargs)
    page.goto(f"{server}/{ESSAY}")
    page.locator(".layers-switch[data-ready]").wait_for()
    return page


def _ax_nodes(page) -> list[dict]:
    """Chromium's full accessibility tree (what a screen reader reads), as {role, name, description,
    focusable, id} for each node that is not ignored."""
    cdp = page.context.new_cdp_session(page)
    nodes = []
    for node in cdp.send("Accessibility.getFullAXTree")["nodes"]:
        if node.get("ignored"):
            continue
        props = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
        nodes.append({"role": node.get("role", {}).get("value"), "name": node.get("name", {}).get("value", ""),
                      "description": node.get("description", {}).get("value", ""),
                      "focusable": bool(props.get("focusable")), "dom": node.get("backendDOMNodeId")})
    cdp.detach()
    return nodes


def _dom_id(page, backend_id: int) -> str:
    cdp = page.context.new_cdp_session(page)
    try:
        described = cdp.send("DOM.describeNode", {"backendNodeId": backend_id})["node"]
        attributes = described.get("attributes", [])
        return dict(zip(attributes[::2], attributes[1::2])).get("id", "")
    finally:
        cdp.detach()


# ---- The editor's marks, as a screen reader hears them ---------------------------------------------

def test_marks_speak_their_kind_and_become_plain_text_in_the_authors_text_only(open_page, server):
    page = _essay(open_page, server, 1600)
    links = {n["name"]: n for n in _ax_nodes(page) if n["role"] == "link"}
    # The author's words, then the kind of mark: never glued to them, never the glyph ("ed.", "?").
    assert "at Yalta in 1944 (editor’s correction)" in links
    assert "It lacks the question of frontiers, but is not bad perhaps (editor’s query)" in links
    assert "Operation Typhoon (glossary)" in links
    assert not [name for name in links if re.search(r"\w(ed\.|\?)$", name)], "a mark's glyph in a name"
    switch = page.get_by_role("button", name="Hide the editor’s marks", exact=True)  # says what it hides
    state = "e => getComputedStyle(e, '::after').content"
    assert switch.get_attribute("aria-pressed") == "false" and switch.evaluate(state) == '"off" / ""'
    off = switch.evaluate("e => getComputedStyle(e).backgroundColor")
    switch.click()
    assert switch.get_attribute("aria-pressed") == "true" and switch.evaluate(state) == '"on" / ""'
    assert switch.evaluate("e => getComputedStyle(e).backgroundColor") != off
    nodes = _ax_nodes(page)
    marks = [n for n in nodes if re.search(r"editor’s (correction|query)|\(glossary\)", n["name"])]
    assert marks == [], f"marks still announced: {marks[:3]}"
    # Nothing of the editor's is focusable or a link; the author's notes stay (markers, sidenotes).
    assert page.evaluate("document.querySelectorAll('article :is(.edition-correction, .edition-query, .glossary-term)"
                         ":is([href], [tabindex]):not(.sidenotes *)').length") == 0
    yalta = [n for n in nodes if n["role"] == "link" and "1944" in n["name"]]
    assert yalta == []
    colour = "e => getComputedStyle(e).color + getComputedStyle(e).textDecorationLine"
    assert page.locator("#ed-yalta-1945").evaluate(colour) == page.locator("#p6").evaluate(colour), "still looks a link"
    assert page.get_by_role("link", name="Note 12", exact=True).count() == 1
    assert page.locator(".sidenote[data-note='12']").is_visible()
    page.locator("#ed-yalta-1945").hover(force=True)  # plain text: no pointer events of its own
    page.wait_for_timeout(500)
    assert page.locator(POPOVER).count() == 0, "a plain mark still opens its explanation"


# ---- Every popover inside the viewport -------------------------------------------------------------

INSIDE_JS = """sel => {
  const pops = [...document.querySelectorAll(sel)].filter(p => p.getClientRects().length);
  return pops.map(p => { const b = p.getBoundingClientRect();
    return {left: b.left, top: b.top, right: b.right, bottom: b.bottom, w: innerWidth, h: innerHeight,
            title: p.querySelector('.popover-title') && p.querySelector('.popover-title').textContent}; });
}"""
PUT_AT_JS = """([sel, where]) => {
  const e = document.querySelector(sel), b = e.getBoundingClientRect();
  const y = where === 'top' ? 70 : where === 'middle' ? innerHeight / 2 : innerHeight - b.height - 4;
  scrollBy(0, b.top - y);
}"""


def _assert_inside(page, what: str) -> None:
    page.locator(POPOVER).first.wait_for(state="visible", timeout=5000)
    boxes = page.evaluate(INSIDE_JS, POPOVER)
    assert boxes, f"{what}: no popover"
    for box in boxes:
        assert box["left"] >= 0 and box["top"] >= 0, f"{what}: {box}"
        assert box["right"] <= box["w"] and box["bottom"] <= box["h"] + 0.5, f"{what}: {box}"
        assert box["title"], f"{what}: no title line"


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "touch"])
@pytest.mark.parametrize("width", WIDTHS)
def test_every_popover_opens_inside_the_viewport_wherever_its_trigger_is(open_page, server, width, touch):
    page = _essay(open_page, server, width, touch=touch, scheme="dark" if touch else "light")
    page.wait_for_timeout(300)
    wide = width >= 1000
    triggers = ["#ed-yalta-1945", "#p7 > .paragraph-number", "#fn\\:12 .note-page-link"]
    if not wide:
        triggers.append("#fnref\\:12 > a")  # wider, the margin shows the note
    for selector in triggers:
        for where in ("top", "middle", "bottom"):
            page.evaluate(PUT_AT_JS, [selector, where])
            page.wait_for_timeout(50)
            trigger = page.locator(selector)
            if selector.endswith("paragraph-number"):
                trigger.tap() if touch else trigger.click()
            elif touch:
                trigger.tap()
            else:
                trigger.hover()
            _assert_inside(page, f"{selector} at the {where}")
            page.keyboard.press("Escape")
            page.locator(POPOVER).first.wait_for(state="detached")
            if not touch:
                page.mouse.move(0, HEIGHT - 1)
    # The left and right edges: a correction near each side of the column.
    for selector in ("#p6 .glossary-term >> nth=0", "#ed-zhukov"):
        trigger = page.locator(selector)
        page.evaluate(PUT_AT_JS, [f"#{trigger.evaluate('e => e.id') or 'p6'}", "middle"])
        trigger.tap() if touch else trigger.hover()
        _assert_inside(page, selector)
        page.keyboard.press("Escape")
        page.locator(POPOVER).first.wait_for(state="detached")


# ---- A pointer click on a marker beside its sidenote ---------------------------------------------

def test_a_click_on_a_marker_picks_out_its_sidenote_and_the_keyboard_still_goes_to_the_list(open_page, server):
    page = open_page(1600)
    page.goto(f"{server}/{ESSAY}")
    page.locator(".sidenotes.sidenotes-shown").wait_for(state="attached")
    page.evaluate(PUT_AT_JS, ["#fnref\\:12", "middle"])
    page.wait_for_timeout(300)
    before = page.evaluate("scrollY")
    page.locator("#fnref\\:12 > a").click()
    page.wait_for_timeout(300)
    assert page.evaluate("scrollY") == before, "the click left the text"
    assert page.url == f"{server}/{ESSAY}"
    side = page.locator(".sidenote[data-note='12']")
    assert "is-landed" in side.get_attribute("class").split()
    highlight = side.evaluate("e => getComputedStyle(e).backgroundColor")
    assert highlight not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator(POPOVER).count() == 0, "a popover repeats the sidenote beside it"
    # The sidenotes are aria-hidden copies: the keyboard goes to the note in the list.
    page.locator("#fnref\\:13 > a").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{ESSAY}#fn:13")


# ---- Previews ----------------------------------------------------------------------------------------

def test_previews_open_nest_and_close_by_mouse_keyboard_and_touch(open_page, server):
    page = _essay(open_page, server, 1600)
    # Mouse: the link to a note's page previews the note and the work it cites; the link to the
    # work, inside, previews in turn; Esc closes one level.
    link = page.locator("#fn\\:12 .note-page-link")
    link.hover()
    first = page.get_by_role("dialog", name="The author’s note 12")
    first.wait_for(state="visible", timeout=5000)
    assert first.get_by_role("link", name="Open").get_attribute("href") == link.evaluate("a => a.href")
    assert page.evaluate("document.activeElement === document.body"), "a hover preview took the focus"
    first.locator(":scope > ul a[href*='/sources/']").first.hover()
    second = page.locator(POPOVER).nth(1)
    second.wait_for(state="visible", timeout=5000)
    assert second.locator(".popover-title").inner_text().startswith("Work: ")
    assert first.evaluate("p => p.contains(document.querySelectorAll('.edition-popover')[1])")
    _assert_inside(page, "nested previews")
    page.keyboard.press("Escape")
    assert page.locator(POPOVER).count() == 1
    page.keyboard.press("Escape")
    assert page.locator(POPOVER).count() == 0
    page.mouse.move(0, HEIGHT - 1)

    # Keyboard: focus previews without taking the focus; the preview is next in the order; Esc
    # closes it and leaves the focus on its link.
    page.locator("#fn\\:12 .footnote-backref").focus()
    page.keyboard.press("Tab")
    link = "document.activeElement.matches('#fn\\\\:12 .note-page-link')"
    assert page.evaluate(link)
    preview = page.get_by_role("dialog", name="The author’s note 12")
    preview.wait_for(state="visible", timeout=5000)
    assert page.evaluate(link), "the preview took the focus"
    assert original.notes()[12].split(",")[0] in preview.inner_text()
    page.keyboard.press("Tab")  # into the preview: the link to the work, which previews in turn
    assert page.evaluate("!!document.activeElement.closest('.edition-popover')"), "the preview is not next"
    page.locator(POPOVER).nth(1).wait_for(state="visible", timeout=5000)
    page.keyboard.press("Escape")  # one level
    assert page.locator(POPOVER).count() == 1
    page.keyboard.press("Escape")
    preview.wait_for(state="detached")
    assert page.evaluate(link), "the focus was not returned to the link"
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.matches('#fn\\\\:12 .footnote-backref')")

    # Touch: a tap shows the preview with "Open" as a link and takes the focus; a tap outside closes it.
    touch = open_page(390, touch=True)
    touch.goto(f"{server}/{ESSAY}")
    touch.locator(".layers-switch[data-ready]").wait_for()
    link = touch.locator("#fn\\:12 .note-page-link")
    link.scroll_into_view_if_needed()
    link.tap()
    preview = touch.get_by_role("dialog", name="The author’s note 12")
    preview.wait_for(state="visible", timeout=5000)
    assert touch.url == f"{server}/{ESSAY}", "the tap left the page"
    assert preview.get_by_role("link", name="Open").is_visible()
    assert touch.evaluate("!!document.activeElement.closest('.edition-popover')"), "the tap did not move the focus in"
    _assert_inside(touch, "the tapped preview")
    touch.touchscreen.tap(5, HEIGHT - 5)
    preview.wait_for(state="detached")
    assert touch.evaluate("document.activeElement.isConnected")  # not lost in the closed popover


# ---- The paragraph menu: a button in the focus order ----------------------------------------------

def test_the_paragraph_menu_is_a_button_next_to_its_number_in_the_focus_order(open_page, server):
    page = _essay(open_page, server, 390)
    number = page.locator("#p7 > .paragraph-number")
    number.focus()
    page.keyboard.press("Space")  # a button: Space opens it, and does not scroll
    menu = page.get_by_role("dialog", name="Paragraph 7")
    menu.wait_for(state="visible")
    assert page.evaluate("document.activeElement.textContent") == "Copy link"
    assert number.get_attribute("aria-expanded") == "true"
    nodes = {n["name"]: n for n in _ax_nodes(page) if n["role"] == "button"}
    assert "Paragraph 7" in nodes
    # Shift+Tab from the first action goes back to the number; Tab from the last leaves into the text.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.matches('#p7 > .paragraph-number')")
    assert menu.is_visible()
    page.keyboard.press("Tab")
    for _ in range(5):
        page.keyboard.press("Tab")
        if not page.evaluate("!!document.activeElement.closest('.edition-popover')"):
            break
    assert page.evaluate("document.activeElement.closest('p') && document.activeElement.closest('p').id") == "p7"
    menu.wait_for(state="detached")  # focus left it: closed
    assert number.get_attribute("aria-expanded") == "false"
    # Copying the paragraph's link leaves it in the one lavender highlight, not yellow.
    number.click()
    menu.get_by_role("button", name="Copy link").click()
    page.keyboard.press("Escape")
    colour = page.locator("#p7").evaluate("e => getComputedStyle(e).backgroundColor")
    red, green, blue = (float(v) for v in re.findall(r"[\d.]+", colour)[:3])
    assert blue > red and blue > green, f"the highlight is {colour}"


# ---- Tap targets, label-in-name, popup states ------------------------------------------------------

def test_reading_controls_are_24_px_visible_without_hover_and_named_by_their_label(open_page, server):
    page = _essay(open_page, server, 390, touch=True)
    boxes = page.evaluate("""() => [...document.querySelectorAll(
        '.paragraph-number, .footnote .note-links a, .footnote .note-links button, .layers-switch')].map(e => {
      const b = e.getBoundingClientRect(), s = getComputedStyle(e);
      return {what: e.className + ' ' + (e.getAttribute('aria-label') || e.textContent), w: b.width, h: b.height,
              shown: s.visibility === 'visible' && s.opacity === '1' && s.display !== 'none'};
    })""")
    assert len(boxes) > 25
    for box in boxes:
        assert box["w"] >= 24 and box["h"] >= 24, f"{box['what']}: {box['w']:.0f} × {box['h']:.0f} px"
        assert box["shown"], f"{box['what']} shows only on hover"
    assert page.locator(".paragraph-cite").count() == 0, "the per-paragraph 'cite' link repeats the menu"
    nodes = _ax_nodes(page)
    names = [n["name"] for n in nodes if n["role"] in ("link", "button")]
    assert not [n for n in names if n.lower() == "cite" or re.fullmatch(r"¶\d+", n)]
    # Accessible names begin with the visible label (WCAG 2.5.3).
    labels = page.evaluate("""() => [...document.querySelectorAll('.footnote .note-links > *')].map(e =>
      [getComputedStyle(e, '::before').content.split(' / ')[0].replace(/"/g, '').replace('none', '') || e.textContent,
       e.getAttribute('aria-label') || e.textContent])""")
    assert len(labels) >= 30
    for visible, name in labels:
        words = re.sub(r"^[^\w]+", "", visible).strip()
        assert name.startswith(words), f"{name!r} does not begin with its label {visible!r}"
    # Popup states are true at every width: the paragraph number opens its menu here too.
    popups = page.evaluate("[...document.querySelectorAll('[aria-haspopup]')].map(e => e.className)")
    assert popups and all("paragraph-number" in c for c in popups), popups
    page.locator("#fnref\\:12 > a").tap()
    page.locator(POPOVER).wait_for(state="visible")
    assert page.locator("#fnref\\:12 > a").get_attribute("aria-haspopup") is None


# ---- Contrast from the real colours, forced colours ---------------------------------------------------

CONTRAST_JS = """() => {
  const canvas = document.createElement('canvas').getContext('2d');
  function rgba(colour) {  // any CSS colour, as the browser resolves it, to [r, g, b, a]
    canvas.clearRect(0, 0, 1, 1); canvas.fillStyle = '#000'; canvas.fillStyle = colour;
    canvas.fillRect(0, 0, 1, 1); return [...canvas.getImageData(0, 0, 1, 1).data];
  }
  const bg = rgba(getComputedStyle(document.body).backgroundColor);
  function over(c, under) { const a = c[3] / 255; return [0, 1, 2].map(i => c[i] * a + under[i] * (1 - a)); }
  function lum(c) { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; }
  function ratio(a, b) { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); }
  const page = over(bg, [255, 255, 255]);
  const term = document.querySelector('#p6 .glossary-term'), marker = document.querySelector('#fnref\\\\:9 > a');
  const out = {underline: ratio(over(rgba(getComputedStyle(term).textDecorationColor), page), page)};
  term.focus(); out.termFocus = ratio(over(rgba(getComputedStyle(term).color), page), page);
  marker.focus(); out.markerFocus = ratio(over(rgba(getComputedStyle(marker).color), page), page);
  const sw = document.querySelector('.md-content .layers-switch'), s = getComputedStyle(sw);
  out.switchOff = ratio(over(rgba(s.color), over(rgba(s.backgroundColor), page)), over(rgba(s.backgroundColor), page));
  out.switchOffBg = over(rgba(s.backgroundColor), page);
  sw.setAttribute('aria-pressed', 'true');
  const t = getComputedStyle(sw);
  out.switchOn = ratio(over(rgba(t.color), over(rgba(t.backgroundColor), page)), over(rgba(t.backgroundColor), page));
  out.switchStates = ratio(over(rgba(t.backgroundColor), page), out.switchOffBg);
  sw.setAttribute('aria-pressed', 'false');
  document.activeElement.blur();
  return out;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_cues_have_aa_contrast_in_the_real_colours_and_axe_stays_clean_with_a_popover_open(open_page, server, scheme):
    page = _essay(open_page, server, 820, scheme=scheme)
    found = page.evaluate(CONTRAST_JS)
    assert found["underline"] >= 3, f"the glossary's underline is {found['underline']:.2f}:1"
    assert found["termFocus"] >= 4.5 and found["markerFocus"] >= 4.5, found
    assert found["switchOff"] >= 4.5 and found["switchOn"] >= 4.5, found
    assert found["switchStates"] >= 3, f"on and off differ by {found['switchStates']:.2f}:1"
    page.locator("#ed-yalta-1945").hover()
    page.locator(POPOVER).wait_for(state="visible")
    results = Axe().run(page).response
    serious = [f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in results["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
    # Forced colours: the switch's two states still look different.
    page.emulate_media(forced_colors="active")
    switch = page.locator(".md-content .layers-switch")
    look = "e => getComputedStyle(e).backgroundColor + getComputedStyle(e).color"
    off = switch.evaluate(look)
    switch.click()
    assert switch.evaluate(look) != off
    switch.click()


# ---- Esc hides Material's tooltips; the dark tooltip stands apart from the page ------------------

def test_esc_hides_materials_tooltip_which_has_its_own_background_and_border_in_dark(open_page, server):
    page = open_page(1600, scheme="dark")
    page.goto(f"{server}/glossary/")
    link = page.locator("article h3 .headerlink").first
    link.hover()
    tip = page.locator(".md-tooltip2--active")
    tip.wait_for(state="visible", timeout=5000)
    inner = tip.locator(".md-tooltip2__inner")
    body = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert inner.evaluate("e => getComputedStyle(e).backgroundColor") != body
    assert inner.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
    page.keyboard.press("Escape")
    assert tip.evaluate("e => getComputedStyle(e).visibility") == "hidden"


# ---- Sidenotes follow text spacing applied after load -------------------------------------------

SPACING = """() => { const s = document.createElement('style');
  s.textContent = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }'
    + ' p { margin-bottom: 2em !important; }';
  document.head.appendChild(s); }"""


def test_sidenotes_follow_text_spacing_applied_after_load(open_page, server):
    from tests.test_reading import _assert_sidenotes_beside_markers

    page = open_page(1600)
    page.goto(f"{server}/{ESSAY}")
    page.locator(".sidenotes.sidenotes-shown").wait_for(state="attached")
    page.wait_for_timeout(300)
    page.evaluate(SPACING)
    page.wait_for_timeout(500)
    assert len(_assert_sidenotes_beside_markers(page)) == 10
