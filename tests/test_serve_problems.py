"""The editor's loop: a failed rebuild in ``mkdocs serve`` shows in the open page, lists the same
problems as ``scripts.check``, follows the fixes, and goes away after a good build.

The browser test serves a copy of the project on a free port, opens a section page in Chromium,
and from then on only edits files: every change it sees arrives through MkDocs' own live reload.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scripts.edition.serve.problem_overlay import overlay_html, problems_of, with_overlay
from scripts.edition.problems import MAX_MESSAGE, EditionError, Problem, shorten
from scripts.edition.serve.serving import showing_problems
from tests.conftest import ROOT

NOTES = "footnotes/notes/warsaw.yaml"
WAIT_MS = 90_000  # a rebuild takes about a second; a shared 2-core machine can take far longer


def check_problems(project: Path) -> list[str]:
    """The problems ``python -m scripts.check`` reports for the project, each as "problem → hint"."""
    result = subprocess.run([sys.executable, "-m", "scripts.check", "--root", str(project)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    problems: list[str] = []
    for line in result.stderr.splitlines()[1:]:
        if line.startswith("    -> "):
            problems[-1] += " → " + line.removeprefix("    -> ")
        else:
            problems.append(line)
    return [" ".join(problem.split()) for problem in problems]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def serving(project_copy):
    """``mkdocs serve`` on a copy of the project; yields (its base URL, the copy)."""
    port = free_port()
    log = project_copy / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project_copy,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + WAIT_MS / 1000
        while "Serving on" not in log.read_text():
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", project_copy
    finally:
        # Ctrl-C, as an editor stops it: MkDocs then removes its temporary site folder.
        process.send_signal(signal.SIGINT if os.name != "nt" else signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def replace(project: Path, old: str, new: str) -> None:
    path = project / NOTES
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def shown(page) -> list[str]:
    return [" ".join(item.split()) for item in page.locator("#edition-problems li").all_inner_texts()]


def test_a_broken_note_shows_in_the_open_page_until_it_is_fixed(browser, serving):
    url, project = serving
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url) else route.abort())
    try:
        page.goto(f"{url}/essay/warsaw/")
        assert page.locator("article h1").inner_text().startswith("Warsaw")
        assert page.locator("#edition-problems").count() == 0

        # One mistake: the overlay appears by itself, naming file and line as check does.
        replace(project, '  locator: {page: "214"}', '  locater: {page: "214"}')
        problem = page.locator("#edition-problems li", has_text=f"{NOTES}:10")
        problem.wait_for(timeout=WAIT_MS)
        assert page.locator("#edition-problems").is_visible()
        assert "unknown field `locater`" in problem.inner_text()
        assert "did you mean `locator`?" in problem.inner_text()
        assert shown(page) == check_problems(project)

        # A second mistake, in the next note: both are listed, as check lists them.
        replace(project, '  locator: {page: "215"}', '  locater: {page: "215"}')
        page.locator("#edition-problems li").nth(1).wait_for(timeout=WAIT_MS)
        assert len(shown(page)) == 2
        assert shown(page) == check_problems(project)

        # Esc hides the box and leaves the page as last built without problems.
        page.keyboard.press("Escape")
        assert not page.locator("#edition-problems").is_visible()
        assert page.locator("article h1").inner_text().startswith("Warsaw")

        # Fixing one updates the list; fixing the other brings back the real page, with no box.
        replace(project, '  locater: {page: "214"}', '  locator: {page: "214"}')
        page.wait_for_function("document.querySelectorAll('#edition-problems li').length === 1",
                               timeout=WAIT_MS)
        assert shown(page) == check_problems(project)
        assert shown(page)[0].startswith(f"{NOTES}:16: note 24: unknown field `locater`")
        replace(project, '  locater: {page: "215"}', '  locator: {page: "215"}')
        page.locator("#edition-problems").wait_for(state="detached", timeout=WAIT_MS)
        assert page.locator("article h1").inner_text().startswith("Warsaw")
        assert page.locator("sup[id='fnref:23']").count() == 1
        assert not errors, errors
    finally:
        context.close()


# The parts, without a server.

PROBLEMS = [Problem("footnotes/notes/warsaw.yaml", 10, "unknown field `<locater>`", note=23,
                    hint="did you mean `locator`?"),
            Problem("footnotes/glossary.yaml", 4, "form `x` is not in the essay", entry="glossary entry `y`")]


def test_the_overlay_lists_every_problem_with_file_line_and_what_to_do_as_text():
    overlay = overlay_html(PROBLEMS)
    assert "The build failed: 2 problems" in overlay
    assert "footnotes/notes/warsaw.yaml:10</code>" in overlay
    assert "note 23: unknown field `&lt;locater&gt;`" in overlay  # text from YAML is never markup
    assert "→ did you mean `locator`?" in overlay
    assert "glossary entry `y`: form `x` is not in the essay" in overlay
    assert "<locater>" not in overlay
    assert re.search(r"<dialog id=\"edition-problems\"", overlay)
    assert "http" not in overlay  # nothing fetched from anywhere


def test_the_overlay_goes_at_the_end_of_the_body():
    page = "<html><body><p>x</p><script>a('</body>')</script></body></html>"
    assert with_overlay(page, "<dialog>").endswith("<dialog></body></html>")


def test_the_problems_shown_are_the_editions_wherever_mkdocs_wrapped_them():
    class PluginError(Exception):
        pass

    class Abort(Exception):
        pass

    try:
        try:
            try:
                raise EditionError(PROBLEMS)
            except EditionError as error:
                raise PluginError(error.report()) from None  # as hooks.py does
        except PluginError:
            raise Abort("Aborted with a BuildError!")  # as mkdocs.commands.build does
    except Abort as error:
        assert problems_of(error, ["The edition has 2 problems: ..."]) == sorted(PROBLEMS,
                                                                                  key=lambda p: p.file)


def test_other_failures_show_what_mkdocs_logged():
    error = RuntimeError("Aborted with 1 warnings in strict mode!")
    logged = ["Doc file 'essay/warsaw.md' contains a link 'nowhere.md', but the target is not found.",
              "Doc file 'essay/warsaw.md' contains a link 'nowhere.md', but the target is not found."]
    assert problems_of(error, logged) == [logged[0]]
    assert problems_of(error, []) == ["RuntimeError: Aborted with 1 warnings in strict mode!"]


def test_a_failed_build_puts_the_last_good_site_back_with_the_problems_over_it(tmp_path):
    site = tmp_path / "site"
    (site / "essay").mkdir(parents=True)
    (site / "essay" / "index.html").write_text("<body>good</body>")
    (site / "style.css").write_text("p{}")

    def fails():
        shutil.rmtree(site / "essay")  # MkDocs empties the folder, then stops at the problem
        (site / "style.css").unlink()
        raise EditionError(PROBLEMS[:1])

    inner = [lambda: None]
    builder = showing_problems(lambda: inner[0](), site)  # the first (good) build is kept
    inner[0] = fails
    builder()
    page = (site / "essay" / "index.html").read_text()
    assert page.startswith("<body>good") and "footnotes/notes/warsaw.yaml:10" in page
    assert (site / "style.css").read_text() == "p{}"
    # The kept copy did not take the overlay, so the next failure starts again from it.
    builder()
    assert (site / "essay" / "index.html").read_text().count('id="edition-problems"') == 1
    # A good build is kept in its turn: no overlay after it, and the new page comes back next time.
    inner[0] = lambda: (site / "essay" / "index.html").write_text("<body>better</body>")
    builder()
    inner[0] = fails
    builder()
    assert (site / "essay" / "index.html").read_text().startswith("<body>better")


@pytest.mark.parametrize("value", ["a\u202eb reversed", "bell\x07 and \x1b[31mred", "zero\u200bwidth",
                                   "long " + "x" * 1000, "line\u2028separator"])
def test_the_overlay_shows_each_problem_exactly_as_the_terminal_does(value):
    """issue 20: the same neutraliser (bidi overrides, controls, zero-width) and the same cut."""
    problem = Problem("footnotes/publication.yaml", 8, f"`{value}` is not a key", entry=f"`{value}`", hint=value)
    terminal = str(problem).split("\n")
    item = BeautifulSoup(overlay_html([problem]), "html.parser").select_one("#edition-problems li")
    shown = item.get_text()
    assert shown == terminal[0] + "→ " + terminal[1].removeprefix("    -> "), (shown, terminal)
    assert len(item.select_one(".edition-problem-what").get_text()) < 420
    for character in "\u202e\x07\x1b\u200b\u2028":
        assert character not in shown
    line = "Doc file 'x.md' contains a link '" + value + "'"
    assert BeautifulSoup(overlay_html([line]), "html.parser").select_one("#edition-problems li").get_text() \
        == shorten(line, MAX_MESSAGE)
