"""MkDocs glue: the only module that knows about MkDocs. Wired in by ``hooks:`` in mkdocs.yml.

Per build: load and validate the edition once (``on_config``… ``on_files``), add the generated
note and source pages and the bibliography exports, tell the Markdown extension which essay
section each page is, and give the title page its "Cite this essay" box and citation metadata.
In ``mkdocs serve``, watch footnotes/ so that editing a note rebuilds and reloads the browser.

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

from scripts.edition.exports import export_files  # noqa: E402
from scripts.edition.loader import load_edition  # noqa: E402
from scripts.edition.markdown_ext import EssayContext, EssayExtension  # noqa: E402
from scripts.edition.metadata import head_html  # noqa: E402
from scripts.edition.nav import essay_uris  # noqa: E402
from scripts.edition.pages import CITE_ESSAY_PLACEHOLDER, cite_essay, generated_pages  # noqa: E402
from scripts.edition.problems import EditionError, unexpected  # noqa: E402

context = EssayContext()


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


@_reported("mkdocs.yml")
def on_config(config):
    context.edition = None
    context.section = None
    context.failure = None if _verbose() else PluginError
    config.markdown_extensions.append(EssayExtension(context))
    return config


@_reported("footnotes/ and docs/essay/")
def on_files(files: Files, config) -> Files:
    root = Path(config.config_file_path).resolve().parent
    context.edition = load_edition(root, Path(config.docs_dir), essay_uris(config.nav or []))
    generated = {**generated_pages(context.edition), **export_files(context.edition)}
    for src_uri, content in generated.items():
        files.append(File.generated(config, src_uri, content=content))
    return files


@_reported("a page")
def on_page_markdown(markdown: str, page, config, files) -> str:
    uri = page.file.src_uri
    context.page_uri = uri
    context.missing = []
    context.section = context.edition.section_at(uri)
    if page.is_homepage:
        markdown = markdown.replace(CITE_ESSAY_PLACEHOLDER, cite_essay(context.edition))
    return markdown


@_reported("a page")
def on_page_content(html: str, page, config, files) -> str:
    context.section = None
    context.page_uri = None
    if context.missing:
        raise PluginError("\n".join(
            f"docs/{uri}: editorial note `{note}`: its phrase is not in the rendered page "
            "(text in raw HTML is not searched: give the block markdown=\"span\")"
            for uri, note in context.missing))
    return html


@_reported("a page")
def on_page_context(context_: dict, page, config, nav) -> dict:
    """The title page's <head> gets the essay's citation metadata (see scripts/overrides/main.html)."""
    if page.is_homepage:
        context_["edition_head"] = head_html(context.edition.publication)
    return context_


def on_serve(server, config, builder):
    server.watch(str(Path(config.config_file_path).resolve().parent / "footnotes"))
    return server
