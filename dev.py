#!/usr/bin/env python3
"""Set up and run reportedly from a fresh clone with nothing but Python 3.11.

    python3 dev.py serve [--host H] [--port P]   # create .venv, install, start gunicorn on 127.0.0.1:8000
    python3 dev.py test [PYTEST ARGS]            # create .venv, install with test extras, run every test
    python3 dev.py reportedly ARGS               # the command line from .venv, created if need
                                                 # be, without activating it, e.g.
                                                 # python3 dev.py reportedly analyze article.txt
    python3 dev.py lint                          # ruff check, ruff format --check, mypy (config in
                                                 # pyproject.toml); exit 1 on any finding
    python3 dev.py train [NOTEBOOK ...]          # re-run the training notebooks on the full data:
                                                 # those that write a model (write_manifest), not
                                                 # the analyses (05_sourcing_by_publisher)
    python3 dev.py data [FOLDER]                 # which training data sets are present, which
                                                 # missing and where to get them (exit 1 if any
                                                 # is missing; default $REPORTEDLY_DATA or
                                                 # ../shared/data)
    python3 dev.py lock                          # re-pin requirements*.lock (needs uv) after a
                                                 # change to setup.cfg's dependencies

Dependencies are installed from the hash-pinned lock files (``requirements.lock`` to serve,
``requirements-test.lock`` for tests and notebooks) with ``pip --require-hashes``, then the
project itself without dependencies, so every machine (CI, the Docker image, a laptop) runs
what was tested; ``pip check`` then fails the install if setup.cfg asks for something the
lock lacks. The virtual environment is (re)installed only when setup.cfg, pyproject.toml or
a lock file change.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("REPORTEDLY_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
# `dev.py train` runs the notebooks that write a model; the tests run every notebook on a sample
NOTEBOOKS = [
    p
    for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.py"))
    if "write_manifest(" in p.read_text(encoding="utf-8")
]
LINT = (
    ("ruff", "check", "service", "tests", "dev.py"),
    ("ruff", "format", "--check", "service", "tests", "dev.py"),
    ("mypy",),  # checks what [tool.mypy] in pyproject.toml names: the service package
)
LOCKS = {"": ROOT / "requirements.lock", "test": ROOT / "requirements-test.lock"}
# pip itself, installed first: a pip before 23.3 (Python 3.11.7's venv has 23.2.1) does not
# normalise extra names and warns "lxml 6.1.3 does not provide the extra 'html_clean'" for
# jusText's lxml[html_clean] (lxml declares it as "html-clean"); pip 26.3 prints setuptools'
# build warnings even with --quiet (every editable install gets one).
PIP_LOCK, PIP_WANTED = ROOT / "requirements-pip.lock", "pip>=23.3,<26.3"


def _fingerprint(extras: str) -> str:
    h = hashlib.sha256(extras.encode())
    for name in ("setup.cfg", "pyproject.toml", PIP_LOCK.name, *(p.name for p in LOCKS.values())):
        h.update((ROOT / name).read_bytes())
    return h.hexdigest()


def ensure_venv(extras: str = "") -> None:
    """Create .venv and install the project (editable) with ``extras`` unless already done."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs under any python3
        sys.exit(f"reportedly needs Python 3.11 or newer (this is {sys.version.split()[0]})")
    if not PY.exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / ".reportedly-install"
    want = _fingerprint(extras)
    if stamp.exists() and stamp.read_text() in (want, _fingerprint("test")):
        return
    print(
        f"installing reportedly{f'[{extras}]' if extras else ''} into {VENV} from "
        f"{LOCKS[extras].name}",
        flush=True,
    )
    pip = [str(PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--require-hashes", "-r", str(PIP_LOCK)], cwd=ROOT, check=True)
    subprocess.run([*pip, "--require-hashes", "-r", str(LOCKS[extras])], cwd=ROOT, check=True)
    subprocess.run([*pip, "--no-deps", "-e", "."], cwd=ROOT, check=True)
    if subprocess.run([str(PY), "-m", "pip", "check"], cwd=ROOT).returncode:
        sys.exit(
            f"{LOCKS[extras].name} does not hold what setup.cfg needs: run "
            f"`python3 dev.py lock` (with uv installed) and commit the lock files"
        )
    stamp.write_text(want)


def lock() -> int:
    """Re-pin both lock files from setup.cfg, and pip's, with uv (hashes for every platform's
    files)."""
    import shutil

    uv = shutil.which("uv")
    if uv is None:
        sys.exit("dev.py lock needs uv: pip install uv (or pipx install uv)")
    compile_ = [uv, "pip", "compile", "--generate-hashes", "--universal", "--python-version"]
    compile_ += ["3.11", "--no-annotate", "--custom-compile-command", "python3 dev.py lock"]
    for extras, path in LOCKS.items():
        argv = [*compile_, "setup.cfg", "-o", str(path)]
        if extras:
            argv += ["--extra", extras]
        else:  # the runtime pins follow the test lock's, so both install the same versions
            argv += ["-c", str(LOCKS["test"])]
        if subprocess.run(argv, cwd=ROOT).returncode:
            return 1
    argv = [*compile_, "-", "-o", str(PIP_LOCK)]  # the requirement comes on stdin
    return subprocess.run(argv, cwd=ROOT, input=PIP_WANTED.encode()).returncode


def run_cli(args: list[str]) -> int:
    """``.venv/bin/reportedly ARGS``; installing .venv first if need be, with its messages on
    standard error so that the command's own output stays clean."""
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(2, 1)  # pip's output too
    try:
        ensure_venv()
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
    cli = BIN / "reportedly"
    os.execv(str(cli), [str(cli), *args])


def lint() -> int:
    """Run every check (one run shows all findings); 1 if any found something."""
    failed = []
    for check in LINT:
        print("$", *check, flush=True)
        if subprocess.call([str(PY), "-m", *check], cwd=ROOT):
            failed.append(" ".join(check[:2]))
    if failed:
        print(f"dev.py lint: {', '.join(failed)} found problems", file=sys.stderr)
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__)
        return 0
    command, rest = argv[0], argv[1:]
    if command == "reportedly":  # before chdir: file names are relative to the caller's folder
        return run_cli(rest)
    os.chdir(ROOT)
    if command == "serve":
        ensure_venv()
        os.execv(str(BIN / "reportedly"), [str(BIN / "reportedly"), "serve", *rest])
    if command == "test":
        ensure_venv("test")
        return subprocess.call([str(PY), "-m", "pytest", *rest])
    if command == "lock":
        return lock()
    if command == "lint":
        ensure_venv("test")
        return lint()
    if command == "data":  # standard library only: runs before any .venv exists
        sys.path.insert(0, str(ROOT))
        from service.training import datasets

        return datasets.main(rest)
    if command == "train":
        ensure_venv("test")
        return subprocess.call(
            [str(PY), "-m", "service.training.notebook_runner", *(rest or map(str, NOTEBOOKS))]
        )
    print(f"unknown command {command!r}\n{__doc__}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
