"""Shared fixtures: the real site, built once per test run and shared by the xdist workers, and a
real Chromium."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from scripts import static_server

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def build(project: Path, out: Path, site_url: str | None = None) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of the project at ``project`` into ``out``, for ``site_url`` if given.
    Not ``-q``: MkDocs 1.6 then drops warnings before its strict mode counts them."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)


# One built site per test run, shared read-only by every xdist worker. The process that runs the
# session (xdist's controller, or pytest itself without xdist) serves an empty folder from the
# start; the first test that needs the site builds into it, under a file lock, for that server's
# address (Material's instant navigation follows only links in the sitemap, which holds absolute
# URLs); every other test, in any worker, waits for that build and reads it. Tests that change
# the site or the sources build copies of their own (``project_copy``).
_SHARED = "edition_shared_site"  # the key in xdist's workerinput
_HTTPD = pytest.StashKey[http.server.ThreadingHTTPServer]()
_SITE = pytest.StashKey[tuple]()  # (folder, URL)


def pytest_configure(config) -> None:
    if hasattr(config, "workerinput"):
        return
    folder = Path(tempfile.mkdtemp(prefix="edition-tests-"))
    (folder / "site").mkdir()
    httpd, base = static_server.start(folder / "site")
    config.stash[_HTTPD] = httpd
    config.stash[_SITE] = (str(folder), f"{base}/")


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """xdist: tell each worker where the shared site is built and served."""
    node.workerinput[_SHARED] = node.config.stash[_SITE]


def pytest_unconfigure(config) -> None:
    httpd = config.stash.get(_HTTPD, None)
    if httpd is not None:
        httpd.shutdown()
        httpd.server_close()
        shutil.rmtree(config.stash[_SITE][0], ignore_errors=True)


def _shared(config) -> tuple[Path, str]:
    folder, url = config.workerinput[_SHARED] if hasattr(config, "workerinput") else config.stash[_SITE]
    return Path(folder), url


@pytest.fixture(scope="session")
def site_url(pytestconfig) -> str:
    """The address the test site is built for: that of the shared local server (``SITE_URL``)."""
    return _shared(pytestconfig)[1]


@pytest.fixture(scope="session")
def site(pytestconfig, site_url) -> Path:
    """The real site, built once per test run (whichever worker needs it first); read it, never write it."""
    from filelock import FileLock

    folder, _ = _shared(pytestconfig)
    verdict = folder / "build.json"
    with FileLock(folder / "build.lock"):
        if not verdict.exists():
            result = build(ROOT, folder / "site", site_url=site_url)
            verdict.write_text(json.dumps({"returncode": result.returncode, "stdout": result.stdout,
                                           "stderr": result.stderr}))
        result = json.loads(verdict.read_text())
    assert result["returncode"] == 0, result["stdout"] + result["stderr"]
    assert "WARNING" not in result["stderr"], result["stderr"]
    return folder / "site"


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


@pytest.fixture(scope="session")
def server(site, site_url) -> str:
    """The built site on the shared local server; its base URL, without the final slash."""
    return site_url.rstrip("/")


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


def _and_wait_for_the_scripts(navigate):
    """Page.goto and Page.reload, then wait until the page's scripts have started: they are fetched
    after the first paint (scripts/overrides/partials/scripts-after-first-paint.html), so "load" can
    come before them, and a test, like a reader, acts on the page's controls once they are there.
    A page without the loader (JavaScript off, a plain page) has no data-scripts and is not waited for."""
    @functools.wraps(navigate)
    def run(self, *args, **kwargs):
        response = navigate(self, *args, **kwargs)
        if kwargs.get("wait_until", "load") == "load":
            self.wait_for_function("document.documentElement.getAttribute('data-scripts') !== 'held'", timeout=15000)
        return response
    return run


def _wait_for_the_scripts_after_every_navigation() -> None:
    from playwright.sync_api import Page

    for name in ("goto", "reload"):
        if not hasattr(getattr(Page, name), "__wrapped__"):
            setattr(Page, name, _and_wait_for_the_scripts(getattr(Page, name)))


_wait_for_the_scripts_after_every_navigation()


@pytest.fixture(autouse=True)
def _engine_caches_cleared_under_mutmut():
    """mutmut (``dev.py mutate``) runs each mutant in a fork of a process that has run the tests
    once already: a function reached only through a cached one (``schema._read``, under
    ``schema.validator``) would never run its mutant there. Outside mutmut this does nothing."""
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    if "__mutmut_" in mutant and mutant != _cleared_for[0]:  # once per mutant: mutmut forks per mutant
        _cleared_for[0] = mutant
        clear_engine_caches()
    yield


_cleared_for = [""]


def clear_engine_caches() -> int:
    """Empty every cache the engine's modules hold (``functools.cache`` functions, ``cache.Latest``
    objects); how many. Not the classes themselves: ``Latest.cache_clear`` needs an instance (called
    on the class, it raised in every mutant, and mutmut counted every mutant killed)."""
    cleared = 0
    for name, module in list(sys.modules.items()):
        if name.startswith("scripts.edition"):
            for value in list(vars(module).values()):
                if not isinstance(value, type) and callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
                    cleared += 1
    return cleared
