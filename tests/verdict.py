"""Run a project through ``python -m scripts.check`` and through ``mkdocs build --strict``, both in
this process (MkDocs' Python API), and compare their verdicts.

A few tests also run the real command line (``tests.conftest.build``) to prove that path and
that no traceback reaches the terminal; the many bad-input cases use these in-process runs,
which are several times faster.
"""

from __future__ import annotations

import contextlib
import html
import io
import logging
import logging.handlers
import os
import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@dataclass
class Verdict:
    status: int  # 0: accepted
    output: str

    @property
    def problems(self) -> set[str]:
        """The report's problem and hint lines (indented by two spaces or more)."""
        return {line.strip() for line in self.output.splitlines() if line.startswith("  ")}


def check(project: Path) -> Verdict:
    from scripts import check as command

    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        status = command.main(["--root", str(project)])
    return Verdict(status, out.getvalue() + err.getvalue())


def build(project: Path, out: Path, env: dict[str, str] | None = None) -> Verdict:
    """``mkdocs build --strict`` of ``project`` into ``out``, in this process. An exception other
    than MkDocs' own abort escapes (and fails the test): that would be a traceback."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    collect = logging.handlers.BufferingHandler(capacity=1_000_000)  # every warning and error
    collect.setLevel(logging.WARNING)
    lines: list[str] = []
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    saved = {key: os.environ.get(key) for key in (env or {})}
    os.environ.update(env or {})
    status = 0
    try:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(out), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        except Abort as abort:
            status = 1
            lines.append(str(abort))
        finally:
            config.plugins.on_shutdown()
    finally:
        logger.removeHandler(collect)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return Verdict(status, "\n".join([*(record.getMessage() for record in collect.buffer), *lines]))


# ---------------------------------------------------------------- what a harmless site is

_SCHEMES = re.compile(r"^\s*(javascript|data|vbscript)\s*:", re.I)
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "srcdoc")


def harms(page: str, parser: str = "html.parser") -> list[str]:
    """Everything in one HTML page that could run script: event-handler attributes, script
    URLs, and ``title`` attributes whose decoded text Material's tooltips would turn into markup."""
    found = []
    soup = BeautifulSoup(page, parser)
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.lower().startswith("on"):
                found.append(f"<{element.name} {name}=…>")
            if name.lower() in _URL_ATTRIBUTES and _SCHEMES.match(html.unescape(re.sub(r"[\t\n\r]", "", value))):
                found.append(f"<{element.name} {name}={value[:40]!r}>")
            if name.lower() == "title" and BeautifulSoup(value, "html.parser").find(True) is not None:
                found.append(f"<{element.name} title={value[:40]!r}> becomes markup in a tooltip")
    return found


def site_harms(site: Path) -> list[str]:
    return [f"{path.relative_to(site)}: {harm}" for path in sorted(site.rglob("*.html"))
            for harm in harms(path.read_text(encoding="utf-8"), "lxml")]  # lxml: citeproc-py's, and fast
