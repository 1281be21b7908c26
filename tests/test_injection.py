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

