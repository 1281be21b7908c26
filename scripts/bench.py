"""How much the edition's engine costs, and how it grows: ``python3 scripts/dev.py bench``.

Prints one Markdown table per question (MAINTAINERS.md's "Performance" section is such runs):

1. builds: a cold ``mkdocs build`` (a fresh process, an empty engine cache) of the real site and
   of synthetic essays 10× and 100× its size (:mod:`scripts.synth`), median wall and CPU time, the
   engine's share measured with cProfile (see :func:`engine_seconds`), and a plain Material build
   of the same text beside it; then a warm rebuild as ``mkdocs serve`` makes it, after a note edit
   and after a one-word edit, profiled the same way (``--builds-only`` runs just this part);
2. serve: save to browser reload in a real ``mkdocs serve``, a one-note YAML edit against a
   one-word Markdown edit;
3. weight: the bytes a browser loads for an essay page, against a plain Material page of the same
   text and notes;
4. Lighthouse (:mod:`scripts.lighthouse`): a section page, a note page and the title page against
   the plain Material page, mobile and desktop, and what each of the edition's own files costs.
   ``--lighthouse-only`` runs just this part (a few minutes).

Everything is written under bench-output/ (git-ignored). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import pstats
import queue
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from . import lighthouse, static_server
from .synth import ROOT, generate, real_edition

OUT = ROOT / "bench-output"
ENGINE = Path(__file__).resolve().parent


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- 1. builds ----------------------------------------------------------------------------------

def _frameworks() -> tuple[str, ...]:
    import markdown
    import mkdocs

    return tuple(str(Path(m.__file__).parent) + os.sep for m in (mkdocs, markdown))


class Engine:
    """Which frames of a profile are the engine's: the files of ``scripts/`` (of the project
    profiled, which may be a copy), but the benchmark's own and the template overrides (those
    are Material's templates, extended)."""

    def __init__(self, scripts: Path = ENGINE):
        self.scripts = scripts.resolve()
        self.hooks = str(self.scripts / "hooks.py")
        self.skip = {str(self.scripts / name) for name in ("bench.py", "synth.py")}

    def ours(self, filename: str) -> bool:
        return (filename.startswith(str(self.scripts) + os.sep) and filename not in self.skip
                and not filename.startswith(str(self.scripts / "overrides") + os.sep))


def import_seconds(stats: pstats.Stats, engine: Engine = Engine()) -> float:
    """The part of :func:`engine_seconds` spent loading scripts/hooks.py and what it imports."""
    return sum(row[3] for func, row in stats.stats.items()  # type: ignore[attr-defined]
               if func[0] == engine.hooks and func[2] == "<module>")


def engine_seconds(stats: pstats.Stats, engine: Engine = Engine(), handlers_only: bool = False) -> float:
    """Time spent in the engine's frames and everything they call, from a cProfile of a build.

    MkDocs and Python-Markdown call into the engine (the hooks' ``on_*`` events; the Markdown
    extension's ``extendMarkdown``, tree processors and inline processor). For every such call
    edge, cProfile records the cumulative time of the calls along it; their sum is the engine's
    time, each entry counted once with all its callees. Add the execution of scripts/hooks.py
    itself when MkDocs loads it, which imports the rest of the engine (and jsonschema).
    ``handlers_only``: the ``on_*`` handlers of scripts/hooks.py alone, with all they call (the
    measure of issue 25), without the Markdown extension or the import.
    Nothing is counted twice as long as the engine never calls back into itself through
    MkDocs or Markdown (checked: it raises otherwise).
    """
    frameworks = _frameworks()
    table = stats.stats  # type: ignore[attr-defined]
    total = 0.0
    for func, (_cc, _nc, _tt, ct, callers) in table.items():
        if not engine.ours(func[0]) or (handlers_only and func[0] != engine.hooks):
            continue
        if func[0] == engine.hooks and func[2] == "<module>":
            total += 0 if handlers_only else ct
            continue
        for caller, edge in callers.items():
            if caller[0].startswith(frameworks):
                total += edge[3]
                if any(engine.ours(c[0]) for c in table[caller][4]):
                    raise RuntimeError(f"{func} is entered through {caller}, which the engine calls too:"
                                       " the sum would count it twice")
    return total


# ``mkdocs build`` under cProfile (everything after the interpreter's own start, imports included).
_PROFILED_BUILD = """
import cProfile, sys
profile = cProfile.Profile()
sys.argv = ["mkdocs", *sys.argv[1:]]
code = 0
profile.enable()
try:
    from mkdocs.__main__ import cli
    cli()
except SystemExit as exit:
    code = exit.code
finally:
    profile.disable()
    profile.dump_stats(OUT)
sys.exit(code)
"""


def _env(cache: Path | None) -> dict[str, str]:
    """The environment of a measured build: ``cache`` is its engine cache, a fresh folder for a
    cold build (nothing kept from an earlier one)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env["EDITION_CACHE"] = str(cache) if cache else "off"
    return env


def _mkdocs_build(project: Path, site: Path, profile_to: Path | None = None,
                  cache: Path | None = None) -> tuple[float, float]:
    """``mkdocs build --strict`` in a fresh process, as an editor runs it: (wall, CPU) seconds."""
    args = ["build", "--strict", "-d", str(site)]  # not -q: MkDocs 1.6 then ignores warnings, even strict
    if profile_to:
        command = [sys.executable, "-c", _PROFILED_BUILD.replace("OUT", repr(str(profile_to))), *args]
    else:
        command = [sys.executable, "-m", "mkdocs", *args]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=project, env=_env(cache), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    if process.returncode != 0 or "WARNING" in stderr:
        raise RuntimeError(f"mkdocs build failed in {project}:\n{stderr}")
    return elapsed, usage.ru_utime + usage.ru_stime


def _fresh_cache(name: str) -> Path:
    folder = OUT / "caches" / name
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def measure_builds(name: str, project: Path, reps: int, warm_up: bool = False) -> dict:
    """Cold builds (a fresh process, an empty engine cache, as in a fresh clone): the median of
    ``reps`` plain builds (wall and CPU time) and of ``reps`` profiled builds (the engine's share)."""
    site = OUT / "sites" / name
    walls, cpus, engines, handlers, profiled, imports = [], [], [], [], [], []
    if warm_up:  # the first build of a run compiles bytecode and fills the OS's file cache
        _mkdocs_build(project, site, cache=_fresh_cache(name))
    engine = Engine(project / "scripts" if (project / "scripts/hooks.py").exists() else ENGINE)
    for rep in range(reps):
        wall, cpu = _mkdocs_build(project, site, cache=_fresh_cache(name))
        walls.append(wall)
        cpus.append(cpu)
        prof = OUT / f"profile-{name}.prof"
        _mkdocs_build(project, site, prof, cache=_fresh_cache(name))
        stats = pstats.Stats(str(prof))
        profiled.append(stats.total_tt)  # type: ignore[attr-defined]
        engines.append(engine_seconds(stats, engine))
        handlers.append(engine_seconds(stats, engine, handlers_only=True))
        imports.append(import_seconds(stats, engine))
        log(f"  {name} cold build {rep + 1}/{reps}: {wall:.2f} s ({cpu:.2f} s CPU); under the profiler "
            f"{profiled[-1]:.2f} s, of which the engine {engines[-1]:.3f} s (its on_* handlers {handlers[-1]:.3f} s)")
    edition, _ = real_edition(project)
    pages = sum(1 for _ in site.rglob("index.html"))
    share = statistics.median(e / p for e, p in zip(engines, profiled))
    return {"name": name, "reps": reps, "sections": len(edition.sections),
            "paragraphs": len(edition.paragraphs), "notes": len(edition.notes), "works": len(edition.works),
            "pages": pages, "wall": statistics.median(walls), "build": statistics.median(cpus),
            "profiled": statistics.median(profiled), "engine": statistics.median(engines), "share": share,
            "handlers": statistics.median(handlers),
            "handler_share": statistics.median(h / p for h, p in zip(handlers, profiled)),
            "engine_cpu": share * statistics.median(cpus),
            "import_share": statistics.median(i / p for i, p in zip(imports, profiled))}


def builds_table(rows: list[dict], plain: dict[str, float]) -> str:
    lines = ["| essay | sections | paragraphs | notes | works | pages | cold build: wall | cold build: CPU "
             "| plain Material, same text: CPU "
             "| profiled: on_* handlers / engine / all | **handlers' share** | engine's share "
             "| of which importing it | engine ≈ share × CPU | build per page (CPU) |",
             "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for r in rows:
        lines.append(f"| {r['name']} (median of {r['reps']}) | {r['sections']:,} | {r['paragraphs']:,} "
                     f"| {r['notes']:,} | {r['works']:,} | {r['pages']:,} | {r['wall']:.2f} s | {r['build']:.2f} s "
                     f"| {plain.get(r['name'], float('nan')):.2f} s "
                     f"| {r['handlers']:.2f} s / {r['engine']:.2f} s / {r['profiled']:.2f} s "
                     f"| **{r['handler_share']:.1%}** | {r['share']:.1%} | {r['import_share']:.1%} "
                     f"| {r['engine_cpu']:.2f} s | {r['build'] / r['pages'] * 1000:.1f} ms |")
    by = {r["name"]: r for r in rows}
    if "10×" in by and "100×" in by:
        a, b = by["10×"], by["100×"]
        lines += ["", f"From 10× to 100× (10× the notes, {b['pages'] / a['pages']:.1f}× the pages): the whole "
                      f"build grows **{b['build'] / a['build']:.1f}×** (CPU; {b['wall'] / a['wall']:.1f}× wall), "
                      f"the engine's time {b['engine_cpu'] / a['engine_cpu']:.1f}× "
                      f"({b['engine'] / a['engine']:.1f}× under the profiler)."]
    return "\n".join(lines)


# A serve rebuild, profiled: MkDocs' own ``serve`` builder (load the config, build), run in one
# process as ``mkdocs serve`` runs it: a first build, then one rebuild after each edit.
_PROFILED_REBUILDS = """
import cProfile, json, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
url, site, edits, out = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), Path(sys.argv[4])

def builder():
    config = load_config(config_file="mkdocs.yml", site_dir=site)
    config.site_url = url
    build(config, serve_url=url)

builder()
for name, (path, old, new) in edits.items():
    text = Path(path).read_text(encoding="utf-8")
    assert old in text, (old, path)
    Path(path).write_text(text.replace(old, new, 1), encoding="utf-8")
    profile = cProfile.Profile()
    profile.enable()
    builder()
    profile.disable()
    profile.dump_stats(out / f"{name}.prof")
"""

# What each warm rebuild edits: one note's text, and one word of an essay section.
NOTE_EDIT = ("Pp 214.", "Pp 215.")
WORD_EDIT = ("Furthermore, throughout", "Moreover, throughout")


def _rebuild_edits(project: Path) -> dict[str, tuple[str, str, str]]:
    """One note edit and one word edit, in the first section of ``project`` that has each."""
    edits = {}
    for kind, folder, pattern, (old, new) in (("note", "footnotes/notes", "*.yaml", NOTE_EDIT),
                                              ("word", "docs/essay", "*.md", WORD_EDIT)):
        path = next(p for p in sorted((project / folder).glob(pattern)) if old in p.read_text(encoding="utf-8"))
        edits[kind] = (str(path), old, new)
    return edits


def measure_rebuilds(name: str, project: Path) -> dict:
    """The engine's time in a warm serve rebuild after a note edit and after a word edit (one
    profiled rebuild each, on a copy of ``project``)."""
    from tests.conftest import copy_project

    copy = OUT / "rebuild-projects" / name
    shutil.rmtree(copy, ignore_errors=True)
    if project == ROOT:
        copy_project(copy)
    else:  # a synthetic project: its hooks point at this engine
        shutil.copytree(project, copy)
    profiles = OUT / "rebuild-profiles" / name
    profiles.mkdir(parents=True, exist_ok=True)
    engine = Engine(copy / "scripts" if (copy / "scripts/hooks.py").exists() else ENGINE)
    done = subprocess.run([sys.executable, "-c", _PROFILED_REBUILDS, "http://127.0.0.1:8000/",
                           str(OUT / "sites" / f"{name}-serve"), json.dumps(_rebuild_edits(copy)), str(profiles)],
                          cwd=copy, env=_env(_fresh_cache(f"{name}-serve")), capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"the rebuilds of {name} failed:\n{done.stderr[-3000:]}")
    result = {}
    for kind in ("note", "word"):
        stats = pstats.Stats(str(profiles / f"{kind}.prof"))
        result[kind] = {"all": stats.total_tt, "engine": engine_seconds(stats, engine),  # type: ignore[attr-defined]
                        "handlers": engine_seconds(stats, engine, handlers_only=True)}
        log(f"  {name} warm rebuild after a {kind} edit: under the profiler {result[kind]['all']:.2f} s, "
            f"of which the engine {result[kind]['engine']:.3f} s (on_* handlers {result[kind]['handlers']:.3f} s)")
    return result


def rebuilds_table(rows: list[dict], rebuilds: dict[str, dict]) -> str:
    lines = ["| essay | cold build: on_* handlers / engine (profiled) | warm rebuild after a note edit "
             "| warm rebuild after a word edit | **note rebuild's engine / cold engine** |",
             "|---|--:|--:|--:|--:|"]
    for r in rows:
        w = rebuilds.get(r["name"])
        if not w:
            continue
        cells = [f"{w[k]['handlers']:.2f} s / {w[k]['engine']:.2f} s of {w[k]['all']:.2f} s" for k in ("note", "word")]
        lines.append(f"| {r['name']} | {r['handlers']:.2f} s / {r['engine']:.2f} s | {cells[0]} | {cells[1]} "
                     f"| **{w['note']['engine'] / r['engine']:.2f}** |")
    return "\n".join(lines)


def plain_material_project(project: Path, dest: Path) -> Path:
    """The same essay as ``project``, its text and notes, as a plain Material site: one page per
    section with Python-Markdown footnotes, Material's defaults, the search plugin, no hooks, no
    extra CSS or JS (and no web fonts, as in the edition)."""
    edition, config = real_edition(project)
    shutil.rmtree(dest, ignore_errors=True)
    (dest / "docs").mkdir(parents=True)
    nav = []
    for section in edition.sections:
        body = [f"# {section.title}", "", *(p.source + "\n" for p in section.paragraphs)]
        body += [f"[^{m.note}]: {edition.notes[m.note].text}" for m in section.markers]
        (dest / "docs" / f"{section.slug}.md").write_text("\n".join(body) + "\n", encoding="utf-8")
        nav.append(f"{section.slug}.md")
    (dest / "docs/index.md").write_text(f"# {config['site_name']}\n", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(
        f"site_name: {json.dumps(config['site_name'])}\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\nmarkdown_extensions:\n  - footnotes\n"
        "nav:\n  - index.md\n" + "".join(f"  - {n}\n" for n in nav), encoding="utf-8")
    return dest


def measure_plain(name: str, project: Path, reps: int) -> float:
    """Median CPU time of a plain Material build of the same text: the limit the engine is measured against."""
    plain = plain_material_project(project, OUT / "plain-projects" / name)
    cpus = [_mkdocs_build(plain, OUT / "sites" / f"{name}-plain")[1] for _ in range(reps)]
    log(f"  {name} plain Material build: {statistics.median(cpus):.2f} s CPU (median of {reps})")
    return statistics.median(cpus)


# --- 2. serve -----------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cpu_seconds(pid: int) -> float:
    """CPU time a running process has used so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure_serve(edits: int) -> dict:
    """Start ``mkdocs serve`` on a copy of the project; time its rebuilds after each kind of edit.

    For each edit: the wall time from the server's "Building documentation" to its "Reloading
    browsers" (MkDocs' own "Documentation built in" line is not logged twice with the same
    figure), the CPU time the server spent from the save to "Reloading browsers" (robust on a
    busy machine), and the wall time from saving the file to "Reloading browsers" (which adds
    the file watcher's delay)."""
    from tests.conftest import copy_project  # the one list of what a build reads, shared with the tests

    shutil.rmtree(OUT / "serve-project", ignore_errors=True)
    project = copy_project(OUT / "serve-project")
    note_file = project / "footnotes/notes/warsaw.yaml"
    essay_file = project / "docs/essay/warsaw.md"
    swaps = {note_file: NOTE_EDIT, essay_file: WORD_EDIT}
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{_free_port()}"],
                               cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[tuple[float, str]] = queue.Queue()
    transcript = (OUT / "serve.log").open("w", encoding="utf-8")

    def read() -> None:
        for line in process.stderr:
            at = time.perf_counter()
            transcript.write(f"{at:.3f} {line}")
            transcript.flush()
            lines.put((at, line))

    threading.Thread(target=read, daemon=True).start()

    def wait_for(pattern: str, timeout: float = 120) -> tuple[float, str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                at, line = lines.get(timeout=1)
            except queue.Empty:
                if process.poll() is not None:
                    raise RuntimeError("mkdocs serve stopped") from None
                continue
            if "ERROR" in line:
                raise RuntimeError(f"mkdocs serve: {line}")
            if pattern in line:
                return at, line
        raise TimeoutError(f"mkdocs serve did not log {pattern!r}")

    results: dict[str, list[tuple[float, float, float]]] = {"yaml": [], "markdown": []}
    try:
        wait_for("Serving on")
        for i in range(edits * 2):
            path = note_file if i % 2 == 0 else essay_file
            old, new = swaps[path] if (i // 2) % 2 == 0 else swaps[path][::-1]
            time.sleep(1.0)  # let the watcher settle
            while not lines.empty():
                lines.get()
            text = path.read_text(encoding="utf-8")
            assert old in text, f"{old!r} not in {path}"
            cpu = _cpu_seconds(process.pid)
            saved = time.perf_counter()
            transcript.write(f"{saved:.3f} (bench) edited {path.name}\n")
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
            building, _ = wait_for("Building documentation")
            reloaded, _ = wait_for("Reloading browsers")
            built = reloaded - building
            cpu = _cpu_seconds(process.pid) - cpu
            results["yaml" if path == note_file else "markdown"].append((built, cpu, reloaded - saved))
            log(f"  serve: {'YAML note' if path == note_file else 'Markdown word'} edit: "
                f"rebuilt in {built:.2f} s ({cpu:.2f} s CPU), browser reloaded {reloaded - saved:.2f} s after saving")
    finally:
        process.terminate()
        process.wait(timeout=30)
    return {kind: tuple(statistics.median(x[i] for x in r) for i in range(3))
            for kind, r in results.items()} | {"edits": edits}


def serve_table(s: dict) -> str:
    y, m = s["yaml"], s["markdown"]
    return "\n".join([
        "| edit, in `mkdocs serve` | rebuild: wall | rebuild: CPU | save → browser reload |",
        "|---|--:|--:|--:|",
        f"| one note's text in footnotes/notes/warsaw.yaml | {y[0]:.2f} s | {y[1]:.2f} s | {y[2]:.2f} s |",
        f"| one word of docs/essay/warsaw.md | {m[0]:.2f} s | {m[1]:.2f} s | {m[2]:.2f} s |",
        f"| **ratio YAML / Markdown** (median of {s['edits']} each) | {y[0] / m[0]:.2f} | **{y[1] / m[1]:.2f}** "
        f"| {y[2] / m[2]:.2f} |",
    ])


# --- 3. page weight -----------------------------------------------------------------------------

def page_weight(site: Path, url_path: str) -> list[tuple[str, int]]:
    """Every file a real Chromium fetches to show ``url_path`` of ``site`` (cold cache), with sizes."""
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM_ARGS, chromium_path

    served: list[tuple[str, int]] = []
    httpd, base = static_server.start(site, served=served)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_context().new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                       else route.abort())
            page.goto(f"{base}/{url_path}", wait_until="networkidle")
            page.evaluate("document.getElementById('__search').click()")  # open search, as Material does
            page.wait_for_timeout(1500)  # the search worker fetches its index (the edition's: only now)
            browser.close()
    finally:
        httpd.shutdown()
    return served


def plain_material_site(section_slug: str, dest: Path) -> Path:
    """The same section, text and notes, as a plain Material page: Python-Markdown footnotes,
    Material's defaults, the search plugin, no hooks, no extra CSS or JS (and no web fonts, as
    in the edition, so that neither loads anything from another host)."""
    edition, config = real_edition()
    section = edition.section(section_slug)
    project = dest / "project"
    if project.exists():
        shutil.rmtree(project)
    (project / "docs").mkdir(parents=True)
    body = [f"# {section.title}", "", *(p.source + "\n" for p in section.paragraphs)]
    body += [f"[^{m.note}]: {edition.notes[m.note].text}" for m in section.markers]
    (project / "docs/index.md").write_text("\n".join(body) + "\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        f"site_name: {config['site_name']!r}\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\nmarkdown_extensions:\n  - footnotes\n", encoding="utf-8")
    site = dest / "site"
    _mkdocs_build(project, site)
    return site


def _kind(path: str) -> str:
    if path.endswith((".html", "/")):
        return "HTML"
    if "search_index" in path:
        return "search index"
    if "/workers/" in path:
        return "search worker"
    for ext, kind in ((".css", "CSS"), (".js", "JS")):
        if path.endswith(ext):
            return kind
    return "images, fonts"


def weight_table(columns: dict[str, list[tuple[str, int]]], slug: str) -> str:
    kinds = ["HTML", "CSS", "JS", "images, fonts", "search worker", "search index"]
    sums = {name: {k: sum(size for path, size in files if _kind(path) == k) for k in kinds}
            for name, files in columns.items()}
    names = list(columns)
    lines = [f"| bytes a browser loads for a section page | {' | '.join(names)} |",
             "|---|" + "--:|" * len(names)]
    for k in kinds:
        lines.append(f"| {k} | " + " | ".join(f"{sums[n][k]:,}" for n in names) + " |")
    page = {n: sum(v for k, v in sums[n].items() if k != "search index") for n in names}
    lines.append("| **the page and everything it loads, but the search index** | "
                 + " | ".join(f"**{page[n]:,}**" for n in names) + " |")
    lines.append("| ratio to plain Material | " + " | ".join(f"{page[n] / page[names[1]]:.2f}" for n in names) + " |")
    return "\n".join(lines)


def _weights(scales: list[int], slug: str = "warsaw") -> dict[str, list[tuple[str, int]]]:
    """The section page of the real site, the plain Material page, and a section of each synthetic
    site (all built under OUT already, but the plain page)."""
    weights = {f"edition, /essay/{slug}/": page_weight(OUT / "sites/real", f"essay/{slug}/"),
               "plain Material, same text and notes": page_weight(
                   plain_material_site(slug, OUT / "plain-material"), "")}
    for scale in scales:
        weights[f"{scale}× edition, /essay/part-0001/"] = page_weight(OUT / f"sites/{scale}×", "essay/part-0001/")
    return weights


# --- the run ------------------------------------------------------------------------------------

def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def _header(started: float, flags: str = "", load_before: str = "") -> str:
    command = f"python3 scripts/dev.py bench {flags}".strip()
    return (f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; benchmark took "
            f"{time.perf_counter() - started:.0f} s (`{command}`). The machine's load average "
            f"(1 / 5 / 15 minutes) was {load_before} at the start and {_load()} at the end: on a busy "
            "machine wall times grow, CPU times and shares much less.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5, help="builds of the real and the 10× essay (default 5)")
    parser.add_argument("--reps-100", type=int, default=1, help="builds of the 100× essay (default 1: ~1 min each)")
    parser.add_argument("--scales", type=int, nargs="*", default=[10, 100], help="synthetic sizes (default 10 100)")
    parser.add_argument("--edits", type=int, default=3, help="serve edits of each kind (default 3)")
    parser.add_argument("--lighthouse-only", action="store_true",
                        help="build the site and the plain Material page, run only the Lighthouse part")
    parser.add_argument("--lighthouse-reps", type=int, default=5, help="Lighthouse runs of each page (default 5)")
    parser.add_argument("--ablate", action="store_true",
                        help="also run Lighthouse on the section page without each of the edition's own files")
    parser.add_argument("--weight-only", action="store_true",
                        help="build the sites and measure only the page weights (bytes: exact on a busy machine)")
    parser.add_argument("--builds-only", action="store_true",
                        help="measure only the builds: cold, warm rebuilds, plain Material (no serve, weight, Lighthouse)")
    parser.add_argument("--uncompressed", action="store_true",
                        help="serve the sites to Lighthouse without gzip, as `python3 -m http.server` does")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir()
    started = time.perf_counter()
    load = _load()
    if args.lighthouse_only:
        _mkdocs_build(ROOT, OUT / "sites/real")
        tables = lighthouse.run(OUT / "sites/real", plain_material_site("warsaw", OUT / "plain-material"),
                                OUT / "lighthouse", args.lighthouse_reps, args.ablate, not args.uncompressed)
        flags = " ".join(a for a in (argv if argv is not None else sys.argv[1:]))
        report = "\n\n".join([_header(started, flags, load), *tables])
        (OUT / "results.md").write_text(report + "\n", encoding="utf-8")
        print(report)
        return 0

    if args.weight_only:
        _mkdocs_build(ROOT, OUT / "sites/real")
        for scale in args.scales:
            _mkdocs_build(generate(OUT / f"synthetic-{scale}", scale), OUT / f"sites/{scale}×")
        report = "\n\n".join([_header(started, "--weight-only", load), weight_table(_weights(args.scales), "warsaw")])
        (OUT / "results.md").write_text(report + "\n", encoding="utf-8")
        print(report)
        return 0

    log("builds:")
    rows = [measure_builds("real", ROOT, args.reps, warm_up=True)]
    projects = {"real": ROOT}
    for scale in args.scales:
        projects[f"{scale}×"] = generate(OUT / f"synthetic-{scale}", scale)
        rows.append(measure_builds(f"{scale}×", projects[f"{scale}×"], args.reps if scale < 100 else args.reps_100))
    log("plain Material builds of the same text:")
    plain = {name: measure_plain(name, project, args.reps if name != "100×" else args.reps_100)
             for name, project in projects.items()}
    log("warm rebuilds, as in serve:")
    rebuilds = {name: measure_rebuilds(name, project) for name, project in projects.items()}
    if args.builds_only:
        report = "\n\n".join([_header(started, "--builds-only", load), builds_table(rows, plain),
                               rebuilds_table(rows, rebuilds)])
        (OUT / "results.md").write_text(report + "\n", encoding="utf-8")
        print(report)
        return 0
    log("serve:")
    serve = measure_serve(args.edits)
    log("page weight:")
    slug = "warsaw"
    weights = _weights(args.scales, slug)
    log("Lighthouse:")
    tables = lighthouse.run(OUT / "sites/real", OUT / "plain-material/site", OUT / "lighthouse",
                            args.lighthouse_reps, args.ablate, not args.uncompressed)

    report = "\n\n".join([_header(started, load_before=load), builds_table(rows, plain),
                           rebuilds_table(rows, rebuilds), serve_table(serve), weight_table(weights, slug),
                           *tables])
    (OUT / "results.md").write_text(report + "\n", encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
