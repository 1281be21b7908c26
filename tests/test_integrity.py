"""Every link in the built site resolves, outside links use https, and builds are reproducible."""

from __future__ import annotations

import filecmp
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from tests.conftest import ROOT, build
from tests.site_html import parse

BASE = "http://edition.local/"


@cache
def _ids(path: Path) -> frozenset[str]:
    page = parse(path)
    return frozenset(e["id"] for e in page.select("[id]")) | frozenset(e["name"] for e in page.select("a[name]"))


def _target_file(site: Path, url_path: str) -> Path:
    path = site / unquote(url_path).lstrip("/")
    return path / "index.html" if url_path.endswith("/") or path.is_dir() else path


def _links(site: Path):
    for page in sorted(site.rglob("*.html")):
        url = BASE + page.relative_to(site).as_posix()
        for element in parse(page).select("a[href], link[href], script[src], img[src]"):
            yield page, urljoin(url, element.get("href") or element.get("src"))


def test_every_internal_link_and_fragment_resolves(site):
    broken, checked = [], 0
    for page, url in _links(site):
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}/" != BASE:
            continue
        target = _target_file(site, parts.path)
        checked += 1
        if not target.exists():
            broken.append(f"{page.relative_to(site)} -> {url} (no such page)")
        elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _ids(target):
            broken.append(f"{page.relative_to(site)} -> {url} (no such anchor)")
    assert checked, "the walker found no internal link"
    assert not broken, "\n".join(broken)


def test_outside_links_use_https(site, site_url):
    # The site's own address (canonical links, from SITE_URL) is the local test server's here.
    plain = sorted({url for _, url in _links(site)
                    if urlsplit(url).scheme not in ("https", "") and not url.startswith((BASE, site_url))})
    assert not plain, plain


def test_the_walker_finds_a_broken_anchor(tmp_path):
    """The link check is real: a page linking to a missing anchor is caught."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<a href="../b/#nowhere">x</a><p id="here"></p>')
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<a href="../a/#here">y</a>')
    _ids.cache_clear()
    try:
        test_every_internal_link_and_fragment_resolves(tmp_path)
    except AssertionError as error:
        assert "b/#nowhere (no such anchor)" in str(error)
        assert "a/#here" not in str(error)
    else:
        raise AssertionError("the broken anchor was not reported")


def test_two_builds_are_byte_identical(site, site_url, tmp_path):
    again = tmp_path / "again"
    result = build(ROOT, again, site_url=site_url)
    assert result.returncode == 0, result.stderr
    first = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert first == second
    different = [str(rel) for rel in first if rel.name != "sitemap.xml.gz"
                 and not filecmp.cmp(site / rel, again / rel, shallow=False)]
    assert not different, different
