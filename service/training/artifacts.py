"""Write model artifacts and their manifests (the engine reads them with service.engine.artifacts)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import platform
from importlib import metadata
from pathlib import Path

import skops.io as sio

from service.engine import fingerprint
from service.engine.artifacts import Manifest
from service.engine.bias.model import BiasModel
from service.engine.sentences import SentenceClassifier
from service.engine.spans import SpanModel
from service.engine.tagger import Tagger

LIBRARIES = ("scikit-learn", "nltk", "numpy", "scipy", "skops")


def library_versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for lib in LIBRARIES:
        try:
            out[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            pass
    return out


def file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def write_manifest(
    folder: Path, component: str, artifact_file: str, extra_files: tuple[str, ...] = (), **data
) -> dict:
    """Write ``model.json`` beside an artifact; the id is the component name + content hash."""
    folder = Path(folder)
    digest = hashlib.sha256()
    for name in (artifact_file, *extra_files):
        digest.update((folder / name).read_bytes())
    manifest = {
        "component": component,
        "artifact_id": f"{component}-{digest.hexdigest()[:12]}",
        "artifact": artifact_file,
        "files": [artifact_file, *extra_files],
        "created": dt.date.today().isoformat(),
        "libraries": library_versions(),
        **data,
    }
    _write(folder, manifest)
    return stamp_manifest(folder)


def _write(folder: Path, manifest: dict) -> None:
    (Path(folder) / "model.json").write_text(
        json.dumps(manifest, indent=2, sort_keys=False) + "\n", encoding="utf-8"
    )


def load_component(component: str, folder: Path):
    """The component saved in ``folder`` as the engine loads it (None for one whose feature
    fingerprint needs no model: relations)."""
    loaders = {
        "sentences": SentenceClassifier.load,
        "spans": SpanModel.load,
        "bias": BiasModel.load,
        "tagger": Tagger.load,
    }
    return loaders[component](folder) if component in loaders else None


def stamp_manifest(folder: Path) -> dict:
    """Record in ``folder``'s ``model.json`` the fingerprint of the feature code its model
    is trained with (:mod:`service.engine.fingerprint`; after ``libraries``), so
    ``Engine.load`` can refuse it once that code makes other features. Components without
    feature code of ours (punkt) are left as they are."""
    folder = Path(folder)
    manifest = Manifest.read(folder).data
    if manifest["component"] not in fingerprint.COMPONENTS:
        return manifest
    value = fingerprint.feature_fingerprint(
        manifest["component"], load_component(manifest["component"], folder)
    )
    stamped: dict = {}
    for key, item in manifest.items():
        if key != fingerprint.FIELD:
            stamped[key] = item
        if key == "libraries":
            stamped[fingerprint.FIELD] = value
    stamped.setdefault(fingerprint.FIELD, value)
    _write(folder, stamped)
    return stamped


def save_estimator(estimator, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(estimator, path)
