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
# # 05 · Sourcing by publisher and by month
#
# How do outlets source their political news? We score the PolNeAR articles (train and dev;
# the test split stays held back) with the batch API (`service.batch.analyze_corpus`, a local
# Dask cluster) and compare four measures by publisher and by month of publication:
#
# - **attribution density**: reported sentences over sentences;
# - **anonymous-source share**: anonymous sources over sources;
# - **direct-quote share**: relations of kind `direct_quote` over relations;
# - **writer-voice bias** (`writer_bias_share`): biased sentences in the writer's own voice
#   over sentences in the writer's voice.
#
# Each is pooled over a group's articles (sum of numerators over sum of denominators), with a
# 95% confidence interval from a bootstrap that resamples whole articles. Configuration from
# the environment: `REPORTEDLY_DATA`, `REPORTEDLY_SAMPLE` (that many articles per split, spread
# over the publishers) and `REPORTEDLY_FIGURES_OUT` (where the PNGs go: `docs/figures/` on a
# full run, a temporary folder on a sample run so the committed figures stay as they are).

# %%
import os
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from service.batch import analyze_corpus
from service.training import config
from service.training.polnear import read_split

DATA = config.data_root() / "polnear"
SAMPLE = config.sample_size()
FIGURES = Path(os.environ.get("REPORTEDLY_FIGURES_OUT")
               or (tempfile.mkdtemp(prefix="reportedly-figures-") if SAMPLE
                   else config.REPO_ROOT / "docs" / "figures"))
FIGURES.mkdir(parents=True, exist_ok=True)
BOOTSTRAP = 2000 if SAMPLE is None else 200
rng = np.random.default_rng(0)
print(f"data={DATA} sample={SAMPLE} figures={FIGURES}")

# %% [markdown]
# ## The corpus
# A sample run takes the first `REPORTEDLY_SAMPLE` articles of each split in turn from each
# publisher, so every outlet is represented.

# %%
def spread(docs, n):
    """The first ``n`` documents taking one from each publisher in turn."""
    by_publisher = {}
    for doc in docs:
        by_publisher.setdefault(doc.publisher, []).append(doc)
    order = [d for i in range(max(map(len, by_publisher.values())))
             for _, ds in sorted(by_publisher.items()) if i < len(ds) for d in ds[i:i + 1]]
    return order[:n] if n else order


docs = [d for split in ("train", "dev") for d in spread(read_split(DATA, split), SAMPLE)]
corpus = pd.DataFrame({
    "id": [d.name for d in docs], "text": [d.text for d in docs],
    "publisher": [d.publisher for d in docs], "date": [d.date for d in docs],
    "split": [d.split for d in docs],
})
corpus["month"] = corpus["date"].str[:7]
print(f"{len(corpus)} articles, {corpus['text'].str.split().str.len().sum():,} words")
print(corpus.groupby("publisher").size().to_string())

# %% [markdown]
# ## Score it
# One call: partitions of 25 articles on a local cluster (one process per core, the models
# loaded once per process), the sentence, attribution and source tables alongside.

# %%
frames = analyze_corpus(corpus.drop(columns=["month"]), partition_size=25, as_pandas=True,
                        tables=("sentences", "attributions", "sources"))
articles = frames["articles"].merge(corpus[["id", "month"]], on="id")
sentences, attributions, sources = (frames[k] for k in ("sentences", "attributions", "sources"))
print(f"{len(articles)} articles scored, {articles['error'].notna().sum()} errors; "
      f"{len(sentences):,} sentences, {len(attributions):,} attributions, "
      f"{len(sources):,} sources; model {articles['model_version'].iloc[0]}")
articles = articles[articles["error"].isna()].copy()

# %% [markdown]
# ## Numerators and denominators per article
# Pooled shares need counts: direct quotes from the attributions table, sentences in the
# writer's voice (`writer` or `mixed`) from the sentences table.

# %%
quotes = attributions[attributions["kind"] == "direct_quote"].groupby("id").size()
writer = sentences[sentences["voice"].isin(["writer", "mixed"])].groupby("id").size()
articles["direct_quotes"] = articles["id"].map(quotes).fillna(0)
articles["writer_sentences"] = articles["id"].map(writer).fillna(0)
articles["writer_biased"] = (articles["writer_bias_share"] * articles["writer_sentences"]).round()

MEASURES = {  # name: (numerator, denominator, title)
    "attribution_density": ("reported_sentences", "sentences", "Attribution density"),
    "anonymous_share": ("anonymous_sources", "sources", "Anonymous-source share"),
    "direct_quote_share": ("direct_quotes", "attributions", "Direct-quote share"),
    "writer_bias_share": ("writer_biased", "writer_sentences", "Writer-voice bias"),
}


def pooled(df, num, den):
    """Pooled ratio and a 95% article-bootstrap interval (NaN without a denominator)."""
    n, d = df[num].to_numpy(float), df[den].to_numpy(float)
    if len(n) == 0 or d.sum() == 0:
        return np.nan, np.nan, np.nan
    idx = rng.integers(0, len(n), size=(BOOTSTRAP, len(n)))
    boot_d = d[idx].sum(axis=1)
    boot = np.divide(n[idx].sum(axis=1), boot_d, out=np.full(BOOTSTRAP, np.nan),
                     where=boot_d > 0)
    low, high = np.nanpercentile(boot, [2.5, 97.5])
    return n.sum() / d.sum(), low, high


def summarise(by):
    rows = []
    for key, group in articles.groupby(by):
        row = {by: key, "articles": len(group)}
        for name, (num, den, _) in MEASURES.items():
            row[name], row[f"{name}_low"], row[f"{name}_high"] = pooled(group, num, den)
        rows.append(row)
    return pd.DataFrame(rows)


by_publisher = summarise("publisher")
by_month = summarise("month")
pd.set_option("display.width", 140)
print(by_publisher[["publisher", "articles", *MEASURES]].round(3).to_string(index=False))

# %% [markdown]
# ## By publisher

# %%
NAMES = {"breitbart": "Breitbart", "huff-post": "HuffPost", "nyt": "New York Times",
         "politico": "Politico", "usa-today": "USA Today", "wash-post": "Washington Post",
         "west-journal": "Western Journal"}


def plot_publishers(table):
    fig, axes = plt.subplots(2, 2, figsize=(11, 7), sharey=True)
    labels = [NAMES.get(p, p) for p in table["publisher"]]
    y = np.arange(len(table))
    for ax, (name, (_, _, title)) in zip(axes.flat, MEASURES.items()):
        value = table[name].to_numpy()
        err = np.vstack([value - table[f"{name}_low"], table[f"{name}_high"] - value])
        ax.barh(y, value, color="#8fb3d9")
        ax.errorbar(value, y, xerr=np.nan_to_num(err), fmt="none", ecolor="#1f3b5c", capsize=3)
        overall = pooled(articles, *MEASURES[name][:2])[0]
        ax.axvline(overall, color="#b5523b", linestyle="--", linewidth=1)
        ax.set_title(title)
        ax.set_yticks(y, labels)
        ax.set_xlim(0, max(0.05, np.nanmax(table[f"{name}_high"].to_numpy()) * 1.1))
        ax.grid(axis="x", alpha=0.3)
    axes[0, 0].invert_yaxis()
    fig.suptitle(f"PolNeAR train+dev, {int(table['articles'].sum())} articles: pooled shares "
                 "with 95% bootstrap intervals (dashed: all publishers)")
    fig.tight_layout()
    return fig


fig = plot_publishers(by_publisher)
fig.savefig(FIGURES / "sourcing_by_publisher.png", dpi=100)
plt.close(fig)

# %% [markdown]
# ## By month
# All publishers pooled; the band is the 95% interval. October 2016 holds few articles.

# %%
def plot_months(table):
    fig, axes = plt.subplots(2, 2, figsize=(11, 7), sharex=True)
    x = np.arange(len(table))
    for ax, (name, (_, _, title)) in zip(axes.flat, MEASURES.items()):
        ax.plot(x, table[name], marker="o", color="#1f3b5c")
        ax.fill_between(x, table[f"{name}_low"], table[f"{name}_high"], color="#8fb3d9",
                        alpha=0.5, linewidth=0)
        ax.set_title(title)
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
    for ax in axes[1]:
        ax.set_xticks(x, [f"{m} ({n})" for m, n in zip(table["month"], table["articles"])],
                      rotation=45, ha="right", fontsize=8)
    fig.suptitle("By month of publication (articles in brackets), all publishers pooled")
    fig.tight_layout()
    return fig


fig = plot_months(by_month)
fig.savefig(FIGURES / "sourcing_by_month.png", dpi=100)
plt.close(fig)
print(by_month[["month", "articles", *MEASURES]].round(3).to_string(index=False))

# %% [markdown]
# ## Most-cited sources per publisher
# Sources are grouped within an article by the engine (its fullest name); across articles we
# group them by that name, case-folded. `citations` counts the relations resting on a source,
# `articles` the articles citing it; a surname alone ("Obama") joins the one full name of a
# person ending with it at that publisher ("Barack Obama"). Named sources only: the unnamed
# ones ("officials") are what the anonymous-source share measures.

# %%
def full_names(group):
    """Map a lone surname to the publisher's only person with that surname, if any."""
    people = group.loc[group["type"] == "person", "name"]
    full = {}
    for name in set(people[people.str.contains(" ")]):
        full.setdefault(name.split()[-1].casefold(), set()).add(name)
    lone = {k: next(iter(v)) for k, v in full.items() if len(v) == 1}
    return group["name"].map(
        lambda n: lone.get(n.casefold(), n) if " " not in n else n).where(
        group["type"] == "person", group["name"])


named = sources[sources["named"]].merge(articles[["id", "publisher"]], on="id")
named["name"] = pd.concat([full_names(g) for _, g in named.groupby("publisher")])
named = named.assign(key=named["name"].str.casefold())
top = (named.groupby(["publisher", "key"])
       .agg(source=("name", lambda s: s.mode().iloc[0]), type=("type", lambda s: s.mode().iloc[0]),
            citations=("attribution_count", "sum"), articles=("id", "nunique"))
       .reset_index()
       .sort_values(["publisher", "citations", "articles"], ascending=[True, False, False])
       .groupby("publisher").head(5))
top["rank"] = top.groupby("publisher").cumcount() + 1


def markdown(table, columns):
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(v) for v in row) + " |"
              for row in table[columns].itertuples(index=False)]
    return "\n".join(lines)


top["publisher"] = top["publisher"].map(lambda p: NAMES.get(p, p))
table = markdown(top, ["publisher", "rank", "source", "type", "citations", "articles"])
(FIGURES / "top_sources_by_publisher.md").write_text(table + "\n", encoding="utf-8")
print(table)

# %%
print("figures written:", sorted(p.name for p in FIGURES.iterdir()))
