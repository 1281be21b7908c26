"""The essay's reading order, taken from the ``nav`` of mkdocs.yml (plain data, no MkDocs)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ESSAY_PREFIX = "essay/"


def essay_uris(nav: list[Any]) -> list[str]:
    """The essay section files, in nav order: every nav entry under essay/."""
    found: list[str] = []

    def walk(item: Any) -> None:
        if isinstance(item, str):
            if item.startswith(ESSAY_PREFIX) and item.endswith(".md"):
                found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav)
    return found


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: tags such as !ENV or !!python/name become plain values."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_mkdocs_yml(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
