"""Shared fixtures: the real site, built once per test session, and a real Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def build(project: Path, out: Path, site_url: str | None = None) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of the project at ``project`` into ``out``, for ``site_url`` if given."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def _httpd(tmp_path_factory):
    """A local static server for the built site, bound before the build so the site knows its URL
    (Material's instant navigation follows only links in the sitemap, which holds absolute URLs)."""
    out = tmp_path_factory.mktemp("site")
    handler = functools.partial(_QuietHandler, directory=str(out))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.site_dir = out
    yield httpd
    httpd.server_close()


@pytest.fixture(scope="session")
def site_url(_httpd) -> str:
    """The address the test site is built for: that of the local server (``SITE_URL``)."""
    return f"http://127.0.0.1:{_httpd.server_address[1]}/"


@pytest.fixture(scope="session")
def site(_httpd, site_url) -> Path:
    out = _httpd.site_dir
    result = build(ROOT, out, site_url=site_url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out


def copy_project(copy: Path) -> Path:
    """Copy what a build reads (mkdocs.yml, pyproject.toml and the folders beside it) to ``copy``."""
    copy.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "footnotes", "scripts"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "pyproject.toml"):  # pyproject.toml: the edition's version
        shutil.copy(ROOT / name, copy / name)
    return copy


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throwaway copy of the project's sources, for tests that break them on purpose."""
    return copy_project(tmp_path / "project")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def server(site, _httpd) -> str:
    """The built site on a local static server; yields its base URL."""
    thread = threading.Thread(target=_httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{_httpd.server_address[1]}"
    _httpd.shutdown()


def chromium_path() -> str | None:
    """Debian's Chromium where present (CI), else Playwright's own build (a laptop)."""
    explicit = os.environ.get("EDITION_CHROMIUM")
    if explicit:
        return explicit
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that fails the test on any script error or request off the local server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    def route(route):
        if route.request.url.startswith(server):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    yield page
    context.close()
    assert not foreign, f"requests left the site: {foreign}"
    assert not errors, f"script errors: {errors}"
