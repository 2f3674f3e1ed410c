"""Locate and load model artifacts safely: JSON for parameters, skops for estimators.

skops files are loaded against an explicit allow-list of types, so a tampered artifact that
names any other type is refused instead of executed.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
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
    """``$REPORTEDLY_MODELS_DIR``, else the ``models/`` folder beside the package."""
    env = os.environ.get("REPORTEDLY_MODELS_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "models"


@dataclass(frozen=True)
class Manifest:
    """A component's ``model.json``: what the artifact is and how it did on dev."""

    component: str
    artifact_id: str
    data: dict

    @classmethod
    def read(cls, folder: Path) -> "Manifest":
        path = folder / "model.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ArtifactError(f"missing model manifest: {path}") from exc
        except json.JSONDecodeError as exc:
            raise ArtifactError(f"malformed model manifest {path}: {exc}") from exc
        return cls(component=data["component"], artifact_id=data["artifact_id"], data=data)


def load_estimator(path: Path):
    """Load a skops file, refusing any type outside skops' defaults and TRUSTED_TYPES."""
    if not path.exists():
        raise ArtifactError(f"missing model artifact: {path}")
    untrusted = set(sio.get_untrusted_types(file=path)) - set(TRUSTED_TYPES)
    if untrusted:
        raise ArtifactError(f"{path} contains untrusted types: {sorted(untrusted)}")
    return sio.load(path, trusted=sorted(set(sio.get_untrusted_types(file=path))))
