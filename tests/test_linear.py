"""Every step linear in the size of its input (issue 20), proved by counting work, never by timing.

A paragraph of sentences that each name a glossary term, 1×, 10× and 100× as long: the Web
Annotations' quotes (their contexts made unique on the page and in the original) and the glossary
matching must cost the same per sentence at every size. A glossary 10× larger must not cost more
per word of text. The quotes are counted as the interpreter counts calls (Python and built-in), so
the count does not depend on how the code is written; a budget stops the count, so the cubic code
this replaced failed at once instead of running for minutes. Wall-clock figures: scripts/bench.py.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scripts.edition.inline import to_text
from scripts.edition.model import GlossaryEntry
from scripts.edition.read import editorial
from scripts.edition.read.essay import MARKER
from scripts.edition.read.loader import load_edition
from scripts.edition.read.nav import essay_uris, read_mkdocs_yml
from scripts.edition.render.citations import ThisEdition
from scripts.edition.render.web_annotations import collection
from tests.conftest import ROOT, clear_engine_caches, copy_project
from tests.test_properties import TEXT

SIZES = (10, 100, 1000)  # sentences: 1×, 10×, 100×


def sentences(count: int) -> str:
    return " ".join(f"In the year {1000 + i} Molotov wrote letter number {i} to an envoy." for i in range(count))


class OverBudget(Exception):
    pass


def calls(run, budget: int) -> int | None:
    """How many functions (Python and built-in) ``run`` calls, or None past ``budget``."""
    count = [0]

    def profile(frame, event, arg):
        if event in ("call", "c_call"):
            count[0] += 1
            if count[0] > budget:
                raise OverBudget

    sys.setprofile(profile)
    try:
        run()
    except OverBudget:
        return None
    finally:
        sys.setprofile(None)
    return count[0]


@cache
def _project(tmp: Path, count: int):
    """The real project with one more paragraph at the end of the essay, of ``count`` sentences."""
    project = copy_project(tmp / f"p{count}")
    conclusion = project / "docs/essay/conclusion.md"
    conclusion.write_text(conclusion.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + sentences(count) + "\n",
                          encoding="utf-8")
    config = read_mkdocs_yml(project / "mkdocs.yml")
    edition = load_edition(project, project / "docs", essay_uris(config["nav"]))
    return edition


def _pages(edition) -> dict[str, str]:
    """Each annotated page's text as a reader gets it: paragraphs (markers as numbers) and the notes."""
    pages = {}
    for section in edition.sections:
        notes = [to_text(edition.notes[n].text) for n in section.note_numbers]
        pages[section.src_uri] = "\n".join([section.title, *(MARKER.sub(r"\1", p.source) for p in section.paragraphs),
                                            *notes])
    for entry in edition.editorial:
        if entry.anchor.page:
            pages[entry.anchor.page] = (ROOT / "docs" / entry.anchor.page).read_text(encoding="utf-8")
    return pages


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("linear")
    return [_project(tmp, count) for count in SIZES]


def test_quotes_cost_the_same_per_sentence_at_every_size(editions):
    """The Web Annotations of a paragraph 1×, 10×, 100× as long: the work per added sentence stays
    the same (it was cubic: each mention re-filtered every occurrence for every 16 characters)."""
    counts: list[int] = []
    for size, edition in zip(SIZES, editions):
        this = ThisEdition("T", "http://127.0.0.1:8000/", edition.changes.current)
        pages = _pages(edition)
        annotations = len(collection(edition, this, pages)["first"]["items"])
        assert annotations > size  # every sentence's mention is annotated
        # linear growth from the first two sizes, with room to spare; the cubic code went far past it
        budget = 10**7 if len(counts) < 2 else \
            counts[0] + 3 * (counts[1] - counts[0]) * (size - SIZES[0]) // (SIZES[1] - SIZES[0])
        counts.append(calls(lambda: collection(edition, this, pages), budget))
        assert counts[-1] is not None, f"over the budget of {budget} calls at {size} sentences"
    per_sentence = [(counts[i + 1] - counts[i]) / (SIZES[i + 1] - SIZES[i]) for i in range(2)]
    assert per_sentence[1] <= 1.5 * per_sentence[0], (counts, per_sentence)


def test_glossary_matching_is_linear_in_the_text(editions):
    finder = editorial.TermFinder(editions[0].glossary)
    work = []
    for count in SIZES:
        editorial.TERM_WORK.update(positions=0, comparisons=0)
        found = finder.find(sentences(count))
        assert len(found) == count  # "Molotov", once a sentence
        work.append(editorial.TERM_WORK["positions"] + editorial.TERM_WORK["comparisons"])
    assert work[1] <= 10.5 * work[0] and work[2] <= 10.5 * work[1], work


def _bigger_glossary(glossary: dict, times: int) -> dict:
    """The glossary and ``times - 1`` copies of every entry under new names."""
    bigger = dict(glossary)
    for copy in range(1, times):
        for key, entry in glossary.items():
            forms = tuple(f"{form} {chr(ord('A') + copy)}{copy}" for form in entry.matches)
            bigger[f"{key}-{copy}"] = GlossaryEntry(f"{key}-{copy}", entry.term, entry.category, forms, entry.text, "", 0)
    return bigger


def test_glossary_matching_does_not_grow_with_the_glossary(editions):
    """A glossary 10× larger costs no more per word of text (it cost text × forms × form length)."""
    text = " ".join(MARKER.sub("", p.source) for p in editions[0].paragraphs)
    work = []
    for times in (1, 10):
        finder = editorial.TermFinder(_bigger_glossary(editions[0].glossary, times))
        editorial.TERM_WORK.update(positions=0, comparisons=0)
        finder.find(text)
        work.append(editorial.TERM_WORK["positions"] + editorial.TERM_WORK["comparisons"])
    assert work[1] <= 1.5 * work[0], work


def _oracle(forms: list[str]) -> re.Pattern:
    """The one regular expression the finder replaced: its answers are the specification."""
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(forms, key=len, reverse=True))) + r")(?!\w)")


@cache
def _project_of_paragraphs(tmp: Path, count: int):
    """The real project with ``count`` more paragraphs at the end of the essay, one sentence each."""
    project = copy_project(tmp / f"q{count}")
    conclusion = project / "docs/essay/conclusion.md"
    conclusion.write_text(conclusion.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
                          + "\n\n".join(sentences(count).split(" In ")) + "\n", encoding="utf-8")
    config = read_mkdocs_yml(project / "mkdocs.yml")
    return load_edition(project, project / "docs", essay_uris(config["nav"]))


def test_many_paragraphs_naming_one_term_cost_the_same_per_paragraph(tmp_path_factory):
    """1×, 10×, 100× as many paragraphs, each naming the same glossary term: recording where an entry
    is mentioned, and the Web Annotations, cost the same per added paragraph (recording looked the
    place up in the entry's list of places: quadratic, found at 100× the essay by the benchmark)."""
    tmp = tmp_path_factory.mktemp("paragraphs")
    editions = [_project_of_paragraphs(tmp, count) for count in SIZES]
    assert [sum(1 for p in e.paragraphs if "Molotov wrote" in p.source) for e in editions] == list(SIZES)
    for name, work in (("mentions", lambda e: lambda: editorial._mark_mentions(
                           {k: dataclasses.replace(g, mentions=[]) for k, g in e.glossary.items()},
                           e.sections, e.notes)),
                       ("annotations", lambda e: lambda: collection(
                           e, ThisEdition("T", "http://127.0.0.1:8000/", e.changes.current), _pages(e)))):
        counts = []
        for edition in editions:
            clear_engine_caches()  # or a size would reuse what the one before it found, and look cheaper
            counts.append(calls(work(edition), 10**8))
        per_paragraph = [(counts[i + 1] - counts[i]) / (SIZES[i + 1] - SIZES[i]) for i in range(2)]
        assert per_paragraph[1] <= 1.5 * per_paragraph[0], (name, counts, per_paragraph)


FORMS = st.lists(st.sampled_from(["Pact", "Anti-Comintern Pact", "Comintern", "Soviet", "Soviet Union", "Eden",
                                  "Eden’s", "Red Army", "Red", "x_y", "Déjà vu", "Déjà", "1941"]),
                 min_size=1, max_size=6, unique=True)
WORDS = st.lists(st.sampled_from(["Pact", "Anti-Comintern", "Comintern", "Soviet", "Union", "Soviets", "Eden’s",
                                  "Eden", "Red", "Army", "x_y", "Déjà", "vu", "1941", "-", "’", " ", "  ", ".", "a",
                                  "_"]), max_size=30).map(" ".join)


@given(FORMS, st.one_of(WORDS, TEXT))
def test_the_finder_finds_what_the_single_expression_found(forms, text):
    entries = {f"e{i}": GlossaryEntry(f"e{i}", form, "", (form,), "", "", 0) for i, form in enumerate(forms)}  # noqa: E501
    owner = {form: f"e{i}" for i, form in enumerate(forms)}
    expected = [(m.start(), m.end(), owner[m.group(0)]) for m in _oracle(forms).finditer(text)]
    assert editorial.TermFinder(entries).find(text) == expected
