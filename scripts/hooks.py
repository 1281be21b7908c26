"""MkDocs glue: the only module that knows about MkDocs. Wired in by ``hooks:`` in mkdocs.yml.

Per build: load and validate the edition once (``on_config``… ``on_files``), add the generated
note and source pages and the bibliography exports, tell the Markdown extension which essay
section each page is, and give the title page its "Cite this essay" box and citation metadata.
In ``mkdocs serve``, watch footnotes/ so that editing a note rebuilds and reloads the browser, and
show a failed rebuild's problems in the browser.

No traceback reaches the editor: the edition's problems are reported as one PluginError (file,
line and what to do), and any unexpected exception in a hook or in the Markdown extension
becomes one line naming the module and the page or file being processed. ``mkdocs build
--verbose`` shows the traceback.
"""

from __future__ import annotations

import functools
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs loads this file by path, not as part of the package
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from scripts.edition import cache  # noqa: E402
from scripts.edition.render import minify  # noqa: E402
from scripts.edition.render.citations import ThisEdition  # noqa: E402
from scripts.edition.pages.cite import fill_placeholders  # noqa: E402
from scripts.edition.render.exports import export_files, title_slips  # noqa: E402
from scripts.edition.read.loader import load_edition  # noqa: E402
from scripts.edition.render.markdown_ext import EssayContext, EssayExtension  # noqa: E402
from scripts.edition.render.metadata import head_html, page_coins  # noqa: E402
from scripts.edition.render.sanitise import sanitise_page  # noqa: E402
from scripts.edition.pages.timeline import timeline_css  # noqa: E402
from scripts.edition.read.nav import essay_uris  # noqa: E402
from scripts.edition.pages.notes_and_sources import cite_essay, generated_pages  # noqa: E402
from scripts.edition.problems import EditionError, unexpected  # noqa: E402
from scripts.edition.serve.serving import showing_problems  # noqa: E402
from scripts.edition.urls import CITE_ESSAY_PLACEHOLDER, COLLECTION_URI, TIMELINE_URI  # noqa: E402
from scripts.edition.render.web_annotations import collection_json, head_link, pages_needed, served_text  # noqa: E402,E501

context = EssayContext()
this: ThisEdition | None = None  # the edition's title, address and version, for citations of it
page_texts: dict[str, str] = {}  # the served text of the pages the Web Annotations point into
texts_needed: set[str] = set()  # those pages' src_uris


def _verbose() -> bool:
    return logging.getLogger("mkdocs").isEnabledFor(logging.DEBUG)


def _reported(where):
    """Run a hook so that whatever goes wrong is reported in one PluginError, never a traceback."""
    def wrap(hook):
        @functools.wraps(hook)
        def run(*args, **kwargs):
            try:
                return hook(*args, **kwargs)
            except EditionError as error:
                raise PluginError(error.report()) from None
            except PluginError:
                raise
            except Exception as error:
                if _verbose():
                    raise
                page = kwargs.get("page")
                place = f"docs/{page.file.src_uri}" if page is not None else where
                raise PluginError(unexpected(error, hook.__module__ + "." + hook.__name__, place)) from None
        return run
    return wrap


# Above this many essay sections, Material's navigation.prune is switched on: every page outside
# the essay then shows "The essay" as one link to its first section instead of the whole list
# (which every page would otherwise carry, 250 links at 100× the essay: more than half of the
# build's time). Up to it the list stays, one click away on every page.
PRUNE_ABOVE = 20


@_reported("mkdocs.yml")
def on_config(config):
    context.edition = None
    context.section = None
    context.failure = None if _verbose() else PluginError
    config.markdown_extensions.append(EssayExtension(context))
    features = config.theme.get("features") or []
    if len(essay_uris(config.nav or [])) > PRUNE_ABOVE and "navigation.prune" not in features:
        config.theme["features"] = [*features, "navigation.prune"]
    return config


@_reported("footnotes/ and docs/essay/")
def on_files(files: Files, config) -> Files:
    root = Path(config.config_file_path).resolve().parent
    context.edition = load_edition(root, Path(config.docs_dir), essay_uris(config.nav or []))
    global this
    this = ThisEdition(config.site_name, (config.site_url or "http://127.0.0.1:8000/").rstrip("/") + "/",
                       context.edition.changes.current)
    page_texts.clear()
    texts_needed.clear()
    texts_needed.update(pages_needed(context.edition))
    config.extra["edition_version"] = this.version  # the footer (overrides/partials/copyright.html)
    generated = {**generated_pages(context.edition, this), **export_files(context.edition),
                 COLLECTION_URI: ""}  # declared for link checks; written in on_post_build
    for src_uri, content in generated.items():  # the loader has made sure none is hidden by a file
        files.append(File.generated(config, src_uri, content=content))
    _minify_assets(files, config, cache.Store.for_project(root))
    return files


def _minify_assets(files: Files, config, store: cache.Store) -> None:
    """The edition's own script and stylesheet, minified in the built site under the same names
    (docs/ keeps them readable); once per content, kept in the project's cache."""
    assets = [(str(path), minify.script) for path in config.extra_javascript]
    assets += [(str(path), minify.stylesheet) for path in config.extra_css]
    for uri, shrink in assets:
        file = files.get_file_from_path(uri)
        if file is None or file.abs_src_path is None:  # an address elsewhere; or missing: MkDocs says so
            continue
        files.remove(file)
        source = Path(file.abs_src_path).read_text(encoding="utf-8")
        files.append(File.generated(config, uri, content=shrink(source, f"docs/{uri}", store)))


@_reported("a page")
def on_page_markdown(markdown: str, page, config, files) -> str:
    uri = page.file.src_uri
    context.page_uri = uri
    context.missing = []
    context.section = context.edition.section_at(uri)
    if page.is_homepage:  # the loader has made sure the placeholder is there
        markdown = markdown.replace(CITE_ESSAY_PLACEHOLDER, cite_essay(context.edition, this))
    return fill_placeholders(markdown, context.edition)


@_reported("a page")
def on_page_content(html: str, page, config, files) -> str:
    context.section = None
    context.page_uri = None
    if context.missing:
        raise PluginError("\n".join(
            f"docs/{uri}: editorial note `{note}`: its phrase is not in the rendered page "
            "(text in raw HTML is not searched: give the block markdown=\"span\")"
            for uri, note in context.missing))
    # Last: the content passes the allowlist (render/sanitise.py). The timeline's stylesheet is the
    # edition's own code, not data: it goes in after, under the title (not above it, where the search
    # index would make it a section of its own).
    html = sanitise_page(page.file.src_uri, html)
    if page.file.src_uri == TIMELINE_URI:
        title, end, rest = html.partition("</h1>")
        html = f"{title}{end}<style>{timeline_css()}</style>{rest}"
    return html


@_reported("a page")
def on_page_context(context_: dict, page, config, nav) -> dict:
    """The title page's <head> gets the essay's citation metadata; the bibliography, a work's page,
    a note's page and /cite/ their COinS (scripts/edition/render/metadata.py; scripts/overrides/main.html)."""
    if page.is_homepage:
        context_["edition_head"] = head_html(context.edition.publication, this.url,
                                             title_slips(context.edition)) + head_link()
    context_["edition_coins"] = page_coins(context.edition, this, page.file.src_uri)
    return context_


@_reported("a page")
def on_post_page(output: str, page, config) -> str:
    """Keep the text of the pages the Web Annotations point into, as served."""
    if page.file.src_uri in texts_needed:
        page_texts[page.file.src_uri] = served_text(page.file.src_uri, output)
    return output


@_reported("annotations.jsonld")
def on_post_build(config) -> None:
    """/annotations.jsonld, once every page it points into is rendered."""
    text = collection_json(context.edition, this, page_texts)
    (Path(config.site_dir) / COLLECTION_URI).write_text(text, encoding="utf-8")


def on_serve(server, config, builder):
    server.watch(str(Path(config.config_file_path).resolve().parent / "footnotes"))
    # A failed rebuild shows its problems in the open pages (scripts/edition/serve/serving.py): MkDocs
    # 1.6's live-reload server calls `server.builder` on every change and reloads the browsers
    # only when it returns. tests/test_serve_problems.py breaks and fixes a note while serving.
    server.builder = showing_problems(server.builder, config.site_dir)
    return server
