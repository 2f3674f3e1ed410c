"""Punkt sentence-boundary parameters stored as plain JSON (no pickles, no nltk.download)."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

FORMAT = "reportedly-punkt/1"


def params_to_dict(params: PunktParameters) -> dict:
    """Serialise Punkt parameters to a JSON-ready dict with sorted, stable contents."""
    return {
        "format": FORMAT,
        "abbrev_types": sorted(params.abbrev_types),
        "collocations": sorted([a, b] for a, b in params.collocations),
        "sent_starters": sorted(params.sent_starters),
        "ortho_context": {k: v for k, v in sorted(params.ortho_context.items())},
    }


def params_from_dict(data: dict) -> PunktParameters:
    if data.get("format") != FORMAT:
        raise ValueError(f"not a reportedly Punkt file (format={data.get('format')!r})")
    params = PunktParameters()
    params.abbrev_types = set(data["abbrev_types"])
    params.collocations = {(a, b) for a, b in data["collocations"]}
    params.sent_starters = set(data["sent_starters"])
    params.ortho_context = defaultdict(int, {k: int(v) for k, v in data["ortho_context"].items()})
    return params


def save_params(params: PunktParameters, path: str | Path) -> None:
    Path(path).write_text(
        json.dumps(params_to_dict(params), ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
    )


def load_tokenizer(path: str | Path) -> PunktSentenceTokenizer:
    """Build a Punkt tokenizer from a JSON parameter file written by :func:`save_params`."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return PunktSentenceTokenizer(params_from_dict(data))
