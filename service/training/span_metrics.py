"""Span-level evaluation of attribution relations (cue, source, content).

Used by ``reportedly evaluate --task spans`` and the span training notebook.
For each role three scores are computed, per document, then micro-averaged
over documents (TP/FP/FN summed over all documents, then P/R/F1):

``strict``
    A predicted span matches a gold span when both are equal after
    :func:`trim`. One-to-one.
``partial``
    A predicted span and a gold span match when their trimmed extents share
    at least one non-whitespace character. Pairs are chosen by a maximum
    bipartite matching (:func:`scipy.optimize.linear_sum_assignment`), so each
    gold span matches at most one prediction and vice versa, and the number
    of matched pairs (TP) is as large as possible; among matchings of that
    size, the one with the largest total overlap is taken (this does not
    change any count). One long prediction covering two gold spans is one TP
    and one FN; two predictions on one gold span are one TP and one FP.
``token``
    Over word tokens (``\\w+`` matches in the document text). A token is
    in-role for the prediction if its start offset lies in ``[start, end)``
    of any trimmed predicted span of that role; gold likewise. Each token
    position is then a TP, FP or FN (or a true negative, not counted).

Decisions
---------
* **Whole spans.** Inputs are plain ``(start, end)`` character offsets, end
  exclusive. A fragmented brat span is scored as its first-to-last extent
  (``Fragmented.start`` / ``.end``); see :func:`gold_spans`.
* **Trimming** removes, at both ends, characters that are white space or
  Unicode punctuation (category ``P*``): quotation marks “ ” " ' ‘ ’ « »,
  the NYT's two-apostrophe ``''`` (each ``'`` is punctuation), dashes,
  commas, colons, brackets, full stops, underscores (``Pc``). It is applied
  to gold and predicted spans alike, using the document text. Offsets are
  first clamped to ``[0, len(text)]``.
* **Empty spans are dropped.** A span that is empty after trimming (e.g. all
  punctuation, or ``start >= end``) is removed from gold and prediction
  before scoring: it is never a TP, FP or FN. It can never match anything,
  and it contains no word token, so the three scores treat it alike.
* **Deduplication.** For strict and partial, spans are a *set* per document
  and role, after trimming: the same source span shared by two relations is
  one gold span, and a prediction repeated twice is one prediction. This is
  how span-level F1 is normally reported on PolNeAR. The token score is
  unaffected (a token is in-role or not).
* **Undefined ratios are 0.0**: precision with no predictions, recall with
  no gold, F1 when precision + recall is 0. Never NaN, never an exception.
* Scores are rounded to 4 decimals; counts are ints.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

__all__ = [
    "MODES",
    "ROLES",
    "Span",
    "aggregate",
    "evaluate_relations",
    "format_span_table",
    "gold_spans",
    "span_scores",
    "trim",
]

Span = tuple[int, int]

ROLES = ("cue", "source", "content")
MODES = ("strict", "partial", "token")

_WORD = re.compile(r"\w+")


def _is_trimmable(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``text[start:end]`` past white space and punctuation at both ends.

    Offsets are clamped to ``[0, len(text)]``. A span made only of punctuation (the
    cue ":" in 'Trump: "We will win."', or "―" before a tweet's author) keeps its
    white-space-trimmed form, so that such cues are scored like any other; only a span
    of nothing but white space comes back as ``(s, s)`` (zero length).

    >>> trim('He said: "We won."', 8, 18)
    (10, 16)
    """
    n = len(text)
    start = min(max(int(start), 0), n)
    end = min(max(int(end), 0), n)
    if end <= start:
        return (start, start)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    a, b = start, end
    while a < b and _is_trimmable(text[a]):
        a += 1
    while b > a and _is_trimmable(text[b - 1]):
        b -= 1
    return (a, b) if a < b else (start, end)


def _as_span(span: Any) -> Span:
    """A ``(start, end)`` pair from a tuple/list or anything with ``.start``/``.end``."""
    if hasattr(span, "start") and hasattr(span, "end") and not isinstance(span, (tuple, list)):
        return (int(span.start), int(span.end))
    start, end = span
    return (int(start), int(end))


def _prepare(text: str, spans: Iterable[Any]) -> list[Span]:
    """Trim, drop empty spans, deduplicate, sort."""
    out = set()
    for span in spans:
        s, e = trim(text, *_as_span(span))
        if s < e:
            out.add((s, e))
    return sorted(out)


def _counts(tp: int, fp: int, fn: int) -> dict[str, int]:
    return {"tp": int(tp), "fp": int(fp), "fn": int(fn)}


def _nonspace_prefix(text: str) -> np.ndarray:
    """``c[i]`` = number of non-whitespace characters in ``text[:i]``."""
    flags = np.fromiter((not ch.isspace() for ch in text), dtype=np.int64, count=len(text))
    return np.concatenate(([0], np.cumsum(flags)))


def _overlap_matrix(text: str, gold: Sequence[Span], pred: Sequence[Span]) -> np.ndarray:
    """Non-whitespace characters shared by each (gold, pred) pair."""
    prefix = _nonspace_prefix(text)
    m = np.zeros((len(gold), len(pred)), dtype=np.int64)
    for i, (gs, ge) in enumerate(gold):
        for j, (ps, pe) in enumerate(pred):
            lo, hi = max(gs, ps), min(ge, pe)
            if lo < hi:
                m[i, j] = prefix[hi] - prefix[lo]
    return m


def partial_matches(text: str, gold: Iterable[Any], pred: Iterable[Any]) -> list[tuple[Span, Span]]:
    """The one-to-one (gold, pred) pairs counted as partial matches.

    Spans are trimmed, emptied ones dropped and duplicates merged first. The
    matching has maximum cardinality; ties are broken by total overlap.
    """
    g, p = _prepare(text, gold), _prepare(text, pred)
    if not g or not p:
        return []
    overlap = _overlap_matrix(text, g, p)
    if not overlap.any():
        return []
    # Every overlapping pair is worth more than all overlaps together, so the
    # maximum-weight matching is a maximum-cardinality one first.
    bonus = int(overlap.sum()) + 1
    weight = np.where(overlap > 0, overlap + bonus, 0)
    rows, cols = linear_sum_assignment(weight, maximize=True)
    return [(g[i], p[j]) for i, j in zip(rows, cols) if overlap[i, j] > 0]


def _token_counts(text: str, gold: Sequence[Span], pred: Sequence[Span]) -> dict[str, int]:
    def covered(spans: Sequence[Span]) -> np.ndarray:
        diff = np.zeros(len(text) + 1, dtype=np.int64)
        for s, e in spans:
            diff[s] += 1
            diff[e] -= 1
        return np.cumsum(diff)[: len(text)] > 0

    starts = np.fromiter((m.start() for m in _WORD.finditer(text)), dtype=np.int64)
    if not len(starts):
        return _counts(0, 0, 0)
    in_gold, in_pred = covered(gold)[starts], covered(pred)[starts]
    return _counts(
        np.sum(in_gold & in_pred), np.sum(in_pred & ~in_gold), np.sum(in_gold & ~in_pred)
    )


def span_scores(text: str, gold: list[Span], pred: list[Span]) -> dict[str, dict[str, int]]:
    """TP/FP/FN counts for one document and one role.

    Returns ``{"strict": {"tp", "fp", "fn"}, "partial": {...}, "token": {...}}``.
    """
    g, p = _prepare(text, gold), _prepare(text, pred)
    strict_tp = len(set(g) & set(p))
    partial_tp = len(partial_matches(text, g, p))
    return {
        "strict": _counts(strict_tp, len(p) - strict_tp, len(g) - strict_tp),
        "partial": _counts(partial_tp, len(p) - partial_tp, len(g) - partial_tp),
        "token": _token_counts(text, g, p),
    }


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def aggregate(counts: list[dict[str, dict[str, int]]]) -> dict[str, dict[str, float]]:
    """Micro-average :func:`span_scores` results: sum TP/FP/FN, then P/R/F1.

    Returns ``{mode: {"precision", "recall", "f1", "tp", "fp", "fn"}}`` for
    each mode in :data:`MODES`; ratios are 0.0 when undefined, rounded to 4
    decimals.
    """
    out = {}
    for mode in MODES:
        tp = sum(int(c[mode]["tp"]) for c in counts)
        fp = sum(int(c[mode]["fp"]) for c in counts)
        fn = sum(int(c[mode]["fn"]) for c in counts)
        out[mode] = _prf(tp, fp, fn)
    return out


def _check_roles(by_role: Mapping[str, Any], what: str) -> None:
    unknown = set(by_role) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown role(s) in {what}: {sorted(unknown)}; expected {ROLES}")


def evaluate_relations(
    docs: list[tuple[str, dict[str, list[Span]], dict[str, list[Span]]]],
) -> dict[str, dict[str, dict[str, float]]]:
    """Score predicted against gold spans over many documents.

    ``docs`` holds ``(text, gold_by_role, pred_by_role)``; the dicts map
    ``"cue"``, ``"source"``, ``"content"`` to lists of ``(start, end)``; a
    missing role means no spans; an unknown role raises :class:`ValueError`.
    Returns ``{role: aggregate(...)}`` for every role in :data:`ROLES`.
    """
    per_role: dict[str, list] = {role: [] for role in ROLES}
    for text, gold, pred in docs:
        _check_roles(gold, "gold")
        _check_roles(pred, "prediction")
        for role in ROLES:
            per_role[role].append(span_scores(text, gold.get(role, []), pred.get(role, [])))
    return {role: aggregate(per_role[role]) for role in ROLES}


def format_span_table(result: dict[str, dict[str, dict[str, float]]]) -> str:
    """A plain-text table of :func:`evaluate_relations`'s result.

    One row per role; for each of strict, partial and token: P, R and F1.
    """
    roles = [r for r in ROLES if r in result] + [r for r in result if r not in ROLES]
    cell = 22  # P (7 wide), R (7), F1 (8): "0.8000 0.7500 0.7742  "
    head1 = f"{'role':<9}" + "".join(f"{mode:<{cell}}" for mode in MODES)
    head2 = f"{'':<9}" + "".join(f"{'P':<7}{'R':<7}{'F1':<8}" for _ in MODES)
    lines = [head1.rstrip(), head2.rstrip()]
    for role in roles:
        row = f"{role:<9}"
        for mode in MODES:
            s = result[role][mode]
            row += f"{s['precision']:<7.4f}{s['recall']:<7.4f}{s['f1']:<8.4f}"
        lines.append(row.rstrip())
    return "\n".join(lines)


def gold_spans(doc) -> dict[str, list[Span]]:
    """Whole gold spans per role from a :class:`service.training.polnear.Document`.

    Each relation gives its cue and source (when present) and every content
    span, each as its first-to-last-character extent. Duplicates are kept
    (they are merged at scoring time); lists are sorted by offset.
    """
    out: dict[str, list[Span]] = {role: [] for role in ROLES}
    for rel in doc.relations:
        if rel.cue is not None:
            out["cue"].append((rel.cue.start, rel.cue.end))
        if rel.source is not None:
            out["source"].append((rel.source.start, rel.source.end))
        for content in rel.content:
            out["content"].append((content.start, content.end))
    return {role: sorted(spans) for role, spans in out.items()}
