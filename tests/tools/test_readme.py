"""The README's sample output ("What you get back") is what the engine returns for the
Quick start's example text: same keys at every level, same strings, counts and labels."""

from __future__ import annotations

import json
import re

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
ELIDED = "…"  # a string ending in it stands for any string it begins
FLOAT_TOLERANCE = 0.02  # probabilities move a little when a model is retrained


def _example_output() -> dict:
    section = README.split("## What you get back", 1)[1]
    block = re.search(r"```json\n(.*?)\n```", section, re.S)
    assert block, "no ```json block under 'What you get back'"
    return json.loads(block.group(1))


def _example_input() -> str:
    """The text of the Quick start's first ``curl … -d '{"text": …}'``."""
    bodies = [json.loads(m) for m in re.findall(r"-d '(\{.*?\})'", README)]
    texts = [b["text"] for b in bodies if "text" in b]
    assert texts, "no curl -d '{\"text\": ...}' example in the README"
    return texts[0]


def _differences(shown, real, path: str = "$") -> list[str]:
    if isinstance(shown, dict) and isinstance(real, dict):
        out = [f"{path}: README lacks {k!r}" for k in real.keys() - shown.keys()]
        out += [f"{path}: engine has no {k!r}" for k in shown.keys() - real.keys()]
        for key in shown.keys() & real.keys():
            out += _differences(shown[key], real[key], f"{path}.{key}")
        return sorted(out)
    if isinstance(shown, list) and isinstance(real, list):
        if len(shown) != len(real):
            return [f"{path}: README shows {len(shown)} items, engine gives {len(real)}"]
        return [
            d
            for i, (s, r) in enumerate(zip(shown, real))
            for d in _differences(s, r, f"{path}[{i}]")
        ]
    if isinstance(shown, str) and shown.endswith(ELIDED) and isinstance(real, str):
        return [] if real.startswith(shown[: -len(ELIDED)]) else [f"{path}: {shown!r} vs {real!r}"]
    if isinstance(shown, float) and isinstance(real, float) and not isinstance(shown, bool):
        return [] if abs(shown - real) <= FLOAT_TOLERANCE else [f"{path}: {shown} vs {real}"]
    same = type(shown) is type(real) and shown == real
    return [] if same else [f"{path}: README {shown!r}, engine {real!r}"]


def test_the_readme_example_is_the_engine_output_for_its_text(engine):
    text = _example_input()
    shown = _example_output()
    real = json.loads(engine.analyze(text).model_dump_json())  # what /v1/analyze sends
    differences = _differences(shown, real)
    assert not differences, "README example vs engine:\n" + "\n".join(differences)
    assert shown["text_length"] == len(text)
    assert all(s["text"] == text[s["start"] : s["end"]] for s in shown["sentences"])


def test_the_comparison_catches_drift():
    real = {"a": [{"p": 0.98, "bias": {"score": 0.05}}], "id": "punkt-95626e7a519e", "n": 1}
    assert _differences({**real, "id": "punkt-…"}, real) == []
    assert _differences({**real, "a": [{"p": 0.99, "bias": {"score": 0.06}}]}, real) == []
    assert _differences({**real, "a": [{"p": 0.9, "bias": None}]}, real) == [
        "$.a[0].bias: README None, engine {'score': 0.05}",
        "$.a[0].p: 0.9 vs 0.98",
    ]
    assert _differences({"a": real["a"], "id": real["id"]}, real) == ["$: README lacks 'n'"]
    assert _differences({**real, "n": 1.0}, real) == ["$.n: README 1.0, engine 1"]
    assert _differences({**real, "id": "spans-…"}, real)
    assert _differences({**real, "a": []}, real)
