"""``python3 dev.py reportedly ARGS``: the command line without activating .venv.

The virtual environment is a stand-in (REPORTEDLY_VENV): its ``python`` and ``reportedly``
are shell scripts that print what they were given, so nothing is installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.name == "nt", reason="stand-in scripts are POSIX shell")


@pytest.fixture
def fake_venv(tmp_path) -> Path:
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    scripts = {
        "python": 'echo "pip noise: $*"\n',  # every pip step of ensure_venv succeeds noisily
        "reportedly": 'echo "reportedly $*"\npwd\n',
    }
    for name, body in scripts.items():
        path = venv / "bin" / name
        path.write_text("#!/bin/sh\n" + body)
        path.chmod(0o755)
    return venv


def _dev(args: list[str], cwd: Path, venv: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "REPORTEDLY_VENV": str(venv)}
    return subprocess.run(
        [sys.executable, str(REPO / "dev.py"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_runs_the_venv_command_from_the_callers_folder(fake_venv, tmp_path):
    work = tmp_path / "articles"
    work.mkdir()
    done = _dev(["reportedly", "analyze", "--format", "table", "a.txt"], work, fake_venv)
    assert done.returncode == 0, done.stderr
    # Installed on first use (no stamp yet), the install's messages all on stderr: standard
    # output holds only the command's own, so `... > out.jsonl` stays clean.
    assert done.stdout.splitlines() == ["reportedly analyze --format table a.txt", str(work)]
    assert "installing reportedly" in done.stderr and "pip noise: -m pip install" in done.stderr
    assert (fake_venv / ".reportedly-install").exists()
