#!/usr/bin/env python3
"""Set up and run the project with nothing but Python 3.11+ installed.

    python3 scripts/dev.py serve    set up, then serve the site at http://127.0.0.1:8000/
    python3 scripts/dev.py test     set up (Chromium included), then run every test
    python3 scripts/dev.py check    set up, then validate footnotes/ without building
    python3 scripts/dev.py bench    set up, then run the performance benchmark
    python3 scripts/dev.py mutate   set up, then mutation-test the validation modules (slow; not in `test`)

Setting up means: a virtual environment in .venv/, the project and its pinned dependencies
installed into it (again only when pyproject.toml changes), and for the tests a Chromium:
Debian's package via apt-get when running as root on Debian/Ubuntu, else Playwright's own build.
Only the standard library is used here, since nothing else exists yet on a fresh machine.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")


def run(*args: str | Path, **kwargs) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, **kwargs)


def setup(extras: str = "") -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        run(sys.executable, "-m", "venv", VENV)
    spec = (ROOT / "pyproject.toml").read_bytes() + extras.encode()
    stamp = VENV / ".installed"
    digest = hashlib.sha256(spec).hexdigest()
    if not stamp.exists() or stamp.read_text() != digest:
        run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        run(PYTHON, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}{extras}")
        stamp.write_text(digest)


def ensure_chromium() -> None:
    """A Chromium for the browser tests: Debian's if it can be had, else Playwright's."""
    if DEBIAN_CHROMIUM.exists() or os.environ.get("EDITION_CHROMIUM"):
        return
    apt = shutil.which("apt-get")
    if apt and hasattr(os, "geteuid") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run(apt, "update", "-qq", env=env)
        run(apt, "install", "-y", "-qq", "chromium", env=env)
        return
    # A laptop: Playwright downloads its own Chromium build (needs network).
    run(PYTHON, "-m", "playwright", "install", "chromium")


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    rest = argv[1:]
    os.chdir(ROOT)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if command == "serve":
        setup()
        return subprocess.call([PYTHON, "-m", "mkdocs", "serve", *rest])
    if command == "test":
        setup("[test]")
        ensure_chromium()
        return subprocess.call([PYTHON, "-m", "pytest", *rest])
    if command == "check":
        setup()
        return subprocess.call([PYTHON, "-m", "scripts.check", *rest])
    if command == "bench":
        setup("[test]")
        ensure_chromium()  # the page-weight figures load pages in a real browser
        return subprocess.call([PYTHON, "-m", "scripts.bench", *rest])
    if command == "mutate":  # README, "Mutation testing": by hand, not part of CI's pass/fail
        setup("[test,mutation]")
        if hasattr(os, "nice"):
            os.nice(10)  # a shared machine: let everything else go first
        subprocess.call([BIN / "mutmut", "run", "--max-children", str(os.cpu_count() or 2), *rest])
        return subprocess.call([PYTHON, "-m", "tests.mutation_score"])
    print(__doc__)
    return 0 if command in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
