"""Gold sentence labels from PolNeAR relations, as defined in the data README.

A sentence is *reported* when it overlaps a Cue span of a relation, or when at least half of
its characters lie inside Content spans; otherwise it is *direct*.
"""

from __future__ import annotations

import numpy as np

from service.engine.segment import Segment
from service.training.polnear import Document


def sentence_labels(doc: Document, segments: list[Segment]) -> list[int]:
    """1 for reported, 0 for direct, one per segment."""
    n = len(doc.text)
    content = np.zeros(n + 1, dtype=np.int32)
    cue = np.zeros(n + 1, dtype=np.int32)
    for rel in doc.relations:
        for span in rel.content:
            for a, b in span.fragments:
                content[a:b] = 1
        if rel.cue is not None:
            for a, b in rel.cue.fragments:
                cue[a:b] = 1
    labels = []
    for s in segments:
        length = s.end - s.start
        inside = int(content[s.start : s.end].sum())
        labels.append(int(cue[s.start : s.end].any() or (length > 0 and 2 * inside >= length)))
    return labels


def annotator_agreement(groups: list[list[Document]], segmenter) -> dict[str, float]:
    """Sentence-label agreement between the first two annotators of doubly annotated articles.

    Scores annotator 2 against annotator 1 as if it were a model: a ceiling for any model
    evaluated against one annotator.
    """
    from service.training.metrics import binary_report

    first, second = [], []
    for docs in groups:
        segs = segmenter.segment(docs[0].text)
        first += sentence_labels(docs[0], segs)
        second += sentence_labels(docs[1], segs)
    report = binary_report(first, second)
    report["articles"] = len(groups)
    return report
