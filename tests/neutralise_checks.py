"""Disable each validation in turn and show which fast test catches it.

    .venv/bin/python -m tests.neutralise_checks [pytest args…]
    NEUTRALISE_ONLY="essay.py|versions.py:is listed twice" .venv/bin/python -m tests.neutralise_checks

A "validation" is every place the engine and its glue report a problem: each ``Problem(…)``
made in scripts/edition/ and scripts/check.py, and each ``raise PluginError(…)`` in
scripts/hooks.py. For each one, a copy of the project is made with that one statement
neutralised (an ``append``/``raise`` becomes ``pass``, a returned ``[Problem(…)]`` becomes
``[]``), and the fast in-process tests run against the copy, stopping at the first failure.
The table printed says which test failed; a check no test notices is marked SURVIVED and the
command exits 1. Nothing is written into the project itself.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted((ROOT / "scripts/edition").rglob("*.py")) + [ROOT / "scripts/check.py", ROOT / "scripts/hooks.py"]
# The in-process tests of every check: the loader's and the engine's, and those of the record of
# changes, the timeline and the minifiers that report problems, and the bad-input cases (each a
# build in this process).
FAST_TESTS = ["tests/test_validations.py", "tests/test_engine.py", "tests/test_minify.py",
              "tests/test_versions.py::test_mistakes_in_the_record_are_reported_with_file_line_and_id",
              "tests/test_versions.py::test_the_record_and_the_version_must_agree",
              "tests/test_versions.py::test_a_correction_missing_from_the_record_stops_the_build_saying_what_to_add",
              "tests/test_timeline.py::test_a_bad_glossary_date_stops_the_build_with_file_and_line",
              "tests/test_timeline.py::test_a_bad_timeline_date_stops_the_build_with_file_and_line",
              "tests/test_timeline.py::test_dates_that_disagree_or_links_that_do_not_hold_are_problems",
              # the essay files and mkdocs.yml, through `check` and an in-process build (slower: last)
              "tests/test_web_annotations.py::test_a_quote_that_no_context_makes_unique_on_its_page_is_a_problem",
              "tests/test_bad_input.py::test_check_and_build_give_one_verdict",
              "tests/test_bad_input.py::test_an_unexpected_error_is_one_line_naming_the_module_and_page"]
REPORTERS = {"Problem", "problem", "PluginError"}


def _called(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        func = node.func
        return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
    return None


def _describe(call: ast.Call) -> str:
    """The first words of what the check says."""
    for node in ast.walk(call):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 3:
            return re.sub(r"\s+", " ", node.value)[:60]
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{…}" for v in node.values)
            return re.sub(r"\s+", " ", text)[:60]
    return "?"


def checks(path: Path) -> list[tuple[int, int, int, int, str, str]]:
    """(start line, start col, end line, end col, replacement, description) of each check."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if _called(node) not in REPORTERS or (isinstance(parents.get(node), ast.Call)
                                               and _called(parents[node]) in REPORTERS):
            continue
        if _called(node) == "problem" and not isinstance(node.func, ast.Name):
            continue  # kinds.problem(…) computes a message; the checks that report it are found above
        target = node  # climb to what reports it: problems.append(Problem(…)), (text, Problem(…)), …
        while isinstance(parents.get(target), (ast.Call, ast.Tuple)) and not isinstance(parents[target], ast.Return):
            if isinstance(parents[target], ast.Tuple) and isinstance(parents.get(parents[target]), ast.Return):
                break
            target = parents[target]
        holder = parents.get(target)
        span = (target.lineno, target.col_offset, target.end_lineno, target.end_col_offset)
        if isinstance(holder, (ast.Expr, ast.Raise)):
            found.append((holder.lineno, holder.col_offset, holder.end_lineno, holder.end_col_offset, "pass",
                          _describe(node)))
        elif isinstance(holder, ast.List):
            found.append((holder.lineno, holder.col_offset, holder.end_lineno, holder.end_col_offset, "[]",
                          _describe(node)))
        elif isinstance(holder, ast.Tuple):  # return text, Problem(…): no problem instead
            found.append((*span, "None", _describe(node)))
        else:
            raise SystemExit(f"{path}:{node.lineno}: do not know how to neutralise this check")
    return sorted(set(found))


def neutralise(source: str, check: tuple) -> str:
    lines = source.splitlines(keepends=True)
    start, col, end, end_col, replacement, _ = check
    # ast's columns count UTF-8 bytes, not characters (a "–" before them is three)
    head = lines[start - 1].encode("utf-8")[:col].decode("utf-8")
    tail = lines[end - 1].encode("utf-8")[end_col:].decode("utf-8")
    filler = ["\n"] * (end - start)  # keep every other line where it was
    return "".join(lines[:start - 1] + [head + replacement + tail] + filler + lines[end:])


def main(argv: list[str]) -> int:
    work = Path(tempfile.mkdtemp(prefix="neutralise-"))
    try:
        for name in ("scripts", "tests", "docs", "footnotes"):
            shutil.copytree(ROOT / name, work / name, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
        for name in ("mkdocs.yml", "pyproject.toml"):
            shutil.copy(ROOT / name, work / name)
        rows, survived = [], 0
        env = {**os.environ, "PYTHONPATH": str(work), "NO_MKDOCS_2_WARNING": "1"}
        command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
                   *FAST_TESTS, *argv]
        baseline = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True)
        if baseline.returncode != 0:
            raise SystemExit("the fast tests fail before anything is disabled:\n" + baseline.stdout[-3000:])
        print("| check | what it reports | first test that fails without it |\n|---|---|---|")
        # NEUTRALISE_ONLY="essay.py|timeline.py:described a second": the checks whose module name,
        # or module name and the start of what they report, are among these.
        only = [part.split(":", 1) for part in os.environ.get("NEUTRALISE_ONLY", "").split("|") if part]
        for module in MODULES:
            rel = module.relative_to(ROOT).as_posix()
            original = module.read_text(encoding="utf-8")
            for check in checks(module):
                if only and not any(name == module.name and (not rest or rest[0] in check[5]) for name, *rest in only):
                    continue
                changed = neutralise(original, check)
                compile(changed, rel, "exec")  # a neutralised check is still Python, or this tool is wrong
                (work / rel).write_text(changed, encoding="utf-8")
                result = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True)
                failed = re.findall(r"^FAILED (\S+)", result.stdout, flags=re.M)
                error = re.findall(r"^ERROR (\S+)", result.stdout, flags=re.M)
                caught = (failed or error or ["(collection error)" if result.returncode not in (0, 5) else ""])[0]
                survived += not caught
                rows.append((f"{rel}:{check[0]}", check[5], caught.replace("tests/", "") or "SURVIVED"))
                print(f"| `{rows[-1][0]}` | {rows[-1][1]} | {rows[-1][2]} |", flush=True)
            (work / rel).write_text(original, encoding="utf-8")
        print(f"\n{len(rows)} checks, {len(rows) - survived} caught, {survived} survived")
        return 1 if survived else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
