"""The built site: markers, notes lists, note pages, source pages, indexes, no outside requests."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import yaml

from tests import original
from tests.site_html import FOOTNOTES, SECTIONS, content, one, select, soup

ROOT_SOURCES = FOOTNOTES / "sources.yaml"


def _notes_yaml() -> list[dict]:
    files = sorted((FOOTNOTES / "notes").glob("*.yaml"))
    assert files, "no notes files"
    return [note for path in files for note in yaml.safe_load(path.read_text(encoding="utf-8"))]


def _markers(site):
    found = {}
    for slug in SECTIONS:
        for sup in content(site, f"essay/{slug}/").select("sup[id^='fnref:']"):
            found[int(sup["id"].split(":")[1])] = (slug, sup)
    assert sorted(found) == sorted(original.notes()), "a marker for every note of the original"
    return found


def test_all_37_markers_show_their_original_numbers(site):
    markers = _markers(site)
    assert sorted(markers) == list(range(1, 38))
    for n, (slug, sup) in markers.items():
        link = one(sup, "a.footnote-ref")
        assert link.get_text() == str(n)
        assert link["href"] == f"#fn:{n}"


def test_each_marker_has_its_note_on_the_same_page_for_the_tooltip(site):
    for n, (slug, sup) in _markers(site).items():
        page = content(site, f"essay/{slug}/")
        item = one(page, f"div.footnote li[id='fn:{n}']")
        assert item["value"] == str(n)
        one(item, f"a.footnote-backref[href='#fnref:{n}']")
        assert one(item, "a.note-page-link")["href"] == f"../../notes/{n}/"


def test_tooltips_are_switched_on(site):
    """Material's tooltips for titles; the author's notes open in the edition's own popover, which
    stays on the screen (javascripts/edition.js), not in Material's footnote tooltip."""
    features = json.loads(one(soup(site, ""), "script#__config").get_text())["features"]
    assert "content.tooltips" in features and "content.footnote.tooltips" not in features


def test_every_note_page_links_back_to_its_marker(site):
    markers = _markers(site)
    for n in range(1, 38):
        page = content(site, f"notes/{n}/")
        assert one(page, "h1").get_text().startswith(f"Note {n}")
        slug = markers[n][0]
        back = page.select(f"a[href='../../essay/{slug}/#fnref:{n}']")
        assert back, f"note {n} has no link back to its marker"
        assert one(page, "sup.this-note").get_text() == str(n)


def test_note_pages_link_to_previous_and_next(site):
    for n in range(1, 38):
        pager = one(content(site, f"notes/{n}/"), "nav.note-pager")
        hrefs = [a["href"] for a in select(pager, "a")]
        if n > 1:
            assert f"../{n - 1}/" in hrefs
        if n < 37:
            assert f"../{n + 1}/" in hrefs


def test_every_note_page_names_its_work(site):
    from scripts.edition.read.loader import NOTES_DIR  # noqa: F401 - the notes' own structure

    sources = yaml.safe_load(ROOT_SOURCES.read_text(encoding="utf-8"))
    notes = {note["n"]: note for note in _notes_yaml()}
    assert sorted(notes) == sorted(original.notes())
    for n, note in notes.items():
        page = content(site, f"notes/{n}/")
        links = [a["href"] for a in page.select("a")]
        assert f"../../sources/{note['work']}/" in links, f"note {n}"
        assert note["work"] in sources


def test_every_source_page_lists_the_notes_citing_it(site):
    citing: dict[str, set[int]] = {}
    for note in _notes_yaml():
        citing.setdefault(note["work"], set()).add(note["n"])
        if note.get("quotes"):
            citing.setdefault(note["quotes"], set()).add(note["n"])
    sources = yaml.safe_load(ROOT_SOURCES.read_text(encoding="utf-8"))
    assert set(citing) == set(sources), "the bibliography lists exactly the works the notes cite"
    for key, numbers in citing.items():
        page = content(site, f"sources/{key}/")
        linked = {int(m.group(1)) for a in select(page, "a")
                  if (m := re.fullmatch(r"\.\./\.\./notes/(\d+)/", a["href"]))}
        assert linked == numbers, key


def test_bibliography_is_sorted_by_author(site):
    entries = select(content(site, "sources/"), "p.bib-entry")
    assert len(entries) == len(yaml.safe_load(ROOT_SOURCES.read_text(encoding="utf-8")))
    heads = [e.get_text().split(".")[0].split(",")[0].casefold() for e in entries]
    assert heads == sorted(heads)


def test_notes_index_lists_all_37(site):
    page = content(site, "notes/")
    numbers = [int(a["href"].strip("./").split("/")[-1]) for a in select(page, "li > a[href$='/']")
               if re.fullmatch(r"\.\./\d+/|\d+/", a["href"])]
    assert numbers == list(range(1, 38))


def test_notes_index_shows_the_corrections_and_queries_its_sections_show(site):
    index = content(site, "notes/")
    marks = lambda item: [(a["class"][0], a.get_text(), a["href"].rpartition("#")[2])
                          for a in item.select("a.edition-correction, a.edition-query")]
    shown = 0
    for slug in SECTIONS:
        for item in content(site, f"essay/{slug}/").select(".footnote li[id^='fn:']"):
            n = item["id"][3:]
            listed = one(index, f"li#note-{n}")
            assert marks(listed) == marks(item), n
            assert original.notes()[int(n)] in listed.get_text(), n  # the author's words unchanged
            shown += len(marks(item))
    assert shown >= 10


def test_about_page_gives_the_licence_and_the_original(site):
    page = content(site, "about/")
    hrefs = [a["href"] for a in select(page, "a")]
    assert "https://creativecommons.org/licenses/by-nc/4.0/" in hrefs
    assert any(h.startswith("https://www.e-ir.info/2011/11/23/") for h in hrefs)
    assert "Frederick Strachan" in page.get_text()


def test_no_page_loads_anything_from_another_host(site):
    """No web fonts, CDNs or analytics: every stylesheet, script, image and font is local."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 70, "every page of the site"
    loaded = 0
    for path in pages:
        page = soup(site, str(path.relative_to(site)))
        for tag, attr in (("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"),
                          ("source", "src"), ("video", "src"), ("audio", "src")):
            for element in page.select(f"{tag}[{attr}]"):
                if tag == "link" and not set(element.get("rel", [])) & {"stylesheet", "preload",
                                                                       "icon", "modulepreload"}:
                    continue
                assert not urlsplit(urljoin("http://local/", element[attr])).netloc != "local", \
                    f"{path}: {tag} loads {element[attr]}"
                loaded += 1
    assert loaded > len(pages), "the walker found the stylesheets and scripts it checks"
    css_files = list(site.rglob("*.css"))
    assert css_files
    for css in css_files:
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css


def test_no_script_file_is_fetched_before_the_first_paint(site):
    """No page names a script file in a <script src> (scripts/overrides/main.html): Material's bundle
    and the edition's script are held as inert <script data-edition-src>, in their order, and the
    loader after them (partials/scripts-after-first-paint.html) fetches them once the page is painted.
    test_browser checks that it does, and that the bundle is fetched after the first paint."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 70
    for path in pages:
        html = soup(site, str(path.relative_to(site)))
        assert not html.select("script[src]"), f"{path.relative_to(site)}: a script fetched before the first paint"
        held = [script["data-edition-src"].rsplit("/", 1)[-1] for script in html.select("script[data-edition-src]")]
        assert len(held) == 2 and held[0].startswith("bundle.") and held[1] == "edition.js", (path, held)
        assert not any(script.get_text().strip() for script in html.select("script[data-edition-src]"))
        after = html.select("script[data-edition-src] ~ script:not([data-edition-src])")
        assert any("data-edition-src" in script.get_text() for script in after), f"{path}: no loader after the held scripts"


def test_the_real_essay_keeps_its_whole_section_list_on_every_page(site):
    """At or under hooks.PRUNE_ABOVE sections the navigation is not pruned: a note page's sidebar
    holds every essay section, one click away (the 10× synthetic essay, 25 sections, is pruned: test_scale)."""
    from scripts.hooks import PRUNE_ABOVE

    assert len(SECTIONS) <= PRUNE_ABOVE
    nav = one(soup(site, "notes/23/"), "nav.md-nav--primary")
    linked = [a["href"] for a in select(nav, "a.md-nav__link[href]") if "essay/" in a["href"]]
    assert linked == [f"../../essay/{slug}/" for slug in SECTIONS]
