"""Every address, id rule and text rule has one home (scripts/edition/urls.py, scripts/edition/text.py)
that the rest of the engine imports: the forms they replaced are searched for in the engine's code,
and the links urls.py makes are checked against a table."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from scripts.edition import contract, urls
from tests.site_html import ROOT

ENGINE = sorted((ROOT / "scripts/edition").rglob("*.py")) + [ROOT / "scripts/hooks.py"]
# Hand-typed forms of what urls.py and text.py own, as they would appear in a string of the code.
OLD_FORMS = {
    "urls.py": [r"(?:glossary|editorial|timeline|changes|cite|index)\.md#",
                r"\]\((?:[\w./-]*/)?(?:glossary|editorial|timeline|changes|cite|index)\.md", r"bibliography\.(?:bib|json|ris)\)", r"(?:glossary|editorial|timeline|changes|cite|notes|sources)/#", r"notes/\{",
                r"sources/\{", r"[\"'](?:glossary|editorial|timeline|changes|cite)/", r"#p\{", r"^p\{",
                r"fn(?:ref)?:\{", r"_URI\}#", r"^[\"']?#?fn(?:ref)?:[\"']?$", r"ed-\{", r"\.md[\"']\s*[,)}\]]"],
    "text.py": [r"\\x00|\\x1f|\\x7f|\\x9f|\\u2028|\\u202a|\\u2066|\\ufeff", r"[\"']January[\"']", r"[\"']jan[\"']",
                r"\[\.\?!\]|\[\.!\?\]"],
}
EXEMPT = {"urls.py": {"scripts/edition/urls.py"}, "text.py": {"scripts/edition/text.py"}}


def _strings(path):
    """The source text of each string in a module's code, docstrings left out."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)
                  and isinstance(node.value, (ast.Constant, ast.JoinedStr))}
    parts = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
    for node in ast.walk(tree):
        if id(node) in docstrings or id(node) in parts:
            continue
        if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            yield node.lineno, ast.get_source_segment(source, node)


def _find(home: str, paths) -> list[str]:
    found = []
    for path in paths:
        rel = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
        if rel in EXEMPT[home]:
            continue
        for line, text in _strings(path):
            body = re.sub(r"^[rbfu]*", "", text, flags=re.I)
            for form in OLD_FORMS[home]:
                if re.search(form, body.strip("\"'") if form.startswith("^") else body):
                    found.append(f"  {rel}:{line}: {text}  (use scripts/edition/{home})")
    return found


@pytest.mark.parametrize("home", sorted(OLD_FORMS))
def test_no_address_or_text_rule_is_typed_outside_its_home(home):
    found = _find(home, ENGINE)
    assert not found, f"Written by hand, outside scripts/edition/{home}:\n" + "\n".join(found)


def test_the_search_finds_the_forms_it_looks_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('"""A docstring may say glossary.md#x."""\nA = f"glossary.md#{key}"\nB = "editorial/#" + i\n'
                      'C = f"notes/{n}/"\nD = "changes/"\nE = f"#p{n}"\nF = {"id": f"fnref:{n}"}\n'
                      'G = "[\\x00-\\x1f]"\nH = ["January", "February"]\nI = "fn:"\n', encoding="utf-8")
    found = {home: {int(line.split(":")[1]) for line in _find(home, [sample])} for home in ("urls.py", "text.py")}
    assert found == {"urls.py": {2, 3, 4, 5, 6, 7, 10}, "text.py": {8, 9}}


@pytest.mark.parametrize("target, from_uri, expected", [
    ("glossary.md", "index.md", "glossary.md"),
    ("glossary.md", "notes/12.md", "../glossary.md"),
    ("notes/12.md", "notes/13.md", "12.md"),
    ("notes/12.md", "essay/warsaw.md", "../notes/12.md"),
    ("sources/index.md", "notes/index.md", "../sources/index.md"),
    ("essay/warsaw.md", "essay/warsaw.md", "warsaw.md"),
    ("index.md", "sources/bibliography.bib", "../index.md"),
])
def test_a_relative_link_leads_from_one_page_to_the_other(target, from_uri, expected):
    assert urls.relative(target, from_uri) == expected


@pytest.mark.parametrize("uri, expected", [
    ("index.md", ""), ("notes/index.md", "notes/"), ("notes/12.md", "notes/12/"), ("essay/warsaw.md", "essay/warsaw/"),
    ("editorial.md#a-slip", "editorial/#a-slip"), ("index.md#cite-this-essay", "#cite-this-essay"),
])
def test_a_page_is_served_at_its_directory(uri, expected):
    assert urls.page_path(uri) == expected


@pytest.mark.parametrize("uri, note, work", [
    ("notes/12.md", 12, None), ("sources/haslam-1995.md", None, "haslam-1995"), ("sources/index.md", None, None),
    ("notes/index.md", None, None), ("essay/warsaw.md", None, None),
])
def test_a_note_or_work_page_is_known_by_its_path(uri, note, work):
    assert (urls.note_number(uri), urls.source_key(uri)) == (note, work)


def test_the_contracts_id_rules_are_the_ones_urls_makes():
    made = {"p{n}": urls.paragraph_id(14), "fnref:{n}": urls.marker_id(3), "fn:{n}": urls.note_item_id(3)}
    rules = contract.contract()["ids"]
    assert set(rules) == set(made)
    for rule, example in made.items():
        assert contract.pattern(rule).fullmatch(example), (rule, example)
    assert urls.editorial_entry("x") == "editorial.md#x" and urls.glossary_entry("y") == "glossary.md#y"


def test_one_static_server_serves_the_tests_the_benchmark_and_lighthouse():
    """scripts/static_server.py is the only HTTP server written here; it gzips and counts on request."""
    import gzip
    import time
    import urllib.request

    from scripts import static_server

    others = [path.relative_to(ROOT).as_posix() for path in [*ROOT.glob("scripts/**/*.py"), *ROOT.glob("tests/*.py")]
              if path.name not in ("static_server.py", "test_one_home.py")
              and re.search(r"HTTPServer\(|SimpleHTTPRequestHandler|BaseHTTPRequestHandler",
                            path.read_text(encoding="utf-8"))]
    assert not others, f"HTTP servers of their own (use scripts/static_server.py): {others}"
    served: list = []
    httpd, base = static_server.start(ROOT / "docs", gzip=True, served=served)
    try:
        request = urllib.request.Request(f"{base}/javascripts/edition.js", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()) == (ROOT / "docs/javascripts/edition.js").read_bytes()
        with urllib.request.urlopen(f"{base}/index.md") as response:
            assert response.read() == (ROOT / "docs/index.md").read_bytes()
        time.sleep(0.1)  # the handler's thread records a file after sending its headers
        assert served == [("/index.md", (ROOT / "docs/index.md").stat().st_size)]
    finally:
        httpd.shutdown()


def test_no_layer_of_the_engine_imports_a_higher_one():
    """pyproject.toml's [tool.importlinter] contract: serve > pages > render > read > the model,
    inline and kinds > urls, problems, text and the contract. ``lint-imports`` says which import breaks it."""
    import shutil
    import subprocess
    import sys

    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert command, "lint-imports is not installed (python3 scripts/dev.py check installs the test extra)"
    result = subprocess.run([command, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and "1 kept, 0 broken" in result.stdout, result.stdout[-3000:] + result.stderr


def _resolves(name: str, module: str) -> bool:
    import importlib

    for candidate in (name, f"{module}.{name}", f"{module.rsplit('.', 1)[0]}.{name}", f"scripts.edition.{name}"):
        parts = candidate.split(".")
        for i in range(len(parts), 0, -1):
            try:
                obj = importlib.import_module(".".join(parts[:i]))
            except ImportError:
                continue
            try:
                for attribute in parts[i:]:
                    obj = getattr(obj, attribute)
                return True
            except AttributeError:
                break
    return False


def test_every_cross_reference_in_a_docstring_names_what_exists():
    """`:mod:`, `:func:`, `:class:` and `:attr:` references name a module or object that is there
    (written in full, or relative to the module, its package or scripts.edition)."""
    stale = []
    for path in sorted([*ROOT.glob("scripts/**/*.py"), *ROOT.glob("tests/*.py")]):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r":(?:mod|func|class|attr):`~?([\w.]+)`", text):
            if not _resolves(match.group(1), module):
                stale.append(f"  {path.relative_to(ROOT)}:{text.count(chr(10), 0, match.start()) + 1}: {match.group(0)}")
    assert not stale, "References to what is not there:\n" + "\n".join(stale)
