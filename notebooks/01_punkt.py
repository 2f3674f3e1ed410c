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
# # 01 · Punkt sentence boundaries trained on PolNeAR
#
# The engine splits paragraphs into sentences with NLTK's Punkt. Punkt is unsupervised, so
# instead of downloading NLTK's English model we train it on PolNeAR's train text and add
# the news abbreviations it may miss. The parameters ship as JSON in `models/punkt/` (no
# pickle to load). Configuration comes from the environment (`service.training.config`):
# `REPORTEDLY_DATA`, `REPORTEDLY_SAMPLE`, `REPORTEDLY_MODELS_OUT`.

# %%
from nltk.tokenize.punkt import PunktSentenceTokenizer

from service.engine.punkt import save_params
from service.engine.segment import Segmenter
from service.training import config
from service.training.artifacts import write_manifest
from service.training.model_card import render_card, write_card
from service.training.polnear import read_split
from service.training.punkt import NEWS_ABBREVIATIONS, boundary_errors, train_punkt

DATA = config.data_root() / "polnear"
SAMPLE = config.sample_size()
OUT = config.models_out() / "punkt"
print(f"data={DATA} sample={SAMPLE} out={OUT}")

train = read_split(DATA, "train", limit=SAMPLE)
dev = read_split(DATA, "dev", limit=SAMPLE)
print(len(train), "train and", len(dev), "dev articles")

# %% [markdown]
# ## Train and compare on dev
# PolNeAR has no gold sentence boundaries. A gold Source or Cue phrase never spans two
# sentences, so a boundary inside one is certainly an error: we count those on dev for
# Punkt's untrained defaults, Punkt trained on PolNeAR, and trained plus news abbreviations.

# %%
learned = train_punkt(d.text for d in train)
augmented = train_punkt((d.text for d in train), extra_abbreviations=NEWS_ABBREVIATIONS)
candidates = {
    "untrained": PunktSentenceTokenizer()._params,
    "trained": learned,
    "trained+news": augmented,
}
comparison = {
    name: boundary_errors(dev, Segmenter(PunktSentenceTokenizer(p)))
    for name, p in candidates.items()
}
for name, row in comparison.items():
    print(f"{name:14s} {row}")

# %% [markdown]
# ## Save

# %%
OUT.mkdir(parents=True, exist_ok=True)
save_params(augmented, OUT / "punkt.json")
manifest = write_manifest(
    OUT, "punkt", "punkt.json",
    trained_on={"corpus": "PolNeAR", "split": "train", "documents": len(train)},
    abbreviations=len(augmented.abbrev_types),
    collocations=len(augmented.collocations),
    sentence_starters=len(augmented.sent_starters),
    metrics={"dev_boundary_errors": comparison},
)
rows = "\n".join(
    f"| {name} | {row['boundaries']} | {row['spans_cut']} |" for name, row in comparison.items()
)
card = render_card(
    manifest,
    "Punkt sentence boundaries",
    "NLTK Punkt parameters (abbreviations, collocations, sentence starters) learnt without "
    "supervision from PolNeAR train text, plus a list of news abbreviations "
    "(`service.training.punkt.NEWS_ABBREVIATIONS`). Stored as JSON and rebuilt into a "
    "`PunktParameters` at load: no pickle, no `nltk.download`.",
    {
        "Data": f"PolNeAR v1.0.0 train split, {len(train)} articles (text only).",
        "Evaluation": "PolNeAR has no gold sentence boundaries. A gold Source or Cue phrase "
                      "never spans two sentences, so a boundary inside one is an error: "
                      f"counted on dev ({len(dev)} articles).\n\n"
                      "| parameters | boundaries | boundaries cutting a gold source/cue |\n"
                      "|---|---|---|\n" + rows,
        "Reproduce": "`python3 dev.py train notebooks/01_punkt.py`.",
    },
)
write_card(OUT, card)
print(manifest["artifact_id"])
