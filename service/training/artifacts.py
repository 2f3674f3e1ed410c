"""Write model artifacts and their manifests (the engine reads them with service.engine.artifacts)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import platform
from importlib import metadata
from pathlib import Path

import skops.io as sio

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
    (folder / "model.json").write_text(
        json.dumps(manifest, indent=2, sort_keys=False) + "\n", encoding="utf-8"
    )
    return manifest


def save_estimator(estimator, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(estimator, path)
