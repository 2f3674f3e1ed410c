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
# Features live in `service.engine.bias.features` (the engine uses the very same function),
# the reader in `service.training.babe` / `service.training.lexicons`, fitting and evaluation
# in `service.training.bias`.
#
# **Every figure is measured with outlets held out**: each outlet is scored by a model fitted
# on the other outlets (leave-one-outlet-out), word statistics learnt from BABE included; the
# out-of-fold probabilities are pooled. Configuration from the environment:
# `REPORTEDLY_DATA`, `REPORTEDLY_SAMPLE` (first max(25·N, 300) sentences), `REPORTEDLY_MODELS_OUT`.

# %%
import json

import numpy as np
import time

from service.engine.bias.features import WORD_WEIGHT
from service.engine.bias.model import ESTIMATOR_FILE, LEXICON_FILE, BiasModel
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
# ## The word model, and calibration to real news
# Flags come from a word model: for each candidate word (in a subjective/negative/BABE word
# list, marked by BABE's experts, or leaning biased), is it loaded *here*? Logistic regression
# over the word, its neighbours, its word lists, BABE's marking rate and how often the word was
# seen, and the sentence's score; trained on BABE's `biased_words`, every sentence's word
# statistics learnt without its own outlet. Word figures on BABE are leave-one-outlet-out.
#
# Real copy is mostly not biased; BABE is half biased and the model is fitted with balanced
# classes. The base rate of real copy is estimated by EM on unlabelled PolNeAR train sentences
# (Saerens et al. 2002) and the sentence score is prior-shifted to it. The `biased` threshold
# is the lowest at which at most 10% of BASIL 2010-2014 sentences are called biased (the issue's
# target is at most 15% on the held-back years); the word threshold has the best token F1 of
# flags against BASIL 2010-2014 `lex` phrases. BASIL 2015-2019 is never read.

# %%
from service.engine import Engine  # noqa: E402
from service.engine.furniture import is_furniture  # noqa: E402
from service.engine.bias.model import WORDS_FILE, prior_shift  # noqa: E402
from service.training.basil import (  # noqa: E402
    basil_word_cv,
    basil_word_rows,
    em_prior,
    evaluate_engine_on_basil,
    read_basil,
    word_token_report,
)
from service.training.bias import (  # noqa: E402
    babe_word_rows,
    choose_word_threshold,
    fit_word_model,
    word_cv,
)
from service.training.polnear import read_split  # noqa: E402

WORD_C = 1.0
BASIL_WEIGHT = 10.0  # a BASIL word counts ten BABE words: real copy is what flags are for
word_probs = word_cv(data, lexicons, cv, WORD_C)
babe_word_t, babe_word_reports = choose_word_threshold(data, word_probs)
print("BABE word model (BABE only), outlets held out:", babe_word_t,
      babe_word_reports[babe_word_t])

segmenter = Engine.load(OUT.parent, with_spans=False, with_bias=False).segmenter
calib = BiasModel(final, lexicon_json, threshold)
basil = read_basil(DATA / "basil", limit=None if SAMPLE is None else 15)
basil_rows = basil_word_rows(calib, segmenter, basil)
babe_X, babe_y = babe_word_rows(data, lexicons, cv.proba)
word_grid = [round(float(t), 3) for t in np.arange(0.05, 0.61, 0.025)]
word_settings = {}  # (BASIL weight, C) -> best token F1 with events held out
for w, c in ((3.0, 0.3), (10.0, 0.3), (3.0, 1.0), (BASIL_WEIGHT, WORD_C)):
    P = basil_word_cv(basil_rows, babe_X, babe_y, w, c)
    word_settings[f"BASIL weight {w:g}, C {c:g}"] = max(
        ({**word_token_report(basil_rows, P, t), "threshold": t} for t in word_grid),
        key=lambda r: r["f1"])
    if (w, c) == (BASIL_WEIGHT, WORD_C):
        basil_P = P
print(word_settings)
word_sweep = {t: word_token_report(basil_rows, basil_P, t) for t in word_grid}
word_threshold = max(word_grid, key=lambda t: word_sweep[t]["f1"])
print(f"BASIL 2010-2014 word model, events held out: {len(basil_rows.y)} candidate words, "
      f"{int(basil_rows.y.sum())} in lex phrases; threshold {word_threshold} "
      f"{word_sweep[word_threshold]}")
word_model = fit_word_model(data, lexicons, cv.proba, C=WORD_C,
                            extra=(basil_rows.X, basil_rows.y, BASIL_WEIGHT))
save_estimator(word_model, OUT / WORDS_FILE)

polnear_docs = read_split(DATA / "polnear", "train", limit=None if SAMPLE is None else 20)
polnear_texts = [d.text[s.start:s.end] for d in polnear_docs for s in segmenter.segment(d.text)]
prior = round(em_prior(calib.raw_score(polnear_texts)), 4)
print(f"PolNeAR train: {len(polnear_texts)} sentences, EM base rate of biased {prior}")

basil_texts = [t for a in basil.articles for s in segmenter.segment(a.text)
               if not is_furniture(t := a.text[s.start:s.end])]
shifted = prior_shift(calib.raw_score(basil_texts), prior)
REAL_SHARE = 0.10
grid = [round(t, 2) for t in np.arange(0.30, 0.96, 0.01)]
real_threshold = next((t for t in grid if (shifted >= t).mean() <= REAL_SHARE), grid[-1])
print(f"BASIL 2010-2014: {len(shifted)} sentences; biased threshold {real_threshold} "
      f"(share {(shifted >= real_threshold).mean():.3f})")

# %% [markdown]
# ## Manifest and model card

# %%
ours = {**metrics["sentence"], "threshold": threshold}
comparison = [{"system": a["system"] + " (published)", "macro_f1": a["macro_f1"]} for a in ANCHORS]
comparison += [{"system": k + " (ours, outlets held out)", **v} for k, v in baselines.items()]
comparison += [{"system": "reportedly bias, " + k, **v} for k, v in ablations.items()]
comparison.append({"system": "reportedly bias (this model)", **ours})
params.update({"prior": prior, "word_threshold": word_threshold, "word_C": WORD_C,
               "real_news_threshold": real_threshold, "real_news_share": REAL_SHARE})
write_manifest(OUT, "bias", ESTIMATOR_FILE, extra_files=(LEXICON_FILE, WORDS_FILE),
               threshold=real_threshold, parameters=params)
basil_engine = Engine.load(OUT.parent)
basil_report = evaluate_engine_on_basil(basil_engine, basil)
print(basil_report)

# %% [markdown]
# Voice on BASIL: which relations should give their content to the source? BASIL's view
# (paraphrase is the writer's) is what is measured; the engine keeps a confident speech
# relation's content as the source's, by design.

# %%
import service.engine.bias.analyse as bias_voice  # noqa: E402

shipped_rule = bias_voice.gives_voice
voice_variants = {}
for name, rule in {
    "every relation": lambda a: True,
    "assertions with confidence >= 0.5": lambda a: a.confidence >= 0.5
    and a.cue_class == "assertion",
    f"shipped: assertions with confidence >= {bias_voice.VOICE_MIN_CONFIDENCE}": shipped_rule,
    "quotations only (BASIL's own view)": lambda a: False,
}.items():
    bias_voice.gives_voice = rule
    r = evaluate_engine_on_basil(basil_engine, basil)
    voice_variants[name] = {"lex_phrases": r["span_voice"]["agreement"],
                            "flags_on_lex": r["flag_voice"]["agreement"]}
bias_voice.gives_voice = shipped_rule
print(voice_variants)
manifest = write_manifest(
    OUT, "bias", ESTIMATOR_FILE, extra_files=(LEXICON_FILE, WORDS_FILE),
    threshold=real_threshold, parameters=params,
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
    word_model={"settings_tried": word_settings,
                "babe_only_outlets_held_out": babe_word_reports[babe_word_t],
                "babe_only_threshold": babe_word_t, "basil_weight": BASIL_WEIGHT,
                "basil_2010_2014_events_held_out": word_sweep[word_threshold],
                "basil_2010_2014_sweep": {str(k): v for k, v in word_sweep.items()}},
    real_news={"prior_polnear_em": prior, "polnear_sentences": len(polnear_texts),
               "basil_2010_2014": basil_report, "voice_rules": voice_variants},
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
            "`service/engine/bias/features.py`: words, word bigrams and the first word "
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
        "Highlighted words (the BABE word figures above)": (
            "The word figures above (`words_in_biased_sentences`) are the earlier highlight "
            "rule, kept as the BABE yardstick: a word is highlighted when BABE's experts marked "
            f"it biased in at least {highlight_rate:.0%} of its uses, when it is in the BABE "
            "bias-word lexicon, or when it is both strong subjective (Riloff & Wiebe) and "
            "negative (Hu & Liu). The engine's flags now come from the word model below."
        ),
        "Real news: calibration, word model and flags (BASIL 2010-2014)": (
            "BABE is half biased and the model is fitted with balanced classes; real copy is "
            "mostly not biased. The score is **prior-shifted** (Saerens et al. 2002) to the base "
            f"rate of biased sentences in unlabelled PolNeAR train text, estimated by EM: "
            f"**{prior}** ({len(polnear_texts):,} sentences). `biased` is the shifted score "
            f">= **{real_threshold}**, the lowest threshold at which at most "
            f"{REAL_SHARE:.0%} of BASIL 2010-2014 sentences are called biased (BABE's "
            f"threshold on the unshifted score stays {threshold}, for the BABE figures).\n\n"
            "`loaded_wording` flags come from a **word model**: for each candidate word (on a "
            "subjective, negative or BABE word list, marked by BABE's experts, or leaning "
            "biased), logistic regression over the word, its neighbours, its word lists, "
            "BABE's marking rate and count, its log-count ratio and the sentence's score says "
            "whether it is loaded *here*. Trained on BABE `biased_words` (statistics learnt "
            f"without the sentence's outlet) plus BASIL 2010-2014 `lex` phrases (weight "
            f"{BASIL_WEIGHT:g}); flag threshold **{word_threshold}**, the best token F1 with "
            "BASIL events held out. Topical and technical words (medicine, law, crime, "
            "titles) and neutral nouns of conflict are never flagged alone "
            "(`service/engine/bias/vocabulary.py`); adjacent loaded words and listed loaded "
            "phrases ('onslaught of criticism', 'whitewash') are one flag; at most 6 per "
            "sentence. Loaded verbs are flagged only when the verb itself judges "
            "('claimed', 'admitted', 'conceded'), not 'explained', 'noted' or 'denied'.\n\n"
            "Word-model settings, token F1 against lex phrases with BASIL events held out "
            "(each at its best threshold):\n\n"
            + _table([{"setting": k, **v} for k, v in word_settings.items()],
                     ["setting", "precision", "recall", "f1", "threshold"]) + "\n"
            "| BASIL 2010-2014 | before (bias-797ccaa635f2) | after (this model) |\n"
            "|---|---|---|\n"
            f"| sentences called biased | 0.3569 | {basil_report['biased_share']:.4f} |\n"
            f"| score AUC, sentences with a lex phrase | 0.5902 | "
            f"{basil_report['score_auc_lex']:.4f} |\n"
            f"| loaded_wording tokens vs lex: P / R / F1 | 0.0796 / 0.1572 / 0.1057 | "
            f"{basil_report['tokens']['precision']:.4f} / {basil_report['tokens']['recall']:.4f}"
            f" / {basil_report['tokens']['f1']:.4f} (in-sample: the word model saw these "
            "phrases) |\n"
            f"| word model tokens vs lex, events held out: P / R / F1 | - | "
            f"{word_sweep[word_threshold]['precision']:.4f} / "
            f"{word_sweep[word_threshold]['recall']:.4f} / {word_sweep[word_threshold]['f1']:.4f}"
            " |\n"
            f"| voice agreement on lex phrases (BASIL's view) | 0.7292 (every relation) | "
            f"{basil_report['span_voice']['agreement']:.4f} |\n"
            f"| voice agreement of flags on lex phrases | 0.8611 (relations at >= 0.5) | "
            f"{basil_report['flag_voice']['agreement']:.4f} |\n\n"
            "Voice is scored in BASIL's view: a phrase is the source's only inside a "
            "quotation; paraphrase is the writer's. The engine gives a relation's content to "
            "its source only when the relation is an assertion with confidence >= "
            f"{bias_voice.VOICE_MIN_CONFIDENCE} (the relations model's calibrated "
            "probability): words inside a doubtful relation stay the writer's. Voice "
            "agreement (lex phrases / flags on lex phrases) by the rule that gives a "
            "relation's content to its source:\n\n"
            + _table([{"rule": k, **v} for k, v in voice_variants.items()],
                     ["rule", "lex_phrases", "flags_on_lex"]) + "\n"
            "'Before' is `reportedly evaluate --task bias` with the previous model and this "
            "session's attribution engine; its voice figure on lex phrases is the previous "
            "rule (every relation) from the table above (at session start, before this "
            "session's attribution changes, it was 0.6917). 'After' is the same command now."
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
