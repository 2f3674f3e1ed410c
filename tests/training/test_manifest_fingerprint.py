"""Training stamps the feature fingerprint into model.json (write_manifest), so a retrained
model always records the feature code it learnt from."""

from __future__ import annotations

import json
import shutil

import pytest

from service.engine.artifacts import Manifest, default_models_dir
from service.engine.fingerprint import FIELD
from service.training.artifacts import write_manifest

MODELS = default_models_dir()


@pytest.mark.parametrize(
    ("component", "artifact", "extra"),
    [
        ("sentences", "sentences.skops", ("cue_lexicon.json",)),
        ("spans", "cue.crfsuite", ("role.crfsuite", "cue_lexicon.json")),
        ("relations", "cue_classes.tsv", ("confidence.json",)),
    ],
)
def test_write_manifest_records_the_fingerprint(component, artifact, extra, tmp_path):
    folder = tmp_path / component
    shutil.copytree(MODELS / component, folder)
    (folder / "model.json").unlink()
    shipped = Manifest.read(MODELS / component)
    written = write_manifest(folder, component, artifact, extra, parameters={"x": 1})
    on_disk = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    assert written == on_disk
    assert written["artifact_id"] == shipped.artifact_id
    assert written[FIELD] == shipped.data[FIELD]
    keys = list(written)
    assert keys[keys.index("libraries") + 1] == FIELD  # beside the other provenance
    assert written["parameters"] == {"x": 1}


def test_punkt_has_no_fingerprint(tmp_path):
    folder = tmp_path / "punkt"
    shutil.copytree(MODELS / "punkt", folder)
    assert FIELD not in write_manifest(folder, "punkt", "punkt.json")
