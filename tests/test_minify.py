"""The minifiers the built site goes through (scripts/edition/render/minify.py), on their own."""

from __future__ import annotations

import pytest

from scripts.edition.render import minify
from scripts.edition.problems import EditionError
from scripts.edition.render.web_annotations import body_text
from tests.site_html import ROOT


def test_a_page_keeps_its_text_its_closing_tags_and_its_attribute_values():
    html = ('<!doctype html><html><head><title>T</title></head><body>\n  <p class="a b"  title="x &amp;lt;y&amp;gt; &quot;z&quot;">'
            'One <em>two</em>\n   three</p>\n<pre>  kept\n    as is</pre>\n</body></html>')
    out = minify.page(html)
    assert len(out) < len(html)
    assert "</p>" in out and "</body>" in out and "<head>" in out
    assert "<pre>  kept\n    as is</pre>" in out
    assert body_text(out).split() == body_text(html).split()
    from bs4 import BeautifulSoup
    (before,), (after,) = BeautifulSoup(html, "html.parser")("p"), BeautifulSoup(out, "html.parser")("p")
    assert after.attrs == before.attrs  # the same values, decoded: a tooltip's title is not unescaped


def test_the_edition_script_is_smaller_and_keeps_its_public_names():
    source = (ROOT / "docs/javascripts/edition.js").read_text(encoding="utf-8")
    out = minify.script(source, "docs/javascripts/edition.js")
    assert len(out) < 0.6 * len(source)
    for name in ("window.edition", "document$", "actions", "__config", "edition-plain"):
        assert name in out, name


@pytest.mark.parametrize("source", ["let a = 1;", "var f = () => 1;", "var s = `x`;", "var a = ;"])
def test_a_script_it_cannot_read_is_a_problem_naming_the_file(source):
    with pytest.raises(EditionError) as raised:
        minify.script(source, "docs/javascripts/edition.js")
    report = raised.value.report()
    assert "docs/javascripts/edition.js" in report and "write ES5" in report


def test_the_stylesheet_is_smaller_and_a_closing_style_tag_is_refused():
    source = (ROOT / "docs/stylesheets/edition.css").read_text(encoding="utf-8")
    out = minify.stylesheet(source, "docs/stylesheets/edition.css")
    assert len(out) < 0.7 * len(source) and "edition-plain" in out and "@media print" in out
    with pytest.raises(EditionError, match="docs/x.css"):
        minify.stylesheet("a::after { content: '</style>' }", "docs/x.css")
