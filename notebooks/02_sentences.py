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
# # 02 · Sentence classifier: reported or direct?
#
# Gold labels follow `../shared/data/README.md`: a sentence is *reported* when it overlaps
# a Cue span or at least half of it lies inside Content spans. Features come from
# `service.engine.features` (the engine uses the very same function), the corpus reader
# and metrics from `service.training`. We tune on dev and report dev; the test split is
# held back. Configuration from the environment: `REPORTEDLY_DATA`, `REPORTEDLY_SAMPLE`,
# `REPORTEDLY_MODELS_OUT`.

# %%
import json

import numpy as np
from sklearn.model_selection import GroupKFold, cross_val_predict

from service.engine import Engine
from service.engine.punkt import load_tokenizer
from service.engine.segment import Segmenter
from service.engine.sentences import ESTIMATOR_FILE, LEXICON_FILE
from service.training import config
from service.training.corrections import merge_corrections
from service.training.artifacts import save_estimator, write_manifest
from service.training.baselines import cue_word_baseline, tfidf_svm_baseline
from service.training.evaluate import evaluate_split
from service.training.metrics import binary_report
from service.training.model_card import carried_section, render_card, write_card
from service.training.polnear import read_split
from service.training.sentences import (
    build_sentence_data,
    learn_cue_lexicon,
    make_sentence_pipeline,
)

DATA = config.data_root() / "polnear"
GUM_HEADING = "GUM (news + interview)"
SAMPLE = config.sample_size()
MODELS = config.models_out()
OUT = MODELS / "sentences"
punkt_dir = MODELS / "punkt"
print(f"data={DATA} sample={SAMPLE} out={OUT}")

segmenter = Segmenter(load_tokenizer(punkt_dir / "punkt.json"))
# editors' corrections from the review page join training only when asked for
train = merge_corrections(read_split(DATA, "train", limit=SAMPLE),
                          enabled=config.merge_corrections())
dev = read_split(DATA, "dev", limit=SAMPLE)

# %% [markdown]
# ## Data
# The cue lexicon (how often each word is part of a gold cue) is learnt on train only and
# shipped with the model; the features use it to describe a sentence's neighbours.

# %%
lexicon = learn_cue_lexicon(train)
tr = build_sentence_data(train, segmenter, lexicon)
dv = build_sentence_data(dev, segmenter, lexicon)
print(f"train: {len(train)} articles, {len(tr.labels)} sentences, {tr.labels.mean():.1%} reported")
print(f"dev:   {len(dev)} articles, {len(dv.labels)} sentences, {dv.labels.mean():.1%} reported")
print(f"cue lexicon: {len(lexicon)} words")

# %% [markdown]
# ## How well do two annotators agree?
# Some train articles were annotated more than once. Scoring one annotator against the other
# gives a ceiling for any model scored against a single annotator.

# %%
from service.training.labels import annotator_agreement
from service.training.polnear import read_multi_annotated

agreement = annotator_agreement(read_multi_annotated(DATA, "train"), segmenter)
print(agreement)

# %% [markdown]
# ## Baselines
# A cue-word rule and a TF-IDF word + character n-gram linear SVM on the sentence alone.

# %%
baselines = {
    "cue words (rule)": binary_report(dv.labels, cue_word_baseline(dv.texts)),
}
svm = tfidf_svm_baseline().fit(tr.texts, tr.labels)
baselines["TF-IDF words+chars LinearSVC"] = binary_report(dv.labels, svm.predict(dv.texts))
for name, row in baselines.items():
    print(f"{name:32s} F1 {row['f1']:.4f}  accuracy {row['accuracy']:.4f}")

# %% [markdown]
# ## Tune
# Regularisation on dev; the decision threshold from out-of-fold probabilities on train
# (articles grouped, so no article is in two folds), to keep dev for reporting.

# %%
C_GRID = [0.05, 0.1, 0.2]
dev_by_C = {}
for C in C_GRID:
    model = make_sentence_pipeline(C=C).fit(tr.features, tr.labels)
    dev_by_C[C] = binary_report(dv.labels, model.predict_proba(dv.features)[:, 1] >= 0.5)
    print(C, dev_by_C[C])
best_C = max(C_GRID, key=lambda c: (dev_by_C[c]["f1"], dev_by_C[c]["accuracy"]))

folds = min(5, len(set(tr.groups)))
oof = cross_val_predict(make_sentence_pipeline(C=best_C), tr.features, tr.labels,
                        groups=tr.groups, cv=GroupKFold(folds), method="predict_proba")[:, 1]
thresholds = np.round(np.arange(0.30, 0.71, 0.05), 2)
oof_f1 = {float(t): binary_report(tr.labels, oof >= t)["f1"] for t in thresholds}
threshold = max(oof_f1, key=oof_f1.get)
print(f"C={best_C} threshold={threshold} (out-of-fold train F1 {oof_f1[threshold]:.4f})")

# %% [markdown]
# ## Fit, save, and evaluate the saved model through the engine
# The dev figures in the manifest and card come from `evaluate_split`, the same function
# `reportedly evaluate --split dev` runs, on the artifact as saved.

# %%
final = make_sentence_pipeline(C=best_C).fit(tr.features, tr.labels)
OUT.mkdir(parents=True, exist_ok=True)
save_estimator(final, OUT / ESTIMATOR_FILE)
(OUT / LEXICON_FILE).write_text(json.dumps(lexicon, ensure_ascii=False, indent=0) + "\n",
                                encoding="utf-8")
params = {"C": best_C, "threshold": threshold, "n_features": final[0].n_features,
          "solver": final[1].solver, "cue_lexicon_words": len(lexicon)}
write_manifest(OUT, "sentences", ESTIMATOR_FILE, extra_files=(LEXICON_FILE,),
               threshold=threshold, parameters=params)

engine = Engine.load(MODELS, with_spans=False)  # the classifier alone
report = evaluate_split(config.data_root(), "dev", limit=SAMPLE, engine=engine)
metrics = report["sentences"]
print(metrics)

# %%
comparison = [{"system": name, **row} for name, row in baselines.items()]
comparison.append({"system": "reportedly sentences (this model)", **metrics})
manifest = write_manifest(
    OUT, "sentences", ESTIMATOR_FILE, extra_files=(LEXICON_FILE,),
    threshold=threshold, parameters=params,
    trained_on={"corpus": "PolNeAR v1.0.0", "split": "train", "documents": len(train),
                "sentences": int(len(tr.labels))},
    evaluated_on={"corpus": "PolNeAR v1.0.0", "split": "dev", "documents": len(dev)},
    metrics={"dev": metrics, "train_oof_f1": oof_f1[threshold]},
    annotator_agreement=agreement,
    targets={"f1": 0.93, "accuracy": 0.90},
    comparison=comparison,
    dev_by_C={str(k): v for k, v in dev_by_C.items()},
)
card = render_card(
    manifest,
    "Sentence classifier: reported or direct",
    "Labels every sentence of an article *reported* (put on someone else's authority) or "
    "*direct* (the writer's own voice). L2 logistic regression over hashed sparse features.",
    {
        "Data": f"PolNeAR v1.0.0 (Newell, Margolin and Ruths, LREC 2018), train split "
                f"({len(train)} articles, {len(tr.labels)} sentences), first annotator per "
                "article. Gold: reported when the sentence overlaps a Cue span or at least half "
                "of its characters lie in Content spans (`service/training/labels.py`). Tuned "
                "on dev (C); threshold from grouped out-of-fold predictions on train. The test "
                "split is held back.",
        "Features": "`service/engine/features.py`: the sentence's words and word bigrams, "
                    "first/last word, length bucket; quotation state (share of characters inside "
                    "the quotations of `service/engine/quotes.py`, quote open at sentence start, "
                    "across paragraphs by the newspaper convention); reporting verbs and cue "
                    "phrases; first/second-person pronouns, modals; a cue lexicon learnt on train "
                    "(word -> share of its uses inside gold cues); the same flags, lexicon hits "
                    "and edge words of the previous and next sentence (same paragraph or not) and "
                    "of the paragraph. Hashed to 2^20 columns (`FeatureHasher`), so the artifact "
                    "stores no vocabulary.",
        "Reproduce": "`python3 dev.py train` (runs `notebooks/01_punkt.py` and this notebook "
                     "on the full data); `reportedly evaluate --split dev` prints the dev "
                     "figures below from the shipped artifact.",
        "Against the target": (
            f"The target on dev is F1 >= 0.93 and accuracy >= 0.90; this model has F1 "
            f"{metrics['f1']:.4f} and accuracy {metrics['accuracy']:.4f}, so it "
            + ("meets it." if metrics["f1"] >= 0.93 and metrics["accuracy"] >= 0.90 else
               "misses it. The target sits at the level of agreement between two human "
               "annotators (below). Tried without a gain worth its cost: stacking "
               "neighbour probabilities (no change), character n-grams (no change), a "
               "token-level cue tagger's probabilities as features (+0.005 F1, at a large "
               "speed cost; it returns with the attribution model).")
        ),
        "Limits": "Trained on US political news from 2016; annotation is broad (beliefs, "
                  "intentions and evaluations count as attributions), so some sentences a "
                  "reader calls direct are reported here. On the "
                  f"{agreement['articles']} train articles annotated twice, a second annotator "
                  f"scored against the first reaches accuracy {agreement['accuracy']:.3f} and "
                  f"F1 {agreement['f1']:.3f}: a ceiling for any model scored against one "
                  "annotator.",
    },
)
gum = carried_section(OUT, GUM_HEADING)  # kept from the card: `reportedly evaluate --task gum`
if gum:
    card = card.replace("\n## Parameters", f"\n## {GUM_HEADING}\n\n{gum}\n\n## Parameters", 1)
write_card(OUT, card)
print(manifest["artifact_id"])
