"""YAML text can never become live HTML or script on the built pages."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.conftest import build, copy_project
from tests.test_bad_input import NOTES, edit

HOSTILE = ('<script>alert("x")</script> <img src=x onerror="alert(1)"> '
           '<a href="javascript:alert(2)">click</a> </div></li><b>unclosed *ok*')


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    escaped = HOSTILE.replace('"', '\\"')
    edit(project, f"{NOTES}/introduction.yaml", '  text: "Keith Sainsbury', f'  text: "{escaped} Keith Sainsbury')
    edit(project, "footnotes/glossary.yaml", 'text: "Vyacheslav Mikhailovich Molotov',
         'text: "' + VALID_BUT_HOSTILE.replace("\\", "\\\\") + ' Vyacheslav Mikhailovich Molotov')
    edit(project, "footnotes/sources.yaml", '  volume: "14"\n', '  volume: "14}, url = {https://evil.example/}"\n')
    out = tmp_path_factory.mktemp("hostile-site")
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    return out


NOTE_TEXT = '<script>alert("x")</script> <img src=x onerror="alert(1)">'
PAGES = {
    "essay/introduction/index.html": NOTE_TEXT,  # in the notes list that feeds the tooltip
    "notes/1/index.html": NOTE_TEXT,
    "notes/index.html": NOTE_TEXT,
}


@pytest.mark.parametrize("path", PAGES)
def test_hostile_text_is_shown_as_text(hostile_site, path):
    page = BeautifulSoup((hostile_site / path).read_text(encoding="utf-8"), "html.parser")
    article = page.select_one("article")
    for script in article.select("script"):
        assert "alert" not in script.get_text()
    assert not article.select("[onerror], [onmouseover], [onclick]")
    assert not article.select("a[href^='javascript'], img[src='x'], i")
    assert PAGES[path] in article.get_text()


def test_the_note_list_survives_broken_markup(hostile_site):
    page = BeautifulSoup((hostile_site / "essay/introduction/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    item = page.select_one("div.footnote li#fn\\:1")
    assert item is not None
    assert "</div></li><b>unclosed" in item.get_text()
    assert item.select_one("em").get_text() == "ok"  # the documented Markdown subset still works
    assert page.select_one("article p#p1") is not None



# ---------------------------------------------------------------- in Chromium (issue 10)
#
# Material's content.tooltips takes an element's *decoded* ``title`` and sets it as the tooltip's
# innerHTML. These tests hover real tooltips in a real Chromium, on a site built from hostile
# text the loader accepts, and on a page whose title was built by the renderer from text the
# loader would refuse (to show the renderer is safe on its own).

import re  # noqa: E402
import xml.etree.ElementTree as etree  # noqa: E402

from markdown.serializers import to_html_string  # noqa: E402

from scripts import static_server  # noqa: E402
from scripts.edition.inline import tooltip_title  # noqa: E402
from tests.conftest import CHROMIUM_ARGS  # noqa: E402,F401  (the browser fixture uses them)

VALID_BUT_HOSTILE = "Weidenfeld & Nicolson; 1 < 2 > 0 & 3; {braces} \\back *star*"
REFUSED_TITLE = "&lt;img src=x onerror=\"window.__fired=1\"&gt; &#60;img src=x onerror=window.__fired=2&#62; <b>x"


@pytest.fixture(scope="module")
def hostile_server(hostile_site):
    """The hostile site, plus one page whose first glossary tooltip was built from refused text."""
    essay = hostile_site / "essay/aid-and-the-second-front/index.html"
    text = essay.read_text(encoding="utf-8")
    forged = to_html_string(etree.Element("a", {"data-tip": tooltip_title(REFUSED_TITLE)}))
    title = forged[len("<a "):-len("></a>")]
    # The HTML is minified: attributes in any order, quoted with " or ' or not at all.
    tag = text.rindex("<a ", 0, re.search(r'class="?glossary-term"?', text).start())
    old = re.compile(r"""data-tip=("[^"]*"|'[^']*'|[^\s>]+)""").search(text, tag)
    assert old and "<" not in text[tag + 1:old.start()], "the glossary term's title was not found"
    (hostile_site / "forged.html").write_text(text[:old.start()] + title + text[old.end():], encoding="utf-8")
    httpd, base = static_server.start(hostile_site)
    yield base
    httpd.shutdown()


@pytest.fixture
def chromium_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def _hover_tooltip(page, selector: str):
    """The edition's popover that hovering ``selector`` opens (its text only: no title line or links)."""
    page.hover(selector)
    tooltip = page.locator(".edition-popover").first
    tooltip.wait_for(state="visible", timeout=5000)
    assert tooltip.evaluate("e => e.querySelectorAll('img, script, b, [onerror]').length") == 0
    return tooltip.locator(":scope > :not(.popover-title, .popover-links)")


def test_a_tooltip_shows_accepted_hostile_text_as_text(chromium_page, hostile_server):
    page = chromium_page
    page.goto(f"{hostile_server}/essay/aid-and-the-second-front/")
    tooltip = _hover_tooltip(page, "a.glossary-term[href$='#molotov']")
    assert VALID_BUT_HOSTILE in tooltip.first.inner_text()
    assert tooltip.evaluate_all("els => els.filter(e => e.querySelector('*')).length") == 0



def test_a_touch_popover_shows_accepted_hostile_text_as_text(browser, hostile_server):
    """On a touch screen edition.js shows the tooltip's text in a popover of its own (textContent):
    the text as the author wrote it, not the title's escapes for Material's innerHTML (`&lt;`)."""
    context = browser.new_context(has_touch=True, viewport={"width": 400, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{hostile_server}/essay/aid-and-the-second-front/")
        page.locator("a.glossary-term[href$='#molotov']").first.tap()
        popover = page.locator(".edition-popover")
        popover.wait_for(state="visible")
        assert VALID_BUT_HOSTILE in popover.inner_text()
        assert "&lt;" not in popover.inner_text() and "&amp;" not in popover.inner_text()
        assert popover.evaluate("e => e.querySelectorAll('img, script, b, [onerror]').length") == 0
    finally:
        context.close()

def test_a_tooltip_built_from_refused_text_stays_text(chromium_page, hostile_server):
    """Even text the loader refuses cannot become markup through the renderer's titles."""
    page = chromium_page
    page.goto(f"{hostile_server}/forged.html")
    tooltip = _hover_tooltip(page, "a.glossary-term >> nth=0")
    page.wait_for_timeout(300)  # time for an <img onerror> to fire, if one were made
    assert tooltip.all_inner_texts() == [REFUSED_TITLE]
    assert tooltip.evaluate_all("els => els.filter(e => e.querySelector('*')).length") == 0
    assert page.evaluate("window.__fired") is None
    assert page.dialogs == []


def test_the_note_tooltip_and_list_show_hostile_note_text_as_text(chromium_page, hostile_server):
    page = chromium_page
    page.set_viewport_size({"width": 900, "height": 900})  # wider, the margin shows the note instead
    page.goto(f"{hostile_server}/essay/introduction/")
    tooltip = _hover_tooltip(page, "#fnref\\:1 a")
    assert NOTE_TEXT in tooltip.first.inner_text()
    page.wait_for_timeout(300)
    assert page.dialogs == []


def test_the_copy_button_copies_escaped_braces_exactly(chromium_page, hostile_server):
    page = chromium_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=hostile_server)
    page.goto(f"{hostile_server}/sources/birt-1993/")
    block = page.locator("div.highlight", has=page.locator(".filename", has_text="BibTeX"))
    block.hover()
    block.locator("button[data-md-type='copy']").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "volume = {14{\\textbraceright}, url = {\\textbraceleft}https://evil.example/{\\textbraceright}}" in copied
    assert copied.strip() == block.locator("code").inner_text().strip()


# ---------------------------------------------------------------- the `mkdocs serve` overlay
#
# A failed rebuild puts the problems over the page (scripts/edition/serve/problem_overlay.py). Its
# messages quote the offending YAML value, and MkDocs' own warnings (strings) quote links: a
# hostile value must show as text, in the list item where it was quoted, and end nothing.

OVERLAY_VALUES = [HOSTILE, REFUSED_TITLE, "</code></li></ol></dialog><script>window.__fired=1</script>",
                  '</style><img src=x onerror="alert(1)">', "editorial.md#queries){: onclick=\"alert(1)\" }"]


@pytest.mark.parametrize("value", OVERLAY_VALUES)
def test_the_serve_overlay_shows_a_quoted_value_as_text(value):
    from scripts.edition.serve.problem_overlay import overlay_html
    from scripts.edition.problems import Problem
    from tests.verdict import harms

    problems = [Problem("footnotes/changes.yaml", 75, f"`link` {value} is not a page", entry=value, hint=value),
                f"Doc file 'changes.md' contains a link '{value}'"]
    page = overlay_html(problems)
    soup = BeautifulSoup(page, "html.parser")
    assert harms(page) == []
    assert len(soup.select("dialog")) == 1 and len(soup.select("script")) == 1
    assert value not in soup.select_one("script").get_text()
    assert not soup.select("img, b, a")
    items = soup.select("dialog > .edition-problems-body > ol > li")
    assert len(items) == 2
    assert f"`link` {value} is not a page" in items[0].get_text() and f"→ {value}" in items[0].get_text()
    assert items[1].get_text() == problems[1]
