"""Where training reads data and writes artifacts, from the environment.

- ``REPORTEDLY_DATA``: folder holding the data sets of :mod:`service.training.datasets` (default
  ``../shared/data``; ``python3 dev.py data`` checks it)
- ``REPORTEDLY_SAMPLE``: train on the first N documents only (CI runs notebooks this way)
- ``REPORTEDLY_MODELS_OUT``: where notebooks write artifacts (default: the repo's ``models/``)
- ``REPORTEDLY_MERGE_CORRECTIONS``: "1" merges editors' corrections into training (default off;
  the export is read from ``$REPORTEDLY_CORRECTIONS`` or ``var/corrections.jsonl``)
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def data_root() -> Path:
    env = os.environ.get("REPORTEDLY_DATA")
    if env:
        return Path(env)
    # relative to the repository, so notebooks work from any working directory
    return (REPO_ROOT / ".." / "shared" / "data").resolve()


def sample_size() -> int | None:
    value = os.environ.get("REPORTEDLY_SAMPLE", "").strip()
    return int(value) if value else None


def models_out() -> Path:
    return Path(os.environ.get("REPORTEDLY_MODELS_OUT", REPO_ROOT / "models"))


def merge_corrections() -> bool:
    """Whether the notebooks merge exported review corrections into training (off by default)."""
    return os.environ.get("REPORTEDLY_MERGE_CORRECTIONS", "").strip().lower() in (
        "1",
        "true",
        "yes",
    )
