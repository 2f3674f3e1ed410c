"""Build hook: the wheel carries the trained models as ``service/models/``.

Everything else is declared in setup.cfg. ``models/`` stays at the top of the repository,
where the notebooks write it; a built package gets a copy (found by
``service.engine.artifacts.default_models_dir``), so ``pip install .`` or a wheel works
from any folder. MANIFEST.in puts ``models/`` in the sdist, so a wheel built from the sdist
has them too. An editable install copies nothing: it reads the checkout's ``models/``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

MODELS = Path(__file__).resolve().parent / "models"


class BuildPyWithModels(build_py):
    """``build_py`` that also copies ``models/**`` into the built ``service`` package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        if not (MODELS / "punkt" / "model.json").is_file():
            raise SystemExit(f"no trained models in {MODELS}: a package without them cannot run")
        target = Path(self.build_lib) / "service" / "models"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(MODELS, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildPyWithModels})
