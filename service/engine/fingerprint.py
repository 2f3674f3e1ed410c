"""Feature fingerprints: a model knows the feature code it was trained with.

A model learnt from the features its component's code made of the training texts. If that
code later makes other features of the same text, the model gets inputs it never saw and
its model card no longer holds. A component's fingerprint is a hash of the features its
feature code makes of the probe texts (:mod:`service.engine.probes`), with the model's own
lexicons: training records it in ``model.json`` (``feature_fingerprint``, written by
``service.training.artifacts.write_manifest``) and :meth:`Engine.load` refuses a model whose
fingerprint the code no longer reproduces. A refactor that keeps every feature keeps the
fingerprint; a change of a feature's name, value or presence on any probe changes it.

Covered: sentences (:mod:`.features`), spans (the cue and role CRFs' :mod:`.span_features`
over :func:`.spans.doc_tokens`), bias (sentence and word features), tagger and relation
confidence. Punkt has no feature code of ours.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Mapping
from functools import lru_cache

from service.engine.artifacts import ArtifactError, Manifest
from service.engine.bias.features import bias_features, word_features
from service.engine.bias.model import word_candidates
from service.engine.cue_classes import CLASSES
from service.engine.features import sentence_features
from service.engine.probes import probe_texts
from service.engine.relation_confidence import FEATURES, relation_features
from service.engine.segment import Segment, paragraphs
from service.engine.span_features import RoleContext, cue_features
from service.engine.spans import DocTokens, doc_tokens, role_window
from service.engine.tagger import START, START2, sentence_ranges
from service.engine.tagger import features as tagger_features

FIELD = "feature_fingerprint"
NOTEBOOKS = {
    "sentences": "notebooks/02_sentences.py",
    "spans": "notebooks/03_spans.py",
    "bias": "notebooks/04_bias.py",
    "tagger": "notebooks/06_tagger.py",
    "relations": "notebooks/07_relations.py",
}
COMPONENTS = tuple(NOTEBOOKS)
# Single-token cues (and "according to") whose role features the spans fingerprint takes.
_PROBE_CUES = frozenset(("said", "says", "told", "wrote", "added", "warned", "claimed", "denied"))


class FeatureCodeChanged(ArtifactError):
    """A model's feature code no longer makes the features it was trained on."""


@lru_cache(maxsize=1)
def _probes() -> tuple[tuple[str, list[Segment], list[tuple[int, int]], DocTokens], ...]:
    out = []
    for text, sentences in probe_texts():
        segments = [Segment(a, b, p) for a, b, p in sentences]
        out.append((text, segments, paragraphs(text), doc_tokens(text, None, segments)))
    return tuple(out)


def _canonical(value):
    """JSON-ready ``value``: floats rounded (a last-digit wobble is no feature change) and
    lists of strings sorted (a token's CRF attributes, tagger features: bags, not sequences)."""
    kind = type(value)
    if kind is str:
        return value
    if isinstance(value, float):
        return round(value, 9)
    if kind is dict:
        return {str(k): _canonical(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        if all(type(v) is str for v in value):
            return sorted(value)
        return [_canonical(v) for v in value]
    return value


def _digest(value) -> str:
    text = json.dumps(_canonical(value), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _sentences(cue_lexicon: Mapping[str, float]) -> list:
    return [
        sentence_features(text, segments, paras, cue_lexicon)
        for text, segments, paras, _ in _probes()
    ]


def _spans(lexicon: Mapping[str, float]) -> list:
    out = []
    for _, _, _, dt in _probes():
        tokens = dt.tokens
        cues = []
        for i, t in enumerate(tokens):
            if t.lower in _PROBE_CUES:
                cues.append((i, i + 1))
            elif t.lower == "according" and i + 1 < len(tokens) and tokens[i + 1].lower == "to":
                cues.append((i, i + 2))
        mask = [False] * len(tokens)
        for a, b in cues:
            mask[a:b] = [True] * (b - a)
        context = RoleContext(tokens, dt.quoted, mask)
        roles = [context.features(role_window(dt, a, 1), (a, b)) for a, b in cues]
        out.append([cue_features(tokens, dt.quoted, lexicon), roles])
    return out


def _bias(lexicons) -> list:
    out = []
    for text, segments, _, _ in _probes():
        for seg in segments:
            sentence = text[seg.start : seg.end]
            toks, candidates = word_candidates(sentence, lexicons)
            words = [
                word_features(sentence, toks, i, names, lexicons, 0.5) for i, names in candidates
            ]
            out.append([bias_features(sentence, lexicons), words])
    return out


def _tagger(ambiguity: dict[str, str]) -> list:
    out = []
    for _, _, _, dt in _probes():
        for lo, hi in sentence_ranges(dt.tokens):
            out.append(
                [
                    tagger_features(dt.tokens, i, lo, hi, START, START2, ambiguity)
                    for i in range(lo, hi)
                ]
            )
    return out


def _relations() -> list:
    flags = (False, True)
    grid = itertools.product((0.0, 0.3, 0.97), (0.2, 0.8), flags, flags, flags, flags)
    rows = [relation_features(*args, CLASSES[0]) for args in grid]
    rows += [relation_features(0.6, 0.6, True, True, False, False, c) for c in (*CLASSES, "?")]
    return [dict(zip(FEATURES, row, strict=True)) for row in rows]


def feature_fingerprint(component: str, model) -> str | None:
    """The fingerprint of ``model``'s feature code (None for a component without one):
    the sentence classifier's, span model's, bias model's or tagger's lexicons go in; the
    relation confidence features need no model."""
    if component == "sentences":
        return _digest(_sentences(model.cue_lexicon))
    if component == "spans":
        return _digest(_spans(model.lexicon))
    if component == "bias":
        return _digest(_bias(model.lexicons))
    if component == "tagger":
        return _digest(_tagger(model.ambiguity))
    if component == "relations":
        return _digest(_relations())
    return None


def check_features(manifests: Mapping[str, Manifest], models: Mapping[str, object]) -> None:
    """Raise :class:`FeatureCodeChanged` for the first loaded component (``models``: name ->
    loaded model) whose feature code no longer gives the fingerprint its manifest recorded
    when it was trained, or whose manifest records none."""
    for component in COMPONENTS:
        if component in manifests and component in models:
            _check(manifests[component], models[component])


def _check(manifest: Manifest, model) -> None:
    component = manifest.component
    now = feature_fingerprint(component, model)
    if now is None:
        return
    recorded = manifest.data.get(FIELD)
    retrain = f"retrain it with `python3 dev.py train {NOTEBOOKS[component]}`"
    if recorded is None:
        raise FeatureCodeChanged(
            f"models/{component} ({manifest.artifact_id}): model.json records no {FIELD}, so "
            f"the feature code it was trained with is unknown; {retrain}"
        )
    if recorded != now:
        raise FeatureCodeChanged(
            f"models/{component} ({manifest.artifact_id}): its feature code changed since it "
            f"was trained (the features of the probe texts hash to {now}, model.json records "
            f"{recorded}), so the model would get inputs unlike those it learnt from; "
            f"{retrain}, or undo the change to the feature code"
        )
