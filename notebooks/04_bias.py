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
# # 04 · Sentence bias: is the wording biased, and which words carry it?
#
# Trained on BABE (Spinde et al., Findings of EMNLP 2021, SG2: 3,031 labelled sentences from
# 8 outlets) and the word lists of Recasens et al. (ACL 2013) plus BABE's bias-word lexicon.
# Features live in `service.engine.bias_features` (the engine uses the very same function),
# the reader in `service.training.babe` / `service.training.lexicons`, fitting and evaluation
# in `service.training.bias`.
#
# **Every figure is measured with outlets held out**: each outlet is scored by a model fitted
# on the other outlets (leave-one-outlet-out), word statistics learnt from BABE included; the
# out-of-fold probabilities are pooled. Configuration from the environment:
# `REPORTEDLY_DATA`, `REPORTEDLY_SAMPLE` (first max(25·N, 300) sentences), `REPORTEDLY_MODELS_OUT`.

# %%
import json
import time

from service.engine.bias_features import WORD_WEIGHT
from service.engine.bias_model import ESTIMATOR_FILE, LEXICON_FILE, BiasModel
from service.training import config
from service.training.artifacts import save_estimator, write_manifest
from service.training.babe import read_babe
from service.training.bias import (
    ANCHORS,
    bias_dataset,
    choose_highlight_rate,
    choose_threshold,
    evaluate_oof,
    fit_bias_model,
    lexicon_only_cv,
    macro_report,
    outlet_cv,
    tfidf_lr_cv,
)
from service.training.lexicons import LEXICONS, read_lexicons, read_word_list
from service.training.model_card import render_card, write_card

DATA = config.data_root()
SAMPLE = config.sample_size()
LIMIT = None if SAMPLE is None else max(25 * SAMPLE, 300)
OUT = config.models_out() / "bias"
C_GRID = [0.05, 0.1, 0.3]
print(f"data={DATA} sample={SAMPLE} limit={LIMIT} out={OUT}")

# %% [markdown]
# ## Data
# Rows the reader cannot use are reported, not dropped silently; "No agreement" on the bias
# label leaves a sentence out. The word lists' comment headers, CRLF line ends, a Latin-1 byte
# and masked swear words are handled by `read_word_list` (lines it could not use are listed).

# %%
babe = read_babe(DATA / "babe", limit=LIMIT)
print(f"BABE: {len(babe.rows)} rows read, {len(babe.skipped)} skipped {babe.skipped[:5]}")
data = bias_dataset(babe.rows)
lexicons = read_lexicons(DATA)
outlets = {str(o): int((data.groups == o).sum()) for o in sorted(set(data.groups))}
print(f"{len(data)} labelled sentences, {data.y.mean():.1%} biased; outlets {outlets}")
lexicon_sizes = {}
for name, src in LEXICONS.items():
    wl = read_word_list(DATA / src.path)
    lexicon_sizes[name] = len(wl.entries)
    print(f"  {name:18s} {len(wl.entries):5d} entries; skipped {wl.skipped}")

# %% [markdown]
# ## Baselines, with outlets held out
# A TF-IDF (word 1-2-gram) logistic regression, and the same model as ours restricted to
# membership and counts of the fixed word lists (no word features, nothing learnt from BABE's
# words). Both with balanced class weights, C chosen on the same folds.

# %%
baselines = {}
tfidf = {C: tfidf_lr_cv(data, C) for C in (1.0, 10.0)}
best_tfidf_C = max(tfidf, key=lambda c: choose_threshold(data.y, tfidf[c])[1])
t, _ = choose_threshold(data.y, tfidf[best_tfidf_C])
baselines[f"TF-IDF word 1-2-grams + LR (C={best_tfidf_C:g})"] = {
    **macro_report(data.y, tfidf[best_tfidf_C] >= t), "threshold": t}
lex_only = lexicon_only_cv(data, lexicons)
t, _ = choose_threshold(data.y, lex_only)
baselines["lexicon membership only + LR"] = {**macro_report(data.y, lex_only >= t), "threshold": t}
for name, row in baselines.items():
    print(f"{name:45s} macro-F1 {row['macro_f1']:.4f} (threshold {row['threshold']})")

# %% [markdown]
# ## Tune and ablate
# C on the held-out outlets' macro-F1. Two ablations show what carries the model: without the
# word statistics learnt from BABE (`R*`: expert-marked word rates; `N*`: log-count ratios),
# and without word and bigram features.

# %%
cv_by_C = {C: outlet_cv(data, lexicons, C) for C in C_GRID}
f1_by_C = {C: choose_threshold(data.y, cv.proba)[1] for C, cv in cv_by_C.items()}
best_C = max(C_GRID, key=lambda c: (f1_by_C[c], -abs(c - 0.1)))
cv = cv_by_C[best_C]
print({str(k): v for k, v in f1_by_C.items()}, "-> C =", best_C)

ablations = {}
for name, keep in {
    "without learnt word statistics (R*, N*)": lambda k: not k.startswith(("R", "N=")),
    "without word / bigram features": lambda k: not k.startswith(("w=", "b=", "first=")),
}.items():
    p = outlet_cv(data, lexicons, best_C, feature_filter=keep).proba
    t, f1 = choose_threshold(data.y, p)
    ablations[name] = {**macro_report(data.y, p >= t), "threshold": t}
    print(f"{name:45s} macro-F1 {f1:.4f}")

# %% [markdown]
# ## Thresholds
# The sentence threshold maximises the pooled out-of-fold macro-F1 (class weights are balanced,
# so it lands near 0.5). `sentence_threshold_held_out` re-scores each outlet with a threshold
# chosen on the other outlets only: the honest price of choosing it. The highlight rule (a word
# is highlighted when experts marked it biased in at least `highlight_rate` of its uses, or it
# is in the BABE bias-word lexicon, or it is both strong-subjective and negative) takes its
# rate from the out-of-fold word-level F1.

# %%
threshold, _ = choose_threshold(data.y, cv.proba)
highlight_rate, words_by_rate = choose_highlight_rate(data, cv)
metrics = evaluate_oof(data, cv, threshold, highlight_rate)
for k in ("sentence", "sentence_at_0.5", "sentence_threshold_held_out", "opinion", "words",
          "words_in_biased_sentences"):
    print(f"{k:30s} {metrics[k]}")
for row in metrics["per_outlet"]:
    print(row)

# %% [markdown]
# ## Fit on every outlet, save, reload through the engine's loader
# Training features are cross-fitted (each sentence's word statistics are learnt on other
# outlets); the statistics shipped in `lexicons.json` are learnt on all of BABE.

# %%
final, lexicon_json = fit_bias_model(data, lexicons, best_C)
OUT.mkdir(parents=True, exist_ok=True)
save_estimator(final, OUT / ESTIMATOR_FILE)
(OUT / LEXICON_FILE).write_text(json.dumps(lexicon_json, ensure_ascii=False, sort_keys=True)
                                + "\n", encoding="utf-8")
params = {"C": best_C, "threshold": threshold, "highlight_rate": highlight_rate,
          "n_features": final[0].n_features, "solver": final[1].solver,
          "class_weight": final[1].class_weight,
          "word_weight": WORD_WEIGHT,
          "learnt_words": len(lexicon_json["learnt"]), "nb_words": len(lexicon_json["nb"])}
write_manifest(OUT, "bias", ESTIMATOR_FILE, extra_files=(LEXICON_FILE,), threshold=threshold,
               parameters=params)
model = BiasModel.load(OUT)
texts = data.texts
start = time.perf_counter()
scores = model.score(texts)
hl = [model.highlight(s) for s in texts]
elapsed = time.perf_counter() - start
n_words = sum(len(w) for w in data.words)
speed = {"sentences": len(texts), "words": n_words, "seconds": round(elapsed, 3),
         "words_per_second": int(n_words / elapsed)}
print(speed)
assert all(s[h.start:h.end] == h.word for s, hs in zip(texts, hl) for h in hs)

# %% [markdown]
# ## Manifest and model card

# %%
ours = {**metrics["sentence"], "threshold": threshold}
comparison = [{"system": a["system"] + " (published)", "macro_f1": a["macro_f1"]} for a in ANCHORS]
comparison += [{"system": k + " (ours, outlets held out)", **v} for k, v in baselines.items()]
comparison += [{"system": "reportedly bias, " + k, **v} for k, v in ablations.items()]
comparison.append({"system": "reportedly bias (this model)", **ours})
manifest = write_manifest(
    OUT, "bias", ESTIMATOR_FILE, extra_files=(LEXICON_FILE,),
    threshold=threshold, parameters=params,
    trained_on={"corpus": "BABE SG2", "sentences": len(data), "outlets": outlets,
                "lexicons": lexicon_sizes},
    evaluated_on={"corpus": "BABE SG2",
                  "protocol": "leave-one-outlet-out, pooled out-of-fold predictions",
                  "sentences": len(data)},
    metrics=metrics,
    targets={"macro_f1": 0.75},
    baselines=comparison,
    C_grid={str(k): v for k, v in f1_by_C.items()},
    highlight_rates=words_by_rate,
    speed=speed,
)


def _table(rows, cols):
    out = "| " + " | ".join(cols) + " |\n|" + "---|" * len(cols) + "\n"
    for r in rows:
        out += "| " + " | ".join(
            f"{r[c]:.4f}" if isinstance(r.get(c), float) else str(r.get(c, "")) for c in cols
        ) + " |\n"
    return out


m = metrics
tried = """\
All figures are pooled leave-one-outlet-out macro-F1 on the full data, at the best pooled
threshold, from the experiments that led to this model:

| variant | macro-F1 |
|---|---|
| TF-IDF 1-2-gram LR, unbalanced, C = 1 / 3 / 10 | 0.518 / 0.596 / 0.623 |
| lexicon membership only, unbalanced | 0.570 |
| words + bigrams + lexicons + style, unbalanced, C = 1 | 0.675 |
| the same, balanced class weights, C = 0.3 | 0.693 |
| + learnt word rates fitted in-sample (miscalibrated: best threshold 0.23, 0.679 at 0.5) | 0.702 |
| + learnt word rates cross-fitted by outlet, C = 0.3 / 0.1 | 0.707 / 0.715 |
| no word features at all (lexicons, rates, style) | 0.719 |
| word and bigram features scaled to 0.2 | 0.727 |
| + log-count-ratio (NB) summaries, cross-fitted, C = 0.3 / 0.1 (grid above: 0.05) | 0.734 / 0.737 |
| + token-level LR tagger (trained on `biased_words`) probabilities, before NB | 0.723 |
| + character 4-5-grams of words (weight 0.05-0.1) | 0.737-0.739 |
| + stems (weight 0.2) | 0.737 |
| NB ratios over bigrams too | 0.737 |
| + NB ratios learnt from the opinion labels | 0.740 |
| word clusters (PPMI-SVD on PolNeAR text, 200 / 800 clusters) | 0.737 / 0.738 |
| average of the models with and without word features | 0.736 |
| sample weight 0.5 for sentences whose bias and opinion labels disagree | 0.728 |
| word features without capitalised words (names) | 0.726 |
| rate smoothing 0.5 / 2 / 3, minimum count 2 | 0.701-0.707 |

Nothing after the NB summaries gained more than 0.003, within the noise of one split. The
token tagger's word-level F1 (0.36) was also below the highlight rule's (0.39), so the rule
ships."""

card = render_card(
    manifest,
    "Sentence bias: biased wording and the words that carry it",
    "Scores how biased a sentence's wording is (probability of BABE's *Biased*) and highlights "
    "the words that carry the bias, each with its reason. L2 logistic regression over hashed "
    "sparse features; the `biased` flag is the score against the threshold below. All "
    "figures are measured **with outlets held out**.",
    {
        "Data": (
            f"BABE SG2 (Spinde et al., Findings of EMNLP 2021; AGPL-3.0): {len(data)} sentences "
            f"labelled Biased / Non-biased by experts ({data.y.mean():.1%} biased), from "
            f"{len(outlets)} outlets ({', '.join(f'{o} {n}' for o, n in outlets.items())}); "
            "`biased_words` gives the words the experts marked. Word lists: "
            + "; ".join(src.citation for src in LEXICONS.values())
            + " (all but BABE's from `rpryzant/neutralizing-bias`, MIT)."
        ),
        "Evaluation protocol": (
            "Leave-one-outlet-out: each outlet's sentences are scored by a model fitted on the "
            "other outlets, including the word statistics learnt from BABE; the out-of-fold "
            "probabilities are pooled and scored once. C and both thresholds are chosen on "
            "these pooled out-of-fold scores. `sentence_threshold_held_out` re-labels each "
            "outlet with a threshold chosen on the other outlets only "
            f"(macro-F1 {m['sentence_threshold_held_out']['macro_f1']:.4f}): what choosing "
            "the threshold costs. Reuters (10% biased) and Alternet (75%) weigh heavily; per "
            "outlet figures are in `model.json`."
        ),
        "Results (outlets held out)": (
            f"- sentence macro-F1, Biased vs Non-biased: **{m['sentence']['macro_f1']:.4f}** "
            f"at threshold {threshold} (accuracy {m['sentence']['accuracy']:.4f}; "
            f"{m['sentence_at_0.5']['macro_f1']:.4f} at 0.5)\n"
            f"- macro-F1 of `biased` on \"Expresses writer's opinion\" vs \"Entirely factual\" "
            f"(those two classes only, n = {m['opinion']['n']}): "
            f"**{m['opinion']['macro_f1']:.4f}**\n"
            f"- highlighted words vs `biased_words` (word types per sentence, all sentences): "
            f"precision **{m['words']['precision']:.4f}**, recall **{m['words']['recall']:.4f}** "
            f"(F1 {m['words']['f1']:.4f}); highlights shown only in sentences flagged biased: "
            f"precision {m['words_in_biased_sentences']['precision']:.4f}, recall "
            f"{m['words_in_biased_sentences']['recall']:.4f}. "
            f"{m['words']['gold_not_in_text']} gold words that are not a word of their "
            "sentence (annotation typos) are left out of recall.\n"
            f"- speed, score + highlight: {speed['words_per_second']:,} words/s on one core "
            f"({speed['words']:,} words)\n"
        ),
        "Against the target and published anchors": (
            _table(comparison, ["system", "macro_f1", "accuracy", "threshold"]) + "\n"
            "Published figures come from their papers' own splits; ours are all "
            "leave-one-outlet-out on the same folds.\n\n"
            f"The target is macro-F1 >= 0.75 with outlets held out; this model has "
            f"{m['sentence']['macro_f1']:.4f}, so it "
            + ("meets it." if m["sentence"]["macro_f1"] >= 0.75 else
               "misses it: it beats the TF-IDF and lexicon anchors and the feature-based "
               "model clearly but stays below fine-tuned RoBERTa (0.80). What a linear model "
               "misses is mostly bias carried by words it has not seen marked (Breitbart's "
               "recall is lowest) and neutral wire sentences on charged topics.")
        ),
        "Features": (
            "`service/engine/bias_features.py`: words, word bigrams and the first word "
            "(weighted 0.2, so L2 holds them back harder than the compact features); membership "
            "and counts per word list (verb lists matched in all inflections, multi-word "
            "entries as phrases); the share of a word's uses that BABE's experts marked biased "
            "(max, top-3 sum, count over 0.25); log-count ratios of words in Biased over "
            "Non-biased sentences (max, min, mean, top-3, count over 1); intensifiers, "
            "superlatives, scare quotes, quotation marks, exclamation and question marks, "
            "all-capital words, first and second person, attribution verbs, negation, digits, "
            "length. Both word statistics are cross-fitted when training (a sentence's "
            "statistics come from other outlets) and learnt on all of BABE for the shipped "
            f"`lexicons.json`. Hashed to {params['n_features']:,} columns; classes weighted "
            "to balance."
        ),
        "Highlighted words": (
            "A word is highlighted, with the reasons that apply, when BABE's experts marked it "
            f"biased in at least {highlight_rate:.0%} of its uses (rate threshold chosen on the "
            "out-of-fold word F1), when it is in the BABE bias-word lexicon, or when it is "
            "both a strong subjective (Riloff & Wiebe) and a negative word (Hu & Liu). "
            "Offsets are exact: `sentence[start:end] == word`."
        ),
        "What we tried": tried,
        "Reproduce": (
            "`python3 dev.py train` runs this notebook (`notebooks/04_bias.py`) on the full "
            "data and prints every figure above; `service.training.bias.evaluate_bias(data_root)` "
            "recomputes the held-out figures."
        ),
        "Limits": (
            "BABE is US political news from 2017-2020 on 20-odd topics, labelled by a handful "
            "of experts; the model judges wording, not facts or framing by omission, and "
            "cannot tell the writer's words from a quoted source's (the engine's voice "
            "attribution does that). The learnt word statistics encode BABE's annotators' "
            "sense of loaded words, politically asymmetric where the data is."
        ),
    },
)
write_card(OUT, card)
print(manifest["artifact_id"], m["sentence"]["macro_f1"])
