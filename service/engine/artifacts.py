"""Locate and load model artifacts safely: JSON for parameters, skops for estimators.

skops files are loaded against an explicit allow-list of types, so a tampered artifact that
names any other type is refused instead of executed.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import skops.io as sio

# Types a reportedly estimator artifact may contain beyond skops' own defaults.
TRUSTED_TYPES = (
    "sklearn.feature_extraction._hash.FeatureHasher",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.pipeline.Pipeline",
    "numpy.float64",
    "numpy.int64",
    "numpy.dtype",
    "builtins.float",
    "builtins.int",
)


class ArtifactError(RuntimeError):
    """A model artifact is missing, malformed or contains untrusted types."""


def default_models_dir() -> Path:
    """The first of: ``$REPORTEDLY_MODELS_DIR``; the copy an installed package carries
    (``service/models``, put there by setup.py); the checkout's top-level ``models/`` (an
    editable install, or running from the repository)."""
    env = os.environ.get("REPORTEDLY_MODELS_DIR")
    if env:
        return Path(env)
    shipped = resources.files("service") / "models"
    if isinstance(shipped, Path) and shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[2] / "models"


@dataclass(frozen=True)
class Manifest:
    """A component's ``model.json``: what the artifact is and how it did on dev."""

    component: str
    artifact_id: str
    data: dict

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        path = Path(folder) / "model.json"
        data = load_json(path)
        if not (
            isinstance(data, dict)
            and isinstance(data.get("component"), str)
            and isinstance(data.get("artifact_id"), str)
        ):
            raise ArtifactError(f"malformed model manifest {path}: needs component and artifact_id")
        return cls(component=data["component"], artifact_id=data["artifact_id"], data=data)


def load_json(path: Path):
    """Read a JSON artifact, turning any failure into an :class:`ArtifactError` naming the file."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ArtifactError(f"missing model file: {path}") from exc
    except (OSError, ValueError) as exc:
        raise ArtifactError(f"cannot read {path}: {exc}") from exc


def load_estimator(path: Path):
    """Load a skops file, refusing any type outside skops' defaults and TRUSTED_TYPES."""
    path = Path(path)
    if not path.exists():
        raise ArtifactError(f"missing model artifact: {path}")
    try:
        listed = set(sio.get_untrusted_types(file=path))
        untrusted = listed - set(TRUSTED_TYPES)
        if untrusted:
            raise ArtifactError(f"{path} contains untrusted types: {sorted(untrusted)}")
        return sio.load(path, trusted=sorted(listed))
    except ArtifactError:
        raise
    except Exception as exc:  # corrupt zip, bad schema, unreadable file
        raise ArtifactError(f"cannot load {path}: {exc}") from exc
