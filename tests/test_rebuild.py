"""A rebuild in ``mkdocs serve`` reuses what did not change, and equals a clean build.

The rebuilds run MkDocs' own serve builder (``mkdocs.commands.serve``: load the config, then
``build(config, serve_url=...)``) in this process, as ``mkdocs serve`` runs them in its one
process: the engine's caches (:mod:`scripts.edition.cache`) live on between them. After every
kind of input is edited, the rebuilt site must equal, file for file and byte for byte, a clean
``mkdocs build`` of the edited project (a fresh process, no cache) for the same ``site_url``.
The work is counted (files parsed, scripts minified, pages sanitised), never timed.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts.edition import cache
from scripts.synth import _dump
from tests.conftest import copy_project

URL = "http://127.0.0.1:8123/"


def serve_builder(project: Path, site: Path):
    """MkDocs 1.6's ``serve`` builder, as it rebuilds after a change."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def builder() -> None:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
        config.site_url = URL
        build(config, serve_url=URL)
    return builder


def clean_build(project: Path, out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": URL, "EDITION_CACHE": "off"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                            cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr


def differences(a: Path, b: Path) -> list[str]:
    files = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    others = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    out = [f"only in the rebuilt site: {p}" for p in sorted(files - others)]
    out += [f"only in the clean build: {p}" for p in sorted(others - files)]
    out += [f"differs: {p}" for p in sorted(files & others)
            if p.name != "sitemap.xml.gz" and not filecmp.cmp(a / p, b / p, shallow=False)]
    return out


# --- the edits: one of each kind of input, each leaving a token the site must show ----------

def _yaml_edit(relative: str, change):
    def edit(project: Path, token: str) -> None:
        path = project / relative
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data, token)
        _dump(path, data)
    return edit


def _first_with(key: str):
    def change(data, token: str) -> None:
        entries = data.values() if isinstance(data, dict) else data
        entry = next(e for e in entries if isinstance(e, dict) and isinstance(e.get(key), str))
        entry[key] = f"{entry[key].rstrip()} {token}"
    return change


def _append(relative: str, template: str):
    def edit(project: Path, token: str) -> None:
        path = project / relative
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + template.format(token) + "\n",
                        encoding="utf-8")
    return edit


def _replace(relative: str, old: str, new: str):
    def edit(project: Path, token: str) -> None:
        path = project / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (old, relative)
        path.write_text(text.replace(old, new.format(token), 1), encoding="utf-8")
    return edit


EDITS = {  # kind of input -> edit(project, token)
    "a note": _yaml_edit("footnotes/notes/warsaw.yaml", _first_with("text")),
    "a work": _yaml_edit("footnotes/sources.yaml", _first_with("title")),
    "an editorial note": _yaml_edit("footnotes/editorial.yaml", _first_with("explanation")),
    "the script": _append("docs/javascripts/edition.js", "\nwindow.{0} = 1;"),
    "a page of the edition": _append("docs/about.md", "\n\n{0}"),
    "mkdocs.yml": _replace("mkdocs.yml", "An annotated edition", "An annotated edition {0}"),
    "an essay section": _append("docs/essay/warsaw.md", " {0}"),
    "a glossary entry": _yaml_edit("footnotes/glossary.yaml", _first_with("text")),
    "a timeline event": _yaml_edit("footnotes/timeline.yaml", _first_with("text")),
    "the publication": _yaml_edit("footnotes/publication.yaml", _first_with("container-title")),
    "the record of changes": _yaml_edit("footnotes/changes.yaml", _first_with("summary")),
    "the stylesheet": _append("docs/stylesheets/edition.css", "\n.{0} {{ color: red }}"),
}
# Two rounds, each editing half the kinds: a stale result of any one shows in its round.
ROUNDS = [list(EDITS)[:6], list(EDITS)[6:]]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A project copy and its serve builder, after the first build."""
    project = copy_project(tmp_path_factory.mktemp("rebuild") / "project")
    site = project.parent / "served"
    builder = serve_builder(project, site)
    builder()
    return project, site, builder


def _made() -> dict[str, int]:
    return dict(cache.made)


def test_a_rebuild_with_nothing_changed_reparses_and_reminifies_nothing(served):
    from scripts.edition.read.editorial import TERM_WORK

    _, _, builder = served
    before, searched = _made(), dict(TERM_WORK)
    builder()
    assert _made() == before
    assert TERM_WORK == searched  # no text searched for glossary terms again


def test_a_note_edit_reparses_that_one_file(served):
    project, _, builder = served
    note = project / "footnotes/notes/warsaw.yaml"
    before = _made()
    note.write_text(note.read_text(encoding="utf-8").replace("Pp 214.", "Pp 215.", 1), encoding="utf-8")
    builder()
    after = _made()
    assert after.get("yaml", 0) - before.get("yaml", 0) == 1
    assert after.get("schema", 0) - before.get("schema", 0) == 1
    # the pages whose content the note changes are sanitised again (its section, its page, the
    # notes index, the pages of the work it cites), not the other 70-odd
    assert 0 < after.get("sanitise", 0) - before.get("sanitise", 0) <= 8, after.get("sanitise", 0) - before.get("sanitise", 0)
    assert (after.get("script", 0), after.get("stylesheet", 0)) == (before.get("script", 0), before.get("stylesheet", 0))
    # of the eleven pages the Web Annotations point into, only the note's section is read again
    assert after.get("body_text", 0) - before.get("body_text", 0) == 1


@pytest.mark.parametrize("round_", range(len(ROUNDS)))
def test_after_every_kind_of_edit_the_rebuilt_site_equals_a_clean_build(served, round_, tmp_path):
    project, site, builder = served
    tokens = {}
    for kind in ROUNDS[round_]:
        tokens[kind] = f"edited{round_}x{len(tokens)}"
        EDITS[kind](project, tokens[kind])
    builder()
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*")
                     if p.is_file() and p.suffix in (".html", ".js", ".css", ".json", ".jsonld", ".bib", ".ris"))
    unseen = [kind for kind, token in tokens.items() if token not in text]
    assert not unseen, f"these edits did not reach the site, so they test nothing: {unseen}"
    clean = tmp_path / "clean"
    clean_build(project, clean)
    assert not differences(site, clean)


def test_the_engine_caches_mutation_testing_clears_can_all_be_cleared():
    """Under mutmut every cache is emptied before a mutant's tests (tests/conftest.py), or a mutant
    behind a cache would never run. Clearing must work on every one, or every mutant fails for that
    reason alone and counts as killed (it did, while `Latest` the class was "cleared")."""
    from scripts.edition.read import schema, yamlio
    from scripts.edition.render import sanitise
    from tests.conftest import clear_engine_caches

    schema.validator("notes")
    assert schema.validator.cache_info().currsize
    assert clear_engine_caches() >= 5
    assert schema.validator.cache_info().currsize == 0
    assert not yamlio._parsed._kept and not sanitise._cleaned._kept
