"""The one sanitiser over every page's content (scripts/edition/render/sanitise.py).

It strips every element, attribute, class and URL outside its allowlist (named cases, and a
Hypothesis property over random markup); everything the engine's own renderers make from any YAML
text passes it unchanged (a property); and the real site, built with and without it, is the same
(byte for byte; pages as the same DOM, since its serialiser writes `<hr>` for `<hr />`). tests/test_hostile.py shows it at work in real builds.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
import minify_html
import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from markdown.serializers import to_html_string

from scripts.edition import inline
from scripts.edition.cache import Latest
from scripts.edition.render import sanitise as module
from scripts.edition.render.sanitise import ATTRIBUTES, CLASSES, TAGS, sanitise
from tests import verdict
from tests.conftest import ROOT
from tests.test_properties import SITE_EXTENSIONS, TEXT

# ---------------------------------------------------------------- what is stripped

FORBIDDEN_ELEMENTS = ["script", "iframe", "object", "embed", "base", "form", "style", "link", "meta", "svg",
                      "math", "input", "textarea", "select", "video", "audio", "source", "frame", "frameset",
                      "template", "noscript", "applet", "portal", "dialog", "marquee", "param", "title"]
EVENT_HANDLERS = ["onclick", "onerror", "onload", "onfocus", "onmouseover", "onanimationstart", "onpointerdown",
                  "onbeforetoggle", "ontoggle", "onscroll", "onkeydown", "onauxclick", "OnClick"]


def _elements(html: str) -> list:
    return BeautifulSoup(html, "html.parser").find_all(True)


@pytest.mark.parametrize("tag", FORBIDDEN_ELEMENTS)
def test_an_element_outside_the_allowlist_is_removed(tag):
    cleaned = sanitise(f'<div>before <{tag} src="x.js" href="x">inside</{tag}> after</div>')
    names = [e.name for e in _elements(cleaned)]
    assert tag not in names and set(names) <= TAGS, cleaned
    assert "x.js" not in cleaned and cleaned.startswith("<div>before ") and "after" in cleaned


@pytest.mark.parametrize("tag", ["script", "style"])
def test_script_and_style_go_with_their_content(tag):
    assert sanitise(f"<p>a<{tag}>alert(1) body{{}}</{tag}>b</p>") == "<p>ab</p>"


@pytest.mark.parametrize("handler", EVENT_HANDLERS)
@pytest.mark.parametrize("tag", ["a", "p", "img", "span", "button", "details", "h1"])
def test_no_event_handler_survives(tag, handler):
    cleaned = sanitise(f'<{tag} id="x" {handler}="alert(1)" tabindex="0">t</{tag}>')
    element = _elements(cleaned)[0]
    assert element.name == tag and "alert" not in cleaned
    assert not any(name.lower().startswith("on") for name in element.attrs), cleaned


@pytest.mark.parametrize("attribute", ["autofocus", "name", "formaction", "srcdoc", "xlink:href", "action",
                                       "contenteditable", "popover", "draggable", "slot", "is", "nonce",
                                       "data-anything", "accesskey", "target", "ping", "rel", "srcset"])
def test_an_attribute_outside_the_allowlist_is_removed(attribute):
    cleaned = sanitise(f'<a href="#x" {attribute}="v">t</a>')
    assert cleaned == '<a href="#x">t</a>'


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
                                 "&#106;avascript:alert(1)", "data:text/html,<script>x</script>",
                                 "vbscript:x", "file:///etc/passwd", "blob:x", "ftp://x/"])
@pytest.mark.parametrize("attribute", ["href", "data-url", "cite"])
def test_a_url_that_is_not_http_mailto_relative_or_a_fragment_is_removed(url, attribute):
    tag = {"href": "a", "data-url": "button", "cite": "q"}[attribute]
    cleaned = sanitise(f'<{tag} {attribute}="{url}">t</{tag}>')
    assert _elements(cleaned)[0].attrs == {}, cleaned


@pytest.mark.parametrize("url", ["https://example.org/a?b=1&amp;c=2", "http://x/", "mailto:a@example.org",
                                 "../notes/12/", "#fn:12", "glossary/#stalin", "/essay/"])
def test_http_mailto_relative_and_fragment_urls_stay(url):
    assert sanitise(f'<a href="{url}">t</a>') == f'<a href="{url}">t</a>'


def test_an_image_may_only_come_from_this_site():
    assert sanitise('<img src="https://tracker.example/x.png" alt="a">') == '<img alt="a">'
    assert sanitise('<img src="//tracker.example/x.png">') == "<img>"
    assert sanitise('<img src="../img/map.png" alt="Map">') == '<img src="../img/map.png" alt="Map">'


def test_classes_outside_the_allowlist_are_removed_and_the_others_kept():
    assert sanitise('<p class="essay-paragraph md-search evil">t</p>') == '<p class="essay-paragraph">t</p>'
    assert sanitise('<p class="md-search">t</p>') == "<p>t</p>"


def test_no_id_can_stand_in_for_one_of_materials_own_elements():
    assert sanitise('<div id="__config">{"base": "https://evil.example"}</div>') == \
        '<div>{"base": "https://evil.example"}</div>'
    assert sanitise('<h2 id="notes">t</h2>') == '<h2 id="notes">t</h2>'


@pytest.mark.parametrize("style", ["background:url(https://evil.example/x)", "left:expression(alert(1))",
                                   "left:1px;background-image:url(x)", "--tl-min:url(https://evil.example/)",
                                   "left:1px;position:fixed", "left:\\75rl(x)"])
def test_a_style_may_only_place_and_size(style):
    assert sanitise(f'<span style="{style}">t</span>') == "<span>t</span>"


def test_the_timelines_styles_stay():
    style = "left:calc(12.5% + 3px);width:120px"
    assert sanitise(f'<span class="tl-label" style="{style}">t</span>') == \
        f'<span class="tl-label" style="{style}">t</span>'


def test_comments_are_removed():
    assert sanitise("<p>a<!-- <script>x</script> -->b</p>") == "<p>ab</p>"


# Random markup: any element (allowed or not), any attribute, any value, nested.
_NAMES = st.sampled_from(sorted(TAGS | set(FORBIDDEN_ELEMENTS)))
_ATTRIBUTE_NAMES = st.sampled_from(sorted({name for names in ATTRIBUTES.values() for name in names}
                                          | {*EVENT_HANDLERS, "src", "href", "formaction", "autofocus"}))
_VALUES = st.one_of(st.sampled_from(["javascript:alert(1)", "https://ok.example/", "#x", "__config", "x y",
                                     "left:1px", "background:url(x)", '"><script>alert(1)</script>',
                                     "essay-paragraph md-search"]), st.text(max_size=10))


def _markup(depth: int = 0):
    """A strategy for one element (allowed or not) with any attributes, text and children."""
    children = st.lists(_markup(depth + 1), max_size=3) if depth < 2 else st.just([])
    return st.builds(_element, _NAMES, st.dictionaries(_ATTRIBUTE_NAMES, _VALUES, max_size=3), TEXT, children,
                     st.text(max_size=5))


def _element(tag, attrs, text, children, tail) -> etree.Element:
    element = etree.Element(tag, attrs)
    element.text, element.tail = text, tail
    element.extend(children)
    return element


@given(st.lists(_markup(), min_size=1, max_size=3).map(lambda es: "".join(map(to_html_string, es))))
def test_whatever_the_markup_only_the_allowlist_comes_out(html):
    cleaned = sanitise(html)
    for element in _elements(cleaned):
        assert element.name in TAGS, cleaned
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(element.name, set())
        for name, value in element.attrs.items():
            assert name in allowed, (name, cleaned)
            if name == "class":
                assert set(value) <= CLASSES
            if name == "id":
                assert not value.startswith("__")
    assert verdict.harms(cleaned) == []
    assert sanitise(cleaned) == cleaned  # a second pass finds nothing more to do


# ---------------------------------------------------------------- what passes unchanged


def _same_tree(a: str, b: str) -> bool:
    """The same elements, attributes and text (the two serialisers write `<br />` and `<br>`,
    `&#160;` and `&nbsp;`, differently; the browser builds one tree from both)."""
    def shape(html):
        soup = BeautifulSoup(html, "html.parser")
        return [(e.name, sorted((k, " ".join(v) if isinstance(v, list) else v) for k, v in e.attrs.items()),
                 e.get_text()) for e in soup.find_all(True)], soup.get_text()
    return shape(a) == shape(b)


@given(TEXT)
def test_what_the_renderers_make_of_any_yaml_text_passes_unchanged(text):
    # an essay page's notes list and a note page's quote: the inline subset into the element tree,
    # with a tooltip like the glossary's marks
    paragraph = etree.Element("p", {"class": "essay-paragraph", "id": "p3"})
    inline.append_to(paragraph, text)
    etree.SubElement(paragraph, "a", {"class": "glossary-term", "href": "../../glossary/#x",
                                      "title": inline.tooltip_title(text)}).text = "term"
    tree = to_html_string(paragraph)
    assert _same_tree(sanitise(tree), tree), (text, tree)
    # a generated page: the same text as escaped Markdown, through the site's Markdown extensions
    page = markdown.markdown(f'<div class="editorial-entry" markdown="1">\n\n{inline.to_markdown(text)}\n\n</div>',
                             extensions=SITE_EXTENSIONS)
    assert _same_tree(sanitise(page), page), (text, page)
    # raw HTML with the text as a tooltip (the timeline's picture)
    raw = f'<span class="tl-label" title="{inline.tooltip_title_html(text)}" style="left:1.5%;width:10px">x</span>'
    assert _same_tree(sanitise(raw), raw), (text, raw)


def _written_alike(data: bytes) -> bytes:
    """A page as minify-html writes it (one way of writing the same DOM: `<hr>` for `<hr />`, ¶ for
    `&para;`, which the sanitiser's serialiser normalises), anything else as it is."""
    if not data.lstrip().lower().startswith(b"<!doctype html"):
        return data
    return minify_html.minify(data.decode("utf-8"), keep_closing_tags=True).encode("utf-8")


def test_the_real_site_is_the_same_with_and_without_the_sanitiser(site, site_url, tmp_path, monkeypatch):
    """The sanitiser changes nothing the edition itself writes: the shared site (built with it)
    and a build with it switched off are the same, file for file: byte for byte, but that pages
    are compared as the same DOM (both written by one serialiser)."""
    class Off:
        @staticmethod
        def clean(html):
            return html

    monkeypatch.setattr(module, "_CLEANER", Off())
    # and a cache of its own: pages sanitised by earlier builds in this process must not stand in for
    # this build's, nor this build's unsanitised pages for later builds' (test_rebuild.py)
    monkeypatch.setattr(module, "_cleaned", Latest("sanitise"))
    without = tmp_path / "site"
    result = verdict.build(ROOT, without, env={"SITE_URL": site_url})
    assert result.status == 0, result.output
    files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(without) for p in without.rglob("*") if p.is_file())
    assert len(files) > 100
    different = [str(f) for f in files
                 if _written_alike((site / f).read_bytes()) != _written_alike((without / f).read_bytes())]
    assert different == []


def test_the_sanitiser_is_the_last_step_of_every_page(site):
    """Wired in: no page's content holds what the allowlist refuses, the generated pages included
    (the timeline's own stylesheet is the one <style>, put in by the hook after the sanitiser)."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 70
    for path in pages:
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").find("article")
        if article is None:
            continue
        names = {e.name for e in article.find_all(True)} - TAGS
        assert names <= ({"style"} if path.parent.name == "timeline" else set()), (path, names)

