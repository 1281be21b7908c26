"""The engine at ten times the essay: the synthetic generator and the real engine stay correct.

Not timed (timing lives in scripts/bench.py); this checks that a 10× edition passes the
edition's own validation, builds with ``mkdocs build --strict``, and renders what it should.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts import synth
from scripts.edition.pages.notes_and_sources import generated_pages
from tests.conftest import build
from tests.site_html import content

SCALE = 10


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return synth.generate(tmp_path_factory.mktemp("synthetic") / "project", SCALE)


@pytest.fixture(scope="module")
def edition(project):
    return synth.real_edition(project)[0]


@pytest.fixture(scope="module")
def site(project, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synthetic-site")
    result = build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out


def test_the_synthetic_essay_has_the_promised_size(edition):
    real = synth.real_edition()[0]
    assert len(edition.paragraphs) == SCALE * len(real.paragraphs) == 250
    assert len(edition.sections) == 25
    assert list(edition.notes) == list(range(1, SCALE * len(real.notes) + 1))
    assert len(edition.works) == synth.SHARED_WORKS + SCALE * (len(real.works) - synth.SHARED_WORKS)


def test_its_first_part_is_the_real_essay(edition):
    real = synth.real_edition()[0]
    for n, note in real.notes.items():
        copy = edition.notes[n]
        assert (copy.text, copy.kind, copy.work, copy.quotes) == (note.text, note.kind, note.work, note.quotes)


def test_the_indexes_agree_with_a_plain_scan(edition):
    """The model's dictionaries give what scanning every note and work would."""
    notes = list(edition.notes.values())
    for key in edition.works:
        assert edition.notes_citing(key) == [n for n in notes if key in (n.work, n.quotes)]
        assert edition.quoted_through(key) == [w for w in edition.works.values() if w.quoted_in == key]
    for note in notes:
        assert edition.first_citation(note) == next(n for n in notes if n.work == note.work)
        section = edition.section(note.marker.section)
        assert note.n in section.note_numbers
        assert edition.section_at(section.src_uri) is section
        assert edition.paragraphs[note.marker.paragraph - 1].number == note.marker.paragraph
    assert edition.section_at("index.md") is None


def test_every_generated_page_is_there(edition, site):
    pages = generated_pages(edition)
    indexes = {"notes/index.md", "sources/index.md", "editorial.md", "glossary.md", "changes.md",
               "timeline.md"}
    assert indexes <= set(pages)
    assert len(pages) == len(edition.notes) + len(edition.works) + len(indexes)
    assert sum(1 for _ in (site / "notes").glob("*/index.html")) == len(edition.notes)
    assert sum(1 for _ in (site / "sources").glob("*/index.html")) == len(edition.works)


def test_the_last_note_links_back_to_its_marker(edition, site):
    last = max(edition.notes)
    slug = edition.notes[last].marker.section
    page = content(site, f"notes/{last}/")
    assert page.select_one("h1").get_text().startswith(f"Note {last}")
    assert page.select(f"a[href='../../essay/{slug}/#fnref:{last}']")
    section = content(site, f"essay/{slug}/")
    assert section.select_one(f"sup[id='fnref:{last}'] a").get_text() == str(last)
    assert section.select_one(f"li[id='fn:{last}'] a.note-page-link")["href"] == f"../../notes/{last}/"


def test_paragraphs_are_numbered_through_all_sections(site, edition):
    found = []
    for section in edition.sections:
        page = content(site, f"essay/{section.slug}/")
        found += [int(p["id"][1:]) for p in page.select("p.essay-paragraph")]
    assert found == list(range(1, 251))


def test_a_work_shared_by_every_copy_lists_all_its_notes(edition, site):
    key = max(edition.works, key=lambda k: len(edition.notes_citing(k)))
    citing = edition.notes_citing(key)
    assert len(citing) >= SCALE * 2
    page = content(site, f"sources/{key}/")
    assert page.select_one("h2").get_text().startswith(f"Cited in {len(citing)} notes")
    linked = [int(m.group(1)) for a in page.select("a")
              if (m := re.fullmatch(r"\.\./\.\./notes/(\d+)/", a.get("href", "")))]
    assert linked == [n.n for n in citing]


def test_an_ibid_in_a_later_copy_resolves_to_the_copy_of_its_work(edition, site):
    real = synth.real_edition()[0]
    ibid = next(n for n in real.notes.values() if n.kind == "ibid")
    offset = len(real.notes) * (SCALE - 1)
    copy = edition.notes[ibid.n + offset]
    assert copy.kind == "ibid" and copy.work == edition.notes[ibid.n + offset - 1].work
    page = content(site, f"notes/{copy.n}/")
    assert page.select_one(f"a[href='../../sources/{copy.work}/']")


def _essay_links(site, url_path: str) -> list[str]:
    from tests.site_html import soup

    nav = soup(site, url_path).select_one("nav.md-nav--primary")
    assert nav is not None
    return [a["href"] for a in nav.select("a.md-nav__link[href]")
            if re.fullmatch(r"(\.\./\.\./essay/|\.\./)part-\d+/|\./", a["href"])]


def test_a_large_navigation_is_pruned_outside_the_essay(edition, site):
    """Above hooks.PRUNE_ABOVE sections, a page outside the essay links to the essay's first
    section only (Material's navigation.prune); a section page still lists every section."""
    from scripts.hooks import PRUNE_ABOVE

    assert len(edition.sections) > PRUNE_ABOVE
    assert _essay_links(site, "notes/1/") == ["../../essay/part-0001/"]
    assert len(_essay_links(site, "essay/part-0002/")) == len(edition.sections)

