#!/usr/bin/env python3
"""Set up and run the project with nothing but Python 3.11.5+ installed.

    python3 scripts/dev.py serve    set up, then serve the site at http://127.0.0.1:8000/
    python3 scripts/dev.py test     set up (Chromium included), then run every test, on every core
    python3 scripts/dev.py check    set up, then validate footnotes/ and the essay without building
    python3 scripts/dev.py bench    set up, then run the performance benchmark
    python3 scripts/dev.py lock     re-pin requirements.lock after a change to pyproject.toml's pins
    python3 scripts/dev.py mutate   set up, then mutation-test the validation modules (slow; not in `test`)

Setting up means: a virtual environment in .venv/ with exactly the versions pinned in
requirements.lock (hash-checked; the test tools included, so every command shares one install),
and the project itself installed editable. It runs again only when requirements.lock or
pyproject.toml's packaging changes. The installer is uv (itself pinned in the lock, installed by
pip); EDITION_INSTALLER=pip uses plain pip instead, and pip is also the fallback where uv cannot be
installed. For the tests, a Chromium: Debian's package via apt-get when running as root on
Debian/Ubuntu, else Playwright's own build. Only the standard library is used here, since nothing
else exists yet on a fresh machine.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
UV = BIN / ("uv.exe" if os.name == "nt" else "uv")
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".edition-installed"
LOCK_COMMAND = "python3 scripts/dev.py lock"
MUTMUT = "mutmut==3.8.1"  # `mutate` only (tests/README.md, "Tests that can fail")
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
PINNED = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:==\s*([^\s;,]+))?")


def say(message: str) -> None:
    print(f"dev.py: {message}", flush=True)


def run(*args: str | Path, **kwargs) -> None:
    """Run a command that speaks for itself (its output goes to the terminal)."""
    subprocess.run([str(a) for a in args], check=True, **kwargs)


def quietly(*args: str | Path) -> None:
    """Run a set-up step, showing its output only if it fails."""
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        sys.exit(f"dev.py: this step failed: {' '.join(str(a) for a in args)}")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def declared_pins(project: dict) -> dict[str, str | None]:
    """Every requirement pyproject.toml names (dependencies, extras, groups, build system): version or None."""
    requirements = [*project["project"].get("dependencies", []),
                    *(r for extra in project["project"].get("optional-dependencies", {}).values() for r in extra),
                    *(r for group in project.get("dependency-groups", {}).values() for r in group
                      if isinstance(r, str)),
                    *project.get("build-system", {}).get("requires", [])]
    pins = {}
    for requirement in requirements:
        match = PINNED.match(requirement)
        if match:
            pins[normalise(match[1])] = match[2]
    return pins


def locked_pins(text: str) -> dict[str, str]:
    pins = {}
    for line in text.splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", line)
        if match:
            pins[normalise(match[1])] = match[2]
    return pins


def stale_pins(project: dict, lock_text: str) -> list[str]:
    """What pyproject.toml asks for that requirements.lock does not pin (empty when the lock is current)."""
    locked = locked_pins(lock_text)
    stale = []
    for name, version in sorted(declared_pins(project).items()):
        if name not in locked:
            stale.append(f"{name} is not in requirements.lock")
        elif version is not None and locked[name] != version:
            stale.append(f"{name}=={version} in pyproject.toml, {locked[name]} in requirements.lock")
    return stale


def ensure_python() -> None:
    if sys.version_info < (3, 11, 5):
        sys.exit(f"Python 3.11.5 or newer is needed; this is {sys.version.split()[0]}")


def ensure_venv() -> None:
    if not PYTHON.exists():
        say(f"creating .venv/ with Python {sys.version.split()[0]}")
        quietly(sys.executable, "-m", "venv", VENV)


def install_digest(project: dict, lock_text: str) -> str:
    """What the install depends on: the lock, and the packaging half of pyproject.toml (not tool config)."""
    packaging = {key: project.get(key) for key in ("project", "build-system", "dependency-groups")}
    packaging["setuptools"] = project.get("tool", {}).get("setuptools")
    return hashlib.sha256(lock_text.encode() + json.dumps(packaging, sort_keys=True).encode()).hexdigest()


def lock_lines_for(name: str, lock_text: str) -> str:
    """The lock's entry for one package (its pin and hashes), as a requirements file of its own."""
    lines = lock_text.splitlines()
    for i, line in enumerate(lines):
        if normalise(line.split("==")[0]) == normalise(name) and "==" in line:
            entry = [line]
            while entry[-1].rstrip().endswith("\\"):
                i += 1
                entry.append(lines[i])
            return "\n".join(entry) + "\n"
    raise KeyError(name)


def bootstrap_uv(lock_text: str) -> bool:
    """uv, the version and file the lock pins, into .venv/ by pip; False where that cannot be done."""
    try:
        entry = lock_lines_for("uv", lock_text)
    except KeyError:
        return False
    want = locked_pins(entry)["uv"]
    if UV.exists():
        found = subprocess.run([UV, "--version"], capture_output=True, text=True).stdout.split()
        if len(found) > 1 and found[1] == want:
            return True
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as requirements:
        requirements.write(entry)
    try:
        result = subprocess.run([PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                                 "--require-hashes", "--no-deps", "-r", requirements.name],
                                capture_output=True, text=True)
    finally:
        os.unlink(requirements.name)
    return result.returncode == 0 and UV.exists()


def setup() -> None:
    """One install of everything the commands need, redone only when the pins or the packaging change."""
    ensure_python()
    project = pyproject()
    if not LOCK.exists():
        sys.exit(f"dev.py: requirements.lock is missing; make it with `{LOCK_COMMAND}`")
    lock_text = LOCK.read_text(encoding="utf-8")
    stale = stale_pins(project, lock_text)
    if stale:
        sys.exit("dev.py: requirements.lock does not match pyproject.toml:\n  " + "\n  ".join(stale)
                 + f"\nRe-pin with `{LOCK_COMMAND}` and commit requirements.lock.")
    digest = install_digest(project, lock_text)
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text() == digest:
        return
    started = time.monotonic()
    ensure_venv()
    STAMP.unlink(missing_ok=True)
    use_uv = os.environ.get("EDITION_INSTALLER", "uv") != "pip" and bootstrap_uv(lock_text)
    if os.environ.get("EDITION_INSTALLER", "uv") != "pip" and not use_uv:
        say("uv could not be installed here; using pip")
    count = len(locked_pins(lock_text))
    say(f"installing the {count} packages pinned in requirements.lock with {'uv' if use_uv else 'pip'}")
    if use_uv:
        quietly(UV, "pip", "sync", "--quiet", "--python", PYTHON, "--require-hashes", LOCK)
        quietly(UV, "pip", "install", "--quiet", "--python", PYTHON, "--no-deps", "--no-build-isolation",
                "-e", ROOT)
    else:
        quietly(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                "--require-hashes", "--no-deps", "-r", LOCK)
        quietly(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                "--no-deps", "--no-build-isolation", "-e", ROOT)
    STAMP.write_text(digest)
    say(f"set up in {time.monotonic() - started:.1f} s (again only when requirements.lock changes)")


def lock() -> int:
    """Re-pin requirements.lock from pyproject.toml: every package, for every platform, with hashes."""
    ensure_python()
    ensure_venv()
    project = pyproject()
    uv_pin = next((r for r in project.get("dependency-groups", {}).get("setup", [])
                   if normalise(PINNED.match(r)[1]) == "uv"), "uv")
    say(f"re-pinning requirements.lock with {uv_pin}")
    quietly(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", uv_pin)
    minimum = re.search(r"[\d.]+", project["project"]["requires-python"])[0]
    run(UV, "pip", "compile", "--quiet", "pyproject.toml", "--all-extras", "--group", "setup",
        "--universal", "--python-version", minimum, "--generate-hashes",
        "--custom-compile-command", LOCK_COMMAND, "-o", LOCK, cwd=ROOT)
    say(f"requirements.lock pins {len(locked_pins(LOCK.read_text(encoding='utf-8')))} packages")
    setup()
    return 0


def ensure_chromium() -> None:
    """A Chromium for the browser tests: Debian's if it can be had, else Playwright's."""
    if DEBIAN_CHROMIUM.exists() or os.environ.get("EDITION_CHROMIUM"):
        return
    apt = shutil.which("apt-get")
    if apt and hasattr(os, "geteuid") and os.geteuid() == 0:
        say("installing Debian's chromium with apt-get")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run(apt, "update", "-qq", env=env)
        run(apt, "install", "-y", "-qq", "chromium", env=env, stdout=subprocess.DEVNULL)
        return
    # A laptop: Playwright downloads its own Chromium build (needs network).
    say("installing Playwright's Chromium")
    run(PYTHON, "-m", "playwright", "install", "chromium")


def pytest_args(rest: list[str]) -> list[str]:
    """Every core unless told otherwise; a test file's tests stay together on one worker (its
    module fixtures, such as a synthetic 10x build, then run once)."""
    told = "no:xdist" in rest or any(a.startswith(("-n", "--numprocesses", "--dist")) for a in rest)
    return rest if told else ["-n", "auto", "--dist", "loadfile", *rest]


def serve(rest: list[str]) -> int:
    """``mkdocs serve`` in this very process (exec), so that stopping dev.py by its PID (SIGTERM,
    SIGHUP…) stops the server, as Ctrl-C does, and port 8000 is free again. Windows has no exec
    that keeps the PID: there the server is a child, ended with dev.py."""
    command = [str(PYTHON), "-m", "mkdocs", "serve", *rest]
    if os.name == "nt":
        return subprocess.call(command)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(command[0], command)
    return 0  # not reached: the server has taken over this process


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    rest = argv[1:]
    os.chdir(ROOT)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if command == "lock":
        return lock()
    if command not in ("serve", "test", "check", "bench", "mutate"):
        print(__doc__)
        return 0 if command in ("help", "-h", "--help") else 2
    setup()
    if command == "serve":
        return serve(rest)
    if command == "check":
        return subprocess.call([PYTHON, "-m", "scripts.check", *rest])
    if command == "mutate":  # tests/README.md, "Tests that can fail": by hand, not part of CI's pass/fail
        # mutmut is a by-hand tool, kept out of requirements.lock so that CI and every set-up skip
        # it and its dependencies (textual, libcst…); installed here, at this pin, when missing.
        if subprocess.call([PYTHON, "-c", "import mutmut"], stderr=subprocess.DEVNULL) != 0:
            quietly(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", MUTMUT)
        if hasattr(os, "nice"):
            os.nice(10)  # a shared machine: let everything else go first
        subprocess.call([PYTHON, "-m", "mutmut", "run", "--max-children", str(os.cpu_count() or 2), *rest])
        return subprocess.call([PYTHON, "-m", "tests.mutation_score"])
    ensure_chromium()  # the tests, and the benchmark's page weights, load pages in a real browser
    if command == "test":
        return subprocess.call([PYTHON, "-m", "pytest", *pytest_args(rest)])
    return subprocess.call([PYTHON, "-m", "scripts.bench", *rest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
