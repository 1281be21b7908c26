"""check = build (issue 20): for any edits to a copy of the project, ``scripts.check`` and
``mkdocs build --strict`` agree on pass or fail and on the files they name.

The edits are drawn by Hypothesis from what an editor (or an attacker) can do: a sentence said
twice (a Web Annotation's quote is then not unique: the build's check, which ``check`` used to
miss), a number as a key, a page left out of the nav, a page at a generated address, markup in an
essay file, text in a note. Few examples (each is two builds); the named findings have their own
tests in tests/test_hostile.py.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import verdict
from tests.conftest import copy_project
from tests.test_properties import TEXT


def _repeat_a_sentence(project: Path, text: str) -> None:
    """The same sentence, naming a glossary term, as two paragraphs: no context on the page tells
    the two mentions apart, so the build refuses their Web Annotations."""
    path = project / "docs/essay/conclusion.md"
    body = path.read_text(encoding="utf-8").rstrip("\n")
    sentence = "In the end Molotov was at the conference."
    path.write_text(f"{body}\n\n{sentence}\n\n{sentence}\n", encoding="utf-8")


def _number_key(project: Path, text: str) -> None:
    path = project / "footnotes/publication.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\nstrachan-2011:", "\n2011:", 1), encoding="utf-8")


def _page_out_of_the_nav(project: Path, text: str) -> None:
    (project / "docs/extra.md").write_text("# Extra\n\nWords.\n", encoding="utf-8")


def _page_at_a_generated_address(project: Path, text: str) -> None:
    (project / "docs/notes").mkdir(exist_ok=True)
    (project / "docs/notes/README.md").write_text("# Notes\n\nMine.\n", encoding="utf-8")


def _markup_in_the_essay(project: Path, text: str) -> None:
    path = project / "docs/essay/introduction.md"
    body = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{body} {text}\n", encoding="utf-8")


def _text_in_a_note(project: Path, text: str) -> None:
    path = project / "footnotes/notes/introduction.yaml"
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    content = path.read_text(encoding="utf-8")
    path.write_text(content.replace('  text: "Keith Sainsbury', f'  text: "{quoted} Keith Sainsbury', 1),
                    encoding="utf-8")


def _broken_link_in_a_page(project: Path, text: str) -> None:
    path = project / "docs/about.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n\n[gone](nowhere.md)\n", encoding="utf-8")


EDITS = [_repeat_a_sentence, _number_key, _page_out_of_the_nav, _page_at_a_generated_address,
         _markup_in_the_essay, _text_in_a_note, _broken_link_in_a_page]
_FILE = re.compile(r"[\w./-]+\.(?:md|ya?ml|jsonld|bib|ris|json|txt)\b")


def files_named(output: str) -> set[str]:
    return {name.removeprefix("docs/") for name in _FILE.findall(output)}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("pristine"))


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                HealthCheck.too_slow])
@given(st.lists(st.sampled_from(EDITS), min_size=1, max_size=3, unique=True),
       st.one_of(st.sampled_from(["{key=value}", "[x]: https://e.example/", "<b>x</b>", "plain words."]), TEXT))
def test_check_and_build_agree_on_any_edits(pristine, tmp_path_factory, edits, text):
    project = tmp_path_factory.mktemp("edit") / "project"
    shutil.copytree(pristine, project)
    for edit in edits:
        edit(project, text)
    checked = verdict.check(project)
    built = verdict.build(project, project.parent / "site")
    assert bool(checked.status) == bool(built.status), (edits, checked.output, built.output)
    assert "Traceback" not in checked.output + built.output
    assert files_named(checked.output) == files_named(built.output), (edits, checked.output, built.output)


@pytest.mark.parametrize("edit", [_repeat_a_sentence, _page_out_of_the_nav, _broken_link_in_a_page])
def test_what_only_the_build_saw_check_reports_too(pristine, tmp_path, edit):
    """The three ways through of issue 20 (a repeated sentence above all), each alone."""
    project = tmp_path / "project"
    shutil.copytree(pristine, project)
    edit(project, "")
    checked = verdict.check(project)
    built = verdict.build(project, project.parent / "site")
    assert checked.status and built.status, (checked.output, built.output)
    assert files_named(checked.output) == files_named(built.output) != set()


def test_check_builds_the_real_edition_and_says_ok(capsys):
    from scripts import check
    from tests.conftest import ROOT

    assert check.main(["--root", str(ROOT)]) == 0
    assert capsys.readouterr().out.startswith("OK: 10 sections, 25 paragraphs")
