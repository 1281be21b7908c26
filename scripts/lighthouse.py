"""Lighthouse on the edition against a plain Material page: the fourth part of ``scripts/bench.py``.

Lighthouse (the npm package, pinned below) is installed on first use into .venv/node/ with npm
(nothing global, nothing committed) and drives Debian's Chromium (``CHROME_PATH``, headless, with
the flags the browser tests use). Both sites are served from this machine by a static server that
gzips text as any web host does; every request Lighthouse records is checked to stay on it.

One run measures, for the mobile preset (simulated slow 4G, 4× slower CPU) and the desktop preset:
the plain Material page, a section page, a note page and the title page, in turn, ``reps`` times
(the median is reported: the machine is shared, so CPU-bound figures are noisy, and running the
pages in turn spreads the noise evenly). From the section page's runs it also reports what each of
the edition's own files (its extra CSS and JS, the search index) costs: bytes, render-blocking
time, main-thread time (Lighthouse's bootup-time, per script, CPU slow-down included). With
``ablate`` it runs the section page again without each of those files (a copy of the page's HTML
with one tag removed), to show what each costs in the metrics themselves. Last, the plain page and
the section page are loaded in Chromium under the mobile preset's throttling applied for real, and
the Largest Contentful Paint the browser itself reports is given beside Lighthouse's simulated one.

Every report is kept in bench-output/lighthouse/ (open the .html ones in a browser).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from . import static_server

ROOT = Path(__file__).resolve().parent.parent
VERSION = "12.8.2"  # the last Lighthouse that runs on Node 20 (13 needs Node 22.19)
PREFIX = ROOT / ".venv" / "node"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PRESETS = ("mobile", "desktop")
# (column, path): the plain page first; the edition's pages are measured between its runs.
PAGES = (("plain Material", ""), ("section", "essay/warsaw/"), ("note", "notes/23/"), ("title page", ""))
PLAIN = "plain Material"
SECTION = "section"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- installing and running Lighthouse ---------------------------------------------------------

def cli() -> Path:
    """Lighthouse's command-line script, installed into .venv/node/ with npm if it is not there."""
    script = PREFIX / "node_modules/lighthouse/cli/index.js"
    package = PREFIX / "node_modules/lighthouse/package.json"
    if not package.exists() or json.loads(package.read_text(encoding="utf-8"))["version"] != VERSION:
        npm = shutil.which("npm")
        if not npm:
            raise SystemExit("Lighthouse needs Node.js 18.16+ and npm (Debian: apt-get install nodejs npm)")
        PREFIX.mkdir(parents=True, exist_ok=True)
        log(f"  installing lighthouse@{VERSION} into {PREFIX.relative_to(ROOT)}/ (npm)")
        subprocess.run([npm, "install", "--prefix", str(PREFIX), "--no-audit", "--no-fund", "--save-exact",
                        "--loglevel=error", f"lighthouse@{VERSION}"], check=True)
    return script


def _configs(out: Path) -> dict[str, Path]:
    """One Lighthouse config per preset: the default (mobile) or the desktop preset, each with
    bootup-time listing every script (by default it hides those under 50 ms)."""
    audits = [{"path": "bootup-time", "options": {"thresholdInMs": 0}}]
    desktop = (PREFIX / "node_modules/lighthouse/core/config/desktop-config.js").as_uri()
    configs = {"mobile": f"export default {json.dumps({'extends': 'lighthouse:default', 'audits': audits})};\n",
               "desktop": f"import desktop from {json.dumps(desktop)};\n"
                          f"export default {{...desktop, audits: {json.dumps(audits)}}};\n"}
    paths = {}
    for preset, text in configs.items():
        paths[preset] = out / f"config-{preset}.mjs"
        paths[preset].write_text(text, encoding="utf-8")
    return paths


def chromium() -> str:
    from tests.conftest import chromium_path

    path = os.environ.get("CHROME_PATH") or chromium_path()
    if not path:
        raise SystemExit("Lighthouse needs a Chromium: Debian's /usr/bin/chromium, or CHROME_PATH")
    return path


def lighthouse(url: str, config: Path, report: Path, extra: tuple[str, ...] = ()) -> dict:
    """One Lighthouse run of ``url``; its report (JSON) is kept at ``report``, HTML beside it."""
    from tests.conftest import CHROMIUM_ARGS

    node = shutil.which("node")
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [node, str(cli()), url, f"--config-path={config}", f"--chrome-flags={flags}",
               f"--only-categories={','.join(CATEGORIES)}", "--output=json", "--output=html",
               f"--output-path={report.with_suffix('')}", "--quiet", *extra]
    env = {**os.environ, "CHROME_PATH": chromium()}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    path = report.with_suffix(".report.json")
    if result.returncode != 0 or not path.exists():
        raise RuntimeError(f"Lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    lhr = json.loads(path.read_text(encoding="utf-8"))
    if lhr.get("runtimeError"):
        raise RuntimeError(f"Lighthouse on {url}: {lhr['runtimeError']}")
    return lhr


# --- serving the sites as a web host would -------------------------------------------------------

def serve(site: Path, compress: bool = True) -> tuple[static_server.QuietServer, str]:
    """The site as a web host serves it (text gzipped unless ``compress`` is False)."""
    httpd, base = static_server.start(site, gzip=compress)
    return httpd, base + "/"


# --- what a report says ---------------------------------------------------------------------------

def _items(lhr: dict, audit: str) -> list[dict]:
    return ((lhr["audits"].get(audit) or {}).get("details") or {}).get("items") or []


def _local(url: str, base: str) -> str:
    return url[len(base):] if url.startswith(base) else url


def summary(lhr: dict, base: str) -> dict:
    """The figures of one run, and what each file cost; fails if anything left the machine.

    Bytes and requests count each address once. Lighthouse loads a page with the browser's cache
    disabled, so the copies of the stylesheets that partials/scripts-after-first-paint.html puts in
    place after the paint are downloaded again; a browser takes them from its cache, revalidated at
    most (tests/test_browser.py: each stylesheet is sent once), as it did before the copies when
    Material's bundle re-set the stylesheets' addresses."""
    once: dict[str, dict] = {}
    for r in _items(lhr, "network-requests"):
        once.setdefault(r["url"], r)
    requests = list(once.values())
    foreign = [r["url"] for r in requests if not r["url"].startswith((base, "data:", "blob:"))]
    if foreign:
        raise RuntimeError(f"the page requested {foreign} from another host")
    audits = lhr["audits"]
    files = {}
    for r in requests:
        files.setdefault(_local(r["url"], base).split("?")[0], {"bytes": 0, "blocking": 0.0, "main": 0.0})
        files[_local(r["url"], base).split("?")[0]]["bytes"] += r.get("transferSize") or 0
    for item in _items(lhr, "render-blocking-resources"):
        files.setdefault(_local(item["url"], base), {"bytes": 0, "blocking": 0.0, "main": 0.0})["blocking"] = \
            item.get("wastedMs", 0)
    for item in _items(lhr, "bootup-time"):
        files.setdefault(_local(item["url"], base), {"bytes": 0, "blocking": 0.0, "main": 0.0})["main"] = \
            item.get("total", 0)
    return {
        **{c: round(lhr["categories"][c]["score"] * 100) for c in CATEGORIES},
        "FCP": audits["first-contentful-paint"]["numericValue"],
        "LCP": audits["largest-contentful-paint"]["numericValue"],
        "TBT": audits["total-blocking-time"]["numericValue"],
        "CLS": audits["cumulative-layout-shift"]["numericValue"],
        "SI": audits["speed-index"]["numericValue"],
        "main thread": audits["mainthread-work-breakdown"].get("numericValue", 0),
        "bytes": sum(r.get("transferSize") or 0 for r in requests),
        "requests": len(requests),
        "files": files,
    }


def median(runs: list[dict]) -> dict:
    keys = [k for k in runs[0] if k != "files"]
    out = {k: statistics.median(r[k] for r in runs) for k in keys}
    names = {name for r in runs for name in r["files"]}
    out["files"] = {name: {k: statistics.median(r["files"].get(name, {}).get(k, 0) for r in runs)
                           for k in ("bytes", "blocking", "main")} for name in names}
    return out


def diagnosis(lhr: dict) -> list[str]:
    """What Lighthouse says is slow on a page (for the log, to read next to the tables)."""
    lines = []
    for audit in ("largest-contentful-paint-element", "lcp-breakdown-insight", "render-blocking-resources",
                  "forced-reflow-insight", "network-dependency-tree-insight", "mainthread-work-breakdown",
                  "bootup-time", "layout-shifts"):
        a = lhr["audits"].get(audit)
        if not a:
            continue
        value = a.get("displayValue") or ""
        lines.append(f"    {audit}: {value} (score {a.get('score')})")
        for item in _items(lhr, audit)[:8]:
            if item.get("type") == "table":
                for sub in item.get("items", [])[:6]:
                    lines.append(f"      {json.dumps(sub, default=str)[:200]}")
            else:
                lines.append(f"      {json.dumps(item, default=str)[:200]}")
    return lines


# --- the run --------------------------------------------------------------------------------------

# A stylesheet link or a script tag with a source, quoted or not, in any attribute order (pages
# were minified once: ``<link href=../../stylesheets/edition.css rel=stylesheet>``).
_TAG = re.compile(r'<link\b[^>]*\brel="?stylesheet"?[^>]*>|<script\b[^>]*\bsrc=[^>]*></script>')
_SOURCE = re.compile(r'\b(?:href|src)=(?:"([^"]*)"|([^\s>]+))')


def _url(tag: str) -> str:
    found = _SOURCE.search(tag)
    return found.group(1) or found.group(2)


def own_files(html: str) -> list[str]:
    """The edition's own stylesheets and scripts in a page (extra_css, extra_javascript): every
    one that is not Material's (under assets/)."""
    return [m.group(0) for m in _TAG.finditer(html) if "assets/" not in _url(m.group(0))]


def _name(tag: str) -> str:
    return re.sub(r"^(?:\.\./)*", "", _url(tag)).split("?")[0]


INLINED = "its CSS inlined in the page"
NO_PALETTE = "without Material's palette.css (the light/dark switch)"
NO_INDEX = "without fetching the search index"


def ablations(site: Path, slug: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Copies of a section page, each without one of the edition's files, and one without all of
    them, at the same depth as the page (so its relative links still work); and the page itself
    with the search index blocked, as if it were fetched only when the reader opens search:
    {column: (path, Lighthouse flags)}."""
    page = site / "essay" / slug / "index.html"
    html = page.read_text(encoding="utf-8")
    tags = own_files(html)
    variants = {f"without {_name(tags[i])}": (tags[i:i + 1], "") for i in range(len(tags))}
    variants["without all the edition's CSS and JS"] = (tags, "")
    css = [t for t in tags if _name(t).endswith(".css")]
    variants[INLINED] = (css, "".join(f"<style>{(site / _name(t)).read_text(encoding='utf-8')}</style>" for t in css))
    palette = [m.group(0) for m in _TAG.finditer(html) if "palette." in _url(m.group(0))]
    variants[NO_PALETTE] = (palette, "")
    paths = {}
    for i, (label, (removed, added)) in enumerate(variants.items()):
        copy = html.replace("</head>", added + "</head>", 1)
        for tag in removed:
            copy = copy.replace(tag, "", 1)
        dest = site / "essay" / f"{slug}-variant-{i}" / "index.html"
        dest.parent.mkdir(exist_ok=True)
        dest.write_text(copy, encoding="utf-8")
        paths[label] = (f"essay/{slug}-variant-{i}/", ())
    paths[NO_INDEX] = (f"essay/{slug}/", ("--blocked-url-patterns=*search_index.json",))
    return paths


def run(edition: Path, plain: Path, out: Path, reps: int = 3, ablate: bool = False,
        compress: bool = True) -> list[str]:
    """Run Lighthouse on both sites; return the Markdown tables. ``compress=False`` serves them
    as ``python3 -m http.server`` does, without gzip (a host that does not compress)."""
    out.mkdir(parents=True, exist_ok=True)
    configs = _configs(out)
    cli()
    variants = ablations(edition, "warsaw") if ablate else {}
    servers = {"plain": serve(plain, compress), "edition": serve(edition, compress)}
    runs: dict[tuple[str, str], list[dict]] = {}
    try:
        for preset in PRESETS:
            pages = [(column, (path, ())) for column, path in PAGES]
            pages += list(variants.items()) if preset == "mobile" else []
            for rep in range(reps):
                for column, (path, extra) in pages:
                    base = servers["plain" if column == PLAIN else "edition"][1]
                    name = re.sub(r"\W+", "-", column).strip("-")
                    lhr = lighthouse(base + path, configs[preset], out / f"{preset}-{name}-{rep + 1}.json", extra)
                    result = summary(lhr, base)
                    runs.setdefault((preset, column), []).append(result)
                    log(f"  {preset} {column} {rep + 1}/{reps}: performance {result['performance']}, "
                        f"FCP {result['FCP'] / 1000:.1f} s, LCP {result['LCP'] / 1000:.1f} s, "
                        f"TBT {result['TBT']:.0f} ms, CLS {result['CLS']:.3f}, {result['bytes'] / 1024:.0f} KiB")
                    if rep == 0 and column in (PLAIN, SECTION):
                        log("\n".join(diagnosis(lhr)))
        observed = observed_lcp(servers["plain"][1], servers["edition"][1] + dict(PAGES)[SECTION], reps)
    finally:
        for httpd, _ in servers.values():
            httpd.shutdown()
    medians = {key: median(r) for key, r in runs.items()}
    tables = [side_by_side(medians, preset, reps, compress) for preset in PRESETS]
    tables.append(observed_table(observed, reps, compress))
    tables.append(files_table(medians, reps, edition / "search/search_index.json"))
    if variants:
        tables.append(ablation_table(medians, list(variants), reps))
    return tables


# --- the paint a throttled browser observes --------------------------------------------------------

# Lighthouse's mobile throttling, applied for real through DevTools (its "devtools" method) rather
# than simulated: 562.5 ms round trips, 1.47 Mbit/s down, 0.68 up, the CPU 4× slower; a phone's viewport.
THROTTLING = {"offline": False, "latency": 562.5, "downloadThroughput": 1474.56 * 1024 / 8,
              "uploadThroughput": 675 * 1024 / 8}
_LAST_LCP = """() => new Promise(done => {
  let last = 0;
  new PerformanceObserver(list => { for (const entry of list.getEntries()) last = entry.startTime; })
    .observe({type: "largest-contentful-paint", buffered: true});
  setTimeout(() => done(last), 1500);
})"""


def observed_lcp(plain_url: str, section_url: str, reps: int) -> dict[str, list[float]]:
    """The Largest Contentful Paint Chromium itself reports, the page loaded under Lighthouse's mobile
    throttling, the two pages in turn ``reps`` times. Lighthouse's own figure is simulated (Lantern):
    its LCP counts every download that starts before the page's first paint, as the deferred scripts
    did, which the browser fetched beside the stylesheets but ran after the paint (the scripts are now
    fetched only after it: scripts/overrides/partials/scripts-after-first-paint.html)."""
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM_ARGS, chromium_path

    found: dict[str, list[float]] = {PLAIN: [], SECTION: []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            for _ in range(reps):
                for column, url in ((PLAIN, plain_url), (SECTION, section_url)):
                    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75,
                                                  is_mobile=True, has_touch=True)
                    page = context.new_page()
                    devtools = context.new_cdp_session(page)
                    devtools.send("Network.enable")
                    devtools.send("Network.setCacheDisabled", {"cacheDisabled": True})
                    devtools.send("Network.emulateNetworkConditions", THROTTLING)
                    devtools.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                    page.goto(url, wait_until="load")
                    found[column].append(page.evaluate(_LAST_LCP))
                    context.close()
                    log(f"  observed, throttled: {column} {found[column][-1]:.0f} ms")
        finally:
            browser.close()
    return found


def observed_table(found: dict[str, list[float]], reps: int, compress: bool = True) -> str:
    served = "gzip" if compress else "uncompressed"
    plain, section = (statistics.median(found[c]) for c in (PLAIN, SECTION))
    return "\n".join([
        f"| Chromium's own LCP, Lighthouse's mobile throttling applied (DevTools), {served} (median of {reps}) "
        "| plain Material, same text and notes | edition section, /essay/warsaw/ | ratio |",
        "|---|--:|--:|--:|",
        f"| Largest Contentful Paint | {plain:,.0f} ms | {section:,.0f} ms | {section / plain:.2f} |",
        f"| the runs | {', '.join(f'{v:,.0f}' for v in sorted(found[PLAIN]))} "
        f"| {', '.join(f'{v:,.0f}' for v in sorted(found[SECTION]))} | |"])


# --- tables ---------------------------------------------------------------------------------------

ROWS = [("performance", "{:.0f}"), ("accessibility", "{:.0f}"), ("best-practices", "{:.0f}"), ("seo", "{:.0f}"),
        ("FCP", "{:.1f} s"), ("LCP", "{:.1f} s"), ("TBT", "{:.0f} ms"), ("CLS", "{:.3f}"), ("SI", "{:.1f} s"),
        ("main thread", "{:.2f} s"), ("bytes", "{:,.0f} KiB"), ("requests", "{:.0f}")]
LABELS = {"best-practices": "best practices", "seo": "SEO", "SI": "Speed Index", "FCP": "First Contentful Paint",
          "LCP": "Largest Contentful Paint", "TBT": "Total Blocking Time", "CLS": "Cumulative Layout Shift",
          "main thread": "main-thread work", "bytes": "bytes transferred (each address once)",
          "requests": "requests (each address once)"}


def _value(key: str, fmt: str, value: float) -> str:
    if key in ("FCP", "LCP", "SI", "main thread"):
        value /= 1000
    if key == "bytes":
        value /= 1024
    return fmt.format(value)


def side_by_side(medians: dict, preset: str, reps: int, compress: bool = True) -> str:
    columns = [c for c, _ in PAGES]
    paths = dict(PAGES)
    head = [f"{PLAIN}, same text and notes"] + [f"edition {c}, /{paths[c]}" for c in columns[1:]]
    served = "gzip" if compress else "no compression"
    lines = [f"| Lighthouse {VERSION}, {preset}, {served} (median of {reps}) | " + " | ".join(head) + " |",
             "|---|" + "--:|" * len(columns)]
    for key, fmt in ROWS:
        cells = [_value(key, fmt, medians[(preset, c)][key]) for c in columns]
        if key == "performance":
            cells = [f"**{c}**" for c in cells]
        lines.append(f"| {LABELS.get(key, key)} | " + " | ".join(cells) + " |")
        if key == "LCP":  # the measure: the simulated LCP exactly, as a ratio to plain Material's
            plain = medians[(preset, columns[0])]["LCP"]
            lines.append("| … in ms, and to plain Material's | " + " | ".join(
                f"{medians[(preset, c)]['LCP']:,.0f} ms" + ("" if c == columns[0] else f" ({medians[(preset, c)]['LCP'] / plain:.2f}×)")
                for c in columns) + " |")
    return "\n".join(lines)


def _kind(name: str) -> str:
    if "search_index" in name:
        return "search index"
    if name.endswith((".css", ".js")) and "assets/" not in name:
        return "edition"
    return ""


def files_table(medians: dict, reps: int, index_file: Path) -> str:
    """What each of the edition's own files costs on the section page (mobile), and the page as a
    whole against the plain page."""
    section, plain = medians[("mobile", SECTION)], medians[("mobile", PLAIN)]
    lines = [f"| the section page's own files, mobile (median of {reps}) | bytes (gzip) "
             "| render-blocking (Lighthouse's estimate, each) | main thread (4× CPU) |", "|---|--:|--:|--:|"]
    own = sorted((n for n in section["files"] if _kind(n)), key=lambda n: (_kind(n) != "edition", n))
    for name in own:
        f = section["files"][name]
        lines.append(f"| {name} | {f['bytes']:,.0f} | {f['blocking']:.0f} ms | {f['main']:.0f} ms |")
    totals = {k: sum(section["files"][n][k] for n in own if _kind(n) == "edition") for k in ("bytes", "blocking", "main")}
    lines.append(f"| **the edition's CSS and JS together** | **{totals['bytes']:,.0f}** | (they load in parallel) "
                 f"| **{totals['main']:.0f} ms** |")
    for label, m in (("plain Material page", plain), ("section page", section)):
        index = sum(f["bytes"] for n, f in m["files"].items() if "search_index" in n)
        lines.append(f"| {label}: everything loaded / of which the search index | {m['bytes']:,.0f} / {index:,.0f} | | "
                     f"{m['main thread']:.0f} ms all told |")
    raw = index_file.read_bytes()
    lines.append(f"| the edition's search index, fetched when the reader opens search | {len(gzip.compress(raw, 6)):,} "
                 f"({len(raw):,} uncompressed) | | |")
    return "\n".join(lines)


def ablation_table(medians: dict, variants: list[str], reps: int) -> str:
    columns = [SECTION, *variants]
    lines = [f"| section page, mobile (median of {reps}) | " + " | ".join(["as built", *variants]) + " |",
             "|---|" + "--:|" * len(columns)]
    for key, fmt in ROWS:
        if key in ("accessibility", "best-practices", "seo", "requests"):
            continue
        lines.append(f"| {LABELS.get(key, key)} | "
                     + " | ".join(_value(key, fmt, medians[("mobile", c)][key]) for c in columns) + " |")
    return "\n".join(lines)
