"""A plain install works from any folder: sdist, then a wheel from the sdist, then a fresh
virtual environment, all without network.

setup.py copies the top-level ``models/`` into the built package as ``service/models/`` and
MANIFEST.in puts ``models/`` in the sdist; ``default_models_dir`` finds the copy, so the
installed ``reportedly`` and ``Engine.load()`` need no path. The new environment takes its
dependencies from this one's site-packages through a ``.pth`` file (nothing is downloaded).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from service.engine import Engine

REPO = Path(__file__).resolve().parents[2]
TEXT = (
    "The plan will fail, the senator said. It rained on Tuesday.\n\n"
    'According to police, two people were hurt. "We are investigating," a spokesman told reporters.\n'
)
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "var", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache"
)


def _run(argv: list, cwd: Path, env: dict | None = None) -> str:
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{argv} failed ({done.returncode}):\n{done.stderr[-3000:]}"
    return done.stdout


def _model_files(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> SimpleNamespace:
    tmp = tmp_path_factory.mktemp("wheel")
    src, dist, env_dir, elsewhere = (tmp / n for n in ("src", "dist", "env", "elsewhere"))
    shutil.copytree(REPO, src, ignore=NOT_SOURCES)  # the working tree, the checkout untouched
    dist.mkdir()
    build = "import sys; from setuptools import build_meta; build_meta.build_sdist(sys.argv[1])"
    _run([sys.executable, "-c", build, str(dist)], cwd=src)
    [sdist] = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as tar:
        tar.extractall(tmp / "unpacked", filter="data")
    [unpacked] = (tmp / "unpacked").iterdir()
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    _run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", dist, unpacked],
        tmp,
    )
    [wheel] = dist.glob("*.whl")

    venv.create(env_dir, with_pip=False, symlinks=os.name != "nt")
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    purelib = Path(
        _run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp).strip()
    )
    ours = dict.fromkeys(sysconfig.get_path(k) for k in ("purelib", "platlib"))
    (purelib / "reportedly-test-deps.pth").write_text("".join(f"{p}\n" for p in ours))
    _run([*pip, "--python", python, "install", "--no-deps", "--no-index", wheel], tmp)

    elsewhere.mkdir()
    (elsewhere / "article.txt").write_text(TEXT, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("REPORTEDLY_MODELS_DIR", "PYTHONPATH")}
    env["PYTHONNOUSERSITE"] = "1"
    return SimpleNamespace(
        sdist=sdist, wheel=wheel, python=python, purelib=purelib, cwd=elsewhere, env=env
    )


@pytest.fixture(scope="module")
def expected() -> dict:
    """The checkout's own analysis of TEXT: the installed package must give the same."""
    return Engine.load(REPO / "models").analyze(TEXT).to_dict()


def test_sdist_and_wheel_carry_every_model_file_and_the_licence(installed):
    models = _model_files(REPO / "models")
    assert {"punkt/model.json", "sentences/model.json", "spans/model.json"} <= models
    with tarfile.open(installed.sdist) as tar:
        top = tar.getnames()[0].split("/")[0]
        in_sdist = {
            n[len(f"{top}/models/") :] for n in tar.getnames() if n.startswith(f"{top}/models/")
        }
    with zipfile.ZipFile(installed.wheel) as whl:
        names = whl.namelist()
    in_wheel = {n[len("service/models/") :] for n in names if n.startswith("service/models/")}
    assert models <= in_sdist
    assert models <= in_wheel
    assert not any(n.startswith("models/") for n in names)  # no stray top-level package
    assert {"LICENSE", "NOTICE"} <= {n.rsplit("/", 1)[-1] for n in names if ".dist-info/" in n}


def test_installed_cli_analyses_from_another_folder(installed, expected):
    script = installed.python.parent / "reportedly"
    out = _run([script, "analyze", "article.txt"], installed.cwd, installed.env)
    [line] = out.splitlines()
    assert json.loads(line) == {"file": "article.txt", **expected}
    assert expected["attributions"], "the sample text should yield attributions"


def test_installed_engine_loads_without_a_path(installed, expected):
    code = (
        "import json, sys, service\n"
        "from service.engine import Engine\n"
        "from service.engine.artifacts import default_models_dir\n"
        "analysis = Engine.load().analyze(sys.stdin.read()).to_dict()\n"
        "print(json.dumps([service.__file__, str(default_models_dir()), analysis]))\n"
    )
    done = subprocess.run(
        [installed.python, "-c", code],
        cwd=installed.cwd,
        env=installed.env,
        input=TEXT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    package, models, analysis = json.loads(done.stdout)
    assert Path(package).parent == installed.purelib / "service"
    assert Path(models) == installed.purelib / "service" / "models"
    assert analysis == expected
