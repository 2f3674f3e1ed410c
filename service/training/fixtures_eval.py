"""Score the engine on the real-style fixtures (``tests/fixtures/realstyle``) against their
hand gold: ``reportedly evaluate --task fixtures``.

The gold format is described in ``tests/fixtures/realstyle/README.md``. Matching:

* **Relations.** An engine relation and a gold relation *match* when their cues overlap, or,
  for a gold continuing quotation (``continues`` set; its cue is the cue of the quotation it
  continues), when their contents reach token F1 >= 0.5 and the engine cue is not inside the
  quotation. Pairs are taken one to one (a relation's own cue before a continuation's, best
  content first); then a continuation that the engine folded into the relation it continues
  (that engine content covers half of it) shares that engine relation, whose content is
  compared with the union of the gold contents matched to it. A matched pair is *fully
  right* when the source is right, its type is right and the content token F1 is >= 0.8
  (both null counts as 1.0); *wrong source/type* when the engine names another source, has
  none where gold has one (or one where gold has none), or types it differently; otherwise
  *partly right* (content below 0.8, or a pronoun the engine leaves unresolved where gold
  knows the antecedent). An unmatched engine relation is
  *spurious*, except one whose cue lies inside a gold direct quotation (relations nested in
  quotations are not annotated: counted as ``nested_in_quote``, left out of precision); an
  unmatched gold relation is *missed*. Lenient P/R/F1: precision is engine relations matched
  over engine relations scored, recall gold relations matched over gold relations; full
  P/R/F1 the same counting fully right pairs only.
* **Sources by name.** Names are compared as word sets, lower-cased, without "the"/"a"/"an",
  possessive "'s" and punctuation ("spokesman"/"spokeswoman" read as "spokesperson"): an
  engine name matches a gold source when it equals the gold name or an alias, or one's words
  contain the other's with the same last word ("Marcotte" and "Dave Marcotte"), or it holds
  all words of a gold name of two words or more ("report by the X Association published in
  2023"), or the gold source is a person with the same last word.
* **Quotes** (the quote-gold-set protocol): a gold relation with content is *found* when an
  engine content span covers at least 30% of its non-space characters; its speaker is right
  when the best-covering engine relation's source matches by name. An engine relation with
  content is a true positive when it covers 30% of some gold content in scope. Scored for
  assertion relations only (gold cue class and engine ``cue_class`` both assertion) and for
  all classes.
* **Nonsense sources**: engine sources (entries of ``sources``) that match no gold source of
  the article, by name. **Non-cues / non-sources**: engine cues overlapping a gold
  ``non_cues`` span; engine sources whose span lies inside a gold ``non_sources`` span or whose
  name is one. **Furniture**: engine relations whose cue or source lies on a furniture line.
* **Pronouns**: each gold pronoun source, through the engine relation matched to its
  relation: *correct* (engine source matches the antecedent), *wrong*, *unresolved* (no
  ``source_id``), *missed* (no matching relation).
* **Sentence labels**: each annotated gold sentence against the engine sentence overlapping
  it most.
* **By cue class**: recall is gold relations of a class matched (whatever class the engine
  gave); precision is engine relations of a class matched to a gold relation of that class.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

from service.engine.source_lexicon import PRONOUNS
from service.engine.tokens import WORD

REPO = Path(__file__).resolve().parents[2]
DEFAULT_FIXTURES = REPO / "tests" / "fixtures" / "realstyle"
FULL_CONTENT_F1 = 0.8
CONTINUATION_CONTENT_F1 = 0.5
QUOTE_COVERAGE = 0.3
QUOTE_SCOPES = ("assertion", "all")
CUE_CLASSES = ("assertion", "belief", "knowledge", "intention")
_NAME_STOP = frozenset({"the", "a", "an"})
_NAME_SYNONYMS = {"spokesman": "spokesperson", "spokeswoman": "spokesperson"}

__all__ = [
    "DEFAULT_FIXTURES",
    "Fixture",
    "load_fixtures",
    "score_article",
    "evaluate_fixtures",
    "format_fixtures_evaluation",
    "fixtures_markdown",
    "name_matches",
    "token_f1",
]


@dataclass(frozen=True)
class Fixture:
    """One article and its gold (the parsed ``NAME.gold.json``)."""

    name: str
    text: str
    gold: dict


def load_fixtures(directory: str | Path | None = None) -> list[Fixture]:
    """Every ``NAME.txt`` with a ``NAME.gold.json`` in ``directory``, sorted by name."""
    root = Path(directory) if directory else DEFAULT_FIXTURES
    if not root.is_dir():
        raise OSError(f"fixtures folder not found: {root}")
    out = []
    for gold_path in sorted(root.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (root / gold["article"]).read_text(encoding="utf-8")
        out.append(Fixture(gold_path.name[: -len(".gold.json")], text, gold))
    if not out:
        raise OSError(f"no *.gold.json fixtures in {root}")
    return out


# --- spans and names -----------------------------------------------------------------------


@overload
def _bounds(span: dict) -> tuple[int, int]: ...
@overload
def _bounds(span: dict | None) -> tuple[int, int] | None: ...
def _bounds(span: dict | None) -> tuple[int, int] | None:
    return None if span is None else (span["start"], span["end"])


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _tokens(text: str, span: tuple[int, int]) -> set[int]:
    """Start offsets of the ``\\w+`` tokens whose first character lies in ``span``."""
    return {m.start() for m in WORD.finditer(text, span[0], span[1])}


def token_f1(text: str, gold: dict | None, pred: dict | None) -> float:
    """Token F1 of two spans of ``text`` (1.0 when both are None, 0.0 when one is)."""
    if gold is None or pred is None:
        return 1.0 if gold is None and pred is None else 0.0
    g, p = _tokens(text, _bounds(gold)), _tokens(text, _bounds(pred))
    if not g or not p:
        return 1.0 if g == p else 0.0
    return 2 * len(g & p) / (len(g) + len(p))


def _coverage(text: str, gold: dict, pred: dict) -> float:
    """Share of ``gold``'s non-space characters inside ``pred``."""
    chars = [i for i in range(gold["start"], gold["end"]) if not text[i].isspace()]
    if not chars:
        return 0.0
    return sum(pred["start"] <= i < pred["end"] for i in chars) / len(chars)


def _name_words(name: str) -> tuple[str, ...]:
    name = name.lower().replace("\u2019", "'").replace("'s ", " ")
    name = re.sub(r"'s$", "", name)
    words = [_NAME_SYNONYMS.get(w, w) for w in WORD.findall(name)]
    return tuple(w for w in words if w not in _NAME_STOP)


def name_matches(name: str, source: dict) -> bool:
    """True when the engine's ``name`` names the gold ``source`` (rules in the module doc)."""
    engine = _name_words(name)
    if not engine:
        return False
    for alias in [source["name"], *source.get("aliases", [])]:
        gold = _name_words(alias)
        if not gold:
            continue
        if engine == gold:
            return True
        if engine[-1] == gold[-1] and (set(engine) <= set(gold) or set(gold) <= set(engine)):
            return True
        if len(gold) >= 2 and set(gold) <= set(engine):  # the name with a postmodifier
            return True
    gold_name = _name_words(source["name"])
    return source["type"] == "person" and bool(gold_name) and engine[-1] == gold_name[-1]


def _matches_any(name: str, sources: Iterable[dict]) -> bool:
    return any(name_matches(name, s) for s in sources)


# --- the engine's side ---------------------------------------------------------------------


@dataclass(frozen=True)
class _EngineSource:
    """Whom an engine relation rests on: its name and type, or why it has none."""

    state: str  # "named" (a source entry), "unresolved" (pronoun), "span", "none"
    name: str | None = None
    type: str | None = None


def _engine_source(rel: dict, sources: dict[str, dict]) -> _EngineSource:
    sid = rel.get("source_id")
    if sid is not None and sid in sources:
        return _EngineSource("named", sources[sid]["name"], sources[sid]["type"])
    span = rel.get("source")
    if span is None:
        return _EngineSource("none")
    if span["text"].strip().lower() in PRONOUNS:
        return _EngineSource("unresolved", span["text"])
    return _EngineSource("span", span["text"])


def _source_verdict(es: _EngineSource, gold_rel: dict, gold_sources: dict) -> str:
    """'right', 'unresolved', 'wrong' (name or presence) or 'wrong_type'."""
    ref = gold_rel["source_ref"]
    if ref is None:
        return "right" if es.state == "none" else "wrong"
    if es.state == "none":
        return "wrong"
    if es.state == "unresolved":
        return "unresolved"
    gold = gold_sources[ref]
    if not name_matches(es.name or "", gold):
        return "wrong"
    if es.type is not None and es.type != gold["type"]:
        return "wrong_type"
    return "right"


# --- one article ---------------------------------------------------------------------------


def _match_relations(text: str, gold_rels: list[dict], engine_rels: list[dict]) -> dict[int, int]:
    """Gold index -> engine index. One to one, a relation's own cue before a continuation's
    inherited one, best content first; then a continuation the engine folded into the
    relation it continues (its content covers half of it) shares that engine relation."""
    pairs = []
    for gi, g in enumerate(gold_rels):
        continuation = bool(g.get("continues"))
        for ei, e in enumerate(engine_rels):
            f1 = token_f1(text, g["content"], e.get("content"))
            cue = _overlaps(_bounds(g["cue"]), _bounds(e["cue"]))
            inside = _overlaps(_bounds(g["content"]), _bounds(e["cue"]))
            if cue or (continuation and f1 >= CONTINUATION_CONTENT_F1 and not inside):
                pairs.append((-int(cue and not continuation), -f1, gi, ei))
    pairs.sort()
    matched, used = {}, set()
    for _, _, gi, ei in pairs:
        if gi not in matched and ei not in used:
            matched[gi] = ei
            used.add(ei)
    index = {g["id"]: i for i, g in enumerate(gold_rels)}
    for gi, g in enumerate(gold_rels):
        head = index.get(g.get("continues"))
        into = matched.get(head) if head is not None else None
        if gi in matched or into is None or engine_rels[into].get("content") is None:
            continue
        if _coverage(text, g["content"], engine_rels[into]["content"]) >= CONTINUATION_CONTENT_F1:
            matched[gi] = into
    return matched


def _content_f1(text: str, gold_contents: list[dict | None], pred: dict | None) -> float:
    """Token F1 of ``pred`` against the union of the gold contents matched to it."""
    spans = [c for c in gold_contents if c is not None]
    if not spans or pred is None:
        return 1.0 if not spans and pred is None else 0.0
    g = set().union(*(_tokens(text, _bounds(c)) for c in spans))
    p = _tokens(text, _bounds(pred))
    return 2 * len(g & p) / (len(g) + len(p)) if g and p else float(g == p)


def _prf(tp_pred: int, tp_gold: int, n_pred: int, n_gold: int) -> dict:
    """Precision over engine relations, recall over gold ones (one engine relation may hold a
    quotation and its continuations)."""
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _quotes(
    text: str,
    gold_rels: list[dict],
    gold_sources: dict,
    engine_rels: list[dict],
    sources: dict,
    scope: str,
) -> dict:
    golds = [
        g
        for g in gold_rels
        if g["content"] is not None and (scope == "all" or g["cue_class"] == "assertion")
    ]
    preds = [
        e
        for e in engine_rels
        if e.get("content") is not None
        and (scope == "all" or e.get("cue_class", "assertion") == "assertion")
    ]
    found = speaker = 0
    for g in golds:
        best = max(preds, key=lambda e: _coverage(text, g["content"], e["content"]), default=None)
        if best is None or _coverage(text, g["content"], best["content"]) < QUOTE_COVERAGE:
            continue
        found += 1
        es = _engine_source(best, sources)
        speaker += _source_verdict(es, g, gold_sources) == "right"
    tp_pred = sum(
        any(_coverage(text, g["content"], e["content"]) >= QUOTE_COVERAGE for g in golds)
        for e in preds
    )
    return {
        "gold": len(golds),
        "engine": len(preds),
        "found": found,
        "engine_correct": tp_pred,
        "speaker_right": speaker,
    }


def score_article(text: str, gold: dict, result: dict) -> dict:
    """Counts for one article; ``result`` is the engine's JSON (``Analysis.to_dict()``)."""
    gold_rels, gold_sources = gold["relations"], gold["sources"]
    engine_rels = result["attributions"]
    sources = {s["id"]: s for s in result["sources"]}
    matched = _match_relations(text, gold_rels, engine_rels)
    by_engine = {ei: gi for gi, ei in matched.items()}

    outcome = {"full": 0, "partial": 0, "wrong_source": 0}
    class_right, engine_full = 0, set()
    for gi, ei in matched.items():
        g, e = gold_rels[gi], engine_rels[ei]
        verdict = _source_verdict(_engine_source(e, sources), g, gold_sources)
        class_right += e.get("cue_class") == g["cue_class"]
        contents = [gold_rels[gj]["content"] for gj, ej in matched.items() if ej == ei]
        if verdict in ("wrong", "wrong_type"):
            outcome["wrong_source"] += 1
        elif (
            verdict == "right" and _content_f1(text, contents, e.get("content")) >= FULL_CONTENT_F1
        ):
            outcome["full"] += 1
            engine_full.add(ei)
        else:
            outcome["partial"] += 1

    quotes_direct = [_bounds(g["content"]) for g in gold_rels if g["direct"]]
    furniture = [_bounds(f) for f in gold["furniture"]]
    spurious, nested, in_furniture = [], 0, 0
    for ei, e in enumerate(engine_rels):
        cue = _bounds(e["cue"])
        if any(_overlaps(cue, f) or _overlaps(_bounds(e.get("source")), f) for f in furniture):
            in_furniture += 1
        if ei in by_engine:
            continue
        if any(q[0] <= cue[0] and cue[1] <= q[1] for q in quotes_direct):
            nested += 1
        else:
            spurious.append(e["cue"]["text"])

    nonsense = sorted(
        {s["name"] for s in result["sources"] if not _matches_any(s["name"], gold_sources.values())}
    )
    non_cue_hits = sorted(
        {
            e["cue"]["text"]
            for e in engine_rels
            if any(_overlaps(_bounds(e["cue"]), _bounds(n)) for n in gold["non_cues"])
        }
    )
    non_source_hits = set()
    for e in engine_rels:
        span = e.get("source")
        name = _engine_source(e, sources).name or ""
        for n in gold["non_sources"]:
            inside = span is not None and n["start"] <= span["start"] and span["end"] <= n["end"]
            if inside or (name and _name_words(name) == _name_words(n["text"])):
                non_source_hits.add(span["text"] if inside else name)

    pronouns = {"correct": 0, "wrong": 0, "unresolved": 0, "missed": 0}
    pronoun_errors = []
    index = {g["id"]: i for i, g in enumerate(gold_rels)}
    for p in gold["pronouns"]:
        gi = index[p["relation"]]
        if gi not in matched:
            pronouns["missed"] += 1
            continue
        es = _engine_source(engine_rels[matched[gi]], sources)
        if es.state in ("none", "unresolved"):
            pronouns["unresolved"] += 1
        elif name_matches(es.name or "", gold_sources[p["antecedent"]]):
            pronouns["correct"] += 1
        else:
            pronouns["wrong"] += 1
            pronoun_errors.append(
                f"{p['span']['text']}@{p['span']['start']}: "
                f"{es.name} (gold {gold_sources[p['antecedent']]['name']})"
            )

    sentences_right, sentence_errors = 0, []
    for s in gold["sentences"]:
        best = max(
            result["sentences"],
            default=None,
            key=lambda r: min(r["end"], s["end"]) - max(r["start"], s["start"]),
        )
        if best is not None and best["label"] == s["label"]:
            sentences_right += 1
        else:
            sentence_errors.append(s["text"][:60])

    quotes = {
        scope: _quotes(text, gold_rels, gold_sources, engine_rels, sources, scope)
        for scope in QUOTE_SCOPES
    }
    by_class = {
        cls: {
            "gold": sum(g["cue_class"] == cls for g in gold_rels),
            "found": sum(gold_rels[gi]["cue_class"] == cls for gi in matched),
            "engine": sum(e.get("cue_class") == cls for e in engine_rels),
            "engine_right": sum(
                engine_rels[ei].get("cue_class") == cls and gold_rels[gi]["cue_class"] == cls
                for ei, gi in by_engine.items()
            ),
        }
        for cls in CUE_CLASSES
    }
    return {
        "gold_relations": len(gold_rels),
        "engine_relations": len(engine_rels),
        "matched": len(matched),
        "engine_matched": len(by_engine),
        "engine_full": len(engine_full),
        **outcome,
        "spurious": len(spurious),
        "nested_in_quote": nested,
        "missed": len(gold_rels) - len(matched),
        "cue_class_right": class_right,
        "relations_in_furniture": in_furniture,
        "nonsense_sources": nonsense,
        "non_cue_hits": non_cue_hits,
        "non_source_hits": sorted(non_source_hits),
        "pronouns": pronouns,
        "pronoun_errors": pronoun_errors,
        "sentences": {"annotated": len(gold["sentences"]), "right": sentences_right},
        "sentence_errors": sentence_errors,
        "spurious_cues": spurious,
        "quotes": quotes,
        "by_class": by_class,
    }


# --- totals --------------------------------------------------------------------------------

_COUNTS = (
    "gold_relations",
    "engine_relations",
    "matched",
    "engine_matched",
    "engine_full",
    "full",
    "partial",
    "wrong_source",
    "spurious",
    "nested_in_quote",
    "missed",
    "cue_class_right",
    "relations_in_furniture",
)
_LISTS = (
    "nonsense_sources",
    "non_cue_hits",
    "non_source_hits",
    "pronoun_errors",
    "sentence_errors",
    "spurious_cues",
)


def _with_rates(c: dict) -> dict:
    """Add P/R/F1 and accuracies to a counts dict (an article's or the total)."""
    scored = c["engine_relations"] - c["nested_in_quote"]
    c["lenient"] = _prf(c["engine_matched"], c["matched"], scored, c["gold_relations"])
    c["fully_right"] = _prf(c["engine_full"], c["full"], scored, c["gold_relations"])
    c["cue_class_accuracy"] = round(c["cue_class_right"] / c["matched"], 4) if c["matched"] else 0.0
    for k in c["by_class"].values():
        k["recall"] = round(k["found"] / k["gold"], 4) if k["gold"] else 0.0
        k["precision"] = round(k["engine_right"] / k["engine"], 4) if k["engine"] else 0.0
    s = c["sentences"]
    s["accuracy"] = round(s["right"] / s["annotated"], 4) if s["annotated"] else 0.0
    for q in c["quotes"].values():
        p = q["engine_correct"] / q["engine"] if q["engine"] else 0.0
        r = q["found"] / q["gold"] if q["gold"] else 0.0
        q.update(
            precision=round(p, 4),
            recall=round(r, 4),
            f1=round(2 * p * r / (p + r), 4) if p + r else 0.0,
            speaker=round(q["speaker_right"] / q["found"], 4) if q["found"] else 0.0,
        )
    return c


def _total(articles: dict[str, dict]) -> dict:
    rows = list(articles.values())
    total: dict[str, Any] = {k: sum(r[k] for r in rows) for k in _COUNTS}
    total.update(
        {k: [f"{name}: {x}" for name, r in articles.items() for x in r[k]] for k in _LISTS}
    )
    total["pronouns"] = {k: sum(r["pronouns"][k] for r in rows) for k in rows[0]["pronouns"]}
    total["sentences"] = {k: sum(r["sentences"][k] for r in rows) for k in ("annotated", "right")}
    total["by_class"] = {
        cls: {k: sum(r["by_class"][cls][k] for r in rows) for k in rows[0]["by_class"][cls]}
        for cls in CUE_CLASSES
    }
    quote_counts = ("gold", "engine", "found", "engine_correct", "speaker_right")
    total["quotes"] = {
        scope: {k: sum(r["quotes"][scope][k] for r in rows) for k in quote_counts}
        for scope in QUOTE_SCOPES
    }
    return _with_rates(total)


def evaluate_fixtures(
    directory: str | Path | None = None, engine=None, results: dict[str, dict] | None = None
) -> dict:
    """Run the engine on every fixture (or use ``results``: name -> engine JSON) and score it.

    Returns ``{"fixtures", "articles": {name: counts}, "total": counts, "model"}``.
    """
    fixtures = load_fixtures(directory)
    if results is None and engine is None:
        from service.engine import Engine

        engine = Engine.load()
    articles = {}
    for fx in fixtures:
        result = results[fx.name] if results is not None else engine.analyze(fx.text).to_dict()
        articles[fx.name] = _with_rates(score_article(fx.text, fx.gold, result))
    return {
        "fixtures": str(Path(directory) if directory else DEFAULT_FIXTURES),
        "model": engine.model_info.model_dump() if engine is not None else None,
        "articles": articles,
        "total": _total(articles),
    }


# --- reports -------------------------------------------------------------------------------

_COLUMNS = (
    "gold",
    "engine",
    "full",
    "partly",
    "wrong src",
    "spurious",
    "missed",
    "rel F1",
    "full F1",
    "quote F1 (assert.)",
    "speaker",
    "nonsense",
    "pronouns ok/wrong/unres.",
    "sent. acc.",
)


def _row(name: str, c: dict) -> list[str]:
    q = c["quotes"]["assertion"]
    p = c["pronouns"]
    return [
        name,
        str(c["gold_relations"]),
        str(c["engine_relations"]),
        str(c["full"]),
        str(c["partial"]),
        str(c["wrong_source"]),
        str(c["spurious"]),
        str(c["missed"]),
        f"{c['lenient']['f1']:.3f}",
        f"{c['fully_right']['f1']:.3f}",
        f"{q['f1']:.3f}",
        f"{q['speaker']:.3f}",
        str(len(c["nonsense_sources"])),
        f"{p['correct']}/{p['wrong']}/{p['unresolved']}",
        f"{c['sentences']['accuracy']:.3f}",
    ]


def fixtures_markdown(report: dict) -> str:
    """The per-article table and the totals as Markdown, for model cards."""
    head = ["article", *_COLUMNS]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, c in report["articles"].items():
        lines.append("| " + " | ".join(_row(name, c)) + " |")
    lines.append("| " + " | ".join(f"**{x}**" for x in _row("total", report["total"])) + " |")
    t = report["total"]
    qa, qall = t["quotes"]["assertion"], t["quotes"]["all"]
    lines += [
        "",
        f"Relations (lenient, cue overlap): P {t['lenient']['precision']:.3f} "
        f"R {t['lenient']['recall']:.3f} F1 {t['lenient']['f1']:.3f}; fully right: "
        f"P {t['fully_right']['precision']:.3f} R {t['fully_right']['recall']:.3f} "
        f"F1 {t['fully_right']['f1']:.3f}; cue class right on matched relations: "
        f"{t['cue_class_accuracy']:.3f}.",
        f"Quotes (30% coverage, speaker by name): assertion P {qa['precision']:.3f} "
        f"R {qa['recall']:.3f} F1 {qa['f1']:.3f} speaker {qa['speaker']:.3f}; all classes "
        f"P {qall['precision']:.3f} R {qall['recall']:.3f} F1 {qall['f1']:.3f} "
        f"speaker {qall['speaker']:.3f}.",
        "By cue class (recall: gold relations of the class matched; precision: engine "
        "relations of the class matched to a gold relation of the class): "
        + "; ".join(
            f"{cls} {k['gold']} gold, R {k['recall']:.3f}, {k['engine']} engine, "
            f"P {k['precision']:.3f}"
            for cls, k in t["by_class"].items()
        )
        + ".",
        f"Relations on furniture lines: {t['relations_in_furniture']}; nested in quotations "
        f"(not scored): {t['nested_in_quote']}; pronouns missed with their relation: "
        f"{t['pronouns']['missed']}.",
    ]
    return "\n".join(lines)


def format_fixtures_evaluation(report: dict) -> str:
    """The Markdown table plus the lists of errors, for a terminal."""
    t = report["total"]
    n = len(report["articles"])
    parts = [f"Real-style fixtures: {n} article{'s' * (n != 1)} in {report['fixtures']}"]
    if report.get("model"):
        parts.append(f"model: {', '.join(report['model']['components'].values())}")
    parts += ["", fixtures_markdown(report), ""]
    for key, title in (
        ("nonsense_sources", "Nonsense sources"),
        ("non_source_hits", "Non-sources used as sources"),
        ("non_cue_hits", "Words that report nothing taken as cues"),
        ("pronoun_errors", "Pronouns resolved wrongly"),
        ("sentence_errors", "Sentence labels wrong"),
        ("spurious_cues", "Spurious relations (cue)"),
    ):
        parts.append(f"{title} ({len(t[key])}): " + ("; ".join(t[key]) or "none"))
    return "\n".join(parts)
