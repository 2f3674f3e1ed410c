"""The engine: text in, :class:`Analysis` out. No web framework here."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from pathlib import Path

from service.engine.artifacts import Manifest, default_models_dir
from service.engine.attributions import build_attributions, sentence_attributions
from service.engine.bias.analyse import WordingFlag, sentence_bias, voice_spans
from service.engine.bias.model import BiasModel
from service.engine.completion import complete_relation
from service.engine.cue_classes import CueLexicon, classify_relations, says_nothing
from service.engine.cue_rules import rule_relations, unsourced_hedges
from service.engine.fingerprint import check_features
from service.engine.furniture import is_furniture, off_furniture
from service.engine.intervals import SpanIndex
from service.engine.punkt import load_tokenizer
from service.engine.quote_attribution import quote_relations
from service.engine.quotes import quote_intervals
from service.engine.relation_confidence import RelationConfidence, relation_features
from service.engine.scores import article_scores
from service.engine.segment import Segmenter, paragraphs
from service.engine.sentences import SentenceClassifier
from service.engine.source_attributions import with_attribution_ids
from service.engine.source_spans import clean_source
from service.engine.sources import resolve_sources
from service.engine.spans import RawRelation, SpanModel, doc_tokens
from service.engine.tagger import Tagger
from service.engine.types import Analysis, ModelInfo, Sentence, SentenceBias
from service.version import __version__

PUNKT_FILE = "punkt.json"
CUE_CLASSES_FILE = "cue_classes.tsv"
CONFIDENCE_FILE = "confidence.json"
REPORTING_CLASSES = frozenset(("assertion", "belief", "knowledge"))


def _no_bias(segments) -> list[None]:
    return [None] * len(segments)


def _sentence_of(bounds: list[tuple[int, int]], pos: int) -> int:
    """Index of the sentence holding character ``pos`` (the one before it, between two)."""
    return max(bisect_left(bounds, (pos + 1, -1)) - 1, 0)


class Engine:
    """Loaded models plus the analysis pipeline. Load once, call :meth:`analyze` many times."""

    def __init__(
        self,
        segmenter: Segmenter,
        sentences: SentenceClassifier,
        manifests: dict[str, Manifest] | None = None,
        spans: SpanModel | None = None,
        bias: BiasModel | None = None,
        cue_lexicon: CueLexicon | None = None,
        relation_confidence: RelationConfidence | None = None,
        relation_params: dict | None = None,
    ):
        self.segmenter = segmenter
        self.cue_lexicon = cue_lexicon
        self.relation_confidence = relation_confidence
        params = relation_params or {}
        self.reported_prior = float(params.get("reported_prior", 0.0))
        self.min_confidence = float(params.get("min_confidence", 0.0))
        self.sentences = sentences
        self.spans = spans
        self.bias = bias
        self.manifests = manifests or {}
        self.tagger: Tagger | None = None  # part-of-speech tags, when models/tagger exists

    @classmethod
    def load(
        cls, models_dir: str | Path | None = None, with_spans: bool = True, with_bias: bool = True
    ) -> Engine:
        """Load every component from ``models_dir`` (default: :func:`default_models_dir`).

        ``with_spans=False`` leaves the attribution span model out (the sentence classifier
        alone labels sentences), as its model card measures it; ``with_bias=False`` leaves
        out the bias signals (sentences carry no ``bias``).
        """
        root = Path(models_dir) if models_dir else default_models_dir()
        punkt_dir, sent_dir, span_dir = root / "punkt", root / "sentences", root / "spans"
        bias = None
        if with_bias and (root / "bias" / "model.json").exists():
            bias = BiasModel.load(root / "bias")
            manifests_bias = {"bias": Manifest.read(root / "bias")}
        else:
            manifests_bias = {}
        manifests = {"punkt": Manifest.read(punkt_dir), "sentences": Manifest.read(sent_dir)}
        segmenter = Segmenter(load_tokenizer(punkt_dir / PUNKT_FILE))
        spans = None
        if with_spans and (span_dir / "model.json").exists():
            spans = SpanModel.load(span_dir)
            manifests["spans"] = Manifest.read(span_dir)
        manifests.update(manifests_bias)
        rel_dir = root / "relations"
        cue_lexicon = confidence = None
        rel_params: dict = {}
        if spans is not None and (rel_dir / "model.json").exists():
            manifests["relations"] = m = Manifest.read(rel_dir)
            rel_params = m.data.get("parameters", {})
            cue_lexicon = CueLexicon.read(rel_dir / CUE_CLASSES_FILE)
            if (rel_dir / CONFIDENCE_FILE).exists():
                confidence = RelationConfidence.load(rel_dir / CONFIDENCE_FILE)
        engine = cls(
            segmenter,
            SentenceClassifier.load(sent_dir),
            manifests,
            spans,
            bias,
            cue_lexicon,
            confidence,
            rel_params,
        )
        if (root / "tagger" / "model.json").exists():
            engine.tagger = Tagger.load(root / "tagger")
            engine.manifests["tagger"] = Manifest.read(root / "tagger")
        models: dict[str, object] = {"sentences": engine.sentences, "spans": spans, "bias": bias}
        models.update(tagger=engine.tagger, relations=confidence)
        check_features(engine.manifests, models)  # the feature code they were trained with
        return engine

    def _confidence(
        self,
        raw: list[RawRelation],
        strength: list[float],
        classes: list[str],
        quotes: SpanIndex,
        crf: set[int],
    ) -> list[float]:
        """Each relation's calibrated probability of being right (its strength without a
        calibration model)."""
        if self.relation_confidence is None:
            return list(strength)
        return [
            self.relation_confidence(
                relation_features(
                    r.confidence,
                    s,
                    r.source is not None,
                    r.content is not None,
                    r.content is not None and quotes.overlaps(*r.content),
                    id(r) not in crf,
                    c,
                )
            )
            for r, s, c in zip(raw, strength, classes)
        ]

    def _prior_shift(self, rate: float) -> float:
        """Odds factor for relation-less sentences: the article's share of sentences holding
        a relation against that share on PolNeAR (``reported_prior``); only ever lowers."""
        prior = self.reported_prior
        if not 0.0 < prior < 1.0:
            return 1.0
        odds = max(rate, 0.02) / max(1.0 - rate, 1e-6)
        return min(1.0, odds / (prior / (1.0 - prior)))

    def _bare(self, p: float, shift: float) -> float:
        """A relation-less sentence's probability of being reported, after the prior shift."""
        if shift >= 1.0 or p <= 0.0:
            return p
        if p >= 1.0:
            return 1.0
        odds = p / (1.0 - p) * shift
        return odds / (1.0 + odds)

    def _bias(self, text: str, segments, attributions, quotes) -> list:
        """Each sentence's ``bias`` (all None without a bias model). Page furniture is not
        scored; the voice of every flag is looked up in indexes built once per article."""
        if self.bias is None or not segments:
            return _no_bias(segments)
        spans = SpanIndex(voice_spans(attributions, quotes))
        cues = SpanIndex((a.cue.start, a.cue.end) for a in attributions)
        texts = [text[s.start : s.end] for s in segments]
        scored = [i for i, t in enumerate(texts) if not is_furniture(t)]
        raw = self.bias.raw_score([texts[i] for i in scored])
        scores = dict(zip(scored, self.bias.score_from_raw(raw)))
        words = dict(zip(scored, self.bias.word_flags([texts[i] for i in scored], raw)))
        threshold = self.bias.threshold
        cue_starts = [a.cue.start for a in attributions]  # ascending: relations come sorted
        out = []
        for i, seg in enumerate(segments):
            if i not in scores:  # a byline or a share button is not the writer's wording
                out.append(SentenceBias(score=0.0, biased=False, voice="writer", flags=[]))
                continue
            wording = [
                WordingFlag(
                    seg.start + w.start, seg.start + w.end, w.reason, w.confidence, w.evidence
                )
                for w in words[i]
            ]
            own = attributions[
                bisect_left(cue_starts, seg.start) : bisect_left(cue_starts, seg.end)
            ]
            out.append(
                sentence_bias(
                    text, seg.start, seg.end, scores[i], threshold, own, wording, spans, cues
                )
            )
        return out

    @property
    def model_info(self) -> ModelInfo:
        return ModelInfo(
            version=__version__,
            components={name: m.artifact_id for name, m in self.manifests.items()},
        )

    def analyze(self, text: str, bias: bool = True) -> Analysis:
        """Analyse one article. Any ``str`` is accepted; empty text gives no sentences.

        ``bias=False`` skips the bias stage and its cost (sentences carry no ``bias``)."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        paras = paragraphs(text)
        segments = self.segmenter.segment(text, paras)
        quotes = quote_intervals(text, paras)  # once, for every stage below
        probs = [float(p) for p in self.sentences.predict_proba(text, segments, paras, quotes)]
        threshold = self.sentences.threshold
        bounds = [(s.start, s.end) for s in segments]

        raw: list[RawRelation] = []
        if self.spans is not None and segments:
            dt = doc_tokens(text, self.segmenter, segments, quotes)
            raw = self.spans.find(dt, {i for i, p in enumerate(probs) if p >= threshold})
            crf = {id(r) for r in raw}
            raw = quote_relations(dt, raw + rule_relations(dt, raw))  # sorted by cue
            raw = unsourced_hedges(text, off_furniture(text, paras, raw))
            # A relation stands with the stronger of its cue's confidence and its sentence's
            # probability; too weak, and it is dropped so sentence labels and relations agree.
            strength = [max(r.confidence, probs[dt.tokens[r.cue_tokens[0]].sentence]) for r in raw]
            kept = [(r, s) for r, s in zip(raw, strength) if s >= threshold]
            raw = [r for r, _ in kept]
            tag_at = None
            if self.tagger is not None:  # tags of a cue word and its neighbours

                def tag_at(pos, dt=dt, tagger=self.tagger):
                    lo, hi = dt.token_range(pos, pos + 1)
                    return tagger.tag_window(dt.tokens, lo, radius=1) if lo < hi else None

            quote_index = SpanIndex(quotes)  # once, for the cue classes and the confidence
            classed = (
                classify_relations(text, raw, quote_index, self.cue_lexicon, tag_at)
                if self.cue_lexicon is not None
                else [(i, r, "assertion") for i, r in enumerate(raw)]
            )
            classes = [c for _, _, c in classed]
            raw = [
                complete_relation(text, r, bounds[_sentence_of(bounds, r.cue[0])], c)
                for (_, r, c) in classed
            ]
            strength = [kept[i][1] for i, _, _ in classed]
            confidence = self._confidence(raw, strength, classes, quote_index, crf)
            keep = [i for i, c in enumerate(confidence) if c >= self.min_confidence]
            raw = [raw[i] for i in keep]
            strength = [strength[i] for i in keep]
            classes = [classes[i] for i in keep]
            confidence = [confidence[i] for i in keep]
        else:
            strength, classes, confidence = [], [], []
        raw = [replace(r, source=clean_source(text, r.source, quotes, r.cue)) for r in raw]
        sources, source_ids = resolve_sources(text, [r.source for r in raw], quotes, paras)
        attributions = build_attributions(text, raw, quotes, source_ids, classes, confidence)
        sources = with_attribution_ids(sources, attributions)
        ids = sentence_attributions(bounds, attributions)
        # what someone wants or plans is no report by itself: intention relations are kept
        # but do not make their sentence reported
        by_id = {
            a.id: s for a, s in zip(attributions, strength) if a.cue_class in REPORTING_CLASSES
        }
        biases = self._bias(text, segments, attributions, quotes) if bias else _no_bias(segments)
        sentences = []
        shift = self._prior_shift(
            sum(1 for x in ids if any(a in by_id for a in x)) / len(ids) if ids else 0.0
        )
        for i, (seg, p) in enumerate(zip(segments, probs)):
            # A sentence without a relation of its own is judged against the article's own
            # rate of reporting: in an opinion column with two relations, a report word or
            # two in the writer's sentence does not make it a report.
            bare = self._bare(p, shift)
            if not ids[i] and says_nothing(text[seg.start : seg.end]):
                bare = min(bare, round(threshold * 0.9, 4))  # "X declined to comment."
            p = max([bare] + [max(p, by_id[a]) for a in ids[i] if a in by_id])
            p = round(p, 4)  # label from the rounded value, so label and probability agree
            sentences.append(
                Sentence(
                    index=i,
                    start=seg.start,
                    end=seg.end,
                    text=text[seg.start : seg.end],
                    label="reported" if p >= threshold else "direct",
                    probability=p,
                    attribution_ids=ids[i],
                    bias=biases[i],
                )
            )
        return Analysis(
            model=self.model_info,
            text_length=len(text),
            sentences=sentences,
            attributions=attributions,
            sources=sources,
            scores=article_scores(sentences, attributions, sources, text, quotes),
        )
