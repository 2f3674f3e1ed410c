"""The speed reference of ``reportedly bench``: a TF-IDF sentence classifier.

The engine's speed floor is stated against this baseline measured in the same run: the
same articles, segmented into sentences by the same segmenter, each sentence classified by
TF-IDF word and character n-grams into a linear SVM (the sentences model card's baseline,
:func:`service.training.baselines.tfidf_svm_baseline`). Its labels here come from a cue-word
rule on the synthetic articles: only its speed is measured, so their quality is irrelevant.
"""

from __future__ import annotations

import time


def baseline_words_per_cpu_second(engine, articles: list[str], fit_on: list[str]) -> float:
    """Words per CPU-second of segmenting and classifying ``articles`` with the baseline
    fitted on the sentences of ``fit_on``."""
    from service.training.baselines import cue_word_baseline, tfidf_svm_baseline

    def sentences(text: str) -> list[str]:
        return [text[s.start : s.end] for s in engine.segmenter.segment(text)]

    train = [s for a in fit_on for s in sentences(a)]
    labels = cue_word_baseline(train)
    if len(set(labels)) < 2:  # a degenerate sample: still fit something to time
        labels[0] = 1 - labels[0]
    model = tfidf_svm_baseline().fit(train, labels)
    words = sum(len(a.split()) for a in articles)
    cpu0 = time.process_time()
    for a in articles:
        sents = sentences(a)
        if sents:
            model.predict(sents)
    cpu = time.process_time() - cpu0
    return words / cpu if cpu else float("inf")
