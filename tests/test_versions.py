"""The edition's version (one place: pyproject.toml), the record of changes, and citations of this
edition at every grain: the essay, each paragraph (/cite/#pN) and each note, with copy buttons.

Expected values are read independently of the engine: the version with tomllib, the record and
the apparatus with PyYAML, the citations' wording written out here.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from playwright.sync_api import expect

from tests.conftest import ROOT, build, copy_project
from tests.site_html import SECTIONS, content, soup

TITLE = "The Evolution of Stalin’s Foreign Policy during Word War Two"  # as published
EDITION = "The Evolution of Stalin’s Foreign Policy during World War Two"  # the edition's title
EDITION_APA = "The evolution of Stalin’s foreign policy during World War Two"
CHANGES = "footnotes/changes.yaml"


def pyproject_version(root: Path = ROOT) -> str:
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def record(root: Path = ROOT) -> list[dict]:
    return yaml.safe_load((root / CHANGES).read_text(encoding="utf-8"))


def current(root: Path = ROOT) -> dict:
    [entry] = [v for v in record(root) if v["version"] == pyproject_version(root)]
    return entry


def day(iso: str) -> str:
    d = date.fromisoformat(str(iso))
    return f"{d.day} {d:%B} {d.year}"


def short(version: str) -> str:
    return ".".join(version.split(".")[:2])


def text(element) -> str:
    return " ".join(element.get_text().split())


# --- one place --------------------------------------------------------------------------------

def test_the_version_is_written_in_pyproject_and_nowhere_else_the_site_is_built_from():
    version = pyproject_version()
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    written = [path.relative_to(ROOT).as_posix()
               for folder in ("docs", "scripts", "footnotes")
               for path in (ROOT / folder).rglob("*") if path.is_file() and path.suffix in
               (".md", ".py", ".html", ".yaml", ".json", ".css", ".js")
               and version in path.read_text(encoding="utf-8")]
    written += ["mkdocs.yml"] if version in (ROOT / "mkdocs.yml").read_text(encoding="utf-8") else []
    # The record of changes names every version (with its date): that is its job. (The README's
    # examples are not read by the build.)
    assert written == [CHANGES]


def test_the_version_and_its_date_are_shown_on_the_title_page_the_about_page_and_every_footer(site):
    version, when = pyproject_version(), day(current()["date"])
    for path in ("", "about/"):
        line = content(site, path).select_one("p.edition-version-line")
        assert text(line).startswith(f"This edition: version {version}, {when}"), path
        assert line.select_one("a[href$='changes/#v" + version + "']"), path
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 70
    for page in pages:
        footer = soup(site, page.relative_to(site).as_posix()).select_one("footer .edition-version")
        assert footer is not None and text(footer) == f"This edition: version {version}, {when}", page
        here = "http://x/" + page.relative_to(site).as_posix()
        assert urljoin(here, footer.select_one("a")["href"]) == "http://x/changes/", page


def test_bumping_the_version_in_pyproject_changes_every_place_it_is_shown(tmp_path):
    project = copy_project(tmp_path / "project")
    major, minor, _ = pyproject_version().split(".")
    new = f"{major}.{int(minor) + 1}.0"  # a minor version: it adds a feature
    _bump(project, new, "2031-02-03")
    result = build(project, tmp_path / "out", site_url="https://example.org/ed/")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    for path in ("", "about/"):
        assert f"This edition: version {new}, 3 February 2031" in text(content(out, path))
    assert text(soup(out, "essay/warsaw/").select_one("footer .edition-version")) == \
        f"This edition: version {new}, 3 February 2031"
    cite = text(content(out, "cite/").select_one("#p14-chicago"))
    assert cite.endswith(f"annotated edition, version {short(new)} (2031), https://example.org/ed/essay/warsaw/#p14.")
    assert f"version {short(new)} (2031)" in text(content(out, "notes/12/").select_one("#cite-n12-chicago"))
    assert content(out, "changes/").select_one(f"h2[id='v{new}']")


def _bump(project: Path, version: str, when: str, features=True) -> None:
    path = project / "pyproject.toml"
    path.write_text(re.sub(r'(?m)^version = "[^"]+"', f'version = "{version}"', path.read_text()), encoding="utf-8")
    changes = project / CHANGES
    entry = (f"- version: {version}\n  date: {when}\n  summary: A test version.\n"
             + ("  added:\n    features:\n      - {text: \"A test feature.\"}\n" if features else "") + "\n")
    body = changes.read_text(encoding="utf-8")
    first = body.index("- version:")
    changes.write_text(body[:first] + entry + body[first:], encoding="utf-8")


# --- the record of changes ---------------------------------------------------------------------

def _apparatus() -> dict[str, list[str]]:
    editorial = yaml.safe_load((ROOT / "footnotes/editorial.yaml").read_text(encoding="utf-8"))
    glossary = yaml.safe_load((ROOT / "footnotes/glossary.yaml").read_text(encoding="utf-8"))
    return {"corrections": [e["id"] for e in editorial if e["kind"] != "query"],
            "queries": [e["id"] for e in editorial if e["kind"] == "query"],
            "glossary": [e["id"] for e in glossary]}


def test_every_correction_query_and_glossary_entry_is_listed_once_as_added():
    versions = record()
    assert versions[0]["version"] == pyproject_version()
    key = lambda i: i["id"] if isinstance(i, dict) else i  # noqa: E731
    for kind, ids in _apparatus().items():
        listed = [key(i) for v in versions for i in (v.get("added") or {}).get(kind) or []]
        # an entry a later version removed, or moved to another kind keeping its id (issue 23)
        gone = {key(i) for v in versions for i in (v.get("removed") or {}).get(kind) or []}
        assert sorted(i for i in listed if i not in gone or i in ids) == sorted(ids), kind
    assert len(_apparatus()["corrections"]) >= 35 and len(_apparatus()["glossary"]) >= 62


def test_the_record_lists_this_version_with_what_it_added():
    entry = current()
    assert entry["version"] == pyproject_version() and date.fromisoformat(str(entry["date"]))
    features = " ".join(f["text"] for f in entry["added"]["features"])
    for words in ("basis", "glossary entry", "timeline event", "refuses"):
        assert words in features, words
    older = next(v for v in record() if v["version"] == "1.1.0")
    features = " ".join(f["text"] for f in older["added"]["features"])
    for words in ("version", "record of changes", "Chicago and APA", "paragraphs", "note",
                  "W3C Web Annotation"):
        assert words in features, words
    first = record()[-1]
    assert (first["version"], str(first["date"])) == ("1.0.0", "2026-11-27")  # the first commit that built it


def test_changes_page_lists_each_version_with_its_date_and_links_every_item(site):
    page = content(site, "changes/")
    assert "The essay’s text never changes." in text(page)
    for entry in record():
        heading = page.select_one(f"h2[id='v{entry['version']}']")
        assert heading is not None, entry["version"]
        assert day(entry["date"]) in text(heading.find_next("p")), entry["version"]
    links = {a["href"] for a in page.select("li a")}
    for kind, ids in _apparatus().items():
        where = {"corrections": "../editorial/#", "queries": "../editorial/#", "glossary": "../glossary/#"}[kind]
        for key in ids:
            assert where + key in links, key


def test_every_editorial_note_and_glossary_entry_says_in_which_version_it_was_added(site):
    added = {(kind, key): v["version"] for v in record() for kind, ids in (v.get("added") or {}).items()
             if kind != "features" for key in ids or []}
    editorial = content(site, "editorial/")
    for kind in ("corrections", "queries"):
        for key in _apparatus()[kind]:
            line = text(editorial.select_one(f"div[id='{key}'] .editorial-where"))
            assert re.search(rf"Added in {re.escape(short(added[(kind, key)]))}(, revised in [\d.]+)?$", line), key
    glossary = content(site, "glossary/")
    for key in _apparatus()["glossary"]:
        line = glossary.select_one(f"h3[id='{key}']").find_next("p", class_="glossary-added")
        assert re.fullmatch(rf"Added in {re.escape(short(added[('glossary', key)]))}(, revised in [\d.]+)?\.",
                            text(line)), key
        assert line.select_one(f"a[href='../changes/#v{added[('glossary', key)]}']"), key


# --- what the build says when the record is wrong ---------------------------------------------

def _check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts.check", "--root", str(project)], cwd=project,
                          capture_output=True, text=True, timeout=60)


def _line(project: Path, needle: str) -> int:
    body = (project / CHANGES).read_text(encoding="utf-8")
    return body[:body.index(needle)].count("\n") + 1


def _drop(project: Path, line: str) -> None:
    path = project / CHANGES
    body = path.read_text(encoding="utf-8")
    assert line in body
    path.write_text(body.replace(line, ""), encoding="utf-8")


def test_a_correction_missing_from_the_record_stops_the_build_saying_what_to_add(tmp_path):
    project = copy_project(tmp_path / "project")
    _drop(project, "      - zhukov\n")  # both the correction and the glossary entry (same id)
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    version = pyproject_version()
    corrections = _line(project, "    corrections:")  # the newest version's list
    if "    corrections:\n" in (project / CHANGES).read_text(encoding="utf-8"):
        corrections += 1  # a block list is reported at its first item
    assert (f"{CHANGES}:{corrections}: correction `zhukov`: footnotes/editorial.yaml:" in result.stderr)
    assert f"add `- zhukov` to `added: corrections:` of version {version}" in result.stderr
    assert f"add `- zhukov` to `added: glossary:` of version {version}" in result.stderr
    assert "Traceback" not in result.stderr


def _messages(project: Path) -> str:
    result = _check(project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def test_the_record_and_the_version_must_agree(tmp_path):
    project = copy_project(tmp_path / "p")
    (project / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text().replace(
        f'version = "{pyproject_version()}"', 'version = "9.0.0"'), encoding="utf-8")
    assert f"pyproject.toml says the edition is version 9.0.0" in _messages(project)
    assert "add an entry `- version: 9.0.0`" in _messages(project)


@pytest.mark.parametrize("case", ["unknown id", "listed twice", "minor change called a patch",
                                  "query listed as a correction", "a version listed twice",
                                  "versions out of order", "a later version dated earlier", "a version skipped",
                                  "removed but still there"])
def test_mistakes_in_the_record_are_reported_with_file_line_and_id(case, tmp_path):
    project = copy_project(tmp_path / "p")
    path = project / CHANGES
    body = path.read_text(encoding="utf-8")
    version = pyproject_version()
    if case == "unknown id":
        path.write_text(body.replace("      - yalta-1945\n", "      - yalta-1954\n", 1), encoding="utf-8")
        fragments = [f"{CHANGES}:{_line(project, '- yalta-1954')}: correction `yalta-1954`",
                     "did you mean `yalta-1945`?"]
    elif case == "listed twice":
        path.write_text(body.replace("    corrections:\n", "    corrections:\n      - yalta-1945\n", 1)
                        .replace("    corrections: []\n", "    corrections:\n      - yalta-1945\n", 1),
                        encoding="utf-8")
        fragments = ["correction `yalta-1945`", "listed as added twice"]
    elif case == "minor change called a patch":
        a, b, c = (int(p) for p in version.split("."))
        _bump(project, f"{a}.{b}.{c + 1}", "2099-01-01")
        fragments = [f"version {a}.{b}.{c + 1}", "is a patch version", f"call it {a}.{b + 1}.0"]
    elif case == "a version listed twice":
        _bump(project, version, "2099-01-01")
        lines = (project / CHANGES).read_text(encoding="utf-8").splitlines()
        first, second = [n for n, text in enumerate(lines, 1) if text == f"- version: {version}"]
        fragments = [f"{CHANGES}:{second}: version {version}: is listed twice (first on line {first})",
                     "each version has one entry"]
    elif case == "a later version dated earlier":
        a, b, c = (int(p) for p in version.split("."))
        _bump(project, f"{a}.{b + 1}.0", "2000-01-01")
        fragments = [f"version {a}.{b + 1}.0: is dated 2000-01-01, before version {version} ({current()['date']})",
                     "a later version cannot have an earlier date"]
    elif case == "removed but still there":
        path.write_text(body.replace("  removed:\n", "  removed:\n    glossary: [zhukov]\n", 1), encoding="utf-8")
        fragments = [f"glossary entry `zhukov`: is listed as removed in version {version} but is still there",
                     "remove the entry from its file, or from `removed`"]
    elif case == "a version skipped":
        a, b, c = (int(p) for p in version.split("."))
        _bump(project, f"{a}.{b + 2}.0", "2099-01-01")
        fragments = [f"version {a}.{b + 2}.0: does not follow {version} by one step",
                     f"the next version is {a}.{b + 1}.0"]
    elif case == "versions out of order":
        a, b, c = (int(p) for p in version.split("."))
        older = f"{a}.{b - 1}.9" if b else f"{a - 1}.9.9"
        _bump(project, older, "2099-01-01")
        fragments = [f"version {older}: comes before version {version} but is not newer", "list versions newest first"]
    else:
        empty = "    queries: []\n" if "    queries: []\n" in body else "    queries:\n"
        path.write_text(body.replace(empty, "    queries:\n      - zhukov\n", 1), encoding="utf-8")
        fragments = ["query `zhukov`", "`zhukov` is a correction: list it under `corrections`"]
    messages = _messages(project)
    for fragment in fragments:
        assert fragment in messages, (fragment, messages)


# --- citations of this edition -----------------------------------------------------------------

def _chicago(locator: str, address: str, version: str) -> str:
    where = f" {locator}," if locator else ""
    return (f"Frederick Strachan, “{TITLE},”{where} in {EDITION}, annotated edition, "
            f"version {short(version)} ({str(current()['date'])[:4]}), {address}.")


def _apa(locator: str, address: str, version: str) -> str:
    where = f" ({locator})" if locator else ""
    return (f"Strachan, F. ({str(current()['date'])[:4]}). The evolution of Stalin’s foreign policy during Word War Two"
            f"{where}. In {EDITION_APA} (Annotated ed., Version {short(version)}). {address} "
            "(Original work published 2011)")


def test_every_paragraph_links_to_its_citations_which_name_the_version_and_its_exact_address(site, site_url):
    version = pyproject_version()
    cite = content(site, "cite/")
    seen = []
    for slug in SECTIONS:
        for paragraph in content(site, f"essay/{slug}/").select("p.essay-paragraph"):
            n = int(paragraph["id"][1:])
            number = paragraph.select_one("a.paragraph-number")  # its menu's "Cite this paragraph"
            assert number is not None and number["data-cite"] == f"../../cite/#p{n}", n
            block = cite.select_one(f"div[id='p{n}']")
            address = f"{site_url}essay/{slug}/#p{n}"
            assert text(block.select_one(f"#p{n}-chicago")) == _chicago(f"para. {n}", address, version)
            assert text(block.select_one(f"#p{n}-apa")) == _apa(f"para. {n}", address, version)
            assert block.select_one(f"em") and block.select_one(f"a[href='../essay/{slug}/#p{n}']")
            for style in ("chicago", "apa"):
                assert block.select_one(f"button.md-clipboard[data-clipboard-target='#p{n}-{style}']"), n
            seen.append(n)
    assert seen == list(range(1, 26))


def test_every_note_page_cites_the_note_in_this_edition_beside_the_original(site, site_url):
    version = pyproject_version()
    for n in range(1, 38):
        page = content(site, f"notes/{n}/")
        assert page.select_one("p.cite-note"), n  # the original publication's note, kept
        address = f"{site_url}notes/{n}/"
        assert text(page.select_one(f"#cite-n{n}-chicago")) == _chicago(f"n. {n}", address, version)
        assert text(page.select_one(f"#cite-n{n}-apa")) == _apa(f"n. {n}", address, version)
        for style in ("chicago", "apa"):
            assert page.select_one(f"button.md-clipboard[data-clipboard-target='#cite-n{n}-{style}']"), n


def test_the_title_page_cites_the_essay_in_this_edition_too(site, site_url):
    box = content(site, "").select_one("div.cite-essay")
    version = pyproject_version()
    assert text(box.select_one("#cite-edition-chicago")) == _chicago("", site_url, version)
    assert text(box.select_one("#cite-edition-apa")) == _apa("", site_url, version)
    assert len(box.select("p.bib-entry")) == 2  # the original's Chicago and APA stay


def _clipboard_page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server) else route.abort())
    return context, page


def test_a_paragraphs_menu_leads_to_a_copy_button_that_copies_its_citation(browser, server, site_url):
    context, page = _clipboard_page(browser, server)
    try:
        page.goto(f"{server}/essay/warsaw/")
        page.locator("#p14").hover()  # scrolls it into view: let Material record the scroll position
        page.wait_for_timeout(500)  # first, or its instant navigation may restore that, not the #p14
        page.locator("#p14 a.paragraph-number").click()
        page.get_by_role("dialog", name="Paragraph 14").get_by_role("link", name="Cite this paragraph").click()
        expect(page).to_have_url(re.compile(r"/cite/#p14$"))
        expect(page.locator("div#p14")).to_be_in_viewport()
        for style, expected in (("chicago", _chicago), ("apa", _apa)):
            page.locator(f"div#p14 button[data-clipboard-target='#p14-{style}']").click()
            copied = page.evaluate("navigator.clipboard.readText()")
            assert copied == expected("para. 14", f"{site_url}essay/warsaw/#p14", pyproject_version())
    finally:
        context.close()


def test_a_notes_copy_button_copies_its_citation_in_this_edition(browser, server, site_url):
    context, page = _clipboard_page(browser, server)
    try:
        page.goto(f"{server}/notes/12/")
        page.locator("button[data-clipboard-target='#cite-n12-chicago']").click()
        assert page.evaluate("navigator.clipboard.readText()") == \
            _chicago("n. 12", f"{site_url}notes/12/", pyproject_version())
    finally:
        context.close()
