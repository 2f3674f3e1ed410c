"""The data sets training and evaluation read: what each needs under the data root, where it
is published, its licence and who uses it. The one place that knows this: ``python3 dev.py
data`` (or ``python -m service.training.datasets [DATA]``) checks a data folder against it,
and the tests that need data skip with :func:`skip_reason`.

Standard library only (dev.py imports it before any virtual environment exists).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from service.training.config import data_root
from service.training.lexicons import LEXICONS

DEV_COMMAND = "python3 dev.py data"
BASIL_YEARS = (2010, 2011, 2012, 2013, 2014)  # the half the project reads (basil.YEARS)
GUM_GENRES = ("news", "interview")  # what the GUM evaluation reads (gum.GENRES)


def _word_lists(folder: str) -> tuple[str, ...]:
    return tuple(s.path for s in LEXICONS.values() if s.path.startswith(f"{folder}/"))


@dataclass(frozen=True)
class Dataset:
    name: str  # the folder under the data root
    title: str
    required: tuple[str, ...]  # paths or glob patterns relative to the data root
    upstream: str
    licence: str
    used_by: tuple[str, ...]

    def missing(self, root: Path) -> list[str]:
        """The required paths (or patterns matching nothing) absent under ``root``."""
        root = Path(root)
        return [
            pattern
            for pattern in self.required
            if not (any(root.glob(pattern)) if "*" in pattern else (root / pattern).is_file())
        ]


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "polnear",
        "PolNeAR v1.0.0 (Newell, Margolin and Ruths, LREC 2018): attribution relations in "
        "political news; train and dev splits (the test split is held back)",
        (
            "polnear/metadata.tsv",
            "polnear/train/text/*.txt",
            "polnear/train/attributions/*.ann",
            "polnear/dev/text/*.txt",
            "polnear/dev/attributions/*.ann",
        ),
        "https://github.com/networkdynamics/PolNeAR",
        "none stated by the repository (research corpus: cite the paper)",
        (
            "notebooks 01, 02, 03, 04, 05, 07",
            "reportedly evaluate (sentences, spans), reportedly snapshot",
            "tests marked slow (model cards, notebooks, span metrics, CLI evaluate)",
        ),
    ),
    Dataset(
        "babe",
        "BABE, Bias Annotations By Experts (Spinde et al., Findings of EMNLP 2021), SG2 set, "
        "with its bias-word lexicon",
        ("babe/babe_sg2.csv", *_word_lists("babe")),
        "https://github.com/Media-Bias-Group/"
        "Neural-Media-Bias-Detection-Using-Distant-Supervision-With-BABE",
        "AGPL-3.0 (babe/LICENSE)",
        ("notebook 04", "reportedly evaluate --task bias", "the bias model-card test"),
    ),
    Dataset(
        "lexicons",
        "word lists of biased language (Recasens, Danescu-Niculescu-Mizil and Jurafsky, "
        "ACL 2013) as published with rpryzant/neutralizing-bias",
        _word_lists("lexicons"),
        "https://github.com/rpryzant/neutralizing-bias",
        "MIT (lexicons/LICENSE)",
        ("notebook 04", "the loaded-verbs provenance test"),
    ),
    Dataset(
        "ud",
        "Universal Dependencies English Web Treebank 2.x, dev and test files",
        ("ud/ewt/en_ewt-ud-dev.conllu", "ud/ewt/en_ewt-ud-test.conllu"),
        "https://github.com/UniversalDependencies/UD_English-EWT (universaldependencies.org)",
        "CC BY-SA 4.0 (ud/ewt/LICENSE.txt)",
        ("notebook 06",),
    ),
    Dataset(
        "gum",
        "GUM, Georgetown University Multilayer corpus (Zeldes 2017), the openly licensed "
        "genres: UD trees, RST discourse trees, coreference, standard splits",
        (
            "gum/splits.md",
            *(f"gum/dep/GUM_{genre}_*.conllu" for genre in GUM_GENRES),
            "gum/rst/*.rs4",
            "gum/coref/*.conll",
        ),
        "https://github.com/amir-zeldes/gum",
        "annotations CC BY 4.0; texts CC BY 2.5 (Wikinews), CC BY 4.0 or CC BY-SA 3.0 "
        "(gum/LICENSE.txt)",
        (
            "notebook 06",
            "reportedly evaluate --task gum, reportedly snapshot",
            "the GUM and tagger tests",
        ),
    ),
    Dataset(
        "basil",
        "BASIL, 2nd release (Fan et al., EMNLP 2019): phrase-level media bias, the events of "
        "2010-2014",
        tuple(
            f"basil/{kind}/{year}/*{suffix}.json"
            for year in BASIL_YEARS
            for kind, suffix in (("articles", ""), ("annotations", "_ann"))
        ),
        "https://github.com/launchnlp/BASIL (first release: "
        "https://github.com/marshallwhiteorg/emnlp19-media-bias)",
        "none stated by the repository (research data: cite the paper); the texts are the "
        "outlets' copyright",
        ("notebook 04", "reportedly evaluate --task bias (its real-news figures)"),
    ),
)
BY_NAME = {d.name: d for d in DATASETS}


def _listed(paths: list[str], most: int = 3) -> str:
    more = f" and {len(paths) - most} more" if len(paths) > most else ""
    return ", ".join(paths[:most]) + more


def skip_reason(names: str | tuple[str, ...], root: Path | None = None) -> str | None:
    """Why a test needing the data sets ``names`` cannot run (None when it can)."""
    root = Path(root) if root is not None else data_root()
    names = (names,) if isinstance(names, str) else names
    gaps = [(n, BY_NAME[n].missing(root)) for n in names]
    gaps = [(n, m) for n, m in gaps if m]
    if not gaps:
        return None
    said = "; ".join(f"{n} missing {_listed(m)}" for n, m in gaps)
    return f"data under {root}: {said} (run `{DEV_COMMAND}` for where to get it)"


def report(root: Path) -> tuple[str, int]:
    """A per-data-set report on ``root`` and how many data sets are incomplete."""
    lines = [f"data folder: {root} (REPORTEDLY_DATA overrides it)"]
    incomplete = 0
    for d in DATASETS:
        missing = d.missing(root)
        incomplete += bool(missing)
        if not (Path(root) / d.name).is_dir():
            state = f"MISSING: no {d.name}/ folder"
        else:
            state = f"MISSING {_listed(missing, 6)}" if missing else "present"
        lines += [
            f"{d.name + '/':10} {state}",
            f"{'':10} {d.title}",
            f"{'':10} get it from {d.upstream}; licence: {d.licence}",
            f"{'':10} used by: {'; '.join(d.used_by)}",
        ]
    if incomplete:
        lines.append(
            f"{incomplete} of {len(DATASETS)} data sets incomplete: training and the tests "
            f"that need them cannot run (README, 'Training data')"
        )
    else:
        lines.append(f"all {len(DATASETS)} data sets present")
    return "\n".join(lines), incomplete


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("-h", "--help"):
        print(f"usage: {DEV_COMMAND} [DATA_FOLDER]\n\n{__doc__}")
        return 0
    root = Path(argv[0]) if argv else data_root()
    text, incomplete = report(root)
    print(text)
    return 1 if incomplete else 0


if __name__ == "__main__":
    sys.exit(main())
