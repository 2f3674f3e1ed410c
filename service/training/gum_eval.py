"""The engine against GUM's news and interview documents (``reportedly evaluate --task gum``).

GUM's attribution relations are discourse-level (RST), annotated independently of PolNeAR: a
second opinion on which sentences are reported and where contents start and end, not gold
spans. The engine runs on each document's text rebuilt by :mod:`service.training.gum`
(paragraphs as line breaks), so its offsets map onto GUM tokens. Four measures:

(a) **Reported sentences.** A GUM sentence is reported when it overlaps a relation's
    source+cue node or has at least half its characters (tokens' characters) in attributed
    nodes. The engine's label for a GUM sentence is that of the engine sentence sharing the
    most characters with it. P/R/F1 of "reported", accuracy.
(b) **Content boundaries.** An engine relation matches a GUM relation when its cue overlaps the
    source+cue node and its content overlaps the attributed nodes (one to one, largest
    content overlap first). For matched pairs, after trimming white space and punctuation at
    both ends (:func:`service.training.span_metrics.trim`) of the engine content and of the
    attributed extent: start/end at the same token (strict), within ``k`` characters
    (lenient); and overlap precision/recall/F1 over word tokens (micro). GUM relations whose
    source+cue node holds "I" or "we" ("I think ...", most of the interviews') are also
    counted apart, with how many of them the engine matches.
(c) **Source types.** Each mention of an engine source (narrowed to the source's name when
    it holds it) is paired with the GUM entity mention it overlaps best (most shared tokens
    over their union). Engine type vs GUM type, with
    :data:`TYPE_MAP` saying which GUM types agree with each engine type; "nonsense" counts
    mentions whose GUM entity is a place, time or abstract (abstract typed ``document`` by the
    engine is counted apart: reports and studies are abstract in GUM).
(d) **Pronouns.** Engine relations whose source is one GUM pronoun token: resolved-correct
    when one of the resolved source's other mentions (or, for a source known only by
    pronouns, its name's nearest occurrence before the pronoun) is in the pronoun's GUM chain,
    resolved-wrong when none is, unresolved when ``source_id`` is null; pronouns GUM has no
    mention for, or sources with nothing GUM marks as a mention, are not scored.

Figures are given per genre and in total. Nothing is trained on these documents here.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from service.training.gum import (
    GENRES,
    PRONOUN_TAGS,
    GumDocument,
    Mention,
    Relation,
    read_documents,
)
from service.training.metrics import binary_report
from service.training.span_metrics import trim

__all__ = [
    "TYPE_MAP",
    "NONSENSE_TYPES",
    "score_document",
    "summarise",
    "evaluate_gum",
    "format_gum_evaluation",
    "gum_markdown",
]

# Engine source type -> the GUM entity types that agree with it. GUM has no "publication" or
# "document" type: outlets are organizations; reports, statements and studies are abstract
# (or object, for a physical paper). Unnamed people are person; unnamed bodies organization.
TYPE_MAP: dict[str, frozenset[str]] = {
    "person": frozenset({"person"}),
    "organization": frozenset({"organization"}),
    "publication": frozenset({"organization"}),
    "document": frozenset({"abstract", "object"}),
    "anonymous": frozenset({"person", "organization"}),
    "unknown": frozenset(),
}
NONSENSE_TYPES = ("place", "time", "abstract")
DEFAULT_K = 5


# --- helpers over one document ------------------------------------------------------------


def _tokens_in(doc: GumDocument, start: int, end: int) -> set[int]:
    """Indices of the tokens sharing at least one character with ``[start, end)``."""
    return {t.index for t in doc.tokens if t.start < end and t.end > start}


def _is_word(doc: GumDocument, i: int) -> bool:
    return any(ch.isalnum() for ch in doc.tokens[i].form)


def _chars(doc: GumDocument, token_indices) -> int:
    return sum(doc.tokens[i].end - doc.tokens[i].start for i in token_indices)


def _best_mention(doc: GumDocument, tokens: set[int]) -> Mention | None:
    """The GUM mention sharing most tokens with ``tokens`` relative to their union."""
    best, best_score = None, 0.0
    for m in doc.mentions:
        mt = set(range(*m.tokens))
        shared = len(mt & tokens)
        if shared:
            score = shared / len(mt | tokens)
            if score > best_score:
                best, best_score = m, score
    return best


def _named_tokens(doc: GumDocument, mention, name: str) -> set[int]:
    """The tokens of a source mention, narrowed to the source's name when the mention holds it
    ("Pat Lee for the Health Agency" -> "Pat Lee"): the name says which entity is meant."""
    at = mention.text.find(name) if name else -1
    if at >= 0:
        start = mention.start + at
        return _tokens_in(doc, start, start + len(name))
    return _tokens_in(doc, mention.start, mention.end)


def _is_pronoun(doc: GumDocument, tokens: set[int]) -> bool:
    words = [i for i in tokens if _is_word(doc, i)]
    return len(words) == 1 and doc.tokens[words[0]].xpos in PRONOUN_TAGS


def _first_person(doc: GumDocument, relation) -> bool:
    """Whether a GUM relation's source+cue node holds "I" or "we" ("I think", "we hope")."""
    return any(
        doc.tokens[i].xpos == "PRP" and doc.tokens[i].form.lower() in ("i", "we")
        for i in relation.source_tokens
    )


def gold_sentence_labels(doc: GumDocument) -> list[int]:
    """1 for each GUM sentence that is reported by measure (a), else 0."""
    source: set[int] = set()
    content: set[int] = set()
    for r in doc.relations:
        source.update(r.source_tokens)
        content.update(r.content_tokens)
    labels = []
    for s in doc.sentences:
        toks = range(*s.tokens)
        inside = _chars(doc, [i for i in toks if i in content])
        whole = max(_chars(doc, toks), 1)
        labels.append(int(any(i in source for i in toks) or 2 * inside >= whole))
    return labels


def engine_sentence_labels(doc: GumDocument, analysis) -> tuple[list[int], int]:
    """The engine's label for each GUM sentence (the engine sentence sharing most characters
    with it), and how many GUM sentences an engine sentence matches exactly."""
    labels, exact = [], 0
    for s in doc.sentences:
        best, best_len = None, 0
        for e in analysis.sentences:
            shared = min(s.end, e.end) - max(s.start, e.start)
            if shared > best_len:
                best, best_len = e, shared
        labels.append(int(best is not None and best.label == "reported"))
        exact += any(e.start == s.start and e.end == s.end for e in analysis.sentences)
    return labels, exact


def match_relations(doc: GumDocument, analysis) -> list[tuple[Any, Relation]]:
    """One-to-one (engine attribution, GUM relation) pairs, largest content overlap first."""
    candidates = []
    for a in analysis.attributions:
        if a.content is None:
            continue
        cue = _tokens_in(doc, a.cue.start, a.cue.end)
        content = _tokens_in(doc, a.content.start, a.content.end)
        for j, r in enumerate(doc.relations):
            shared = len(content & set(r.content_tokens))
            if shared and cue & set(r.source_tokens):
                candidates.append((shared, a.id, j, a, r))
    candidates.sort(key=lambda c: -c[0])
    used_a, used_r, pairs = set(), set(), []
    for _, aid, j, a, r in candidates:
        if aid not in used_a and j not in used_r:
            used_a.add(aid)
            used_r.add(j)
            pairs.append((a, r))
    pairs.sort(key=lambda p: p[0].cue.start)
    return pairs


def _bounds(doc: GumDocument, start: int, end: int) -> tuple[int, int] | None:
    start, end = trim(doc.text, start, end)
    return (start, end) if start < end else None


# --- counts for one document --------------------------------------------------------------


def score_document(doc: GumDocument, analysis, k: int = DEFAULT_K) -> dict:
    """Raw counts of the four measures for one document (summed by :func:`summarise`)."""
    y_true = gold_sentence_labels(doc)
    y_pred, exact = engine_sentence_labels(doc, analysis)

    # (b) content boundaries of matched relations
    pairs = match_relations(doc, analysis)
    bounds: Counter[str] = Counter()
    for a, r in pairs:
        eng = _bounds(doc, a.content.start, a.content.end)
        gold = _bounds(doc, *doc.span(r.content_tokens))
        if eng is None or gold is None:
            continue
        bounds["pairs"] += 1
        bounds["start_strict"] += doc.token_at(eng[0]) == doc.token_at(gold[0])
        bounds["end_strict"] += doc.token_at(eng[1] - 1) == doc.token_at(gold[1] - 1)
        bounds["start_lenient"] += abs(eng[0] - gold[0]) <= k
        bounds["end_lenient"] += abs(eng[1] - gold[1]) <= k
        e_words = {i for i in _tokens_in(doc, *eng) if _is_word(doc, i)}
        g_words = {i for i in r.content_tokens if _is_word(doc, i)}
        bounds["shared_words"] += len(e_words & g_words)
        bounds["engine_words"] += len(e_words)
        bounds["gum_words"] += len(g_words)

    # (c) source types
    confusion: Counter[tuple[str, str]] = Counter()
    nonsense: Counter[str] = Counter()
    examples: list[dict] = []
    for s in analysis.sources:
        for m in s.mentions:
            bounds["source_mentions"] += 1
            g = _best_mention(doc, _named_tokens(doc, m, s.name))
            if g is None:
                continue
            confusion[(s.type, g.type)] += 1
            if g.type in NONSENSE_TYPES:
                key = (
                    "abstract_as_document"
                    if (g.type, s.type) == ("abstract", "document")
                    else g.type
                )
                nonsense[key] += 1
                if key != "abstract_as_document":
                    examples.append(
                        {
                            "document": doc.name,
                            "kind": f"source on {g.type}",
                            "engine": f"{m.text} ({s.type})",
                            "gum": doc.text[g.start : g.end],
                        }
                    )

    # (d) pronouns
    pronouns: Counter[str] = Counter()
    by_id = {s.id: s for s in analysis.sources}
    for a in analysis.attributions:
        if a.source is None:
            continue
        ptoks = _tokens_in(doc, a.source.start, a.source.end)
        if not _is_pronoun(doc, ptoks):
            continue
        pronouns["relations"] += 1
        if a.source_id is None or a.source_id not in by_id:
            pronouns["unresolved"] += 1
            continue
        gp = _best_mention(doc, ptoks)
        source = by_id[a.source_id]
        others = [_named_tokens(doc, m, source.name) for m in source.mentions]
        others = [t for t in others if not (t & ptoks)]
        # prefer the source's non-pronoun mentions (its names and descriptions); a source
        # known only by pronouns is looked up by its name, nearest before the pronoun
        named = [t for t in others if not _is_pronoun(doc, t)] or others
        if not named:
            at = doc.text.rfind(by_id[a.source_id].name, 0, a.source.start)
            if at >= 0 and by_id[a.source_id].name:
                named = [_tokens_in(doc, at, at + len(by_id[a.source_id].name))]
        entities = {g.entity for g in (_best_mention(doc, t) for t in named) if g is not None}
        if gp is None or not entities:
            pronouns["not_scored"] += 1
        elif gp.entity in entities:
            pronouns["resolved_correct"] += 1
        else:
            pronouns["resolved_wrong"] += 1
            ante = doc.antecedent(gp)
            examples.append(
                {
                    "document": doc.name,
                    "kind": "pronoun resolved wrong",
                    "engine": f"{a.source.text} -> {by_id[a.source_id].name}",
                    "gum": doc.text[ante.start : ante.end] if ante else "",
                }
            )

    return {
        "documents": 1,
        "y_true": y_true,
        "y_pred": y_pred,
        "exact_sentences": exact,
        "gum_relations": len(doc.relations),
        "engine_relations": len(analysis.attributions),
        "matched": len(pairs),
        "gum_first_person": sum(_first_person(doc, r) for r in doc.relations),
        "matched_first_person": sum(_first_person(doc, r) for _, r in pairs),
        "bounds": bounds,
        "confusion": confusion,
        "nonsense": nonsense,
        "pronouns": pronouns,
        "examples": examples,
    }


# --- summary ------------------------------------------------------------------------------


def _ratio(a: float, b: float) -> float:
    return round(a / b, 4) if b else 0.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def summarise(counts: list[dict]) -> dict:
    """The four measures over several documents' :func:`score_document` counts."""
    y_true = [y for c in counts for y in c["y_true"]]
    y_pred = [y for c in counts for y in c["y_pred"]]
    b: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    nonsense: Counter[str] = Counter()
    pron: Counter[str] = Counter()
    for c in counts:
        b.update(c["bounds"])
        confusion.update(c["confusion"])
        nonsense.update(c["nonsense"])
        pron.update(c["pronouns"])
    gum_rel = sum(c["gum_relations"] for c in counts)
    eng_rel = sum(c["engine_relations"] for c in counts)
    matched = sum(c["matched"] for c in counts)
    sentences = (
        binary_report(y_true, y_pred)
        if y_true
        else {
            "n": 0,
            "accuracy": 0.0,
            "precision": 0.0,
            "recall": 0.0,
            "f1": 0.0,
            "positive_rate": 0.0,
        }
    )
    sentences["segmentation_match"] = _ratio(sum(c["exact_sentences"] for c in counts), len(y_true))
    op = _ratio(b["shared_words"], b["engine_words"])
    orec = _ratio(b["shared_words"], b["gum_words"])
    typed = sum(confusion.values())
    agree = sum(n for (e, g), n in confusion.items() if g in TYPE_MAP.get(e, ()))
    table: dict[str, dict[str, int]] = {}
    for (e, g), n in sorted(confusion.items()):
        table.setdefault(e, {})[g] = n
    return {
        "documents": sum(c["documents"] for c in counts),
        "sentences": sentences,
        "relations": {
            "gum": gum_rel,
            "engine": eng_rel,
            "matched": matched,
            "precision": _ratio(matched, eng_rel),
            "recall": _ratio(matched, gum_rel),
            "f1": _f1(_ratio(matched, eng_rel), _ratio(matched, gum_rel)),
            "gum_first_person": sum(c.get("gum_first_person", 0) for c in counts),
            "matched_first_person": sum(c.get("matched_first_person", 0) for c in counts),
        },
        "content": {
            "pairs": b["pairs"],
            "start_strict": _ratio(b["start_strict"], b["pairs"]),
            "end_strict": _ratio(b["end_strict"], b["pairs"]),
            "start_lenient": _ratio(b["start_lenient"], b["pairs"]),
            "end_lenient": _ratio(b["end_lenient"], b["pairs"]),
            "overlap_precision": op,
            "overlap_recall": orec,
            "overlap_f1": _f1(op, orec),
        },
        "source_types": {
            "mentions": b["source_mentions"],
            "with_gum_mention": typed,
            "accuracy": _ratio(agree, typed),
            "confusion": table,
            "nonsense": {t: nonsense[t] for t in NONSENSE_TYPES},
            "abstract_as_document": nonsense["abstract_as_document"],
        },
        "pronouns": {
            key: pron[key]
            for key in (
                "relations",
                "resolved_correct",
                "resolved_wrong",
                "unresolved",
                "not_scored",
            )
        },
        # the disagreements behind (c) and (d), to read (GUM text: not for model cards)
        "examples": [e for c in counts for e in c.get("examples", ())],
    }


def evaluate_gum(
    data_root: str | Path | None = None,
    selection: str = "dev+test",
    limit: int | None = None,
    engine=None,
    k: int = DEFAULT_K,
) -> dict:
    """Run the engine over GUM's news and interview documents of ``selection`` ("dev+test",
    "all" or a split of GUM's ``splits.md``) and summarise per genre and in total."""
    from service.engine import Engine
    from service.training.config import data_root as default_data_root

    root = Path(data_root) if data_root else default_data_root()
    engine = engine or Engine.load(with_bias=False)
    docs = read_documents(root / "gum", GENRES, selection, limit=limit)
    counts: dict[str, list[dict]] = {g: [] for g in GENRES}
    for doc in docs:
        counts[doc.genre].append(score_document(doc, engine.analyze(doc.text, bias=False), k))
    genres = {g: summarise(c) for g, c in counts.items()}
    genres["total"] = summarise([c for cs in counts.values() for c in cs])
    return {
        "selection": selection,
        "k": k,
        "model": engine.model_info.model_dump(),
        "genres": genres,
    }


# --- rendering ----------------------------------------------------------------------------


def _rows(report: dict) -> list[tuple[str, list[str]]]:
    """(label, one cell per genre column) for the text and markdown tables."""
    cols = list(report["genres"].values())

    def row(label, get, fmt="{:.3f}"):
        return label, [fmt.format(get(g)) for g in cols]

    k = report["k"]
    return [
        row("documents", lambda g: g["documents"], "{}"),
        row(
            "GUM sentences (reported)",
            lambda g: f"{g['sentences']['n']} ({g['sentences']['positive_rate']:.0%})",
            "{}",
        ),
        row(
            "GUM sentences the engine splits alike", lambda g: g["sentences"]["segmentation_match"]
        ),
        row("(a) reported sentences P", lambda g: g["sentences"]["precision"]),
        row("(a) reported sentences R", lambda g: g["sentences"]["recall"]),
        row("(a) reported sentences F1", lambda g: g["sentences"]["f1"]),
        row("(a) sentence accuracy", lambda g: g["sentences"]["accuracy"]),
        row(
            "relations GUM / engine / matched",
            lambda g: (
                f"{g['relations']['gum']} / "
                f"{g['relations']['engine']} / {g['relations']['matched']}"
            ),
            "{}",
        ),
        row(
            "relations matched P / R",
            lambda g: f"{g['relations']['precision']:.3f} / {g['relations']['recall']:.3f}",
            "{}",
        ),
        row(
            "GUM relations with I/we source, matched",
            lambda g: "{} / {}".format(
                g["relations"]["gum_first_person"], g["relations"]["matched_first_person"]
            ),
            "{}",
        ),
        row("(b) content start, same token", lambda g: g["content"]["start_strict"]),
        row("(b) content end, same token", lambda g: g["content"]["end_strict"]),
        row(f"(b) content start, within {k} chars", lambda g: g["content"]["start_lenient"]),
        row(f"(b) content end, within {k} chars", lambda g: g["content"]["end_lenient"]),
        row("(b) content overlap F1 (words)", lambda g: g["content"]["overlap_f1"]),
        row(
            "(c) source mentions (with GUM entity)",
            lambda g: f"{g['source_types']['mentions']} ({g['source_types']['with_gum_mention']})",
            "{}",
        ),
        row("(c) source type agrees", lambda g: g["source_types"]["accuracy"]),
        row(
            "(c) on place / time / abstract",
            lambda g: " / ".join(str(g["source_types"]["nonsense"][t]) for t in NONSENSE_TYPES),
            "{}",
        ),
        row("(d) pronoun sources", lambda g: g["pronouns"]["relations"], "{}"),
        row(
            "(d) resolved right / wrong",
            lambda g: f"{g['pronouns']['resolved_correct']} / {g['pronouns']['resolved_wrong']}",
            "{}",
        ),
        row(
            "(d) unresolved / not scored",
            lambda g: f"{g['pronouns']['unresolved']} / {g['pronouns']['not_scored']}",
            "{}",
        ),
    ]


def _confusion_lines(report: dict) -> list[str]:
    table = report["genres"]["total"]["source_types"]["confusion"]
    gum_types = sorted({g for row in table.values() for g in row})
    lines = [
        "source type confusion, all genres (rows engine, columns GUM):",
        "  " + " " * 13 + "".join(f"{g[:8]:>9}" for g in gum_types),
    ]
    for e, row in table.items():
        lines.append(f"  {e:<13}" + "".join(f"{row.get(g, 0):>9}" for g in gum_types))
    return lines


def format_gum_evaluation(report: dict) -> str:
    """A table for people: one row per figure, one column per genre and the total."""
    heads = list(report["genres"])
    width = max(len(label) for label, _ in _rows(report)) + 2
    lines = [
        f"GUM news + interview ({report['selection']} documents): the engine against "
        "RST attribution and coreference",
        f"model: {', '.join(report['model']['components'].values())}",
        "",
        " " * width + "".join(f"{h:>18}" for h in heads),
    ]
    for label, cells in _rows(report):
        lines.append(f"{label:<{width}}" + "".join(f"{c:>18}" for c in cells))
    return "\n".join(
        lines
        + [""]
        + _confusion_lines(report)
        + ["", "the (c) and (d) disagreements are listed under 'examples' in --json"]
    )


def gum_markdown(report: dict, before: dict | None = None) -> str:
    """The same figures as a markdown table, for model cards; with ``before`` (an earlier
    report on the same documents) a cell that changed reads "before → after"."""
    heads = list(report["genres"])
    lines = [
        f"| GUM ({report['selection']} news + interview documents) | " + " | ".join(heads) + " |",
        "|---|" + "---:|" * len(heads),
    ]
    old = dict(_rows(before)) if before else {}
    for label, cells in _rows(report):
        was = old.get(label, cells)
        cells = [c if w == c else f"{w} → {c}" for w, c in zip(was, cells)]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
