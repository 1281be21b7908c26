"""Issue 20's attacks, each on a copy of the project, run through ``scripts.check`` and the build.

For every input, either both stop with a message naming the file and no traceback, or both pass
and the site is harmless: no event handler, no script URL, no element outside the sanitiser's
allowlist in any page's content, no file from outside the project.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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


# ---------------------------------------------------------------- files from outside the project (finding 3)


@pytest.mark.parametrize("rel, target", [("docs/passwd.txt", "/etc/passwd"),
                                         ("docs/about/environ.md", "/proc/self/environ"),
                                         ("footnotes/notes/zero.yaml", "/dev/zero"),
                                         ("docs/outside", "/etc")])
def test_a_link_leaving_the_project_is_refused_by_both_with_its_name(pristine, tmp_path, rel, target):
    project = fresh(pristine, tmp_path)
    (project / rel).parent.mkdir(parents=True, exist_ok=True)
    (project / rel).symlink_to(target)
    checked, _ = assert_both_refuse(project, rel)
    assert f"{rel}: is a link to {Path(target).resolve()}, outside the project" in checked.output
    assert not (project.parent / "site").exists() or not any((project.parent / "site").rglob("passwd*"))


def test_a_fifo_is_refused_by_both_and_hangs_neither(pristine, tmp_path):
    """A FIFO waits for a writer for ever: both commands, as the editor runs them, stop at once."""
    project = fresh(pristine, tmp_path)
    os.mkfifo(project / "footnotes/notes/pipe.yaml")
    os.mkfifo(project / "docs/pipe.md")
    for command in (["-m", "scripts.check"], ["-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "s")]):
        result = subprocess.run([sys.executable, *command], cwd=project, capture_output=True, text=True, timeout=120,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
        for name in ("footnotes/notes/pipe.yaml", "docs/pipe.md"):
            assert f"{name}: is not a regular file but a FIFO, a device or a socket" in result.stderr, result.stderr


def test_a_link_inside_the_project_is_a_file_like_any_other(pristine, tmp_path):
    project = fresh(pristine, tmp_path)
    (project / "docs/mirror.txt").symlink_to(project / "docs/about.md")
    site = assert_both_pass_harmlessly(project)
    assert (site / "mirror.txt").read_bytes() == (project / "docs/about.md").read_bytes()


def test_the_cap_counts_the_bytes_read_not_what_stat_says(monkeypatch):
    """/proc files say 0 bytes and hold more; a device never ends. The cap holds for both."""
    from scripts.edition.read import yamlio

    assert Path("/proc/self/status").stat().st_size == 0
    monkeypatch.setattr(yamlio, "MAX_BYTES", 100)
    assert [p.message for p in yamlio.load_yaml(Path("/proc/self/status"), "x.yaml")[1]] == ["is larger than 0 MB"]
    with pytest.raises(yamlio.TooLarge):
        yamlio.read_capped(Path("/proc/self/status"), 100)
    with pytest.raises(yamlio.NotAFile):
        yamlio.read_capped(Path("/dev/zero"), 100)


# ---------------------------------------------------------------- generated pages cannot be shadowed (finding 6)


@pytest.mark.parametrize("rel", ["docs/timeline.md", "docs/notes/README.md", "docs/glossary/index.md",
                                 "docs/notes/12/README.md", "docs/sources.md"])
def test_a_file_at_a_generated_pages_address_is_refused_by_both_with_its_name(pristine, tmp_path, rel):
    project = fresh(pristine, tmp_path)
    (project / rel).parent.mkdir(parents=True, exist_ok=True)
    (project / rel).write_text("# Mine\n\nThe editor's words.\n", encoding="utf-8")
    checked, _ = assert_both_refuse(project, rel)
    assert f"{rel}: would hide a page the build generates" in checked.output


# ---------------------------------------------------------------- keys of every type (finding 5)


@pytest.mark.parametrize("key", ["2011", "true", "1.5", "~"])
def test_a_key_that_is_not_text_is_refused_by_both_with_file_and_line(pristine, tmp_path, key):
    project = fresh(pristine, tmp_path)
    path = project / "footnotes/publication.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\nstrachan-2011:", f"\n{key}:", 1), encoding="utf-8")
    checked, built = assert_both_refuse(project, "footnotes/publication.yaml")
    assert f"footnotes/publication.yaml:8: `{key}` is not a text key" in checked.output
    assert "internal error" not in built.output
