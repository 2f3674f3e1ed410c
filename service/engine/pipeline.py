"""The engine: text in, :class:`Analysis` out. No web framework here."""
from __future__ import annotations

from pathlib import Path

from service.engine.artifacts import Manifest, default_models_dir
from service.engine.punkt import load_tokenizer
from service.engine.scores import article_scores
from service.engine.segment import Segmenter, paragraphs
from service.engine.sentences import SentenceClassifier
from service.engine.types import Analysis, ModelInfo, Sentence
from service.version import __version__

PUNKT_FILE = "punkt.json"


class Engine:
    """Loaded models plus the analysis pipeline. Load once, call :meth:`analyze` many times."""

    def __init__(self, segmenter: Segmenter, sentences: SentenceClassifier,
                 manifests: dict[str, Manifest] | None = None):
        self.segmenter = segmenter
        self.sentences = sentences
        self.manifests = manifests or {}

    @classmethod
    def load(cls, models_dir: str | Path | None = None) -> "Engine":
        """Load every component from ``models_dir`` (default: :func:`default_models_dir`)."""
        root = Path(models_dir) if models_dir else default_models_dir()
        punkt_dir, sent_dir = root / "punkt", root / "sentences"
        manifests = {"punkt": Manifest.read(punkt_dir), "sentences": Manifest.read(sent_dir)}
        segmenter = Segmenter(load_tokenizer(punkt_dir / PUNKT_FILE))
        return cls(segmenter, SentenceClassifier.load(sent_dir), manifests)

    @property
    def model_info(self) -> ModelInfo:
        return ModelInfo(
            version=__version__,
            components={name: m.artifact_id for name, m in self.manifests.items()},
        )

    def analyze(self, text: str) -> Analysis:
        """Analyse one article. Any ``str`` is accepted; empty text gives no sentences."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        paras = paragraphs(text)
        segments = self.segmenter.segment(text)
        probs = self.sentences.predict_proba(text, segments, paras)
        threshold = self.sentences.threshold
        # Round first and label from the rounded value, so label and shown probability agree.
        rounded = [round(float(p), 4) for p in probs]
        sentences = [
            Sentence(
                index=i,
                start=seg.start,
                end=seg.end,
                text=text[seg.start:seg.end],
                label="reported" if p >= threshold else "direct",
                probability=p,
            )
            for i, (seg, p) in enumerate(zip(segments, rounded))
        ]
        return Analysis(
            model=self.model_info,
            text_length=len(text),
            sentences=sentences,
            scores=article_scores(sentences),
        )
