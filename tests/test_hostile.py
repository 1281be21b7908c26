"""Issue 20's attacks, each on a copy of the project, run through ``scripts.check`` and the build.

For every input, either both stop with a message naming the file and no traceback, or both pass
and the site is harmless: no event handler, no script URL, no element outside the sanitiser's
allowlist in any page's content, no file from outside the project.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scripts.edition.render.sanitise import TAGS
from tests import verdict
from tests.conftest import copy_project


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("pristine"))


def fresh(pristine: Path, tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(pristine, project, symlinks=True)
    return project


def append(project: Path, rel: str, text: str) -> None:
    path = project / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def content_harms(site: Path) -> list[str]:
    """What no page's content may hold: handlers and script URLs (verdict.harms), and any element
    outside the allowlist (the timeline's own stylesheet apart)."""
    found = verdict.site_harms(site)
    for path in sorted(site.rglob("*.html")):
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").find("article")
        if article is None:
            continue
        for element in article.find_all(True):
            if element.name not in TAGS and not (element.name == "style" and path.parent.name == "timeline"):
                found.append(f"{path.relative_to(site)}: <{element.name}>")
            if (element.get("id") or "").startswith("__"):
                found.append(f"{path.relative_to(site)}: id={element['id']}")
    return found


def both(project: Path) -> tuple[verdict.Verdict, verdict.Verdict]:
    return verdict.check(project), verdict.build(project, project.parent / "site")


def assert_both_refuse(project: Path, file: str) -> tuple[verdict.Verdict, verdict.Verdict]:
    checked, built = both(project)
    assert checked.status and built.status, (checked.output, built.output)
    assert "Traceback" not in checked.output + built.output
    assert file in checked.output and file in built.output, (checked.output, built.output)
    assert checked.problems == built.problems, (checked.output, built.output)
    return checked, built


def assert_both_pass_harmlessly(project: Path) -> Path:
    checked, built = both(project)
    assert checked.status == 0 and built.status == 0, (checked.output, built.output)
    site = project.parent / "site"
    assert content_harms(site) == []
    return site


# ---------------------------------------------------------------- the sanitiser, wired in

EDITOR_PAGE = """

<img src="x" onerror="alert(1)"> <a href="javascript:alert(2)">j</a>
<iframe src="https://evil.example/"></iframe><object data="x"></object><embed src="x">
<form action="https://evil.example/"><input name="q"></form><base href="https://evil.example/">
<svg><script>alert(3)</script></svg><div id="__config">{"base": "https://evil.example/"}</div>

A paragraph with an attribute list.
{onclick="alert(4)" tabindex="0" autofocus onfocus="alert(5)"}

A [reference][r] link.

[r]: javascript:alert(6)

*x*{onmouseover="alert(7)"}
"""


def test_an_editors_page_is_sanitised_whatever_its_markdown_holds(pristine, tmp_path):
    """docs/about.md is the editor's Markdown: whatever raw HTML or syntax it holds, the page that
    reaches a reader has none of it (the field rules cover the essay; this covers everything)."""
    project = fresh(pristine, tmp_path)
    append(project, "docs/about.md", EDITOR_PAGE)
    site = assert_both_pass_harmlessly(project)
    about = (site / "about/index.html").read_text(encoding="utf-8")
    assert "alert(" not in BeautifulSoup(about, "lxml").find("article").decode()
    assert "A paragraph with an attribute list." in about


# ---------------------------------------------------------------- essay files and YAML text (finding 1, 2)

ATTRIBUTE_LISTS = '*x*{onclick="alert(1)"} and {tabindex=0 autofocus onfocus=alert(2)}'


def test_braces_in_a_notes_yaml_text_are_shown_on_every_page_never_read(pristine, tmp_path):
    """A note's text ending in an attribute list: its braces are text on the essay page (the notes
    list), on the note's page and on the notes index; attr_list never reads them (the escaping
    survives every stage)."""
    project = fresh(pristine, tmp_path)
    path = project / "footnotes/notes/introduction.yaml"
    text = path.read_text(encoding="utf-8")
    end = "Stalin Decides Allied Strategy’."
    assert end + '"' in text
    path.write_text(text.replace(end + '"', end + " " + ATTRIBUTE_LISTS.replace('"', '\\"') + '"', 1),
                    encoding="utf-8")
    site = assert_both_pass_harmlessly(project)
    for page, where in (("essay/introduction/index.html", "li#fn\\:1"), ("notes/1/index.html", "blockquote"),
                        ("notes/index.html", "li")):
        article = BeautifulSoup((site / page).read_text(encoding="utf-8"), "lxml").find("article")
        shown = " ".join(article.select_one(where).get_text().split())
        assert 'x{onclick="alert(1)"} and {tabindex=0 autofocus onfocus=alert(2)}' in shown, (page, shown)
        assert not article.select("[tabindex='0'][autofocus], em[onclick], p[onfocus]"), page
