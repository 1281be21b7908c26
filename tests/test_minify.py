"""The minifiers the edition's script and stylesheet go through (scripts/edition/render/minify.py), on their own."""

from __future__ import annotations

import shutil

import pytest

from scripts.edition.render import minify
from scripts.edition.problems import EditionError
from tests.site_html import ROOT


def test_the_edition_script_is_smaller_and_keeps_its_public_names():
    source = (ROOT / "docs/javascripts/edition.js").read_text(encoding="utf-8")
    out = minify.script(source, "docs/javascripts/edition.js")
    assert len(out) < 0.6 * len(source)
    for name in ("window.edition", "document$", "actions", "__config", "edition-plain"):
        assert name in out, name


@pytest.mark.parametrize("source", ["let a = 1;", "const f = (x) => x?.y ?? 1;", "var s = `x${1}`;",
                                    "class A { #p = 1; static q = 2; }", "for (const [k, v] of m) { k(v); }"])
def test_the_script_may_be_written_in_the_dialect_of_current_browsers(source):
    out = minify.script(source, "docs/javascripts/edition.js")
    assert 0 < len(out) <= len(source) + 1


@pytest.mark.parametrize("source, line", [("var a = ;", 1), ("var ok = 1;\nfunction (", 2),
                                          ("let x = 1;\nlet y = 2;\nlet z = {;\n", 3), ("a = `open", 1)])
def test_a_script_that_is_not_javascript_is_a_problem_naming_the_file_and_line(source, line):
    with pytest.raises(EditionError) as raised:
        minify.script(source, "docs/javascripts/edition.js")
    [problem] = raised.value.problems
    assert (problem.file, problem.line) == ("docs/javascripts/edition.js", line)
    assert "not JavaScript the minifier can read" in problem.message and "column" in problem.message


def test_the_stylesheet_is_smaller_and_a_closing_style_tag_is_refused():
    source = (ROOT / "docs/stylesheets/edition.css").read_text(encoding="utf-8")
    out = minify.stylesheet(source, "docs/stylesheets/edition.css")
    assert len(out) < 0.7 * len(source) and "edition-plain" in out and "@media print" in out
    with pytest.raises(EditionError, match="docs/x.css"):
        minify.stylesheet("a::after { content: '</style>' }", "docs/x.css")


def test_the_script_and_stylesheet_are_minified_once_per_content(tmp_path, monkeypatch):
    """A serve rebuild (the same process) and a later build (another process: the disk) reuse the
    minified file; another content is minified anew; the folder is safe to delete."""
    from scripts.edition import cache

    monkeypatch.setattr(cache, "_memory", {})
    monkeypatch.setattr(cache, "made", cache.Counter())
    store = cache.Store(tmp_path / "cache")
    script = (ROOT / "docs/javascripts/edition.js").read_text(encoding="utf-8")
    sheet = (ROOT / "docs/stylesheets/edition.css").read_text(encoding="utf-8")
    first = minify.script(script, "x.js", store), minify.stylesheet(sheet, "x.css", store)
    assert cache.made == {"script": 1, "stylesheet": 1}
    assert minify.script(script, "x.js", store) == first[0]  # in memory
    cache._memory.clear()  # as a new process would start
    again = minify.script(script, "x.js", store), minify.stylesheet(sheet, "x.css", store)
    assert again == first and cache.made == {"script": 1, "stylesheet": 1}
    assert sorted(p.name.split("-")[0] for p in store.folder.iterdir()) == ["script", "stylesheet"]  # no temporaries
    minify.script(script + "\nwindow.x = 1;\n", "x.js", store)
    assert cache.made["script"] == 2
    shutil.rmtree(store.folder)
    cache._memory.clear()
    assert minify.script(script, "x.js", store) == first[0] and cache.made["script"] == 3


def test_a_minifier_error_is_not_kept(tmp_path, monkeypatch):
    from scripts.edition import cache

    monkeypatch.setattr(cache, "_memory", {})
    store = cache.Store(tmp_path / "cache")
    for _ in range(2):
        with pytest.raises(EditionError):
            minify.script("var a = ;", "x.js", store)
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").iterdir())
