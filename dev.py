#!/usr/bin/env python3
"""Set up and run reportedly from a fresh clone with nothing but Python 3.11.

    python3 dev.py serve [--host H] [--port P]   # create .venv, install, start gunicorn on 127.0.0.1:8000
    python3 dev.py test [PYTEST ARGS]            # create .venv, install with test extras, run every test
    python3 dev.py train                         # re-run the training notebooks on the full data

The virtual environment is (re)installed only when setup.cfg or pyproject.toml change.
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
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.py"))


def _fingerprint(extras: str) -> str:
    h = hashlib.sha256(extras.encode())
    for name in ("setup.cfg", "pyproject.toml"):
        h.update((ROOT / name).read_bytes())
    return h.hexdigest()


def ensure_venv(extras: str = "") -> None:
    """Create .venv and install the project (editable) with ``extras`` unless already done."""
    if sys.version_info < (3, 11):
        sys.exit(f"reportedly needs Python 3.11 or newer (this is {sys.version.split()[0]})")
    if not PY.exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / ".reportedly-install"
    want = _fingerprint(extras)
    if stamp.exists() and stamp.read_text() in (want, _fingerprint("test")):
        return
    target = f".[{extras}]" if extras else "."
    print(f"installing reportedly{f'[{extras}]' if extras else ''} into {VENV}", flush=True)
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "-e", target], cwd=ROOT, check=True)
    stamp.write_text(want)


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__)
        return 0
    command, rest = argv[0], argv[1:]
    os.chdir(ROOT)
    if command == "serve":
        ensure_venv()
        os.execv(str(BIN / "reportedly"), [str(BIN / "reportedly"), "serve", *rest])
    if command == "test":
        ensure_venv("test")
        return subprocess.call([str(PY), "-m", "pytest", *rest])
    if command == "train":
        ensure_venv("test")
        return subprocess.call([str(PY), "-m", "service.training.notebook_runner",
                                *(rest or map(str, NOTEBOOKS))])
    print(f"unknown command {command!r}\n{__doc__}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
