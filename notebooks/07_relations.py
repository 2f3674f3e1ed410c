# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 07 · Relations: cue classes and calibrated confidence
#
# After the span models and the quote rules, every relation is classed by its cue word
# (PARC's assertion / belief / knowledge / intention, from the word list
# `models/relations/cue_classes.tsv`; a cue with no cue word is dropped), and gets a
# `confidence`: a logistic model over a few facts of the relation, fitted on PolNeAR dev
# (the engine's other models are trained on train). The reliability table comes from
# 5-fold cross-validation over dev documents, so it shows how the confidence holds on
# articles it was not fitted on.

# %%
import json

import numpy as np

from service.engine import Engine
from service.engine.cue_classes import CueLexicon
from service.engine.relation_confidence import FEATURES, RelationConfidence
from service.training import config
from service.training.artifacts import write_manifest
from service.training.evaluate import evaluate_spans
from service.training.model_card import _table, render_card, write_card
from service.training.polnear import read_split
from service.training.relations import (collect, cross_validated, expected_calibration_error,
                                        fit_weights, floor_table, reliability_table)
from service.training.span_metrics import format_span_table

DATA = config.data_root() / "polnear"
SAMPLE = config.sample_size()
MODELS = config.models_out()
OUT = MODELS / "relations"
REPORTED_PRIOR = 0.618  # share of sentences holding a relation, PolNeAR dev (see below)
MIN_CONFIDENCE = 0.0   # relations under this calibrated confidence are dropped (see below)
C = 1.0
FILES = ("cue_classes.tsv", "confidence.json")
print(f"data={DATA} sample={SAMPLE} out={OUT}")

# %% [markdown]
# ## Cue words: how much of PolNeAR's cues the word list covers

# %%
lexicon = CueLexicon.read(OUT / "cue_classes.tsv")
train = read_split(DATA, "train", limit=SAMPLE)
cues = [" ".join(d.text[a:b] for a, b in r.cue.fragments) for d in train for r in d.relations
        if r.cue is not None]
covered = sum(bool(lexicon.words(c)) or not any(ch.isalpha() for ch in c) for c in cues)
classes = {}
for c in cues:
    w = lexicon.words(c)
    if w:
        classes[w[0][2].cls] = classes.get(w[0][2].cls, 0) + 1
print(f"{covered}/{len(cues)} train cues ({covered / len(cues):.1%}) hold a cue word; by class:",
      classes)

# %% [markdown]
# ## Features on dev, with no confidence floor

# %%
def manifest(params: dict, **extra) -> dict:
    files = tuple(f for f in FILES if (OUT / f).exists())
    return write_manifest(OUT, "relations", files[0], files[1:], parameters=params, **extra)


params = {"reported_prior": REPORTED_PRIOR, "min_confidence": MIN_CONFIDENCE, "C": C}
if (OUT / "confidence.json").exists():
    (OUT / "confidence.json").unlink()  # features are collected without the old calibration
manifest(params)
engine = Engine.load(MODELS, with_bias=False)
dev = read_split(DATA, "dev", limit=SAMPLE)
X, y, groups, gold = collect(engine, dev)
print(f"{len(y)} relations on dev, {y.mean():.1%} right; {gold} gold relations")
shares = []
for doc in dev:
    ids = [s.attribution_ids for s in engine.analyze(doc.text, bias=False).sentences]
    shares.append(sum(1 for x in ids if x) / max(len(ids), 1))
print(f"mean share of sentences holding a relation on dev: {np.mean(shares):.3f} "
      f"(REPORTED_PRIOR is {REPORTED_PRIOR})")

# %% [markdown]
# ## Calibration: out-of-fold reliability, then the weights fitted on all of dev

# %%
folds = min(5, len(dev))
oof = cross_validated(X, y, groups, folds=folds, C=C)
raw_strength = 1 / (1 + np.exp(-X[:, FEATURES.index("strength_logit")]))
reliability = reliability_table(oof, y)
ece = {"calibrated": expected_calibration_error(oof, y),
       "uncalibrated": expected_calibration_error(raw_strength, y)}
floors = floor_table(oof, y, gold)
print(_table(reliability, ["bin", "relations", "mean_confidence", "share_right"]))
print("ECE", ece)
print(_table(floors, ["floor", "relations", "precision", "recall", "f1"]))
weights = fit_weights(X, y, C=C)
(OUT / "confidence.json").write_text(json.dumps({"features": list(FEATURES), "weights": weights},
                                                indent=2) + "\n", encoding="utf-8")
print(weights)

# %% [markdown]
# ## The whole engine on dev with the fitted model

# %%
engine = Engine.load(MODELS, with_bias=False)
report = evaluate_spans(DATA.parent, "dev", limit=SAMPLE, engine=engine)
print(format_span_table(report["spans"]))
print("sentences", report["sentences"])

# %% [markdown]
# ## The whole engine on the real-style fixtures
#
# `tests/fixtures/realstyle`: invented articles in the styles where the engine failed (wire,
# local, sport, opinion, a page with captions and credits), annotated by hand;
# `reportedly evaluate --task fixtures` prints the same.

# %%
from service.training.fixtures_eval import evaluate_fixtures, fixtures_markdown

engine = Engine.load(MODELS)
fixtures = evaluate_fixtures(engine=engine)
print(fixtures_markdown(fixtures))

# %%
# Before issue 11: the engine at commit 68ece6d, on PolNeAR dev (its spans card) and on the
# same fixtures (its JSON output scored by the same evaluator).
BEFORE = {"cue": (0.663, 0.765), "source": (0.701, 0.758), "content": (0.511, 0.791),
          "sentences_f1": 0.906,
          "fixtures": {"relations_f1": 0.879, "relations_precision": 0.814, "fully_right_f1": 0.572,
                       "quote_f1": 0.831, "speaker": 0.718, "spurious": 29, "nonsense": 15,
                       "sentence_accuracy": 0.843}}
spans = report["spans"]
t = fixtures["total"]
after_fx = {"relations_f1": t["lenient"]["f1"], "relations_precision": t["lenient"]["precision"],
            "fully_right_f1": t["fully_right"]["f1"], "quote_f1": t["quotes"]["assertion"]["f1"],
            "speaker": t["quotes"]["assertion"]["speaker"], "spurious": t["spurious"],
            "nonsense": len(t["nonsense_sources"]), "sentence_accuracy": t["sentences"]["accuracy"]}
rows = [f"| {role} strict / partial F1 | {BEFORE[role][0]:.3f} / {BEFORE[role][1]:.3f} | "
        f"{spans[role]['strict']['f1']:.3f} / {spans[role]['partial']['f1']:.3f} |"
        for role in ("cue", "source", "content")]
rows.append(f"| sentences F1 | {BEFORE['sentences_f1']:.3f} | {report['sentences']['f1']:.3f} |")
for k, label in (("relations_f1", "fixtures: relations F1 (cue overlap)"),
                 ("relations_precision", "fixtures: relations precision"),
                 ("fully_right_f1", "fixtures: fully right relations F1"),
                 ("quote_f1", "fixtures: assertion quote F1 (30% coverage)"),
                 ("speaker", "fixtures: speaker right"), ("spurious", "fixtures: spurious relations"),
                 ("nonsense", "fixtures: nonsense sources"),
                 ("sentence_accuracy", "fixtures: sentence label accuracy")):
    b, a = BEFORE["fixtures"][k], after_fx[k]
    fmt = str if isinstance(b, int) else (lambda v: f"{v:.3f}")
    rows.append(f"| {label} | {fmt(b)} | {fmt(a)} |")
before_after = "| | before (68ece6d) | now |\n|---|---|---|\n" + "\n".join(rows)
print(before_after)

# %%
metrics = {role: {"strict_f1": spans[role]["strict"]["f1"], "partial_f1": spans[role]["partial"]["f1"]}
           for role in ("cue", "source", "content")}
metrics["sentences_f1"] = round(report["sentences"]["f1"], 4)
m = manifest(params,
             trained_on={"corpus": "PolNeAR v1.0.0", "split": "dev", "documents": len(dev),
                         "relations": int(len(y))},
             metrics={**metrics, "ece": ece, "train_cue_coverage": round(covered / len(cues), 4)},
             reliability=reliability, floors=floors)
card = render_card(m, "Relations: cue classes and confidence", """
Every attribution relation the span models and quote rules find is classed by its cue word
(`cue_class`: PARC's attribution types, Pareti 2015) and given a `confidence`, the
probability that the relation is right. A relation is *right* when its cue overlaps a gold
cue of a relation whose source it also gets right (overlapping, or neither has one).
""", {
    "Cue classes": f"""
`cue_classes.tsv` lists {len(set(w.lemma for w in lexicon.entries.values()))} cue words and
phrases by class: **assertion** (said, told, wrote, tweeted, announced, denied, according
to, in a statement, reportedly), **belief** (believes, thinks, expects, fears), **knowledge**
(knows, learned, found that, realised), **intention** (wants, plans, hopes, intends). A cue
with none of them is no cue; words marked `clause` ("found", "added", "showed",
"estimated") report only with a clause, a quotation or an infinitive as their complement
("found that …", not "found her tracks"); a passive cue without an agent ("could be
announced"), a listed verb used as an adjective inside a noun phrase ("his estimated
costs", "her proposed budget": tagged so by `models/tagger`), a source who says nothing
("declined to comment") and a first-person source outside quotation marks (the writer's "I
think") are no report either. The tagger is asked only about a cue word right after a
determiner or possessive; on PolNeAR dev its check moves strict F1 by cue +0.0001, source
+0.0015, content +0.0001 (measured with and without it, the rest unchanged), and it drops
"estimated", "proposed", "stated" and "reported" used as adjectives in the tests. {covered / len(cues):.1%} of PolNeAR train's cues hold a cue word.
""",
    "Confidence": f"""
Logistic regression (C={C}) over: the span model's cue confidence and the relation's
strength (logits), whether it has a source and a content, whether the content is quoted,
whether a rule (not the CRF) found it, and its cue class. Fitted on PolNeAR dev
({len(y)} relations, {y.mean():.1%} right). Expected calibration error, out of fold:
{ece['calibrated']} (the uncalibrated strength: {ece['uncalibrated']}).

Reliability on dev, 5-fold cross-validation over documents:

{_table(reliability, ["bin", "relations", "mean_confidence", "share_right"])}
Relation precision and recall on dev if relations under a confidence floor were dropped
(out of fold; the shipped floor is `min_confidence` {MIN_CONFIDENCE}):

{_table(floors, ["floor", "relations", "precision", "recall", "f1"])}
""",
    "Before and after issue 11": f"""
PolNeAR dev (`reportedly evaluate --task spans --split dev`) and the real-style fixtures
(`reportedly evaluate --task fixtures`); GUM figures are in the spans and sentences cards
(`reportedly evaluate --task gum`).

{before_after}
""",
    "Real-style fixtures": f"""
{fixtures_markdown(fixtures)}
""",
    "Whole engine on PolNeAR dev": f"""
`reportedly evaluate --task spans --split dev`:

{format_span_table(spans)}

Sentences with relations: F1 {report['sentences']['f1']:.4f}, accuracy
{report['sentences']['accuracy']:.4f}. A sentence holding no relation takes the sentence
model's probability after a prior shift to its article: its odds are multiplied by the odds of
the article's share of sentences holding a relation over those of PolNeAR
(`reported_prior` {REPORTED_PRIOR}: the mean share on dev, printed above), never raised. In an
opinion column with two relations, a report word in the writer's sentence does not make it
reported; on PolNeAR dev the shift moves sentence F1 from 0.9071 to 0.9085.
""",
})
write_card(OUT, card)
print(card[:400])
