"""The edition builds the same with ProperDocs as with MkDocs 1.6.

ProperDocs (pinned in the test extra) continues MkDocs 1.x under another name: the same mkdocs.yml,
hooks, Markdown extensions and Material theme. Building with it is how the edition would leave
MkDocs 1.x (README: `.venv/bin/properdocs build` in place of `.venv/bin/mkdocs build`). Every file
of its build must equal the shared MkDocs build's, byte for byte, but for the generator tag.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.site_html import ROOT

# MkDocs writes "mkdocs-1.6.1", ProperDocs "mkdocs-ProperDocs 1.6.7", in Material's <meta> tag.
GENERATOR = re.compile(rb'<meta name="generator" content="mkdocs-[^"]*">')


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_properdocs_builds_the_same_site_as_mkdocs(site, site_url, tmp_path):
    out = tmp_path / "properdocs-site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-q", "-d", str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    mkdocs, properdocs = _files(site), _files(out)
    assert sorted(mkdocs) == sorted(properdocs)
    tags = [name for name, data in properdocs.items() if b"ProperDocs" in data]
    assert "index.html" in tags and "404.html" in tags, "ProperDocs's generator tag was not found"
    differ = [name for name in mkdocs if GENERATOR.sub(b"", mkdocs[name]) != GENERATOR.sub(b"", properdocs[name])]
    assert not differ, f"ProperDocs's build differs from MkDocs's in {differ[:10]}"
    assert all(GENERATOR.search(properdocs[name]) for name in tags), "a ProperDocs tag the pattern does not match"
