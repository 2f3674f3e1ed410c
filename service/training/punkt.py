"""Train Punkt sentence-boundary parameters on a corpus's own text, and measure them."""

from __future__ import annotations

from collections.abc import Iterable

from nltk.tokenize.punkt import PunktParameters, PunktTrainer

from service.engine.segment import Segmenter
from service.training.polnear import Document

# Abbreviations common in US news that an unsupervised trainer can miss when they are rare
# in its corpus: courtesy and military titles, months, states, and corporate suffixes.
NEWS_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr sen rep gov gen lt col capt sgt maj adm cmdr prof rev st jr sr sens reps
    jan feb mar apr jun jul aug sep sept oct nov dec
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont
    neb nev okla ore pa tenn tex va vt wash wis wyo
    inc corp co ltd no vs u.s u.k u.n d.c a.m p.m e.g i.e etc
    """.split()
)


def train_punkt(
    texts: Iterable[str], extra_abbreviations: Iterable[str] = (), include_all_collocs: bool = False
) -> PunktParameters:
    """Learn abbreviations, collocations and sentence starters from raw texts (unsupervised).

    ``extra_abbreviations`` (lower case, without the final period) are added to what was learnt.
    """
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = include_all_collocs
    for text in texts:
        trainer.train(text, finalize=False)
    trainer.finalize_training()
    params = trainer.get_params()
    params.abbrev_types |= set(extra_abbreviations)
    return params


def boundary_errors(docs: Iterable[Document], segmenter: Segmenter) -> dict[str, int]:
    """Sentence boundaries that cut through a gold Source or Cue span (each one an error).

    PolNeAR has no gold sentence boundaries; a source or cue phrase never legitimately spans
    two sentences, so boundaries inside one are a lower bound on segmentation errors.
    """
    boundaries = spans = cut = 0
    for doc in docs:
        segs = segmenter.segment(doc.text)
        ends = [s.end for s in segs[:-1]]
        boundaries += len(ends)
        for rel in doc.relations:
            for span in (rel.source, rel.cue):
                if span is None:
                    continue
                spans += 1
                cut += any(span.start < e < span.end for e in ends)
    return {"boundaries": boundaries, "gold_spans": spans, "spans_cut": cut}
