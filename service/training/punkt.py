"""Train Punkt sentence-boundary parameters on a corpus's own text."""
from __future__ import annotations

from collections.abc import Iterable

from nltk.tokenize.punkt import PunktParameters, PunktTrainer


def train_punkt(texts: Iterable[str], include_all_collocs: bool = False) -> PunktParameters:
    """Learn abbreviations, collocations and sentence starters from raw texts (unsupervised)."""
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = include_all_collocs
    for text in texts:
        trainer.train(text, finalize=False)
    trainer.finalize_training()
    return trainer.get_params()
