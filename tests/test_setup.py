"""Setting up: one lock for every pin, one install shared by every command, quiet packaging.

The install logic of ``scripts/dev.py`` runs here for real, with the installers themselves
replaced by a recorder (no test installs anything into the environment it runs in). The
packaging is built for real with the pinned setuptools, installed outside the project, and run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from scripts import dev
from tests.conftest import ROOT

SCHEMAS = sorted(p.name for p in (ROOT / "scripts/edition/read/schemas").glob("*.json"))


def test_the_lock_pins_every_requirement_and_its_files():
    lock = dev.LOCK.read_text(encoding="utf-8")
    assert dev.stale_pins(dev.pyproject(), lock) == []
    locked = dev.locked_pins(lock)
    # the test tools, what they pull in, and the set-up tools are all there
    for name in ("pytest", "pytest-xdist", "execnet", "playwright", "greenlet", "uv", "setuptools"):
        assert name in locked, name
    entries = [entry for entry in lock.split("\n") if "==" in entry and not entry.startswith((" ", "#"))]
    assert len(entries) == len(locked) > 40
    for name in locked:
        assert "--hash=sha256:" in dev.lock_lines_for(name, lock), f"{name} has no hash"


def test_a_requirement_missing_from_the_lock_is_named():
    project = dev.pyproject()
    project["project"]["optional-dependencies"]["test"].append("not-a-locked-package==1.0")
    project["project"]["dependencies"][0] = "mkdocs==1.6.0"
    assert dev.stale_pins(project, dev.LOCK.read_text(encoding="utf-8")) == [
        "mkdocs==1.6.0 in pyproject.toml, 1.6.1 in requirements.lock",
        "not-a-locked-package is not in requirements.lock"]


@pytest.fixture
def recorded(tmp_path, monkeypatch):
    """dev.py pointed at a throwaway .venv, with every installer call and command recorded."""
    venv = tmp_path / ".venv"
    (venv / "bin").mkdir(parents=True)
    calls: list[str] = []
    monkeypatch.chdir(ROOT)  # dev.main() works from the project's folder

    def make_venv():
        calls.append("venv")
        (venv / "bin" / "python").write_text("")

    monkeypatch.setattr(dev, "PYTHON", venv / "bin" / "python")
    monkeypatch.setattr(dev, "STAMP", venv / ".edition-installed")
    monkeypatch.setattr(dev, "ensure_venv", lambda: None if dev.PYTHON.exists() else make_venv())
    monkeypatch.setattr(dev, "bootstrap_uv", lambda lock_text: calls.append("uv") or True)
    monkeypatch.setattr(dev, "quietly", lambda *args: calls.append(" ".join(str(a) for a in args[1:3])))
    monkeypatch.setattr(dev, "ensure_chromium", lambda: None)
    monkeypatch.setattr(dev.subprocess, "call", lambda args, **kw: calls.append(f"run {args[2]}") or 0)
    monkeypatch.setattr(dev.os, "execv", lambda path, args: calls.append(f"run {args[2]}"))  # serve
    return calls


def test_test_then_check_then_serve_then_test_install_once(recorded, capsys):
    for command in ("test", "check", "serve", "test"):
        assert dev.main([command]) == 0
    assert recorded == ["venv", "uv", "pip sync", "pip install",
                        "run pytest", "run scripts.check", "run mkdocs", "run pytest"]
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and all(line.startswith("dev.py: ") for line in out), out


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
def test_stopping_dev_py_serve_by_its_pid_stops_the_server(tmp_path):
    """A real `dev.py serve` on a free port, stopped with SIGTERM to dev.py's own PID: the port is
    free again afterwards (no `mkdocs serve` left behind holding it)."""
    import signal
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "scripts/dev.py", "serve", "-a", address], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, "dev.py serve stopped by itself"
            try:
                urllib.request.urlopen(f"http://{address}/", timeout=2).read()
                break
            except OSError:
                assert time.monotonic() < deadline, "mkdocs serve did not answer"
                time.sleep(0.5)
        os.kill(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        deadline = time.monotonic() + 15
        while _answers(address):
            assert time.monotonic() < deadline, f"something still serves {address} after dev.py was stopped"
            time.sleep(0.2)
    finally:
        if server.poll() is None:
            server.kill()
        try:  # what a failing run leaves behind: the server dev.py started, in dev.py's session
            os.killpg(server.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _answers(address: str) -> bool:
    import socket

    host, port = address.split(":")
    with socket.socket() as client:
        return client.connect_ex((host, int(port))) == 0


def test_a_new_lock_installs_again(recorded, tmp_path, monkeypatch):
    assert dev.main(["check"]) == 0
    lock = tmp_path / "requirements.lock"
    lock.write_text(dev.LOCK.read_text(encoding="utf-8") + "\n# re-pinned\n", encoding="utf-8")
    monkeypatch.setattr(dev, "LOCK", lock)
    assert dev.main(["check"]) == 0
    assert recorded.count("pip sync") == 2


def test_plain_pip_installs_the_same_lock(recorded, monkeypatch):
    monkeypatch.setenv("EDITION_INSTALLER", "pip")
    assert dev.main(["check"]) == 0
    assert recorded[:3] == ["venv", "-m pip", "-m pip"]


def test_pip_takes_over_where_uv_cannot_be_installed(recorded, monkeypatch, capsys):
    monkeypatch.setattr(dev, "bootstrap_uv", lambda lock_text: False)
    assert dev.main(["check"]) == 0
    assert recorded[:3] == ["venv", "-m pip", "-m pip"]
    assert "uv could not be installed here; using pip" in capsys.readouterr().out


def test_the_suite_runs_on_every_core_unless_told_otherwise():
    assert dev.pytest_args(["-q"])[:2] == ["-n", "auto"]
    assert dev.pytest_args(["-n", "0"]) == ["-n", "0"]
    assert dev.pytest_args(["-p", "no:xdist"]) == ["-p", "no:xdist"]
    assert dev.pytest_args(["-p", "no:randomly"])[:2] == ["-n", "auto"]


def _quiet_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONDONTWRITEBYTECODE", "PIP_"))}
    return {**env, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The package, built from a copy of the project by the pinned setuptools (no build isolation)."""
    source = tmp_path_factory.mktemp("package")
    for name in ("pyproject.toml", "README.md"):
        (source / name).write_bytes((ROOT / name).read_bytes())
    shutil.copytree(ROOT / "scripts", source / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run([sys.executable, "-c", "import sys\nfrom setuptools import build_meta\n"
                             "print(build_meta.build_wheel(sys.argv[1]))", str(out)],
                            cwd=source, capture_output=True, text=True, env=_quiet_env(), timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    noise = [line for line in (result.stdout + result.stderr).splitlines()
             if "warn" in line.lower() or "deprecat" in line.lower()]
    assert noise == [], "\n".join(noise)
    return out / result.stdout.split()[-1]


def test_the_wheel_holds_the_engine_and_its_schemas(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert sorted(n.rsplit("/", 1)[1] for n in names if n.startswith("scripts/edition/read/schemas/")) == SCHEMAS
    assert "scripts/edition/read/loader.py" in names and "scripts/hooks.py" in names
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA"))).decode()
    assert "License-Expression: MIT" in metadata


def test_an_installed_wheel_checks_the_edition_from_anywhere(wheel, tmp_path):
    target = tmp_path / "installed"
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                             "--target", str(target), str(wheel)], capture_output=True, text=True,
                            env=_quiet_env(), timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    env = {**_quiet_env(), "PYTHONPATH": str(target)}
    where = subprocess.run([sys.executable, "-c", "import scripts.edition.read.schema as s; print(s.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert where.stdout.strip().startswith(str(target)), where.stdout + where.stderr
    check = subprocess.run([sys.executable, "-m", "scripts.check", "--root", str(ROOT)],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert check.returncode == 0 and check.stdout.startswith("OK:"), check.stdout + check.stderr


def test_the_editable_install_finds_the_schemas_from_anywhere(tmp_path):
    code = ("import scripts.edition.read.schema as s\n"
            "print(s.__file__)\nprint(sorted(p.name for p in s.SCHEMAS.glob('*.json')))")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                            env=_quiet_env(), timeout=60)
    assert result.returncode == 0, result.stderr
    module, schemas = result.stdout.splitlines()
    assert Path(module).is_relative_to(ROOT) and schemas == str(SCHEMAS)


def test_the_pinned_setuptools_is_the_one_that_builds():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    import setuptools

    assert project["build-system"]["requires"] == [f"setuptools=={setuptools.__version__}"]


@pytest.mark.parametrize("config", [".pre-commit-config.yaml", ".pre-commit-hooks.yaml"])
def test_pre_commit_checks_the_notes_and_the_essay_and_nothing_else(config):
    import re

    import yaml

    data = yaml.safe_load((ROOT / config).read_text(encoding="utf-8"))
    [hook] = data["repos"][0]["hooks"] if isinstance(data, dict) else data
    assert hook["id"] == "edition-check" and hook["pass_filenames"] is False
    assert "scripts.check" in hook["entry"] or hook["entry"] == "python3 scripts/dev.py check"
    selects = re.compile(hook["files"]).search
    for path in ("footnotes/notes/warsaw.yaml", "footnotes/sources.yaml", "footnotes/editorial.yaml",
                 "docs/essay/warsaw.md", "docs/index.md", "mkdocs.yml"):
        assert selects(path), path
    for path in ("README.md", "scripts/dev.py", "tests/data/original.txt", "docs/stylesheets/edition.css"):
        assert not selects(path), path


def test_the_pre_commit_hook_stops_a_commit_with_a_broken_note(project_copy):
    """What pre-commit runs for `edition-check`, in the repository's folder, with no file names."""
    import yaml

    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    command = [sys.executable, *hook["entry"].split()[1:]]
    assert subprocess.run(command, cwd=ROOT, capture_output=True, text=True).returncode == 0
    notes = project_copy / "footnotes/notes/warsaw.yaml"
    notes.write_text(notes.read_text(encoding="utf-8").replace("  kind: citation\n", "  kind: citation: oops\n", 1),
                     encoding="utf-8")
    result = subprocess.run(command, cwd=project_copy, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1 and "footnotes/notes/warsaw.yaml:8" in result.stderr, result.stderr
