"""Reader for BABE ("Bias Annotations By Experts", Spinde et al., Findings of EMNLP 2021), SG2.

``babe/babe_sg2.csv`` is ``;``-separated UTF-8 with a header
``text;news_link;outlet;topic;type;label_bias;label_opinion;biased_words``; ``biased_words`` is
a Python-style list literal, parsed with :func:`ast.literal_eval` (never ``eval``). Rows that
cannot be used are skipped and reported in :attr:`BabeData.skipped` with their line number and
reason, never silently.
"""

from __future__ import annotations

import ast
import csv
from dataclasses import dataclass, field
from pathlib import Path

FILE = "babe_sg2.csv"
COLUMNS = (
    "text",
    "news_link",
    "outlet",
    "topic",
    "type",
    "label_bias",
    "label_opinion",
    "biased_words",
)
BIAS_LABELS = ("Biased", "Non-biased")
OPINION_LABELS = (
    "Entirely factual",
    "Somewhat factual but also opinionated",
    "Expresses writer's opinion",
)
NO_AGREEMENT = "No agreement"


@dataclass(frozen=True)
class BabeRow:
    text: str
    outlet: str
    topic: str
    label_bias: str | None  # "Biased" / "Non-biased"; None when the annotators did not agree
    label_opinion: str | None  # one of OPINION_LABELS; None when they did not agree
    biased_words: tuple[str, ...]
    line: int  # 1-based line of the record in the CSV (header is line 1)

    @property
    def biased(self) -> int | None:
        """1 for Biased, 0 for Non-biased, None for no agreement."""
        return None if self.label_bias is None else int(self.label_bias == "Biased")

    @property
    def opinion(self) -> int | None:
        """1 for "Expresses writer's opinion", 0 for "Entirely factual", None otherwise."""
        if self.label_opinion == OPINION_LABELS[2]:
            return 1
        if self.label_opinion == OPINION_LABELS[0]:
            return 0
        return None


@dataclass
class BabeData:
    rows: list[BabeRow]
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)

    def labelled(self) -> list[BabeRow]:
        """Rows with a Biased / Non-biased label (the "No agreement" rows left out)."""
        return [r for r in self.rows if r.label_bias is not None]


def _norm_label(value: str, allowed: tuple[str, ...]) -> str | None:
    value = " ".join(value.replace("’", "'").split())
    if value == NO_AGREEMENT:
        return None
    if value not in allowed:
        raise ValueError(f"unknown label {value!r}")
    return value


def parse_biased_words(value: str) -> tuple[str, ...]:
    """``"['cult', 'bizarre']"`` -> ``('cult', 'bizarre')``; empty cell -> ``()``."""
    value = value.strip()
    if not value:
        return ()
    parsed = ast.literal_eval(value)
    if not isinstance(parsed, (list, tuple)) or not all(isinstance(w, str) for w in parsed):
        raise ValueError("biased_words is not a list of strings")
    return tuple(w.strip() for w in parsed if w.strip())


def read_babe(path: Path, limit: int | None = None) -> BabeData:
    """Read ``babe_sg2.csv`` (or the folder holding it); ``limit`` keeps the first N usable rows."""
    path = Path(path)
    if path.is_dir():
        path = path / FILE
    rows: list[BabeRow] = []
    skipped: list[tuple[int, str]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter=";")
        header = next(reader, None)
        if header is None or tuple(h.strip().lstrip("\ufeff") for h in header) != COLUMNS:
            raise ValueError(f"{path}: header is {header!r}, expected {';'.join(COLUMNS)}")
        line = reader.line_num
        for record in reader:
            start, line = line + 1, reader.line_num
            if limit is not None and len(rows) >= limit:
                break
            if not any(c.strip() for c in record):
                continue
            if len(record) != len(COLUMNS):
                skipped.append((start, f"{len(record)} fields, expected {len(COLUMNS)}"))
                continue
            rec = dict(zip(COLUMNS, record))
            text = rec["text"].strip()
            if not text:
                skipped.append((start, "empty text"))
                continue
            try:
                label_bias = _norm_label(rec["label_bias"], BIAS_LABELS)
                label_opinion = (
                    _norm_label(rec["label_opinion"], OPINION_LABELS)
                    if rec["label_opinion"].strip()
                    else None
                )
                words = parse_biased_words(rec["biased_words"])
            except (ValueError, SyntaxError, MemoryError, RecursionError) as exc:
                skipped.append((start, f"{type(exc).__name__}: {exc}"))
                continue
            rows.append(
                BabeRow(
                    text=text,
                    outlet=rec["outlet"].strip() or "unknown",
                    topic=rec["topic"].strip(),
                    label_bias=label_bias,
                    label_opinion=label_opinion,
                    biased_words=words,
                    line=start,
                )
            )
    return BabeData(rows, skipped)
